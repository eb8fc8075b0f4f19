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

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from ._errors import HubSpotWebhookError
from ._http import error_body, http_status, public_url
from ._native import Verifier, VerifiedBatch

__all__ = ["hubspot_webhook", "verify_request"]


def verify_request(
    request: HttpRequest,
    verifier: Verifier,
    *,
    url: Union[str, Callable[[HttpRequest], str], None] = None,
    now_ms: Optional[int] = None,
) -> VerifiedBatch:
    """Verifies a Django request and parses its events; raises ``HubSpotWebhookError``.

    Reads the raw body (``request.body``) and the URL from ``request.build_absolute_uri()``.
    Behind a proxy or TLS terminator, set ``SECURE_PROXY_SSL_HEADER`` (and ``USE_X_FORWARDED_HOST``)
    or pass the public URL HubSpot calls as ``url`` (a string or a function of the request).
    """
    return verifier.verify_and_parse(
        request.method or "POST",
        public_url(url, request, request.build_absolute_uri),
        request.headers,
        request.body,
        now_ms=now_ms,
    )


def hubspot_webhook(
    verifier: Verifier, *, url: Union[str, Callable[[HttpRequest], str], None] = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorates a view ``view(request, delivery, *args, **kwargs)``: the view runs only for a
    verified HubSpot request and receives its ``VerifiedBatch``. Other requests get a JSON answer
    ``{"error": code}`` with status 401 (signature or timestamp), 400 (body) or 500
    (configuration). The view is exempt from CSRF checks (HubSpot sends no CSRF token; the
    signature authenticates the request). Sync and async views both work.
    """

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        def reject(err: HubSpotWebhookError) -> HttpResponse:
            return JsonResponse(error_body(err), status=http_status(err))

        if inspect.iscoroutinefunction(view):

            @functools.wraps(view)
            async def async_wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
                try:
                    delivery = verify_request(request, verifier, url=url)
                except HubSpotWebhookError as err:
                    return reject(err)
                return await view(request, delivery, *args, **kwargs)

            return csrf_exempt(async_wrapped)

        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            try:
                delivery = verify_request(request, verifier, url=url)
            except HubSpotWebhookError as err:
                return reject(err)
            return view(request, delivery, *args, **kwargs)

        return csrf_exempt(wrapped)

    return decorate
