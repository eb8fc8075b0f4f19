"""The typed API of the installed wheel: verification, typed events, signing helpers, headers
from any mapping, threads."""

import base64
import collections.abc
import gc
import hashlib
import hmac
import json
import pathlib
import sys
import sysconfig
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, Iterator, List, Tuple

import pytest

import hubspot_webhooks as hw
from conftest import REPO

SECRET = "3c9a1e2f-5b7d-4e8a-9f10-2a3b4c5d6e7f"
URL = "https://hooks.example.com/hubspot/webhook?portal=1"
NOW = 1_769_081_994_221
BATCH_100 = (REPO / "tests" / "data" / "batch_100.json").read_bytes()
CONVERSATIONS = (REPO / "tests" / "data" / "conversations.json").read_bytes()

BASE = {"eventId": 1, "subscriptionId": 2, "portalId": 3, "appId": 4, "occurredAt": 1769081993375, "attemptNumber": 0}


def body_of(*events: Dict[str, Any]) -> bytes:
    return json.dumps([{**BASE, **e} for e in events], separators=(",", ":")).encode()


def signed(body: bytes, url: str = URL, now: int = NOW) -> Dict[str, str]:
    return hw.signed_headers(SECRET, url, body, timestamp_ms=now - 500)


def test_the_wheel_is_installed_not_the_source_tree() -> None:
    site = pathlib.Path(sysconfig.get_paths()["purelib"]).resolve()
    assert pathlib.Path(hw.__file__).resolve().is_relative_to(site)
    assert not pathlib.Path(hw.__file__).resolve().is_relative_to(REPO / "python")


def test_verify_and_parse_a_delivery() -> None:
    delivery = hw.verify_and_parse("POST", URL, signed(BATCH_100), BATCH_100, secret=SECRET, now_ms=NOW)
    assert (delivery.version, delivery.secret_index) == ("v3", 0)
    assert len(delivery) == len(delivery.events) == 100
    assert list(delivery) == delivery.events
    assert delivery.rejected == []
    originals = json.loads(BATCH_100)
    for event, original in zip(delivery.events, originals):
        assert isinstance(event, hw.Event)
        assert event.subscription_type == original["subscriptionType"]
        assert event.event_id == original["eventId"] and type(event.event_id) is int
        assert event.to_dict() == original
        assert event.raw_json() == json.dumps(original, separators=(",", ":"))
    kinds = {type(e).__name__ for e in delivery.events}
    assert kinds == {
        "CreationEvent",
        "DeletionEvent",
        "PropertyChangeEvent",
        "ConversationPropertyChangeEvent",
        "AssociationChangeEvent",
        "NewMessageEvent",
    }
    assert "VerifiedBatch(version='v3'" in repr(delivery)


def test_events_are_a_lazy_read_only_list() -> None:
    events = hw.parse_batch(BATCH_100).events
    originals = json.loads(BATCH_100)
    assert isinstance(events, hw.EventList) and isinstance(events, collections.abc.Sequence)
    assert not isinstance(events, list) and len(events) == 100 and events
    assert events[0] is events[0] and events[-1] is events[99] and events[-100] is events[0]
    assert [e.event_id for e in events] == [o["eventId"] for o in originals]
    assert events[10:13] == [events[10], events[11], events[12]] and type(events[10:13]) is list
    assert events[::-25] == [events[99], events[74], events[49], events[24]]
    assert events[200:] == [] and events[-3:] == list(events)[-3:]
    assert list(reversed(events)) == list(events)[::-1]
    assert events == list(events) and list(events) == events and events == events
    assert events != list(events)[:-1] and events != tuple(events) and events != hw.parse_batch(BATCH_100).events
    assert events[5] in events and events.index(events[5]) == 5 and events.count(events[5]) == 1
    assert len(events + events[:2]) == 102 and len(events[:2] + events) == 102 and len(events + events) == 200
    assert repr(events) == repr(list(events)) and repr(events).startswith("[CreationEvent(")
    iterator = iter(events)
    assert iterator.__length_hint__() == 100 and next(iterator) is events[0] and len(list(iterator)) == 99
    assert list(iterator) == []
    with pytest.raises(IndexError):
        events[100]
    with pytest.raises(IndexError):
        events[-101]
    with pytest.raises(IndexError):
        events[2**70]
    with pytest.raises(TypeError, match="integers or slices"):
        events["0"]  # type: ignore[call-overload]
    with pytest.raises(TypeError):
        hash(events)
    with pytest.raises(TypeError):
        events[0] = events[1]  # type: ignore[index]
    with pytest.raises(ValueError):
        events.index(object())
    empty = hw.parse_batch(b"[]").events
    assert not empty and empty == [] and list(empty) == []


class FailingIndex:
    def __index__(self) -> int:
        raise RuntimeError("no index")


def test_events_read_like_a_sequence_at_the_edges() -> None:
    """Sequence.index takes start and stop (EventList registers as a Sequence: a TypeError
    naming a private function before); an index whose __index__ fails raises its own error
    (an IndexError before, as if it were out of range)."""
    events = hw.parse_batch(BATCH_100).events
    assert events.index(events[5], 2) == 5 and events.index(events[5], 5, 6) == 5 and events.index(events[99], -1) == 99
    with pytest.raises(ValueError):
        events.index(events[5], 6)
    with pytest.raises(ValueError):
        events.index(events[5], 0, 5)
    with pytest.raises(RuntimeError, match="no index"):
        events[FailingIndex()]  # type: ignore[call-overload]


def test_events_outlive_their_delivery() -> None:
    delivery = hw.verify_and_parse("POST", URL, signed(BATCH_100), BATCH_100, secret=SECRET, now_ms=NOW)
    last = delivery.events[-1]
    events = delivery.events
    del delivery
    gc.collect()
    assert last.to_dict() == json.loads(BATCH_100)[-1] and events[-1] is last


def test_lazy_events_are_made_once_across_threads() -> None:
    for _ in range(20):
        events = hw.parse_batch(BATCH_100).events
        with ThreadPoolExecutor(max_workers=8) as pool:
            seen = list(pool.map(lambda _: [id(e) for e in events], range(8)))
        assert all(ids == seen[0] for ids in seen)


def test_verify_only_and_versions() -> None:
    headers = signed(BATCH_100)
    assert hw.verify("POST", URL, headers, BATCH_100, secret=SECRET, now_ms=NOW).version == "v3"
    v1_only = {k: v for k, v in headers.items() if not k.lower().endswith(("-v3", "timestamp"))}
    result = hw.verify("POST", URL, v1_only, BATCH_100, secret=SECRET, now_ms=NOW)
    assert (result.version, result.secret_index) == ("v1", 0)
    v2 = {"X-HubSpot-Signature": hw.sign_v2(SECRET, "POST", URL, BATCH_100), "X-HubSpot-Signature-Version": "v2"}
    assert hw.verify("POST", URL, v2, BATCH_100, secret=SECRET, now_ms=NOW).version == "v2"
    with pytest.raises(hw.SignatureError) as info:
        hw.verify("POST", URL, v1_only, BATCH_100, secret=SECRET, now_ms=NOW, require_v3=True)
    assert info.value.code == "v3_required"


def test_secret_rotation_reports_the_matching_secret() -> None:
    delivery = hw.verify_and_parse(
        "POST", URL, signed(BATCH_100), BATCH_100, secrets=["old-secret", SECRET.encode()], now_ms=NOW
    )
    assert delivery.secret_index == 1
    verifier = hw.Verifier(secrets=("old-secret", SECRET))
    assert verifier.verify("POST", URL, signed(BATCH_100), BATCH_100, now_ms=NOW).secret_index == 1
    assert verifier.secret_count == 2


def test_now_ms_defaults_to_the_system_clock() -> None:
    body = body_of({"subscriptionType": "contact.creation", "objectId": 5})
    fresh = hw.signed_headers(SECRET, URL, body)  # timestamp: now
    assert hw.verify("POST", URL, fresh, body, secret=SECRET).version == "v3"
    stale = hw.signed_headers(SECRET, URL, body, timestamp_ms=int(time.time() * 1000) - 600_000)
    with pytest.raises(hw.SignatureError) as info:
        hw.verify("POST", URL, stale, body, secret=SECRET)
    assert info.value.code == "timestamp_too_old"
    assert hw.verify("POST", URL, stale, body, secret=SECRET, tolerance_ms=900_000).version == "v3"


class OddMapping:
    """A mapping-like object with only items(), as some frameworks have."""

    def __init__(self, pairs: List[Tuple[str, str]]) -> None:
        self.pairs = pairs

    def items(self) -> Iterator[Tuple[str, str]]:
        return iter(self.pairs)


def header_shapes(headers: Dict[str, str]) -> Iterator[Any]:
    yield headers
    yield {k.lower(): v for k, v in headers.items()}
    yield {k.upper().encode(): v.encode() for k, v in headers.items()}
    yield list(headers.items())
    yield tuple(headers.items())
    yield OddMapping(list(headers.items()))
    from werkzeug.datastructures import EnvironHeaders, Headers

    yield Headers(list(headers.items()))
    yield EnvironHeaders({"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items()})
    from starlette.datastructures import Headers as StarletteHeaders

    yield StarletteHeaders(raw=[(k.lower().encode(), v.encode()) for k, v in headers.items()])
    from django.http.request import HttpHeaders

    yield HttpHeaders({"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items()})


def test_headers_from_any_mapping() -> None:
    headers = signed(BATCH_100)
    for shape in header_shapes(headers):
        assert hw.verify("POST", URL, shape, BATCH_100, secret=SECRET, now_ms=NOW).version == "v3", type(shape)


def test_bodies_as_bytearray_and_memoryview() -> None:
    headers = signed(BATCH_100)
    for body in (bytearray(BATCH_100), memoryview(BATCH_100)):
        assert len(hw.verify_and_parse("POST", URL, headers, body, secret=SECRET, now_ms=NOW)) == 100
        assert len(hw.parse_batch(body)) == 100


def test_ids_are_exact_ints() -> None:
    big = 9_223_372_036_854_775_807
    body = body_of({"subscriptionType": "deal.creation", "objectId": big, "eventId": big - 1})
    (event,) = hw.parse_batch(body).events
    assert event.object_id == big and event.event_id == big - 1
    assert event.to_dict()["objectId"] == big
    with pytest.raises(hw.PayloadError) as info:
        hw.parse_batch(body_of({"subscriptionType": "deal.creation", "objectId": big + 1}))
    assert (info.value.code, info.value.index, info.value.field) == ("invalid_event", 0, "objectId")


def test_event_classes_and_attributes() -> None:
    events = hw.parse_batch(
        body_of(
            {"subscriptionType": "contact.creation", "objectId": 11, "changeSource": "CRM_UI", "changeFlag": "CREATED"},
            {"subscriptionType": "contact.propertyChange", "objectId": 11, "propertyName": "email", "propertyValue": "a@b.c"},
            {"subscriptionType": "object.propertyChange", "objectTypeId": "0-1", "objectId": 11, "propertyName": "x",
             "propertyValue": "REDACTED", "isSensitive": True},
            {"subscriptionType": "contact.merge", "objectId": 11, "primaryObjectId": 11, "mergedObjectIds": [12, 13],
             "newObjectId": 14, "numberOfPropertiesMoved": 5},
            {"subscriptionType": "object.associationChange", "associationType": "DEAL_TO_CONTACT", "fromObjectId": 1,
             "toObjectId": 2, "associationRemoved": False, "isPrimaryAssociation": True, "fromObjectTypeId": "0-3",
             "toObjectTypeId": "0-1", "associationTypeId": 3, "associationCategory": "HUBSPOT_DEFINED"},
            {"subscriptionType": "deal.restore", "objectId": 7},
            {"subscriptionType": "contact.privacyDeletion", "objectId": 8},
            {"subscriptionType": "company.deletion", "objectId": 9},
            {"subscriptionType": "event.completed", "objectId": 10, "brandNew": {"x": 1}},
        )
    ).events
    creation, change, generic, merge, assoc, restore, privacy, deletion, unknown = events
    assert isinstance(creation, hw.CreationEvent)
    assert (creation.object_type, creation.action, creation.object_id) == ("contact", "creation", 11)
    assert (creation.change_source, creation.change_flag, creation.thread_id) == ("CRM_UI", "CREATED", None)
    assert creation.effective_object_type_id() == "0-1"
    assert isinstance(change, hw.PropertyChangeEvent)
    assert (change.property_name, change.property_value, change.is_sensitive) == ("email", "a@b.c", None)
    assert isinstance(generic, hw.PropertyChangeEvent)
    assert (generic.object_type, generic.object_type_id, generic.is_sensitive) == ("contact", "0-1", True)
    assert isinstance(merge, hw.MergeEvent)
    assert (merge.primary_object_id, merge.merged_object_ids, merge.new_object_id) == (11, [12, 13], 14)
    assert merge.number_of_properties_moved == 5
    assert isinstance(assoc, hw.AssociationChangeEvent)
    assert (assoc.object_type, assoc.action) == ("deal", "associationChange")
    assert (assoc.association_type, assoc.from_object_id, assoc.to_object_id) == ("DEAL_TO_CONTACT", 1, 2)
    assert (assoc.association_removed, assoc.is_primary_association) == (False, True)
    assert (assoc.from_object_type_id, assoc.to_object_type_id, assoc.association_type_id) == ("0-3", "0-1", 3)
    assert assoc.association_category == "HUBSPOT_DEFINED"
    assert isinstance(restore, hw.RestoreEvent) and isinstance(privacy, hw.PrivacyDeletionEvent)
    assert isinstance(deletion, hw.DeletionEvent) and deletion.object_type == "company"
    assert type(unknown) is hw.Event
    assert (unknown.object_type, unknown.action) == ("event", "completed")
    assert unknown.unknown_fields() == {"brandNew": {"x": 1}}
    assert "PropertyChangeEvent(subscription_type='contact.propertyChange'" in repr(change)


def test_conversation_events() -> None:
    events = hw.parse_batch(CONVERSATIONS).events
    by_kind: Dict[str, List[hw.Event]] = {}
    for e in events:
        assert e.object_type == "conversation" and e.thread_id == e.object_id
        by_kind.setdefault(type(e).__name__, []).append(e)
    assert "NewMessageEvent" in by_kind and "ConversationPropertyChangeEvent" in by_kind
    message = by_kind["NewMessageEvent"][0]
    assert isinstance(message, hw.NewMessageEvent)
    assert message.message_type in ("MESSAGE", "COMMENT", "WELCOME_MESSAGE")
    assert message.message_id == message.to_dict()["messageId"]
    changes = [e for e in by_kind["ConversationPropertyChangeEvent"] if isinstance(e, hw.ConversationPropertyChangeEvent)]
    seen = {c.change for c in changes}
    assert "assigneeChanged" in seen
    for c in changes:
        if c.change == "assigneeChanged":
            assert c.assignee == (c.property_value or None)
        if c.change == "statusChanged":
            assert c.status in ("OPEN", "CLOSED")
        if c.change == "archivedChanged":
            assert c.archived in (True, False)
    archived = hw.parse_batch(
        body_of({"subscriptionType": "conversation.propertyChange", "objectId": 5, "propertyName": "isArchived",
                 "propertyValue": False})
    ).events[0]
    assert isinstance(archived, hw.ConversationPropertyChangeEvent)
    assert (archived.change, archived.archived, archived.property_value) == ("archivedChanged", False, "false")
    assert archived.to_dict()["propertyValue"] is False


def test_dedup_key_ignores_the_attempt_number() -> None:
    first, retry, other = hw.parse_batch(
        body_of(
            {"subscriptionType": "contact.creation", "objectId": 1},
            {"subscriptionType": "contact.creation", "objectId": 1, "attemptNumber": 3},
            {"subscriptionType": "contact.creation", "objectId": 2},
        )
    ).events
    assert first.dedup_key() == retry.dedup_key() != other.dedup_key()
    assert first.dedup_key().startswith("hs1:")


def test_partial_parsing_keeps_good_events_and_reports_bad_ones() -> None:
    body = body_of(
        {"subscriptionType": "contact.creation", "objectId": 1},
        {"subscriptionType": "contact.creation", "objectId": "not a number"},
        {"subscriptionType": "contact.creation", "objectId": 3},
    )
    with pytest.raises(hw.PayloadError):
        hw.parse_batch(body)
    batch = hw.parse_batch(body, partial=True)
    assert [e.object_id for e in batch.events] == [1, 3]
    (bad,) = batch.rejected
    assert bad.index == 1 and isinstance(bad.error, hw.PayloadError)
    assert (bad.error.code, bad.error.field) == ("invalid_event", "objectId")
    assert json.loads(bad.raw_json())["objectId"] == "not a number"
    delivery = hw.Verifier(SECRET, partial=True).verify_and_parse("POST", URL, signed(body), body, now_ms=NOW)
    assert len(delivery.events) == 2 and delivery.rejected[0].index == 1


def test_signing_helpers_match_the_documented_algorithms() -> None:
    body = BATCH_100
    assert hw.sign_v1(SECRET, body) == hashlib.sha256(SECRET.encode() + body).hexdigest()
    assert hw.sign_v2(SECRET, "POST", URL, body) == hashlib.sha256((SECRET + "POST" + URL).encode() + body).hexdigest()
    mac = hmac.new(SECRET.encode(), b"POST" + URL.encode() + body + b"1769081993721", hashlib.sha256).digest()
    expected_v3 = base64.b64encode(mac).decode()
    assert hw.sign_v3(SECRET, "POST", URL, body, 1769081993721) == expected_v3
    assert hw.sign_v3(SECRET.encode(), b"POST", URL.encode(), body, "1769081993721") == expected_v3
    headers = hw.signed_headers(SECRET, URL, body, timestamp_ms=1769081993721)
    assert headers["X-HubSpot-Signature-v3"] == expected_v3
    assert headers["X-HubSpot-Request-Timestamp"] == "1769081993721"
    assert headers["X-HubSpot-Signature"] == hw.sign_v1(SECRET, body)
    assert headers["Content-Type"] == "application/json"


def test_verifier_options_and_redacted_repr() -> None:
    verifier = hw.Verifier(secret=SECRET, tolerance_ms=1000, require_v3=True, max_body_bytes=10)
    assert (verifier.tolerance_ms, verifier.require_v3, verifier.max_body_bytes) == (1000, True, 10)
    assert verifier.max_future_ms == hw.DEFAULT_MAX_FUTURE_MS and verifier.max_events == hw.DEFAULT_MAX_EVENTS
    assert SECRET not in repr(verifier) and "redacted" in repr(verifier)
    with pytest.raises(hw.PayloadError) as info:
        verifier.verify("POST", URL, signed(BATCH_100), BATCH_100, now_ms=NOW)
    assert info.value.code == "body_too_large"


def test_a_verifier_is_shared_by_threads() -> None:
    verifier = hw.Verifier(SECRET)
    headers = signed(BATCH_100)
    forged = dict(headers, **{"X-HubSpot-Signature-v3": hw.sign_v3("wrong", "POST", URL, BATCH_100, NOW - 500)})

    def work(i: int) -> str:
        try:
            h = forged if i % 3 == 0 else headers
            return str(len(verifier.verify_and_parse("POST", URL, h, BATCH_100, now_ms=NOW)))
        except hw.SignatureError as err:
            return err.code

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(400)))
    assert results == ["signature_mismatch" if i % 3 == 0 else "100" for i in range(400)]


@pytest.mark.skipif(sys.version_info < (3, 10), reason="match statements need Python 3.10")
def test_match_statements() -> None:
    from match_examples import describe

    events = hw.parse_batch(BATCH_100).events + hw.parse_batch(CONVERSATIONS).events
    described = {describe(e) for e in events}
    assert "new deal" in described and "contact property" in described and "new message" in described
