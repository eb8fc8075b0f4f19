"""The shared conformance vectors (tests/vectors/*.json and $HUBSPOT_WEBHOOKS_VECTORS/*.json),
run through both entry points: the functions and a Verifier."""

import base64
import json
from typing import Any, Callable, Dict, List, Optional, Tuple

import hubspot_webhooks as hw
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


def run_function(case: Dict[str, Any]) -> Tuple[Any, Optional[hw.HubSpotWebhookError]]:
    request = case.get("request", {})
    options = case.get("options", {})
    body = body_of(request)
    try:
        if case.get("secrets"):
            return hw.verify_and_parse(
                request.get("method", "POST"),
                request.get("url", ""),
                request.get("headers", {}),
                body,
                secrets=case["secrets"],
                now_ms=case["now_ms"],
                **options,
            ), None
        return hw.parse_batch(body, **options), None
    except hw.HubSpotWebhookError as err:
        return None, err


def run_verifier(case: Dict[str, Any]) -> Tuple[Any, Optional[hw.HubSpotWebhookError]]:
    request = case.get("request", {})
    options = case.get("options", {})
    body = body_of(request)
    try:
        if case.get("secrets"):
            verifier = hw.Verifier(secrets=case["secrets"], **options)
            # Headers as a list of pairs here (a dict above): both shapes reach the core alike.
            return verifier.verify_and_parse(
                request.get("method", "POST"),
                request.get("url", ""),
                list(request.get("headers", {}).items()),
                body,
                now_ms=case["now_ms"],
            ), None
        return hw.Verifier(secret="unused", **options).parse(body), None
    except hw.HubSpotWebhookError as err:
        return None, err


def check_case(case: Dict[str, Any], runner: Callable[[Dict[str, Any]], Tuple[Any, Any]]) -> List[str]:
    result, error = runner(case)
    expect = case["expect"]
    if "error" in expect:
        want = expect["error"]["error"] if isinstance(expect["error"], dict) else expect["error"]
        if error is None:
            return [f"expected error {want}, got success with {len(result.events)} events"]
        if error.code != want:
            return [f"expected error {want}, got {error.code}: {error.message}"]
        return []
    if error is not None:
        return [f"expected success, got {error.code}: {error.message}"]
    ok = expect["ok"]
    problems = []
    if "version" in ok and ok["version"] != result.version:
        problems.append(f"version: expected {ok['version']}, got {result.version}")
    if "secret_index" in ok and ok["secret_index"] != result.secret_index:
        problems.append(f"secret_index: expected {ok['secret_index']}, got {result.secret_index}")
    problems += check_events(ok.get("events", []), result.events)
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
