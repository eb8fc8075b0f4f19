"""Flask (and plain Werkzeug) helper.

::

    from flask import Flask
    from hubspot_webhooks import Verifier
    from hubspot_webhooks.flask import verify_request

    app = Flask(__name__)
    verifier = Verifier(secret=os.environ["HUBSPOT_CLIENT_SECRET"])

    @app.post("/hubspot/webhook")
    def hubspot_webhook():
        delivery = verify_request(verifier)  # answers 401/400/500 by itself when the request is bad
        for event in delivery.events:
            queue.put(event.to_dict())
        return "", 204
"""

import json
from typing import Any, Callable, Optional, Union

from ._errors import HubSpotWebhookError
from ._http import error_body, http_status, public_url
from ._native import Verifier, VerifiedBatch

__all__ = ["verify_request"]


def verify_request(
    verifier: Verifier,
    request: Optional[Any] = None,
    *,
    url: Union[str, Callable[[Any], str], None] = None,
    now_ms: Optional[int] = None,
) -> VerifiedBatch:
    """Verifies the current Flask request (or the Werkzeug ``request`` given) and parses its events.

    Reads the raw body (``request.get_data()``, which stays available to the view afterwards) and
    the URL from ``request.url``. Behind a proxy or TLS terminator, pass the public URL HubSpot
    calls as ``url`` (a string, or a function of the request), or apply Werkzeug's ``ProxyFix``.

    When the request is not a valid HubSpot delivery, this raises Werkzeug's ``HTTPException``
    carrying a JSON response ``{"error": code}`` with status 401 (signature or timestamp), 400
    (body) or 500 (configuration); Flask sends it as is.
    """
    if request is None:
        from flask import request as current

        request = current
    try:
        return verifier.verify_and_parse(
            request.method,
            public_url(url, request, lambda: str(request.url)),
            request.headers,
            request.get_data(cache=True),
            now_ms=now_ms,
        )
    except HubSpotWebhookError as err:
        from werkzeug.exceptions import abort
        from werkzeug.wrappers import Response

        response = Response(json.dumps(error_body(err)), status=http_status(err), mimetype="application/json")
        abort(response)
        raise  # pragma: no cover - abort always raises
