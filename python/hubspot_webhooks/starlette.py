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

With a router, ``hubspot.endpoint`` verifies the request, runs the handlers and answers (204 once
every handler finished, 500 ``handler_failed`` when one failed, so that HubSpot retries); with
``answer_first=True`` it answers 204 as soon as the request is verified and runs the handlers
as a background task after the answer (a failure is then only logged)::

    router = Router()

    @router.on("OUTGOING_CHANNEL_MESSAGE_CREATED")
    async def send_to_channel(event): ...

    hubspot = HubSpotWebhook(verifier, router=router, answer_first=True)
    app.add_api_route("/hubspot/webhook", hubspot.endpoint, methods=["POST"])  # FastAPI
    Route("/hubspot/webhook", hubspot.endpoint, methods=["POST"])             # Starlette
"""

import json
from typing import Callable, Optional, Union

import anyio
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from ._errors import HandlerError, HubSpotWebhookError
from ._http import (
    Answer, Body, accepted, asgi_url, check_setup, declared_length, error_answer, handler_failed, log_late_failure,
    method_not_allowed, public_url,
)
from ._native import Verifier, VerifiedBatch, VerifiedChannelDelivery
from ._router import Router

__all__ = ["HubSpotWebhook", "receive", "verify_request", "DEFAULT_READ_TIMEOUT"]

Delivery = Union[VerifiedBatch, VerifiedChannelDelivery]

#: Seconds a client has to send the whole body; then the body is verified as received.
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
    host = request.headers.get("host")
    if host is None:
        server = scope.get("server") or ("localhost", None)
        host = server[0] if server[1] is None else f"{server[0]}:{server[1]}"
    return asgi_url(f"{scope.get('scheme', 'http')}://{host}", scope)


async def _body(request: Request, check: Callable[[int], None], timeout: Optional[float]) -> bytes:
    """The raw body, read as a stream up to the verifier's limit within ``timeout`` seconds for
    the whole of it (a client that sends nothing, or one byte at a time, holds it no longer),
    and kept for the endpoint (``await request.body()``)."""
    body = Body(declared_length(request.headers.get("content-length")), check)
    try:
        with anyio.fail_after(timeout):
            async for chunk in request.stream():
                body.add(chunk)
    except (TimeoutError, ClientDisconnect) as err:
        return body.cut_short(repr(err))
    data = body.bytes()
    request._body = data  # what request.body() returns from now on
    return data


async def _verify(
    request: Request,
    verifier: Verifier,
    url: Union[str, Callable[[Request], str], None],
    now_ms: Optional[int],
    read_timeout: Optional[float],
) -> Union[Delivery, Answer]:
    """The verified delivery, or the answer to a request that is not one."""
    if request.method != "POST":
        return method_not_allowed()
    try:
        body = await _body(request, verifier.check_body_length, read_timeout)
        return verifier.verify_and_parse(
            request.method, public_url(url, request, lambda: _url(request)), request.headers, body, now_ms=now_ms
        )
    except HubSpotWebhookError as err:
        return error_answer(err)


async def verify_request(
    request: Request,
    verifier: Verifier,
    *,
    url: Union[str, Callable[[Request], str], None] = None,
    now_ms: Optional[int] = None,
    read_timeout: Optional[float] = DEFAULT_READ_TIMEOUT,
) -> Delivery:
    """Verifies a Starlette request and parses its delivery: a batch, or a Custom Channels event
    (``delivery.kind``; ``delivery.events`` is empty for the latter).

    Reads the body as a stream, stopping past the verifier's ``max_body_bytes`` or when the body
    has not arrived whole within ``read_timeout`` seconds (the body stays available to the endpoint as
    ``await request.body()``), and the URL as sent on the wire (ASGI ``raw_path`` and
    ``query_string``). Behind a proxy or TLS terminator, pass the public URL HubSpot calls as
    ``url`` (a string or a function of the request).

    A request that is not a valid HubSpot delivery raises Starlette's ``HTTPException``: 405 for a
    method other than POST, 401 (signature or timestamp), 413 (body over the limit), 400 (body) or
    500 (configuration), with ``{"code", "message"}`` as its detail.
    """
    check_setup("verify_request", verifier, read_timeout=read_timeout)
    out = await _verify(request, verifier, url, now_ms, read_timeout)
    if isinstance(out, Answer):
        raise _refuse(request, out)
    return out


def _response(answer: Answer, background: Optional[BackgroundTask] = None) -> Response:
    return Response(answer.body or None, status_code=answer.status, headers=dict(answer.headers), background=background)


async def _after_answer(router: Router, delivery: Delivery) -> None:
    try:
        await router.receive_async(delivery)
    except HandlerError:
        log_late_failure()


async def receive(
    request: Request,
    verifier: Verifier,
    router: Router,
    *,
    url: Union[str, Callable[[Request], str], None] = None,
    now_ms: Optional[int] = None,
    read_timeout: Optional[float] = DEFAULT_READ_TIMEOUT,
    answer_first: bool = False,
) -> Response:
    """Verifies a Starlette request (as :func:`verify_request`), runs ``router``'s handlers and
    returns the answer: core's error answer for a request that is not a valid delivery; 204 once
    every handler finished, or 500 ``handler_failed`` (logged with every failure) when one raised,
    so that HubSpot retries. With ``answer_first``, 204 as soon as the request is verified, the
    handlers running as a background task after the answer (failures are logged; HubSpot does
    not retry them)."""
    check_setup("receive", verifier, router, read_timeout)
    out = await _verify(request, verifier, url, now_ms, read_timeout)
    if isinstance(out, Answer):
        return _response(out)
    if answer_first:
        return _response(accepted(), BackgroundTask(_after_answer, router, out))
    try:
        await router.receive_async(out)
    except HandlerError:
        return _response(handler_failed())
    return _response(accepted())


class HubSpotWebhook:
    """A FastAPI dependency (``Depends(HubSpotWebhook(verifier))``) giving the verified delivery;
    also callable from a Starlette endpoint: ``await hubspot(request)``. With a ``router``,
    ``endpoint`` is a whole endpoint (see :func:`receive`)."""

    def __init__(
        self,
        verifier: Verifier,
        *,
        router: Optional[Router] = None,
        answer_first: bool = False,
        url: Union[str, Callable[[Request], str], None] = None,
        read_timeout: Optional[float] = DEFAULT_READ_TIMEOUT,
    ) -> None:
        check_setup("HubSpotWebhook", verifier, router, read_timeout)
        self.verifier = verifier
        self.router = router
        self.answer_first = answer_first
        self.url = url
        self.read_timeout = read_timeout

    async def __call__(self, request: Request) -> Delivery:
        return await verify_request(request, self.verifier, url=self.url, read_timeout=self.read_timeout)

    async def endpoint(self, request: Request) -> Response:
        """A Starlette/FastAPI endpoint: verifies the request, runs the router's handlers (after
        the answer with ``answer_first``) and answers as :func:`receive` says."""
        if self.router is None:
            raise TypeError("HubSpotWebhook.endpoint needs a router: HubSpotWebhook(verifier, router=router)")
        return await receive(
            request, self.verifier, self.router, url=self.url, read_timeout=self.read_timeout,
            answer_first=self.answer_first,
        )
