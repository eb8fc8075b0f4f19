"""The shared conformance vectors (tests/vectors/*.json and $HUBSPOT_WEBHOOKS_VECTORS/*.json),
run through both entry points: the functions and a Verifier. Batches are compared through the
events' typed attributes, Custom Channels events through the ``ChannelEvent``'s typed attributes
(docs/vectors.md), never through ``to_dict()`` or the raw JSON."""

import base64
import json
from typing import Any, Callable, Dict, List, Optional, Tuple

import hubspot_webhooks as hw
from hubspot_webhooks._channel import snake_case
from hubspot_webhooks._exact import loads as exact_loads
from conftest import SUMMARY, vector_files

# The typed attribute of each field of core's table, by HubSpot's JSON name (aliases read their
# target), and the derived members the vectors name.
ATTRIBUTES = {json: name for name, json, _kind, _required, alias_of, _carried, _doc in hw.FIELDS if alias_of is None}
ATTRIBUTES.update({json: ATTRIBUTES[[j for n, j, *_ in hw.FIELDS if n == alias_of][0]]
                   for _n, json, _k, _r, alias_of, _c, _d in hw.FIELDS if alias_of is not None})
ATTRIBUTES.update({"objectType": "object_type", "action": "action"})
MISSING = object()


def body_of(request: Dict[str, Any]) -> bytes:
    if "body_base64" in request:
        return base64.b64decode(request["body_base64"])
    return request.get("body", "").encode("utf-8")


def same(expected: Any, actual: Any) -> bool:
    """Integers by exact decimal text; booleans only equal booleans; lists element-wise."""
    if expected is None:
        return actual is None or actual is MISSING
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(expected) is type(actual) and expected == actual
    if isinstance(expected, list):
        return isinstance(actual, list) and len(expected) == len(actual) and all(map(same, expected, actual))
    if isinstance(expected, str) and isinstance(actual, int):
        return expected == str(actual)
    if isinstance(expected, int) and isinstance(actual, int):
        return expected == actual
    return type(expected) is type(actual) and expected == actual


def field_value(event: hw.Event, name: str) -> Any:
    """A field through its typed attribute; a field core does not type through
    ``unknown_fields()`` (exact values). Never from ``to_dict()`` or the raw JSON."""
    if name in ATTRIBUTES:
        return getattr(event, ATTRIBUTES[name], MISSING)
    return event.unknown_fields().get(name, MISSING)


def same_field(name: str, expected: Any, actual: Any) -> bool:
    """``propertyValue`` is typed as text: a non-string value sent by HubSpot is its exact JSON
    text, compared with the expected value by what that text reads as (exactly)."""
    if name == "propertyValue" and expected is not None and not isinstance(expected, str) and isinstance(actual, str):
        return same(expected, exact_loads(actual))
    return same(expected, actual)


def check_events(expected: List[Dict[str, Any]], events: List[hw.Event]) -> List[str]:
    problems = []
    if len(expected) != len(events):
        problems.append(f"expected {len(expected)} events, got {len(events)}")
    for i, (want, event) in enumerate(zip(expected, events)):
        for name, value in want.items():
            got = field_value(event, name)
            if not same_field(name, value, got):
                problems.append(f"event {i} field {name}: expected {value!r}, got {got!r}")
    return problems


def channel_value(record: Any, key: str) -> Any:
    """A member of a Custom Channels event through its typed attribute (HubSpot's name in
    snake_case); ``rawJson`` and ``dedupKey`` are methods, as on batch events."""
    value = getattr(record, snake_case(key), MISSING)
    return value() if callable(value) else value


def check_channel(path: str, want: Any, got: Any) -> List[str]:
    """docs/vectors.md: every key listed is compared (null: absent or null), nested objects
    recursively, arrays element by element with exactly that many elements; IDs by exact text."""
    if isinstance(want, dict):
        if got is None or got is MISSING or isinstance(got, (str, int, list)):
            return [f"{path}: expected an object, got {got!r}"]
        return [p for key, value in want.items() for p in check_channel(f"{path}.{key}", value, channel_value(got, key))]
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return [f"{path}: expected {len(want)} elements, got {got!r}"]
        return [p for i, (w, g) in enumerate(zip(want, got)) for p in check_channel(f"{path}[{i}]", w, g)]
    return [] if same(want, got) else [f"{path}: expected {want!r}, got {got!r}"]


def check_delivery(ok: Dict[str, Any], result: Any) -> List[str]:
    """``events`` expects a batch; ``channel_event``, or neither (only ``rejected``), a Custom
    Channels delivery."""
    if "events" in ok:
        if result.kind != "batch" or not isinstance(result, hw.Batch):
            return [f"expected a batch, got a {result.kind} delivery"]
        return check_events(ok["events"], result.events)
    if result.kind != "channel" or not isinstance(result, hw.ChannelDelivery) or len(result.events) != 0:
        return [f"expected a Custom Channels delivery, got a {result.kind} delivery"]
    want, got = ok.get("channel_event"), result.channel_event
    if want is None:
        return [] if got is None else ["expected the event rejected, got it typed"]
    if got is None:
        return ["expected a channel_event, got none (rejected)"]
    if not isinstance(got, hw.ChannelEvent):
        return [f"channel_event is a {type(got).__name__}"]
    return check_channel("channel_event", want, got)


def request_args(case: Dict[str, Any]) -> Tuple[str, str, Dict[str, str], bytes]:
    request = case.get("request", {})
    return request.get("method", "POST"), request.get("url", ""), request.get("headers", {}), body_of(request)


def run_function(case: Dict[str, Any]) -> Tuple[Any, Optional[hw.HubSpotWebhookError]]:
    options = case.get("options", {})
    method, url, headers, body = request_args(case)
    try:
        if case.get("secrets"):
            call = hw.verify if case.get("verify_only") else hw.verify_and_parse
            return call(method, url, headers, body, secrets=case["secrets"], now_ms=case["now_ms"], **options), None
        return hw.parse_delivery(body, **options), None
    except hw.HubSpotWebhookError as err:
        return None, err


def run_verifier(case: Dict[str, Any]) -> Tuple[Any, Optional[hw.HubSpotWebhookError]]:
    options = case.get("options", {})
    method, url, headers, body = request_args(case)
    try:
        if case.get("secrets"):
            verifier = hw.Verifier(secrets=case["secrets"], **options)
            call = verifier.verify if case.get("verify_only") else verifier.verify_and_parse
            # Headers as a list of pairs here (a dict above): both shapes reach the core alike.
            return call(method, url, list(headers.items()), body, now_ms=case["now_ms"]), None
        return hw.Verifier(secret="unused", **options).parse(body), None
    except hw.HubSpotWebhookError as err:
        return None, err


def check_case(case: Dict[str, Any], runner: Callable[[Dict[str, Any]], Tuple[Any, Any]]) -> List[str]:
    result, error = runner(case)
    expect = case["expect"]
    if "error" in expect:
        want = expect["error"]["error"] if isinstance(expect["error"], dict) else expect["error"]
        if error is None:
            return [f"expected error {want}, got success: {result!r}"]
        if error.code != want:
            return [f"expected error {want}, got {error.code}: {error.message}"]
        if "diagnosis" in expect:
            got = error.diagnosis.codes() if error.diagnosis is not None else []
            if got != expect["diagnosis"]:
                return [f"expected diagnosis {expect['diagnosis']}, got {got} ({error.detailed_message})"]
        return []
    if error is not None:
        return [f"expected success, got {error.code}: {error.message}"]
    ok = expect["ok"]
    problems = []
    if "version" in ok and ok["version"] != result.version:
        problems.append(f"version: expected {ok['version']}, got {result.version}")
    if "secret_index" in ok and ok["secret_index"] != result.secret_index:
        problems.append(f"secret_index: expected {ok['secret_index']}, got {result.secret_index}")
    if case.get("verify_only"):
        return problems + ([] if isinstance(result, hw.Verified) else [f"verify gave {result!r}"])
    problems += check_delivery(ok, result)
    want_rejected = [(r["index"], r["error"]) for r in ok.get("rejected", [])]
    got_rejected = [(r.index, r.error.code) for r in result.rejected]
    if want_rejected != got_rejected:
        problems.append(f"rejected: expected {want_rejected}, got {got_rejected}")
    return problems


def test_conformance_vectors() -> None:
    files = vector_files()
    cases = passed = 0
    failures = []
    for path in files:
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            cases += 1
            problems = [f"[functions] {p}" for p in check_case(case, run_function)]
            problems += [f"[Verifier] {p}" for p in check_case(case, run_verifier)]
            if problems:
                failures.append(f"FAIL {path.name}: {case['name']}\n    " + "\n    ".join(problems))
            else:
                passed += 1
    line = f"conformance python: {cases} cases from {len(files)} files, {passed} passed, {cases - passed} failed"
    SUMMARY.extend(failures + [line])
    print("\n".join(failures + [line]))
    assert not failures, "\n".join(failures + [line])
    assert cases > 0, "no conformance vectors found in tests/vectors"
