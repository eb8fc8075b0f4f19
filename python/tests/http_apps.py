"""Apps for the HTTP case table (tests/http/cases.json), served over real HTTP on 127.0.0.1 by
test_http_cases.py: each framework's helper mounted at /webhook and every path under it, as a
user would write it, and with the table's routers at /routed/<name>. ``CONFIG.public_url``, set
by the runner per case, is the public URL the helper is configured with (a function of the
request, as the helpers accept). The routers' handlers record what they handled in ``HANDLED``;
the answer-first router's handler waits for ``RELEASE``."""

import json
import socket
import threading
import time
from typing import Any, Callable, Dict, Iterator, List, Optional

import anyio
from conftest import REPO

import hubspot_webhooks as hw

TABLE = json.loads((REPO / "tests" / "http" / "cases.json").read_text(encoding="utf-8"))
VERIFIER = hw.Verifier(secret=TABLE["secret"], max_body_bytes=TABLE["max_body_bytes"])


class Config:
    public_url: Optional[str] = None


CONFIG = Config()


def configured(request: Any) -> str:
    assert CONFIG.public_url is not None
    return CONFIG.public_url


# --- The table's routers (its `routers`) -----------------------------------------------------------
HANDLED: List[str] = []
RELEASE = threading.Event()
WAIT_GUARD = 60  # seconds: a hang guard for the released handler, not a measure


def name_of(event: hw.AnyEvent) -> str:
    return event.type if isinstance(event, hw.ChannelEvent) else event.subscription_type


def recorder(pattern: str) -> Callable[[hw.AnyEvent], None]:
    def record(event: hw.AnyEvent) -> None:
        HANDLED.append(f"{pattern} {name_of(event)}")

    return record


def routers() -> Dict[str, hw.Router]:
    """The routers of the table, made as an app makes them at start-up."""
    ok = hw.Router()
    for pattern in ("*", "contact.creation", "OUTGOING_CHANNEL_MESSAGE_CREATED"):
        ok.on(pattern, recorder(pattern))

    failing = hw.Router()

    @failing.on("*")
    def fail(event: hw.AnyEvent) -> None:
        raise RuntimeError(f"a handler failed on {name_of(event)}")

    failing.on("*", recorder("*"))

    answer_first = hw.Router()

    @answer_first.on("*")
    async def slow(event: hw.AnyEvent) -> None:
        deadline = time.monotonic() + WAIT_GUARD
        while not RELEASE.is_set() and time.monotonic() < deadline:
            await anyio.sleep(0.01)
        recorder("*")(event)

    return {"ok": ok, "failing": failing, "answer-first": answer_first}


ROUTERS = routers()
assert sorted(ROUTERS) == sorted(TABLE["routers"]), "the apps make the table's routers"


# --- Flask -------------------------------------------------------------------------------------
from flask import Flask

from hubspot_webhooks.flask import receive as flask_receive
from hubspot_webhooks.flask import verify_request as flask_verify

flask_app = Flask("http_cases")


@flask_app.route("/routed/<name>", methods=["GET", "POST"])
def flask_routed(name: str) -> Any:
    return flask_receive(VERIFIER, ROUTERS[name])


@flask_app.route("/webhook", methods=["GET", "POST"])
@flask_app.route("/webhook/<path:rest>", methods=["GET", "POST"])
def flask_webhook(rest: str = "") -> Any:
    url = configured if CONFIG.public_url is not None else None
    flask_verify(VERIFIER, url=url)
    return "", 204


# --- FastAPI and Starlette -----------------------------------------------------------------------
from fastapi import Depends, FastAPI
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hubspot_webhooks.fastapi import HubSpotWebhook

READ_TIMEOUT = 1.0  # seconds; short, so that the stalled-body test ends soon
hubspot = HubSpotWebhook(VERIFIER, read_timeout=READ_TIMEOUT)
hubspot_public = HubSpotWebhook(VERIFIER, url=configured, read_timeout=READ_TIMEOUT)


async def delivery_of(request: Request) -> hw.VerifiedBatch:
    return await (hubspot_public if CONFIG.public_url is not None else hubspot)(request)


fastapi_app = FastAPI()


@fastapi_app.api_route("/webhook", methods=["GET", "POST"], status_code=204)
@fastapi_app.api_route("/webhook/{rest:path}", methods=["GET", "POST"], status_code=204)
async def fastapi_webhook(delivery: hw.VerifiedBatch = Depends(delivery_of)) -> None:
    assert len(delivery.events) >= 0


async def starlette_webhook(request: Request) -> Response:
    await delivery_of(request)
    return Response(status_code=204)


HOOKS = {
    name: HubSpotWebhook(VERIFIER, router=router, answer_first=name == "answer-first", read_timeout=READ_TIMEOUT)
    for name, router in ROUTERS.items()
}
for name, hook in HOOKS.items():
    fastapi_app.add_api_route(f"/routed/{name}", hook.endpoint, methods=["GET", "POST"])

starlette_app = Starlette(
    routes=[
        Route("/webhook", starlette_webhook, methods=["GET", "POST"]),
        Route("/webhook/{rest:path}", starlette_webhook, methods=["GET", "POST"]),
        *(Route(f"/routed/{name}", hook.endpoint, methods=["GET", "POST"]) for name, hook in HOOKS.items()),
    ]
)

# --- Django (the URLconf is django_urls.py) ------------------------------------------------------
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from hubspot_webhooks.django import hubspot_webhook, receive_view

DJANGO_ROUTED = {name: receive_view(VERIFIER, router) for name, router in ROUTERS.items()}


@hubspot_webhook(VERIFIER)
def django_plain(request: HttpRequest, delivery: hw.VerifiedBatch) -> HttpResponse:
    return HttpResponse(status=204)


@hubspot_webhook(VERIFIER, url=configured)
def django_public(request: HttpRequest, delivery: hw.VerifiedBatch) -> HttpResponse:
    return HttpResponse(status=204)


@csrf_exempt
def django_webhook(request: HttpRequest) -> HttpResponse:
    view = django_public if CONFIG.public_url is not None else django_plain
    response: HttpResponse = view(request)
    return response


# --- Servers -------------------------------------------------------------------------------------
SERVER_TIMEOUT = 2  # seconds a WSGI server waits on a silent client (its socket timeout)


def wsgi_server(app: Callable[..., Any]) -> Iterator[int]:
    """A threaded Werkzeug server on 127.0.0.1 (a free port) with a socket timeout, as a
    production WSGI server has one; yields the port, stops the server after."""
    from werkzeug.serving import WSGIRequestHandler, make_server

    class Handler(WSGIRequestHandler):
        timeout = SERVER_TIMEOUT

        def log_request(self, *args: Any, **kwargs: Any) -> None:
            pass

    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def asgi_server(app: Any) -> Iterator[int]:
    """uvicorn on 127.0.0.1 (a free port) in a thread; yields the port, stops the server after."""
    import time

    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="critical", lifespan="off", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            assert thread.is_alive(), "uvicorn did not start"
            time.sleep(0.01)
        yield sock.getsockname()[1]
    finally:
        server.should_exit = True
        thread.join()
        sock.close()


def django_wsgi() -> Any:
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


def django_asgi() -> Any:
    from django.core.asgi import get_asgi_application

    return get_asgi_application()


SERVERS = {
    "flask": lambda: wsgi_server(flask_app),
    "fastapi": lambda: asgi_server(fastapi_app),
    "starlette": lambda: asgi_server(starlette_app),
    "django": lambda: wsgi_server(django_wsgi()),
    "django-asgi": lambda: asgi_server(django_asgi()),
}
