"""Code a user writes, checked with mypy --strict against the package's stubs."""

from typing import Dict, List, Optional, Sequence

import hubspot_webhooks as hw
from hubspot_webhooks import fixtures


def handle(headers: Dict[str, str], body: bytes, url: str) -> List[str]:
    verifier = hw.Verifier(secret="s", tolerance_ms=60_000)
    try:
        delivery: hw.VerifiedDelivery = verifier.verify_and_parse("POST", url, headers, body)
    except hw.SignatureError as err:
        codes: List[str] = err.diagnosis.codes() if err.diagnosis is not None else []
        return [err.code, *codes]
    except hw.HubSpotWebhookError as err:
        return [err.code, err.message]
    out: List[str] = [delivery.version]
    for event in delivery.events:
        event_id: int = event.event_id
        object_id: Optional[int] = event.object_id
        out.append(f"{event.object_type}.{event.action} {event_id} {object_id} {event.dedup_key()}")
        if isinstance(event, hw.PropertyChangeEvent):
            name: Optional[str] = event.property_name
            out.append(str(name))
        elif isinstance(event, hw.NewMessageEvent):
            out.append(str(event.message_type))
        fields: Dict[str, object] = event.to_dict()
        out.append(str(len(fields)))
    events: Sequence[hw.Event] = delivery.events
    if events:
        first: hw.Event = events[0]
        rest: List[hw.Event] = delivery.events[1:]
        everything: List[hw.Event] = delivery.events + rest
        out.append(f"{first.event_id} {len(rest)} {len(everything)} {first in events}")
    for rejected in delivery.rejected:
        out.append(rejected.error.code)
    headers_out: Dict[str, str] = hw.signed_headers("s", url, body, timestamp_ms=1)
    out.append(hw.sign_v3("s", "POST", url, body, 1) + headers_out["X-HubSpot-Signature-v3"])
    return out


def channel(delivery: hw.VerifiedDelivery) -> List[str]:
    """A Custom Channels delivery, told apart by its kind (mypy narrows the union on it)."""
    if delivery.kind == "batch":
        batch: hw.VerifiedBatch = delivery
        return [str(len(batch.events))]
    event = delivery.channel_event
    if event is None:
        return [r.error.code for r in delivery.rejected]
    out: List[str] = [event.type, event.portal_id, event.dedup_key(), event.raw_json()]
    millis: Optional[int] = event.event_timestamp_ms
    out.append(str(millis))
    if event.message is not None:
        for sender in event.message.senders or []:
            if sender.delivery_identifier is not None:
                kind: Optional[str] = sender.delivery_identifier.type
                out.append(f"{kind}:{sender.delivery_identifier.value}")
        if event.message.status is not None:
            out.append(event.message.status.status_type)
        for attachment in event.message.attachments or []:
            out.append(attachment.raw_json())
    fields: Dict[str, object] = event.to_dict()
    out.append(str(len(fields)))
    return out


router = hw.Router()


@router.on("contact.creation")
def on_contact(event: hw.Event) -> None:
    print(event.object_id)


@router.on("OUTGOING_CHANNEL_MESSAGE_CREATED")
async def on_message(event: hw.ChannelEvent) -> None:
    print(event.message)


def receive(delivery: hw.Delivery) -> List[str]:
    try:
        router.receive(delivery)
    except hw.HandlerError as err:
        return [repr(e) for e in err.exceptions]
    diagnosis: hw.Diagnosis = hw.diagnose("POST", "https://x", {}, b"[]", secret="s", now_ms=0)
    fixture: fixtures.Fixture = fixtures.delivery(["contact.creation"], secret="s", signature="v3", seed=1)
    parsed: hw.Delivery = hw.parse_delivery(fixture.body)
    return [str(diagnosis.error), fixture.headers["Content-Type"], parsed.kind, *fixtures.types()]
