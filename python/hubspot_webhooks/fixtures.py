"""Realistic HubSpot deliveries for testing your receiver without HubSpot: the core's fixtures,
the same in every language and in the command-line tool.

::

    from hubspot_webhooks import fixtures

    fx = fixtures.delivery(["contact.creation", "deal.propertyChange"], secret=SECRET,
                           url="http://localhost/hubspot/webhook")
    client.post("/hubspot/webhook", data=fx.body, headers=fx.headers)  # 204

Deterministic: the same types and options give the same bytes (IDs vary with ``seed``; times
follow ``now_ms``, the system clock by default). Options left out (or ``None``) keep the core's
defaults.
"""

from typing import Dict, Iterable, List, NamedTuple, Optional, Sequence, Union

from . import _native

__all__ = ["Fixture", "delivery", "types"]


class Fixture(NamedTuple):
    """A request as HubSpot would send it."""

    method: str
    url: str
    headers: Dict[str, str]
    body: bytes


def types() -> List[str]:
    """Every type :func:`delivery` makes: HubSpot's subscription types and the Custom Channels types."""
    return _native.fixture_types()


def delivery(
    types: Union[str, Sequence[str]],
    *,
    secret: str,
    now_ms: Optional[int] = None,
    url: Optional[str] = None,
    signature: Optional[str] = None,
    bad_signature: Optional[bool] = None,
    events_per_type: Optional[int] = None,
    attempt_number: Optional[int] = None,
    duplicate: Optional[bool] = None,
    out_of_order: Optional[bool] = None,
    timestamp_offset_ms: Optional[int] = None,
    seed: Optional[int] = None,
    portal_id: Optional[int] = None,
    app_id: Optional[int] = None,
) -> Fixture:
    """A delivery of events of ``types`` (``"contact.creation"``, ``"object.propertyChange"``,
    ``"OUTGOING_CHANNEL_MESSAGE_CREATED"``, ...), signed with ``secret`` for ``url`` as HubSpot
    signs it. Subscription types make one batch; a Custom Channels type makes its one-event
    delivery alone.

    ``signature``: ``"hubspot"`` (v1 and v3, as the Webhooks API sends; v3 for Custom Channels),
    ``"v1"``, ``"v2"``, ``"v3"`` or ``"none"``; ``bad_signature`` spoils it;
    ``timestamp_offset_ms`` moves the timestamp (negative: stale); ``events_per_type``,
    ``attempt_number`` (a retry above 0), ``duplicate`` (the first event twice), ``out_of_order``,
    ``seed`` (the IDs), ``portal_id`` and ``app_id``. An unknown type raises ``UsageError``
    (``invalid_argument``) naming the closest known one."""
    if not isinstance(types, (str, Iterable)):
        raise TypeError(f"types must be a str or a list of str, not {type(types).__name__}")
    names = [types] if isinstance(types, str) else list(types)
    method, target, headers, body = _native.fixture_delivery(
        names,
        secret=secret,
        now_ms=now_ms,
        url=url,
        signature=signature,
        bad_signature=bad_signature,
        events_per_type=events_per_type,
        attempt_number=attempt_number,
        duplicate=duplicate,
        out_of_order=out_of_order,
        timestamp_offset_ms=timestamp_offset_ms,
        seed=seed,
        portal_id=portal_id,
        app_id=app_id,
    )
    return Fixture(method, target, dict(headers), body.encode("utf-8"))
