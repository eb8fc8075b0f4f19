"""What the framework helpers answer, shared by all of them.

HubSpot retries any 4xx/5xx answer (and any answer slower than 5 s) up to 10 times over 24 hours
(SPEC section 5). So: a request that fails the signature or timestamp check gets 401 (a forged
request is not HubSpot's and is not retried; a stale one is retried with a fresh timestamp), a
body that is not a valid batch gets 400, and a configuration mistake (no secret) gets 500 so
that HubSpot keeps the events until it is fixed. The response names only the error code; the
message, which may describe the configuration, goes to the ``hubspot_webhooks`` logger.
"""

import logging
from typing import Callable, Dict, TypeVar, Union

from ._errors import HubSpotWebhookError

__all__ = ["error_body", "http_status", "public_url"]

logger = logging.getLogger("hubspot_webhooks")

_STATUS = {"signature": 401, "payload": 400, "usage": 500}

R = TypeVar("R")


def http_status(error: HubSpotWebhookError) -> int:
    """The HTTP status to answer for an error: 401 signature, 400 payload, 500 usage."""
    return _STATUS.get(error.family, 400)


def error_body(error: HubSpotWebhookError) -> Dict[str, str]:
    """The JSON body of an error response, ``{"error": code}``; logs the full message."""
    level = logging.ERROR if error.family == "usage" else logging.WARNING
    logger.log(level, "rejected a HubSpot webhook request: %s", error)
    return {"error": error.code}


def public_url(url: Union[str, Callable[[R], str], None], request: R, default: Callable[[], str]) -> str:
    """The URL HubSpot called: ``url`` itself, ``url(request)``, or the framework's own idea of it."""
    if url is None:
        return default()
    if callable(url):
        return url(request)
    return url


