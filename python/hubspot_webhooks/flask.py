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
"""

from typing import Any, Callable, NoReturn, Optional, Union

from ._errors import HubSpotWebhookError
from ._http import Answer, declared_length, error_answer, method_not_allowed, public_url, read_body, wire_url
from ._native import Verifier, VerifiedBatch

__all__ = ["verify_request"]


def _abort(answer: Answer) -> NoReturn:
    from werkzeug.exceptions import abort
    from werkzeug.wrappers import Response

    abort(Response(answer.body, status=answer.status, headers=answer.headers))
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
) -> VerifiedBatch:
    """Verifies the current Flask request (or the Werkzeug ``request`` given) and parses its events.

    Reads the body as a stream, stopping past the verifier's ``max_body_bytes`` (it stays available
    to the view as ``request.get_data()``), and the URL as sent on the wire (the raw request URI).
    Behind a proxy or TLS terminator, pass the public URL HubSpot calls as ``url`` (a string, or a
    function of the request).

    When the request is not a valid HubSpot delivery, this raises Werkzeug's ``HTTPException``
    carrying the answer: 405 for a method other than POST, 401 (signature or timestamp), 413 (body
    over the limit), 400 (body) or 500 (configuration), with a JSON body ``{"code", "message"}``;
    Flask sends it as is.
    """
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
