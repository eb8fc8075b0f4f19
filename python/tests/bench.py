"""Benchmark (make bench-python): hubspot_webhooks against hubspot-api-client's
Signature.is_valid (v3) plus json.loads, on the same bytes in the same run.

Prints `bench python <case>: ours <us> us, peer <us> us, ratio <ours/peer>` for verify/100,
verify+parse/100 and verify+parse/1. "ours" returns the typed events as an EventList, whose event
objects are made when first read (attributes are converted when read); "peer" returns dicts from
json.loads. One more line, `info python read-all/100: ...`, also reads `eventId` of every event
(ours: every event object is made), so that the lazy objects' cost is shown too.
"""

import json
import pathlib
import time
import timeit
from typing import Callable, Dict

from hubspot.utils.signature import Signature

import hubspot_webhooks as hw

REPO = pathlib.Path(__file__).resolve().parents[2]
SECRET = "3c9a1e2f-5b7d-4e8a-9f10-2a3b4c5d6e7f"
URL = "https://hooks.example.com/hubspot/webhook"


def best_us(fn: Callable[[], object], seconds: float = 0.25, repeat: int = 7) -> float:
    timer = timeit.Timer(fn)
    loops, _ = timer.autorange()
    loops = max(1, int(loops * seconds / 0.2))
    return min(timer.repeat(repeat=repeat, number=loops)) / loops * 1e6


def report(prefix: str, name: str, ours: Callable[[], object], peer: Callable[[], object]) -> None:
    us_ours = best_us(ours)
    us_peer = best_us(peer)
    print(f"{prefix} python {name}: ours {us_ours:.2f} us, peer {us_peer:.2f} us, ratio {us_ours / us_peer:.2f}", flush=True)


def read_all(body: bytes) -> None:
    """verify+parse/100 plus reading one attribute of every event."""
    headers: Dict[str, str] = hw.signed_headers(SECRET, URL, body, timestamp_ms=int(time.time() * 1000))
    signature = headers["X-HubSpot-Signature-v3"]
    timestamp = headers["X-HubSpot-Request-Timestamp"]
    text = body.decode("utf-8")

    def peer() -> object:
        if not Signature.is_valid(signature, SECRET, text, URL, "POST", "v3", timestamp):
            raise AssertionError("peer rejected the request")
        return [e["eventId"] for e in json.loads(text)]

    def ours() -> object:
        return [e.event_id for e in hw.verify_and_parse("POST", URL, headers, body, secret=SECRET).events]

    assert ours() == peer()
    report("info", "read-all/100", ours, peer)


def case(name: str, body: bytes, parse: bool) -> None:
    headers: Dict[str, str] = hw.signed_headers(SECRET, URL, body, timestamp_ms=int(time.time() * 1000))
    signature = headers["X-HubSpot-Signature-v3"]
    timestamp = headers["X-HubSpot-Request-Timestamp"]
    text = body.decode("utf-8")  # the peer takes the body as str; decoding is not timed

    def peer_verify() -> object:
        if not Signature.is_valid(signature, SECRET, text, URL, "POST", "v3", timestamp):
            raise AssertionError("peer rejected the request")
        return json.loads(text) if parse else None

    if parse:

        def ours() -> object:
            return hw.verify_and_parse("POST", URL, headers, body, secret=SECRET)

    else:

        def ours() -> object:
            return hw.verify("POST", URL, headers, body, secret=SECRET)

    assert peer_verify() is not None or not parse
    result = ours()
    if parse:
        assert len(result.events) == len(json.loads(body))  # type: ignore[attr-defined]
    report("bench", name, ours, peer_verify)


def main() -> None:
    batch_100 = (REPO / "tests" / "data" / "batch_100.json").read_bytes()
    batch_1 = (REPO / "tests" / "data" / "batch_1.json").read_bytes()
    case("verify/100", batch_100, parse=False)
    case("verify+parse/100", batch_100, parse=True)
    case("verify+parse/1", batch_1, parse=True)
    read_all(batch_100)


if __name__ == "__main__":
    main()
