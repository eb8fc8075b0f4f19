"""Starlette and FastAPI helpers.

FastAPI, as a dependency::

    from fastapi import Depends, FastAPI
    from hubspot_webhooks import Verifier, VerifiedBatch
    from hubspot_webhooks.starlette import HubSpotWebhook

    app = FastAPI()
    hubspot = HubSpotWebhook(Verifier(secret=os.environ["HUBSPOT_CLIENT_SECRET"]))

    @app.post("/hubspot/webhook", status_code=204)
    async def hubspot_webhook(delivery: VerifiedBatch = Depends(hubspot)) -> None:
        for event in delivery.events:
            ...

Starlette, in an endpoint: ``delivery = await hubspot(request)``.
"""

from typing import Callable, Optional, Union

from starlette.exceptions import HTTPException
from starlette.requests import Request

from ._errors import HubSpotWebhookError
from ._http import error_body, http_status, public_url
from ._native import Verifier, VerifiedBatch

__all__ = ["HubSpotWebhook", "verify_request"]


async def verify_request(
    request: Request,
    verifier: Verifier,
    *,
    url: Union[str, Callable[[Request], str], None] = None,
    now_ms: Optional[int] = None,
) -> VerifiedBatch:
    """Verifies a Starlette request and parses its events.

    Reads the raw body (``await request.body()``, cached by Starlette for the endpoint) and the URL
    from ``request.url``. Behind a proxy or TLS terminator, pass the public URL HubSpot calls as
    ``url`` (a string or a function of the request), or run uvicorn with ``--proxy-headers``.

    A request that is not a valid HubSpot delivery raises Starlette's ``HTTPException`` with
    status 401 (signature or timestamp), 400 (body) or 500 (configuration) and the error code as
    its detail.
    """
    body = await request.body()
    try:
        return verifier.verify_and_parse(
            request.method,
            public_url(url, request, lambda: str(request.url)),
            request.headers,
            body,
            now_ms=now_ms,
        )
    except HubSpotWebhookError as err:
        raise HTTPException(status_code=http_status(err), detail=error_body(err)["error"]) from err


class HubSpotWebhook:
    """A FastAPI dependency (``Depends(HubSpotWebhook(verifier))``) giving the verified delivery;
    also callable from a Starlette endpoint: ``await hubspot(request)``."""

    def __init__(self, verifier: Verifier, *, url: Union[str, Callable[[Request], str], None] = None) -> None:
        self.verifier = verifier
        self.url = url

    async def __call__(self, request: Request) -> VerifiedBatch:
        return await verify_request(request, self.verifier, url=self.url)
