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

import json
from typing import Callable, Optional, Union

import anyio
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request

from ._errors import HubSpotWebhookError
from ._http import Answer, Body, declared_length, error_answer, method_not_allowed, public_url, wire_url
from ._native import Verifier, VerifiedBatch

__all__ = ["HubSpotWebhook", "verify_request", "DEFAULT_READ_TIMEOUT"]

#: Seconds a client may pause while sending the body before it is verified as received.
DEFAULT_READ_TIMEOUT = 10.0


def _refuse(request: Request, answer: Answer) -> HTTPException:
    """The answer as Starlette's ``HTTPException``: Starlette sends its detail as the body (here
    the JSON text, with a JSON content type); FastAPI sends ``{"detail": ...}``, so there the
    detail is the ``{"code", "message"}`` object."""
    detail = json.loads(answer.body)
    try:
        from fastapi import FastAPI
    except ImportError:  # pragma: no cover - FastAPI is optional
        FastAPI = None  # type: ignore[assignment,misc]
    if FastAPI is None or not isinstance(request.scope.get("app"), FastAPI):
        detail = answer.body.decode()
    return HTTPException(status_code=answer.status, detail=detail, headers=dict(answer.headers))


def _url(request: Request) -> bytes:
    """The URL as sent: ASGI's ``raw_path`` and ``query_string`` (undecoded), never ``request.url``."""
    scope = request.scope
    raw = scope.get("raw_path")
    query = scope.get("query_string", b"")
    if raw is not None and query and b"?" not in raw:
        raw += b"?" + query
    host = request.headers.get("host")
    if host is None:
        server = scope.get("server") or ("localhost", None)
        host = server[0] if server[1] is None else f"{server[0]}:{server[1]}"
    path = scope.get("root_path", "") + scope.get("path", "")
    return wire_url(f"{scope.get('scheme', 'http')}://{host}", raw, path, query)


async def _body(request: Request, check: Callable[[int], None], timeout: Optional[float]) -> bytes:
    """The raw body, read as a stream up to the verifier's limit with at most ``timeout`` seconds between
    chunks, and kept for the endpoint (``await request.body()``)."""
    body = Body(declared_length(request.headers.get("content-length")), check)
    chunks = request.stream().__aiter__()
    while True:
        try:
            with anyio.fail_after(timeout):
                chunk = await chunks.__anext__()
        except StopAsyncIteration:
            break
        except (TimeoutError, ClientDisconnect) as err:
            return body.cut_short(repr(err))
        body.add(chunk)
    data = body.bytes()
    request._body = data  # what request.body() returns from now on
    return data


async def verify_request(
    request: Request,
    verifier: Verifier,
    *,
    url: Union[str, Callable[[Request], str], None] = None,
    now_ms: Optional[int] = None,
    read_timeout: Optional[float] = DEFAULT_READ_TIMEOUT,
) -> VerifiedBatch:
    """Verifies a Starlette request and parses its events.

    Reads the body as a stream, stopping past the verifier's ``max_body_bytes`` or when the client
    sends nothing for ``read_timeout`` seconds (the body stays available to the endpoint as
    ``await request.body()``), and the URL as sent on the wire (ASGI ``raw_path`` and
    ``query_string``). Behind a proxy or TLS terminator, pass the public URL HubSpot calls as
    ``url`` (a string or a function of the request).

    A request that is not a valid HubSpot delivery raises Starlette's ``HTTPException``: 405 for a
    method other than POST, 401 (signature or timestamp), 413 (body over the limit), 400 (body) or
    500 (configuration), with ``{"code", "message"}`` as its detail.
    """
    if request.method != "POST":
        raise _refuse(request, method_not_allowed())
    try:
        body = await _body(request, verifier.check_body_length, read_timeout)
        return verifier.verify_and_parse(
            request.method, public_url(url, request, lambda: _url(request)), request.headers, body, now_ms=now_ms
        )
    except HubSpotWebhookError as err:
        raise _refuse(request, error_answer(err)) from err


class HubSpotWebhook:
    """A FastAPI dependency (``Depends(HubSpotWebhook(verifier))``) giving the verified delivery;
    also callable from a Starlette endpoint: ``await hubspot(request)``."""

    def __init__(
        self,
        verifier: Verifier,
        *,
        url: Union[str, Callable[[Request], str], None] = None,
        read_timeout: Optional[float] = DEFAULT_READ_TIMEOUT,
    ) -> None:
        self.verifier = verifier
        self.url = url
        self.read_timeout = read_timeout

    async def __call__(self, request: Request) -> VerifiedBatch:
        return await verify_request(request, self.verifier, url=self.url, read_timeout=self.read_timeout)
