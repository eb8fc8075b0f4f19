# Type stubs of the native module (Rust, pyo3). Checked against the built module by
# `python -m mypy.stubtest` in the tests.
from typing import Any, ClassVar, final, overload, Dict, Iterable, Iterator, List, Literal, Mapping, Optional, Sequence, SupportsIndex, Tuple, Union

from typing_extensions import disjoint_base

from ._channel import ChannelEvent
from ._errors import Diagnosis, HubSpotWebhookError

_Text = Union[str, bytes]
_Body = Union[bytes, bytearray, memoryview]
_Headers = Union[Mapping[str, str], Mapping[bytes, bytes], Iterable[Tuple[_Text, _Text]], Any, None]

__version__: str

__all__ = ["__version__", "ChannelDelivery", "ChannelEventCore", "OptionField", "VerifiedChannelDelivery", "check_pattern", "diagnose", "fixture_delivery", "fixture_types", "parse_delivery", "pattern_flags", "FIELDS", "OPTIONS", "Field", "AssociationChangeEvent", "Batch", "ConversationPropertyChangeEvent", "CreationEvent", "DEFAULT_MAX_BODY_BYTES", "DEFAULT_MAX_EVENTS", "DEFAULT_MAX_FUTURE_MS", "DEFAULT_TOLERANCE_MS", "DeletionEvent", "Event", "EventIterator", "EventList", "answer", "error", "MergeEvent", "NewMessageEvent", "PrivacyDeletionEvent", "PropertyChangeEvent", "RejectedEvent", "RestoreEvent", "Verified", "VerifiedBatch", "Verifier", "error_codes", "parse_batch", "sign_v1", "sign_v2", "sign_v3", "signed_headers", "verify", "verify_and_parse"]

DEFAULT_TOLERANCE_MS: int
DEFAULT_MAX_FUTURE_MS: int
DEFAULT_MAX_BODY_BYTES: int
DEFAULT_MAX_EVENTS: int

# Core's field table: (name, json, kind, required, alias_of, carried_by, doc) per field. The event
# classes' field attributes below are checked against it (tests/test_typing.py).
FIELDS: Tuple[Tuple[str, str, str, bool, Optional[str], str, str], ...]
# Core's options: (name, camel_name, kind, doc) per option; the keyword options below follow it.
OPTIONS: Tuple[Tuple[str, str, str, str], ...]

@final
class Field:
    """A typed field of core's table, as a read-only attribute of the event classes."""

    @property
    def json(self) -> str: ...

@disjoint_base
class Event:
    """A HubSpot webhook event; the class says what happened. Unknown kinds are plain ``Event``."""

    __match_args__: ClassVar[Tuple[str, str]]
    @property
    def object_type(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def thread_id(self) -> Optional[int]: ...
    # Core's field table (FIELDS), every field on every event (None when absent):
    # BEGIN fields from core's table (tests/typed_surfaces.py; `make generate`)
    @property
    def subscription_type(self) -> str: ...  # subscriptionType
    @property
    def event_id(self) -> int: ...  # eventId
    @property
    def subscription_id(self) -> Optional[int]: ...  # subscriptionId
    @property
    def portal_id(self) -> int: ...  # portalId
    @property
    def app_id(self) -> int: ...  # appId
    @property
    def occurred_at(self) -> int: ...  # occurredAt
    @property
    def attempt_number(self) -> int: ...  # attemptNumber
    @property
    def object_id(self) -> Optional[int]: ...  # objectId
    @property
    def object_type_id(self) -> Optional[str]: ...  # objectTypeId
    @property
    def change_source(self) -> Optional[str]: ...  # changeSource
    @property
    def source_id(self) -> Optional[str]: ...  # sourceId
    @property
    def change_flag(self) -> Optional[str]: ...  # changeFlag
    @property
    def event_type_name(self) -> Optional[str]: ...  # eventTypeName
    @property
    def property_name(self) -> Optional[str]: ...  # propertyName
    @property
    def property_value(self) -> Optional[str]: ...  # propertyValue
    @property
    def is_sensitive(self) -> Optional[bool]: ...  # isSensitive
    @property
    def primary_object_id(self) -> Optional[int]: ...  # primaryObjectId
    @property
    def merged_object_ids(self) -> Optional[List[int]]: ...  # mergedObjectIds
    @property
    def new_object_id(self) -> Optional[int]: ...  # newObjectId
    @property
    def number_of_properties_moved(self) -> Optional[int]: ...  # numberOfPropertiesMoved
    @property
    def association_type(self) -> Optional[str]: ...  # associationType
    @property
    def from_object_id(self) -> Optional[int]: ...  # fromObjectId
    @property
    def to_object_id(self) -> Optional[int]: ...  # toObjectId
    @property
    def association_removed(self) -> Optional[bool]: ...  # associationRemoved
    @property
    def is_primary_association(self) -> Optional[bool]: ...  # isPrimaryAssociation
    @property
    def from_object_type_id(self) -> Optional[str]: ...  # fromObjectTypeId
    @property
    def to_object_type_id(self) -> Optional[str]: ...  # toObjectTypeId
    @property
    def association_type_id(self) -> Optional[int]: ...  # associationTypeId
    @property
    def association_category(self) -> Optional[str]: ...  # associationCategory
    @property
    def message_id(self) -> Optional[str]: ...  # messageId
    @property
    def message_type(self) -> Optional[str]: ...  # messageType
    # END fields from core's table
    def raw_json(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def unknown_fields(self) -> Dict[str, Any]: ...
    def dedup_key(self) -> str: ...
    def effective_object_type_id(self) -> Optional[str]: ...

@final
class CreationEvent(Event): ...
@final
class DeletionEvent(Event): ...
@final
class RestoreEvent(Event): ...
@final
class PrivacyDeletionEvent(Event): ...

class PropertyChangeEvent(Event): ...

@final
class ConversationPropertyChangeEvent(PropertyChangeEvent):
    @property
    def change(self) -> str: ...
    @property
    def assignee(self) -> Optional[str]: ...
    @property
    def status(self) -> Optional[str]: ...
    @property
    def archived(self) -> Optional[bool]: ...

@final
class AssociationChangeEvent(Event): ...

@final
class MergeEvent(Event): ...

@final
class NewMessageEvent(Event): ...

@final
class EventList(Sequence[Event]):
    """The events of a batch: a read-only sequence whose event objects are made on first access
    and kept. Slicing gives a ``list``; ``==`` compares with lists and other ``EventList``s."""

    def __len__(self) -> int: ...
    @overload
    def __getitem__(self, key: SupportsIndex, /) -> Event: ...
    @overload
    def __getitem__(self, key: slice, /) -> List[Event]: ...
    def __iter__(self) -> EventIterator: ...
    def __contains__(self, key: object, /) -> bool: ...
    def index(self, value: object, start: SupportsIndex = 0, stop: SupportsIndex = ..., /) -> int: ...
    def count(self, value: object) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __add__(self, value: Union[List[Event], EventList], /) -> List[Event]: ...
    def __radd__(self, value: Union[List[Event], EventList], /) -> List[Event]: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class EventIterator(Iterator[Event]):
    def __iter__(self) -> EventIterator: ...
    def __next__(self) -> Event: ...
    def __length_hint__(self) -> int: ...

@final
class RejectedEvent:
    @property
    def index(self) -> int: ...
    @property
    def error(self) -> HubSpotWebhookError: ...
    def raw_json(self) -> str: ...

@final
class Verified:
    @property
    def version(self) -> str: ...
    @property
    def secret_index(self) -> int: ...

@disjoint_base
class Batch:
    """A Webhooks API batch (``kind == "batch"``)."""

    kind: ClassVar[Literal["batch"]]
    @property
    def events(self) -> EventList: ...
    @property
    def rejected(self) -> List[RejectedEvent]: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> EventIterator: ...

@final
class VerifiedBatch(Batch):
    @property
    def version(self) -> str: ...
    @property
    def secret_index(self) -> int: ...

@final
class ChannelEventCore:
    """The core's Custom Channels event behind a ``ChannelEvent`` (internal)."""

    def serialised(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...

@disjoint_base
class ChannelDelivery:
    """A Custom Channels delivery (``kind == "channel"``): one event, or with partial parsing the
    event that could not be typed in ``rejected``. ``events`` is empty."""

    kind: ClassVar[Literal["channel"]]
    @property
    def events(self) -> EventList: ...
    @property
    def rejected(self) -> List[RejectedEvent]: ...
    @property
    def channel_event(self) -> Optional[ChannelEvent]: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> EventIterator: ...

@final
class VerifiedChannelDelivery(ChannelDelivery):
    @property
    def version(self) -> str: ...
    @property
    def secret_index(self) -> int: ...

@final
class OptionField:
    """An option of ``Verifier``, read back through the core (one per entry of ``OPTIONS``)."""

@final
class Verifier:
    def __new__(
        cls,
        secret: Optional[_Text] = None,
        *,
        secrets: Optional[Sequence[_Text]] = None,
        tolerance_ms: Optional[int] = None,
        max_future_ms: Optional[int] = None,
        require_v3: bool = False,
        max_body_bytes: Optional[int] = None,
        partial: bool = False,
        max_events: Optional[int] = None,
        diagnose: bool = False,
    ) -> Verifier: ...
    def verify(
        self, method: _Text, url: _Text, headers: _Headers, body: _Body, *, now_ms: Optional[int] = None
    ) -> Verified: ...
    def verify_and_parse(
        self, method: _Text, url: _Text, headers: _Headers, body: _Body, *, now_ms: Optional[int] = None
    ) -> Union[VerifiedBatch, VerifiedChannelDelivery]: ...
    def check_body_length(self, length: int) -> None: ...
    def parse(self, body: _Body) -> Union[Batch, ChannelDelivery]: ...
    @property
    def secret_count(self) -> int: ...
    @property
    def tolerance_ms(self) -> int: ...
    @property
    def max_future_ms(self) -> int: ...
    @property
    def require_v3(self) -> bool: ...
    @property
    def max_body_bytes(self) -> int: ...
    @property
    def partial(self) -> bool: ...
    @property
    def max_events(self) -> int: ...
    @property
    def diagnose(self) -> bool: ...

def verify(
    method: _Text,
    url: _Text,
    headers: _Headers,
    body: _Body,
    *,
    secret: Optional[_Text] = None,
    secrets: Optional[Sequence[_Text]] = None,
    now_ms: Optional[int] = None,
    tolerance_ms: Optional[int] = None,
    max_future_ms: Optional[int] = None,
    require_v3: bool = False,
    max_body_bytes: Optional[int] = None,
    diagnose: bool = False,
) -> Verified: ...
def verify_and_parse(
    method: _Text,
    url: _Text,
    headers: _Headers,
    body: _Body,
    *,
    secret: Optional[_Text] = None,
    secrets: Optional[Sequence[_Text]] = None,
    now_ms: Optional[int] = None,
    tolerance_ms: Optional[int] = None,
    max_future_ms: Optional[int] = None,
    require_v3: bool = False,
    max_body_bytes: Optional[int] = None,
    partial: bool = False,
    max_events: Optional[int] = None,
    diagnose: bool = False,
) -> Union[VerifiedBatch, VerifiedChannelDelivery]: ...
def parse_delivery(
    body: _Body, *, partial: bool = False, max_body_bytes: Optional[int] = None, max_events: Optional[int] = None
) -> Union[Batch, ChannelDelivery]: ...
def diagnose(
    method: _Text,
    url: _Text,
    headers: _Headers,
    body: _Body,
    *,
    secret: Optional[_Text] = None,
    secrets: Optional[Sequence[_Text]] = None,
    now_ms: Optional[int] = None,
    tolerance_ms: Optional[int] = None,
    max_future_ms: Optional[int] = None,
    require_v3: bool = False,
    max_body_bytes: Optional[int] = None,
    partial: bool = False,
    max_events: Optional[int] = None,
    diagnose: bool = False,
) -> Diagnosis: ...
def check_pattern(pattern: str) -> None: ...
def pattern_flags(patterns: Sequence[str], event: Union[Event, ChannelEventCore]) -> List[bool]: ...
def fixture_types() -> List[str]: ...
def fixture_delivery(
    types: Sequence[str], *, secret: str, now_ms: Optional[int] = None, **options: Any
) -> Tuple[str, str, List[Tuple[str, str]], str]: ...
def parse_batch(
    body: _Body, *, partial: bool = False, max_body_bytes: Optional[int] = None, max_events: Optional[int] = None
) -> Batch: ...
def sign_v1(secret: _Text, body: _Body) -> str: ...
def sign_v2(secret: _Text, method: _Text, url: _Text, body: _Body) -> str: ...
def sign_v3(secret: _Text, method: _Text, url: _Text, body: _Body, timestamp: Union[int, str, bytes]) -> str: ...
def signed_headers(
    secret: _Text, url: _Text, body: _Body, *, method: Optional[_Text] = None, timestamp_ms: Optional[int] = None
) -> Dict[str, str]: ...
def error_codes() -> List[Tuple[str, str]]: ...
def error(code: str, message: str) -> HubSpotWebhookError: ...
def answer(kind: str) -> Tuple[int, List[Tuple[str, str]], Optional[str]]: ...
