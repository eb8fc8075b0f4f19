"""Receiving beyond verification: Custom Channels deliveries, the router and its aggregated
failures, the diagnosis of a failed signature and the core's fixtures."""

import asyncio
import json
import sys
from typing import Any, AsyncIterator, Iterator, List

import pytest

import hubspot_webhooks as hw
from hubspot_webhooks import fixtures

SECRET = "3c9a1e2f-5b7d-4e8a-9f10-2a3b4c5d6e7f"
URL = "https://hooks.example.com/hubspot/webhook"
NOW = 1_778_750_467_800
CHANNEL = "OUTGOING_CHANNEL_MESSAGE_CREATED"


def verified(types: Any, **options: Any) -> Any:
    fx = fixtures.delivery(types, secret=SECRET, url=URL, now_ms=NOW, **options)
    return hw.Verifier(SECRET).verify_and_parse(fx.method, fx.url, fx.headers, fx.body, now_ms=NOW)


# --- One delivery, two shapes --------------------------------------------------------------------

def test_every_fixture_type_verifies_as_its_kind() -> None:
    types = fixtures.types()
    assert CHANNEL in types and "contact.creation" in types and len(types) == len(set(types))
    for name in types:
        delivery = verified(name)
        if name.isupper():
            assert isinstance(delivery, hw.VerifiedChannelDelivery) and delivery.kind == "channel", name
            assert delivery.channel_event is not None and delivery.channel_event.type == name
            assert len(delivery.events) == 0 and list(delivery) == [] and len(delivery) == 0
            assert delivery.version == "v3"
        else:
            assert isinstance(delivery, hw.VerifiedBatch) and delivery.kind == "batch", name
            assert [e.subscription_type for e in delivery.events] == [name]


def test_a_channel_event_is_typed_exact_and_read_only() -> None:
    body = json.dumps({
        "type": CHANNEL, "portalId": 12345678901234567890123, "channelId": "7", "eventTimestamp": "2026-05-14T09:21:07.482Z",
        "message": {"id": "m1", "senders": [{"actorId": "A-1", "deliveryIdentifier": "+1555"}],
                    "status": {"statusType": "FAILED", "failureDetails": {"errorMessage": "x", "n": "N"}},
                    "attachments": [{"type": "FILE", "fileId": 5, "url": "https://f", "extra": [1]}]},
        "future": 98765432109876543210,
    }).replace('"N"', "0.10000000000000000001").encode()
    delivery = hw.parse_delivery(body)
    assert isinstance(delivery, hw.ChannelDelivery) and not isinstance(delivery, hw.Batch)
    event = delivery.channel_event
    assert isinstance(event, hw.ChannelEvent)
    assert event.portal_id == "12345678901234567890123" and event.event_timestamp_ms == 1_778_750_467_482
    assert event.message is not None and event.message.senders is not None
    sender = event.message.senders[0]
    assert sender.delivery_identifier == hw.DeliveryIdentifier({"type": None, "value": "+1555"})
    assert event.message.status is not None and json.loads(event.message.status.failure_details_json or "")["errorMessage"] == "x"
    attachment = (event.message.attachments or [])[0]
    assert (attachment.type, attachment.file_id, json.loads(attachment.raw_json())["extra"]) == ("FILE", "5", [1])
    assert event.raw_json() == body.decode() and event.dedup_key().startswith("hscc1:12345678901234567890123:7:")
    everything = event.to_dict()
    assert everything["future"] == 98765432109876543210 and everything["portalId"] == 12345678901234567890123
    assert str(everything["message"]["status"]["failureDetails"]["n"]) == "0.10000000000000000001"
    with pytest.raises(AttributeError):
        event.portal_id = "1"  # type: ignore[misc]
    assert event == hw.parse_delivery(body).channel_event and "portal_id='12345678901234567890123'" in repr(event)


def test_partial_parsing_rejects_a_channel_event_without_losing_it() -> None:
    body = b'{"type":"CHANNEL_ACCOUNT_PURGED","channelId":"1"}'
    with pytest.raises(hw.PayloadError) as info:
        hw.parse_delivery(body)
    assert (info.value.code, info.value.field) == ("invalid_event", "portalId")
    delivery = hw.parse_delivery(body, partial=True)
    assert isinstance(delivery, hw.ChannelDelivery) and delivery.channel_event is None
    assert [(r.index, r.error.code, r.raw_json()) for r in delivery.rejected] == [(0, "invalid_event", body.decode())]
    assert hw.parse_batch(b"[]").kind == "batch"
    with pytest.raises(hw.PayloadError, match="invalid_batch"):
        hw.parse_batch(body)  # parse_batch stays batches only


def test_verify_takes_any_method_and_body() -> None:
    """CRM card fetches are GET with an empty body; workflow actions POST one object."""
    for method, body in [("GET", b""), ("POST", b'{"callbackId":"ap-1","origin":{}}')]:
        headers = hw.signed_headers(SECRET, URL + "?userId=1", body, method=method, timestamp_ms=NOW)
        out = hw.verify(method, URL + "?userId=1", headers, body, secret=SECRET, now_ms=NOW)
        assert (out.version, out.secret_index) == ("v3", 0)


def test_verifier_options_are_read_back_from_core() -> None:
    verifier = hw.Verifier(SECRET, toleranceMs=7, partial=True, diagnose=True)
    values = {name: getattr(verifier, name) for name, *_ in hw.OPTIONS}
    assert values["tolerance_ms"] == 7 and values["partial"] is True and values["diagnose"] is True
    assert values["max_body_bytes"] == hw.DEFAULT_MAX_BODY_BYTES and values["require_v3"] is False
    assert all(isinstance(hw.Verifier.__dict__[name], hw._native.OptionField) for name in values)
    with pytest.raises(AttributeError):
        verifier.partial = False  # type: ignore[misc]


# --- Routers ----------------------------------------------------------------------------------

def test_a_typo_raises_with_the_name_meant_and_nothing_is_registered() -> None:
    router = hw.Router()
    for pattern, meant in [("contact.creaton", "contact.creation"), ("contcat.*", "contact.*"), ("OUTGOING_CHANNEL_MESSAGE_CREATD", CHANNEL)]:
        with pytest.raises(hw.UsageError, match=f"did you mean {json.dumps(meant)}") as info:
            router.on(pattern, print)
        assert info.value.code == "invalid_argument"
    with pytest.raises(hw.UsageError, match="not an event pattern"):
        router.on("contact..creation")
    with pytest.raises(TypeError, match="a pattern is a str"):
        router.on(5)  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="must be callable"):
        router.on("*", "print")  # type: ignore[call-overload]
    router.on("widget.sparkle", print)  # well-formed and far from any known name: HubSpot adds types
    assert repr(router) == "Router('widget.sparkle')"


def test_handlers_run_in_order_and_every_failure_is_collected() -> None:
    seen: List[str] = []
    router = hw.Router()

    @router.on("*")
    def first(event: hw.AnyEvent) -> None:
        seen.append(f"first {event.dedup_key() == delivery.events[len(seen) // 2].dedup_key()}")
        raise KeyError("first")

    @router.on("contact.*")
    async def contacts(event: hw.Event) -> None:
        await asyncio.sleep(0)
        seen.append(f"contacts {event.subscription_type}")

    @router.on("deal.creation")
    def deals(event: hw.Event) -> None:
        raise ValueError(f"deal {event.object_id}")

    assert first.__name__ == "first"  # the decorator gives the function back
    delivery = verified(["contact.creation", "deal.creation"])
    for receive in (router.receive, lambda d: asyncio.run(router.receive_async(d))):
        seen.clear()
        with pytest.raises(hw.HandlerError) as info:
            receive(delivery)
        assert seen == ["first True", "contacts contact.creation", "first True"]
        err = info.value
        assert [type(e) for e in err.exceptions] == [KeyError, KeyError, ValueError]
        note = f"raised by handler test_handlers_run_in_order_and_every_failure_is_collected.<locals>.deals for event {delivery.events[1].dedup_key()}"
        assert err.exceptions[2].__notes__ == [note]
        assert err.message == "3 handlers of a HubSpot delivery failed"
    assert router.handlers_for(delivery.events[1]) == [first, deals]


def test_a_channel_event_is_routed_by_its_type() -> None:
    got: List[str] = []
    router = hw.Router()
    router.on("*", lambda e: got.append("any"))
    router.on("contact.*", lambda e: got.append("contact"))
    router.on(CHANNEL, lambda e: got.append(e.type))
    router.receive(verified(CHANNEL))
    router.receive(verified("CHANNEL_ACCOUNT_PURGED"))
    assert got == ["any", CHANNEL, "any"]
    with pytest.raises(TypeError, match="receive takes a delivery"):
        router.receive([])  # type: ignore[arg-type]


def test_async_handlers_from_sync_and_async_code() -> None:
    done: List[str] = []
    router = hw.Router()

    @router.on("*")
    async def handler(event: hw.AnyEvent) -> None:
        await asyncio.sleep(0)
        done.append("ran")

    delivery = verified("contact.creation")
    router.receive(delivery)  # no running loop: run to its end
    asyncio.run(router.receive_async(delivery))

    async def sync_call_inside_a_loop() -> None:
        router.receive(delivery)

    with pytest.raises(hw.HandlerError) as info:
        asyncio.run(sync_call_inside_a_loop())
    assert "use await router.receive_async" in str(info.value.exceptions[0])
    assert done == ["ran", "ran"]


def test_a_generator_handler_is_refused_at_registration() -> None:
    """Calling a generator function runs none of its body: the handler would never run."""
    router = hw.Router()

    def gen(event: hw.AnyEvent) -> Iterator[None]:  # pragma: no cover - never called
        yield None

    async def agen(event: hw.AnyEvent) -> AsyncIterator[None]:  # pragma: no cover - never called
        yield None

    for handler in (gen, agen):
        with pytest.raises(TypeError, match="generator function"):
            router.on("*", handler)
    assert repr(router) == "Router()"


class NoNotes(Exception):
    """An exception that refuses a note (its __notes__ is not a list)."""

    def __init__(self) -> None:
        super().__init__("no notes")
        self.__notes__ = ("frozen",)  # type: ignore[assignment]


class Unnamed:
    """A callable handler whose repr fails (and that has no __qualname__)."""

    def __call__(self, event: hw.AnyEvent) -> None:
        raise ValueError("unnamed")

    def __repr__(self) -> str:
        raise RuntimeError("no repr")


def test_a_failure_counts_and_the_next_handlers_run_whatever_the_exception_is() -> None:
    ran: List[str] = []
    router = hw.Router()

    @router.on("*")
    def refuses_a_note(event: hw.AnyEvent) -> None:
        raise NoNotes()

    router.on("*", Unnamed())
    router.on("*", lambda event: ran.append("next"))
    for receive in (router.receive, lambda d: asyncio.run(router.receive_async(d))):
        ran.clear()
        with pytest.raises(hw.HandlerError) as info:
            receive(verified("contact.creation"))
        assert [type(e) for e in info.value.exceptions] == [NoNotes, ValueError] and ran == ["next"]


def test_handler_error_is_an_exception_group_from_3_11_and_alike_before() -> None:
    err = hw.HandlerError("1 handler of a HubSpot delivery failed", [ValueError("x")])
    assert isinstance(err, Exception) and err.message.startswith("1 handler") and len(err.exceptions) == 1
    if sys.version_info >= (3, 11):
        assert isinstance(err, ExceptionGroup)  # noqa: F821
        namespace: dict = {"err": err, "caught": []}
        exec("try:\n    raise err\nexcept* ValueError as group:\n    caught.append(group.exceptions)", namespace)
        assert len(namespace["caught"][0]) == 1
    else:
        assert str(err) == "1 handler of a HubSpot delivery failed (1 sub-exception)"
        with pytest.raises(ValueError):
            hw.HandlerError("none", [])


# --- Diagnosis and fixtures ---------------------------------------------------------------------

def test_diagnose_says_what_would_have_matched_and_never_the_secret() -> None:
    fx = fixtures.delivery("contact.creation", secret=SECRET, url=URL, now_ms=NOW)
    plain = URL.replace("https://", "http://")
    diagnosis = hw.diagnose(fx.method, plain, fx.headers, fx.body, secret=SECRET, now_ms=NOW)
    assert diagnosis.error == "signature_mismatch" and diagnosis.codes() == ["url_scheme"]
    assert diagnosis.findings[0].confirmed and 0 < diagnosis.digests
    assert hw.diagnose(fx.method, fx.url, fx.headers, fx.body, secret=SECRET, now_ms=NOW) == hw.Diagnosis(None, [], 0)
    with pytest.raises(hw.SignatureError) as info:
        hw.verify_and_parse(fx.method, plain, fx.headers, fx.body, secret=SECRET, now_ms=NOW, diagnose=True)
    err = info.value
    assert err.diagnosis is not None and err.diagnosis.codes() == ["url_scheme"]
    assert err.detailed_message.startswith(err.message) and "Diagnosis:" in err.detailed_message
    assert "Diagnosis" not in (err._answer_body or "")  # the answer never carries it
    for text in (err.detailed_message, repr(err.diagnosis)):
        assert SECRET not in text and fx.headers["X-HubSpot-Signature-v3"] not in text
    with pytest.raises(hw.SignatureError) as plain_err:
        hw.verify_and_parse(fx.method, plain, fx.headers, fx.body, secret=SECRET, now_ms=NOW)
    assert plain_err.value.diagnosis is None and plain_err.value.detailed_message == plain_err.value.message


def test_fixture_options() -> None:
    def code_of(**options: Any) -> str:
        try:
            verified("deal.creation", **options)
        except hw.HubSpotWebhookError as err:
            return err.code
        return "ok"

    assert code_of(bad_signature=True) == "signature_mismatch"
    assert code_of(timestamp_offset_ms=-600_000) == "timestamp_too_old"
    assert code_of(signature="none") == "missing_signature"
    retry = verified("deal.creation", attempt_number=3, events_per_type=2, duplicate=True, seed=9)
    assert [e.attempt_number for e in retry.events] == [3, 3, 3] and retry.events[0].event_id == retry.events[2].event_id
    v2 = fixtures.delivery("deal.creation", secret=SECRET, url=URL, now_ms=NOW, signature="v2")
    assert hw.verify(v2.method, v2.url, v2.headers, v2.body, secret=SECRET, now_ms=NOW).version == "v2"
    assert fixtures.delivery(["deal.creation"], secret=SECRET, now_ms=NOW) == fixtures.delivery("deal.creation", secret=SECRET, now_ms=NOW)
    with pytest.raises(hw.UsageError, match="contact.creation"):
        fixtures.delivery("contact.creaton", secret=SECRET)
    with pytest.raises(hw.UsageError, match="one Custom Channels type alone"):
        fixtures.delivery([CHANNEL, "contact.creation"], secret=SECRET)
    with pytest.raises(hw.UsageError, match="signature must be"):
        fixtures.delivery("contact.creation", secret=SECRET, signature="v4")
    with pytest.raises(TypeError, match="events_per_type must be an int"):
        fixtures.delivery("contact.creation", secret=SECRET, events_per_type="2")  # type: ignore[arg-type]
    with pytest.raises(hw.UsageError, match="attempt_number is out of range"):
        fixtures.delivery("contact.creation", secret=SECRET, attempt_number=-1)
    with pytest.raises(hw.UsageError, match="unknown fixture option"):
        hw._native.fixture_delivery(["contact.creation"], secret=SECRET, colour="red")
