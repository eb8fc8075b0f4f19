"""The example apps of the README quick starts, exercised by test_frameworks.py.

Each app has two endpoints: /hubspot/webhook (the URL comes from the request) and /proxied
(the public URL HubSpot calls is given explicitly, as behind a proxy or TLS terminator).
Handled events land in RECEIVED.
"""

import os
from typing import Any, Dict, List

os.environ.setdefault("HUBSPOT_CLIENT_SECRET", "3c9a1e2f-5b7d-4e8a-9f10-2a3b4c5d6e7f")
PUBLIC_URL = "https://hooks.example.com/hubspot/webhook"
RECEIVED: List[Dict[str, Any]] = []

# --- Flask -----------------------------------------------------------------------------------
from flask import Flask

from hubspot_webhooks import Verifier
from hubspot_webhooks.flask import verify_request

flask_app = Flask(__name__)
verifier = Verifier(secret=os.environ["HUBSPOT_CLIENT_SECRET"])


@flask_app.post("/hubspot/webhook")
def flask_webhook():  # type: ignore[no-untyped-def]
    delivery = verify_request(verifier)  # answers 401/400/500 itself if the request is not valid
    for event in delivery.events:
        RECEIVED.append(event.to_dict())  # hand over to a queue; answer within 5 s
    return "", 204


@flask_app.post("/proxied")
def flask_proxied():  # type: ignore[no-untyped-def]
    delivery = verify_request(verifier, url=PUBLIC_URL)
    RECEIVED.extend(event.to_dict() for event in delivery.events)
    return "", 204


# --- FastAPI ---------------------------------------------------------------------------------
from fastapi import Depends, FastAPI

from hubspot_webhooks import VerifiedBatch
from hubspot_webhooks.fastapi import HubSpotWebhook

fastapi_app = FastAPI()
hubspot = HubSpotWebhook(Verifier(secret=os.environ["HUBSPOT_CLIENT_SECRET"]))
hubspot_proxied = HubSpotWebhook(verifier, url=PUBLIC_URL)


@fastapi_app.post("/hubspot/webhook", status_code=204)
async def fastapi_webhook(delivery: VerifiedBatch = Depends(hubspot)) -> None:
    for event in delivery.events:
        RECEIVED.append(event.to_dict())


@fastapi_app.post("/proxied", status_code=204)
async def fastapi_proxied(delivery: VerifiedBatch = Depends(hubspot_proxied)) -> None:
    RECEIVED.extend(event.to_dict() for event in delivery.events)


# --- Starlette -------------------------------------------------------------------------------
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


async def starlette_webhook(request: Request) -> Response:
    delivery = await hubspot(request)  # raises HTTPException(401/400/500) if not valid
    RECEIVED.extend(event.to_dict() for event in delivery.events)
    return Response(status_code=204)


async def starlette_proxied(request: Request) -> Response:
    delivery = await hubspot_proxied(request)
    RECEIVED.extend(event.to_dict() for event in delivery.events)
    return Response(status_code=204)


starlette_app = Starlette(
    routes=[
        Route("/hubspot/webhook", starlette_webhook, methods=["POST"]),
        Route("/proxied", starlette_proxied, methods=["POST"]),
    ]
)

# --- Django (views; the URLconf is django_urls.py) --------------------------------------------
from django.http import HttpRequest, HttpResponse

from hubspot_webhooks.django import hubspot_webhook


@hubspot_webhook(verifier)
def django_webhook(request: HttpRequest, delivery: VerifiedBatch) -> HttpResponse:
    for event in delivery.events:
        RECEIVED.append(event.to_dict())
    return HttpResponse(status=204)


@hubspot_webhook(verifier, url=PUBLIC_URL)
def django_proxied(request: HttpRequest, delivery: VerifiedBatch) -> HttpResponse:
    RECEIVED.extend(event.to_dict() for event in delivery.events)
    return HttpResponse(status=204)


@hubspot_webhook(verifier)
async def django_async(request: HttpRequest, delivery: VerifiedBatch) -> HttpResponse:
    RECEIVED.extend(event.to_dict() for event in delivery.events)
    return HttpResponse(status=204)
