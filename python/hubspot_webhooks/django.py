"""Django helper: a view decorator.

::

    from hubspot_webhooks import Verifier, VerifiedBatch
    from hubspot_webhooks.django import hubspot_webhook

    verifier = Verifier(secret=os.environ["HUBSPOT_CLIENT_SECRET"])

    @hubspot_webhook(verifier)
    def hubspot_view(request, delivery: VerifiedBatch):
        for event in delivery.events:
            ...
        return HttpResponse(status=204)
"""

import functools
import inspect
from typing import Any, Callable, Optional, Union

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from ._errors import HubSpotWebhookError
from ._http import Answer, declared_length, error_answer, handler_failed, method_not_allowed, public_url, read_body, wire_url
from ._native import Verifier, VerifiedBatch

__all__ = ["hubspot_webhook", "verify_request"]


def _url(request: HttpRequest) -> bytes:
    """The URL as sent: the raw request URI where the server gives it (``REQUEST_URI`` /
    ``RAW_URI``), else the path rebuilt from ``PATH_INFO`` and the undecoded ``QUERY_STRING``."""
    meta = request.META
    raw = meta.get("RAW_URI") or meta.get("REQUEST_URI")
    path = meta.get("SCRIPT_NAME", "") + meta.get("PATH_INFO", "")
    return wire_url(f"{request.scheme}://{request.get_host()}", raw, path, meta.get("QUERY_STRING", ""))


def _body(request: HttpRequest, check: Callable[[int], None]) -> bytes:
    """The raw body, read in chunks up to the verifier's limit and kept for the view (``request.body``)."""
    cached = getattr(request, "_body", None)  # the view or a middleware already read it
    if cached is not None:
        return bytes(cached)
    body = read_body(request.read, declared_length(request.META.get("CONTENT_LENGTH")), check)
    request._body = body  # what request.body returns from now on
    return body


def verify_request(
    request: HttpRequest,
    verifier: Verifier,
    *,
    url: Union[str, Callable[[HttpRequest], str], None] = None,
    now_ms: Optional[int] = None,
) -> VerifiedBatch:
    """Verifies a Django request and parses its events; raises ``HubSpotWebhookError``.

    Reads the body as a stream, stopping past the verifier's ``max_body_bytes`` (it stays
    available as ``request.body``), and the URL as sent on the wire (the raw request URI).
    Behind a proxy or TLS terminator, set ``SECURE_PROXY_SSL_HEADER`` (and
    ``USE_X_FORWARDED_HOST``) or pass the public URL HubSpot calls as ``url`` (a string or a
    function of the request).
    """
    body = _body(request, verifier.check_body_length)
    return verifier.verify_and_parse(
        request.method or "POST", public_url(url, request, lambda: _url(request)), request.headers, body, now_ms=now_ms
    )


def _response(answer: Answer) -> HttpResponse:
    response = HttpResponse(answer.body, status=answer.status)
    for name, value in answer.headers:
        response[name] = value
    return response


def hubspot_webhook(
    verifier: Verifier, *, url: Union[str, Callable[[HttpRequest], str], None] = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorates a view ``view(request, delivery, *args, **kwargs)``: the view runs only for a
    verified HubSpot request and receives its ``VerifiedBatch``. Other requests get 405 (a method
    other than POST), 401 (signature or timestamp), 413 (body over the limit), 400 (body) or 500
    (configuration), with a JSON body ``{"code", "message"}``; when the view raises, the exception
    is logged and the answer is 500 ``handler_failed`` (HubSpot retries). The view is exempt from CSRF checks
    (HubSpot sends no CSRF token; the signature authenticates the request). Sync and async views
    both work.
    """

    def check(request: HttpRequest) -> Union[VerifiedBatch, HttpResponse]:
        if request.method != "POST":
            return _response(method_not_allowed())
        try:
            return verify_request(request, verifier, url=url)
        except HubSpotWebhookError as err:
            return _response(error_answer(err))

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        if inspect.iscoroutinefunction(view):

            @functools.wraps(view)
            async def async_wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
                delivery = check(request)
                if isinstance(delivery, HttpResponse):
                    return delivery
                try:
                    return await view(request, delivery, *args, **kwargs)
                except Exception:
                    return _response(handler_failed())

            return csrf_exempt(async_wrapped)

        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            delivery = check(request)
            if isinstance(delivery, HttpResponse):
                return delivery
            try:
                return view(request, delivery, *args, **kwargs)
            except Exception:
                return _response(handler_failed())

        return csrf_exempt(wrapped)

    return decorate
