"""Flask (and plain Werkzeug) helper.

::

    from flask import Flask
    from hubspot_webhooks import Verifier
    from hubspot_webhooks.flask import verify_request

    app = Flask(__name__)
    verifier = Verifier(secret=os.environ["HUBSPOT_CLIENT_SECRET"])

    @app.post("/hubspot/webhook")
    def hubspot_webhook():
        delivery = verify_request(verifier)  # answers 401/413/400/500 by itself when the request is bad
        for event in delivery.events:
            queue.put(event.to_dict())
        return "", 204

With a router, ``receive`` verifies the request, runs the handlers and answers (204 once every
handler finished, 500 ``handler_failed`` when one failed, so that HubSpot retries)::

    router = Router()

    @router.on("contact.creation")
    def new_contact(event): ...

    @app.post("/hubspot/webhook")
    def hubspot_webhook():
        return receive(verifier, router)

There is no answer-first mode under WSGI: to answer before the work is done, hand the events
to a queue in the handlers (a worker takes them from there).
"""

from typing import Any, Callable, NoReturn, Optional, Union

from ._errors import HandlerError, HubSpotWebhookError
from ._http import (
    Answer, accepted, check_setup, declared_length, error_answer, handler_failed, method_not_allowed, public_url,
    read_body, wire_url,
)
from ._native import Verifier, VerifiedBatch, VerifiedChannelDelivery
from ._router import Router

__all__ = ["receive", "verify_request"]


def _response(answer: Answer) -> Any:
    from werkzeug.wrappers import Response

    return Response(answer.body or None, status=answer.status, headers=answer.headers)


def _abort(answer: Answer) -> NoReturn:
    from werkzeug.exceptions import abort

    abort(_response(answer))
    raise AssertionError("abort always raises")  # pragma: no cover


def _url(request: Any) -> bytes:
    """The URL as sent: the raw request URI where the server gives it (Werkzeug's and gunicorn's
    ``RAW_URI``, uWSGI's and mod_wsgi's ``REQUEST_URI``), never ``request.url`` (decoded)."""
    environ = request.environ
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    return wire_url(request.host_url.rstrip("/"), raw, path, environ.get("QUERY_STRING", ""))


def _body(request: Any, check: Callable[[int], None]) -> bytes:
    """The raw body, read in chunks up to the verifier's limit and kept for the view (``get_data()``)."""
    cached = getattr(request, "_cached_data", None)  # the view already read it whole
    if cached is not None:
        return bytes(cached)
    from werkzeug.exceptions import ClientDisconnected

    body = read_body(request.stream.read, declared_length(request.headers.get("Content-Length")), check,
                     (OSError, ClientDisconnected))
    request._cached_data = body  # what request.get_data() returns from now on
    return body


def verify_request(
    verifier: Verifier,
    request: Optional[Any] = None,
    *,
    url: Union[str, Callable[[Any], str], None] = None,
    now_ms: Optional[int] = None,
) -> Union[VerifiedBatch, VerifiedChannelDelivery]:
    """Verifies the current Flask request (or the Werkzeug ``request`` given) and parses its
    delivery: a batch, or a Custom Channels event (``delivery.kind``; ``delivery.events`` is empty
    for the latter).

    Reads the body as a stream, stopping past the verifier's ``max_body_bytes`` (it stays available
    to the view as ``request.get_data()``), and the URL as sent on the wire (the raw request URI).
    Behind a proxy or TLS terminator, pass the public URL HubSpot calls as ``url`` (a string, or a
    function of the request).

    When the request is not a valid HubSpot delivery, this raises Werkzeug's ``HTTPException``
    carrying the answer: 405 for a method other than POST, 401 (signature or timestamp), 413 (body
    over the limit), 400 (body) or 500 (configuration), with a JSON body ``{"code", "message"}``;
    Flask sends it as is.
    """
    check_setup("verify_request", verifier)
    if request is None:
        from flask import request as current

        request = current
    if request.method != "POST":
        _abort(method_not_allowed())
    try:
        body = _body(request, verifier.check_body_length)
        return verifier.verify_and_parse(
            request.method, public_url(url, request, lambda: _url(request)), request.headers, body, now_ms=now_ms
        )
    except HubSpotWebhookError as err:
        _abort(error_answer(err))


def receive(
    verifier: Verifier,
    router: Router,
    request: Optional[Any] = None,
    *,
    url: Union[str, Callable[[Any], str], None] = None,
    now_ms: Optional[int] = None,
) -> Any:
    """Verifies the current Flask request (see :func:`verify_request`, which answers a request
    that is not a valid delivery), runs ``router``'s handlers for its events and returns the
    answer: 204 once every handler finished, or 500 ``handler_failed`` (logged with every
    failure) when one raised, so that HubSpot retries the delivery."""
    check_setup("receive", verifier, router)
    delivery = verify_request(verifier, request, url=url, now_ms=now_ms)
    try:
        router.receive(delivery)
    except HandlerError:
        return _response(handler_failed())
    return _response(accepted())
