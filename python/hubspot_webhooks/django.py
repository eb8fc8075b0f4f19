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

With a router, ``receive_view`` is a whole view: it verifies the request, runs the handlers and
answers (204 once every handler finished, 500 ``handler_failed`` when one failed, so that HubSpot
retries)::

    router = Router()

    @router.on("contact.creation")
    def new_contact(event): ...

    urlpatterns = [path("hubspot/webhook", receive_view(verifier, router))]

There is no answer-first mode: to answer before the work is done, hand the events to a queue in
the handlers (a worker, or a task queue such as Celery, takes them from there).
"""

import functools
import inspect
from typing import Any, Callable, Optional, Union

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from ._errors import HandlerError, HubSpotWebhookError
from ._http import (
    Answer, accepted, asgi_url, check_setup, declared_length, error_answer, handler_failed, method_not_allowed,
    public_url, read_body, wire_url,
)
from ._native import Verifier, VerifiedBatch, VerifiedChannelDelivery
from ._router import Router

__all__ = ["hubspot_webhook", "receive", "receive_view", "verify_request"]

Delivery = Union[VerifiedBatch, VerifiedChannelDelivery]
Url = Union[str, Callable[[HttpRequest], str], None]


def _url(request: HttpRequest) -> bytes:
    """The URL as sent: under ASGI, the scope's raw path and query; under WSGI, the raw request
    URI where the server gives it (``REQUEST_URI`` / ``RAW_URI``), else the path rebuilt from
    ``PATH_INFO`` and the undecoded ``QUERY_STRING``."""
    origin, meta = f"{request.scheme}://{request.get_host()}", request.META
    scope = getattr(request, "scope", None)  # an ASGIRequest: META holds the decoded path and query
    if isinstance(scope, dict):
        return asgi_url(origin, scope)
    raw = meta.get("RAW_URI") or meta.get("REQUEST_URI")
    path = meta.get("SCRIPT_NAME", "") + meta.get("PATH_INFO", "")
    return wire_url(origin, raw, path, meta.get("QUERY_STRING", ""))


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
) -> Delivery:
    """Verifies a Django request and parses its delivery (a batch, or a Custom Channels event:
    ``delivery.kind``; ``delivery.events`` is empty for the latter); raises
    ``HubSpotWebhookError``.

    Reads the body as a stream, stopping past the verifier's ``max_body_bytes`` (it stays
    available as ``request.body``), and the URL as sent on the wire (the raw request URI).
    Behind a proxy or TLS terminator, set ``SECURE_PROXY_SSL_HEADER`` (and
    ``USE_X_FORWARDED_HOST``) or pass the public URL HubSpot calls as ``url`` (a string or a
    function of the request).
    """
    check_setup("verify_request", verifier)
    body = _body(request, verifier.check_body_length)
    return verifier.verify_and_parse(
        request.method or "POST", public_url(url, request, lambda: _url(request)), request.headers, body, now_ms=now_ms
    )


def _response(answer: Answer) -> HttpResponse:
    response = HttpResponse(answer.body, status=answer.status)
    for name, value in answer.headers:
        response[name] = value
    return response


def _checked(request: HttpRequest, verifier: Verifier, url: Url) -> Union[Delivery, HttpResponse]:
    """The verified delivery, or the answer to a request that is not one."""
    if request.method != "POST":
        return _response(method_not_allowed())
    try:
        return verify_request(request, verifier, url=url)
    except HubSpotWebhookError as err:
        return _response(error_answer(err))


def receive(request: HttpRequest, verifier: Verifier, router: Router, *, url: Url = None) -> HttpResponse:
    """Verifies a Django request, runs ``router``'s handlers and returns the answer: core's
    error answer for a request that is not a valid delivery; 204 once every handler finished, or
    500 ``handler_failed`` (logged with every failure) when one raised, so that HubSpot retries."""
    check_setup("receive", verifier, router)
    delivery = _checked(request, verifier, url)
    if isinstance(delivery, HttpResponse):
        return delivery
    try:
        router.receive(delivery)
    except HandlerError:
        return _response(handler_failed())
    return _response(accepted())


def receive_view(verifier: Verifier, router: Router, *, url: Url = None) -> Callable[[HttpRequest], HttpResponse]:
    """A view (exempt from CSRF checks: the signature authenticates the request) that answers as
    :func:`receive` says."""
    check_setup("receive_view", verifier, router)

    def view(request: HttpRequest) -> HttpResponse:
        return receive(request, verifier, router, url=url)

    exempt: Callable[[HttpRequest], HttpResponse] = csrf_exempt(view)
    return exempt


def hubspot_webhook(verifier: Verifier, *, url: Url = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorates a view ``view(request, delivery, *args, **kwargs)``: the view runs only for a
    verified HubSpot request and receives its delivery (``VerifiedBatch`` or
    ``VerifiedChannelDelivery``). Other requests get 405 (a method
    other than POST), 401 (signature or timestamp), 413 (body over the limit), 400 (body) or 500
    (configuration), with a JSON body ``{"code", "message"}``; when the view raises, the exception
    is logged and the answer is 500 ``handler_failed`` (HubSpot retries). The view is exempt from CSRF checks
    (HubSpot sends no CSRF token; the signature authenticates the request). Sync and async views
    both work.
    """
    check_setup("hubspot_webhook (use it as @hubspot_webhook(verifier))", verifier)

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        if inspect.iscoroutinefunction(view):

            @functools.wraps(view)
            async def async_wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
                delivery = _checked(request, verifier, url)
                if isinstance(delivery, HttpResponse):
                    return delivery
                try:
                    return await view(request, delivery, *args, **kwargs)
                except Exception:
                    return _response(handler_failed())

            exempt_async: Callable[..., Any] = csrf_exempt(async_wrapped)
            return exempt_async

        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            delivery = _checked(request, verifier, url)
            if isinstance(delivery, HttpResponse):
                return delivery
            try:
                return view(request, delivery, *args, **kwargs)
            except Exception:
                return _response(handler_failed())

        exempt: Callable[..., Any] = csrf_exempt(wrapped)
        return exempt

    return decorate
