"""Verify HubSpot webhook signatures (v1, v2, v3) and parse deliveries (webhook batches and
Conversations Custom Channels events) into typed events; route them to handlers.

::

    from hubspot_webhooks import Verifier, PropertyChangeEvent

    verifier = Verifier(secret=os.environ["HUBSPOT_CLIENT_SECRET"])
    delivery = verifier.verify_and_parse("POST", public_url, request_headers, raw_body)
    for event in delivery.events:
        match event:
            case PropertyChangeEvent(object_type="contact", property_name="email"):
                ...

Framework helpers: :mod:`hubspot_webhooks.flask`, :mod:`hubspot_webhooks.starlette` (also for
FastAPI, as :mod:`hubspot_webhooks.fastapi`) and :mod:`hubspot_webhooks.django`.

Every rule lives in the Rust core; this package converts values and errors.
"""

from collections.abc import Sequence as _Sequence
from typing import Union as _Union

from ._errors import Diagnosis, Finding, HandlerError, HubSpotWebhookError, PayloadError, SignatureError, UsageError
from ._sequence import install as _install_sequence
from ._channel import Attachment, ChannelEvent, ChannelMessage, DeliveryIdentifier, MessageStatus, Participant
from ._router import AnyEvent, Router
from . import fixtures
from ._native import __version__ as _native_version
from ._native import (
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_EVENTS,
    DEFAULT_MAX_FUTURE_MS,
    DEFAULT_TOLERANCE_MS,
    FIELDS,
    OPTIONS,
    AssociationChangeEvent,
    Batch,
    ChannelDelivery,
    ConversationPropertyChangeEvent,
    CreationEvent,
    DeletionEvent,
    Event,
    EventIterator,
    EventList,
    Field,
    MergeEvent,
    NewMessageEvent,
    PrivacyDeletionEvent,
    PropertyChangeEvent,
    RejectedEvent,
    RestoreEvent,
    Verified,
    VerifiedBatch,
    VerifiedChannelDelivery,
    Verifier,
    check_pattern,
    diagnose,
    error_codes,
    parse_batch,
    parse_delivery,
    sign_v1,
    sign_v2,
    sign_v3,
    signed_headers,
    verify,
    verify_and_parse,
)

# EventList is a read-only sequence of events (made lazily in Rust): give it the rest of a list's
# reading behaviour and register it, so that isinstance(events, collections.abc.Sequence) holds.
_install_sequence()
_Sequence.register(EventList)

#: What ``parse_delivery`` and ``Verifier.parse`` return: ``delivery.kind`` is ``"batch"`` or ``"channel"``.
Delivery = _Union[Batch, ChannelDelivery]
#: What ``verify_and_parse`` returns (a verified ``Delivery``).
VerifiedDelivery = _Union[VerifiedBatch, VerifiedChannelDelivery]

__version__: str = _native_version
"""The package's version: the version of the Rust crates it is built from."""

__all__ = [
    "__version__",
    "AnyEvent",
    "Attachment",
    "ChannelDelivery",
    "ChannelEvent",
    "ChannelMessage",
    "Delivery",
    "DeliveryIdentifier",
    "Diagnosis",
    "Finding",
    "HandlerError",
    "MessageStatus",
    "Participant",
    "Router",
    "VerifiedChannelDelivery",
    "VerifiedDelivery",
    "check_pattern",
    "diagnose",
    "fixtures",
    "parse_delivery",
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_EVENTS",
    "DEFAULT_MAX_FUTURE_MS",
    "DEFAULT_TOLERANCE_MS",
    "FIELDS",
    "OPTIONS",
    "AssociationChangeEvent",
    "Batch",
    "ConversationPropertyChangeEvent",
    "CreationEvent",
    "DeletionEvent",
    "Event",
    "EventIterator",
    "EventList",
    "Field",
    "HubSpotWebhookError",
    "MergeEvent",
    "NewMessageEvent",
    "PayloadError",
    "PrivacyDeletionEvent",
    "PropertyChangeEvent",
    "RejectedEvent",
    "RestoreEvent",
    "SignatureError",
    "UsageError",
    "Verified",
    "VerifiedBatch",
    "Verifier",
    "error_codes",
    "parse_batch",
    "sign_v1",
    "sign_v2",
    "sign_v3",
    "signed_headers",
    "verify",
    "verify_and_parse",
]
