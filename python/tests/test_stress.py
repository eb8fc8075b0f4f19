"""Hard conditions: a long run in one process with flat memory (RSS), and one Verifier used by
several threads at once with every result checked.

HUBSPOT_WEBHOOKS_SOAK_CALLS sets the length of the soak run (default 300 000 calls, a few
seconds); HUBSPOT_WEBHOOKS_THREAD_CALLS the calls per thread (default 150, 8 threads).
"""

import json
import os
import pathlib
import threading
from typing import Any, Callable, Dict, List, Tuple

import pytest

import hubspot_webhooks as hw
from conftest import REPO, SUMMARY

SECRET = "3c9a1e2f-5b7d-4e8a-9f10-2a3b4c5d6e7f"
URL = "https://hooks.example.com/hubspot/webhook"
NOW = 1_769_081_994_221
BATCH_1 = (REPO / "tests" / "data" / "batch_1.json").read_bytes()
BATCH_100 = (REPO / "tests" / "data" / "batch_100.json").read_bytes()
SOAK_CALLS = int(os.environ.get("HUBSPOT_WEBHOOKS_SOAK_CALLS", "300000"))
THREAD_CALLS = int(os.environ.get("HUBSPOT_WEBHOOKS_THREAD_CALLS", "150"))
STATM = pathlib.Path("/proc/self/statm")


def signed(body: bytes, secret: str = SECRET, ts: int = NOW - 500) -> Dict[str, str]:
    return hw.signed_headers(secret, URL, body, timestamp_ms=ts)


def rss() -> int:
    """Resident set size now, in bytes."""
    return int(STATM.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not STATM.exists(), reason="needs /proc/self/statm (Linux)")
def test_soak_memory_stays_flat() -> None:
    verifier = hw.Verifier(SECRET)
    partial = hw.Verifier(SECRET, partial=True)
    good = signed(BATCH_1)
    forged = signed(BATCH_1, secret="not-the-secret")
    bad_body = b'[{"eventId":"x"}]'
    bad_headers = signed(bad_body)
    expected_id = json.loads(BATCH_1)[0]["eventId"]

    def one(i: int) -> None:
        kind = i % 20
        if kind == 0:  # a forged request: the exception path
            try:
                verifier.verify_and_parse("POST", URL, forged, BATCH_1, now_ms=NOW)
            except hw.SignatureError as err:
                assert err.code == "signature_mismatch"
            else:
                raise AssertionError("forged request accepted")
        elif kind == 1:  # a signed request with a bad event: strict error, then partial rejection
            try:
                verifier.verify_and_parse("POST", URL, bad_headers, bad_body, now_ms=NOW)
            except hw.PayloadError as err:
                assert err.code == "invalid_event"
            delivery = partial.verify_and_parse("POST", URL, bad_headers, bad_body, now_ms=NOW)
            assert delivery.rejected[0].error.code == "invalid_event"
        elif kind == 2:  # the module functions
            delivery = hw.verify_and_parse("POST", URL, good, BATCH_1, secret=SECRET, now_ms=NOW)
            assert delivery.events[0].to_dict()["eventId"] == expected_id
        else:
            delivery = verifier.verify_and_parse("POST", URL, good, BATCH_1, now_ms=NOW)
            event = delivery.events[0]
            assert event.event_id == expected_id and event.dedup_key()

    warm_up = max(SOAK_CALLS // 10, 1000)
    for i in range(warm_up):
        one(i)
    before = rss()
    samples = []
    for i in range(SOAK_CALLS):
        one(i)
        if i % (SOAK_CALLS // 10 or 1) == 0:
            samples.append(rss())
    after = rss()
    growth = after - before
    SUMMARY.append(
        f"soak python: {SOAK_CALLS} calls on a one-event batch, RSS {before / 2**20:.1f} MiB -> "
        f"{after / 2**20:.1f} MiB after warm-up (growth {growth / 1024:.0f} KiB)"
    )
    # A leak of even 16 bytes per call would grow RSS by several MiB over the run.
    assert growth < 2 * 2**20, f"RSS grew by {growth / 1024:.0f} KiB over {SOAK_CALLS} calls: {samples}"


def many_events(n: int) -> bytes:
    """A batch of n events (ids made unique), large enough that hashing and parsing run with the
    GIL released for a while."""
    base = json.loads(BATCH_100)
    events = []
    for i in range(n):
        event = dict(base[i % len(base)])
        event["eventId"] = 1_000_000 + i
        events.append(event)
    return json.dumps(events, separators=(",", ":")).encode()


def test_one_verifier_from_many_threads_gives_every_result_right() -> None:
    verifier = hw.Verifier(SECRET)
    big = many_events(1000)
    pretty = json.dumps(json.loads(BATCH_100), indent=1).encode()
    broken = b"[" + BATCH_100[1:-1] + b",{"  # signed, but not JSON
    # (name, call, expected outcome); outcomes are computed from the bodies, not from the library.
    cases: List[Tuple[str, Callable[[], Any], Any]] = [
        ("good 100", lambda: verifier.verify_and_parse("POST", URL, signed(BATCH_100), BATCH_100, now_ms=NOW),
         [e["eventId"] for e in json.loads(BATCH_100)]),
        ("good 1000", lambda: verifier.verify_and_parse("POST", URL, signed(big), big, now_ms=NOW),
         [e["eventId"] for e in json.loads(big)]),
        ("good 1", lambda: verifier.verify_and_parse("POST", URL, signed(BATCH_1), BATCH_1, now_ms=NOW),
         [e["eventId"] for e in json.loads(BATCH_1)]),
        ("forged 1000", lambda: verifier.verify_and_parse("POST", URL, signed(big, "wrong"), big, now_ms=NOW),
         "signature_mismatch"),
        ("stale 100", lambda: verifier.verify("POST", URL, signed(BATCH_100, ts=NOW - 3_600_000), BATCH_100, now_ms=NOW),
         "timestamp_too_old"),
        ("re-serialised", lambda: verifier.verify_and_parse("POST", URL, signed(BATCH_100), pretty, now_ms=NOW),
         "signature_mismatch"),
        ("broken body", lambda: verifier.verify_and_parse("POST", URL, signed(broken), broken, now_ms=NOW),
         "invalid_json"),
        ("verify only", lambda: verifier.verify("POST", URL, signed(big), big, now_ms=NOW), "v3"),
        ("module function", lambda: hw.verify_and_parse("POST", URL, signed(big), big, secrets=["old", SECRET], now_ms=NOW),
         [e["eventId"] for e in json.loads(big)]),
    ]

    def outcome(call: Callable[[], Any]) -> Any:
        try:
            result = call()
        except hw.HubSpotWebhookError as err:
            return err.code
        if isinstance(result, hw.Verified):
            return result.version
        assert result.version == "v3" and len(result) == len(result.events)
        return [e.event_id for e in result.events]

    for name, call, expected in cases:  # single-threaded first: the expectations hold at all
        assert outcome(call) == expected, name

    threads = 8
    barrier = threading.Barrier(threads)
    wrong: List[str] = []
    counts = [0] * threads

    def worker(t: int) -> None:
        barrier.wait()
        for i in range(THREAD_CALLS):
            name, call, expected = cases[(i * 7 + t) % len(cases)]
            got = outcome(call)
            if got != expected:
                wrong.append(f"thread {t} call {i} ({name}): {str(got)[:80]}")
            counts[t] += 1

    pool = [threading.Thread(target=worker, args=(t,)) for t in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in pool), "a thread hung"
    assert wrong == []
    assert counts == [THREAD_CALLS] * threads
