"""Conversations Custom Channels events, typed.

The values come from the core's serialised form of the event (HubSpot's names, IDs as text,
each time as its ISO-8601 text with a sibling ``…Ms`` of exact Unix milliseconds when it parses,
``dedupKey``, ``rawJson``): every key becomes the snake_case attribute of the same name
(``portalId`` -> ``portal_id``, ``eventTimestampMs`` -> ``event_timestamp_ms``), nested objects
the class their annotation names. The annotations below are the typed surface (for mypy); a test
checks them against the core's serialised form, both ways. ``rawJson`` and ``dedupKey`` are
methods, as on batch events: ``raw_json()`` and ``dedup_key()``.
"""

import json
import re
from typing import Any, Dict, List, Mapping, Optional, Union, get_args, get_origin, get_type_hints

from ._native import ChannelEventCore

__all__ = ["Attachment", "ChannelEvent", "ChannelMessage", "DeliveryIdentifier", "MessageStatus", "Participant"]

_HINTS: Dict[type, Dict[str, Any]] = {}


def snake_case(key: str) -> str:
    """``eventTimestampMs`` -> ``event_timestamp_ms``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", key).lower()


def _convert(hint: Any, value: Any) -> Any:
    """A serialised value as the annotation ``hint`` says: a record for an object, a list of
    them for an array; text and numbers as they are."""
    if value is None:
        return None
    origin, args = get_origin(hint), get_args(hint)
    if origin is Union:  # Optional[X]
        inner = [a for a in args if a is not type(None)]
        return _convert(inner[0], value) if len(inner) == 1 else value
    if origin in (list, List) and isinstance(value, list):
        return [_convert(args[0] if args else Any, v) for v in value]
    if isinstance(hint, type) and issubclass(hint, _Record) and isinstance(value, dict):
        return hint(value)
    return value


class _Record:
    """Read-only attributes from a serialised object; equal when of the same class and values."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        cls = type(self)
        hints = _HINTS.get(cls)
        if hints is None:
            hints = _HINTS[cls] = get_type_hints(cls)
        for key, value in data.items():
            name = snake_case(key)
            # A key the class reads through a method (raw_json(), dedup_key()) is kept privately.
            slot = f"_{name}" if callable(getattr(cls, name, None)) else name
            object.__setattr__(self, slot, _convert(hints.get(name, Any), value))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and vars(other) == vars(self)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in vars(self).items() if not k.startswith("_") and v is not None)
        return f"{type(self).__name__}({shown})"


class DeliveryIdentifier(_Record):
    """``{type, value}``: an address in the channel. ``type`` is ``HS_EMAIL_ADDRESS``,
    ``HS_PHONE_NUMBER``, ``CHANNEL_SPECIFIC_OPAQUE_ID``, ``HS_SHORT_CODE`` or another type as sent;
    ``None`` when HubSpot sent a bare string."""

    type: Optional[str]
    value: str


class Participant(_Record):
    """A sender or recipient: ``actor_id`` (``A-<userId>``, ``V-<contactId>``, ...), ``name``,
    ``delivery_identifier``."""

    actor_id: Optional[str]
    name: Optional[str]
    delivery_identifier: Optional[DeliveryIdentifier]


class MessageStatus(_Record):
    """``message.status``, sent as a string or an object: ``status_type`` (``SENT``, ``FAILED``,
    ...) and ``failure_details_json`` (the object form's ``failureDetails`` as exact JSON text)."""

    status_type: str
    failure_details_json: Optional[str]


class Attachment(_Record):
    """An attachment: the documented ``FILE`` shape typed, the JSON kept (``raw_json()``)."""

    type: Optional[str]
    file_id: Optional[str]
    file_usage_type: Optional[str]
    name: Optional[str]
    url: Optional[str]

    def raw_json(self) -> str:
        """The attachment's JSON exactly as sent."""
        return str(self.__dict__["_raw_json"])


class ChannelMessage(_Record):
    """``message`` of ``OUTGOING_CHANNEL_MESSAGE_CREATED``: the message an agent sent."""

    id: Optional[str]
    type: Optional[str]
    channel_id: Optional[str]
    channel_account_id: Optional[str]
    conversations_thread_id: Optional[str]
    created_at: Optional[str]
    created_at_ms: Optional[int]
    created_by: Optional[str]
    senders: Optional[List[Participant]]
    recipients: Optional[List[Participant]]
    text: Optional[str]
    rich_text: Optional[str]
    direction: Optional[str]
    in_reply_to_id: Optional[str]
    truncation_status: Optional[str]
    status: Optional[MessageStatus]
    attachments: Optional[List[Attachment]]


class ChannelEvent(_Record):
    """One Custom Channels event (``delivery.channel_event``). ``type`` is
    ``OUTGOING_CHANNEL_MESSAGE_CREATED``, ``CHANNEL_ACCOUNT_CREATED``, ``CHANNEL_ACCOUNT_UPDATED``,
    ``CHANNEL_ACCOUNT_PURGED`` or another type as sent. IDs are ``str`` (exact text, also when
    HubSpot sent a JSON number); times are their ISO-8601 text, with ``…_ms`` the exact Unix
    milliseconds when the text is RFC 3339 (``None`` otherwise)."""

    type: str
    portal_id: str
    channel_id: str
    event_timestamp: Optional[str]
    event_timestamp_ms: Optional[int]
    event_id: Optional[str]
    channel_integration_thread_ids: Optional[List[str]]
    channel_account_id: Optional[str]
    channel_account_delivery_identifier: Optional[DeliveryIdentifier]
    message: Optional[ChannelMessage]
    _core: ChannelEventCore

    def __init__(self, data: Mapping[str, Any], core: ChannelEventCore) -> None:
        super().__init__(data)
        object.__setattr__(self, "_core", core)

    def raw_json(self) -> str:
        """The event's JSON text exactly as it stood in the request body."""
        return str(self.__dict__["_raw_json"])

    def dedup_key(self) -> str:
        """A stable key for deduplication (retries share it): ``hscc1:`` + portalId, channelId,
        type, the message id (or channel account id) and eventTimestamp."""
        return str(self.__dict__["_dedup_key"])

    def to_dict(self) -> Dict[str, Any]:
        """Every member of the event's JSON object under HubSpot's names, values exact (as
        ``Event.to_dict()``)."""
        members: Dict[str, Any] = self._core.to_dict()
        return members

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ChannelEvent) and other.raw_json() == self.raw_json()


def event_of(core: ChannelEventCore) -> ChannelEvent:
    """The ``ChannelEvent`` of a core event (called by the native module)."""
    return ChannelEvent(json.loads(core.serialised()), core)
