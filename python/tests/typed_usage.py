"""Code a user writes, checked with mypy --strict against the package's stubs."""

from typing import Dict, List, Optional, Sequence

import hubspot_webhooks as hw


def handle(headers: Dict[str, str], body: bytes, url: str) -> List[str]:
    verifier = hw.Verifier(secret="s", tolerance_ms=60_000)
    try:
        delivery: hw.VerifiedBatch = verifier.verify_and_parse("POST", url, headers, body)
    except hw.SignatureError as err:
        return [err.code]
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
