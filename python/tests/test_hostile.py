"""Hostile input from Python, beyond the shared vectors (tests/vectors/hostile.json runs in
test_conformance.py): arguments of the wrong type or with impossible values.

The rule (README, "Errors"): a value of the wrong *type* raises ``TypeError`` naming the
argument; a value of the right type that cannot be used (no secret, an empty secret, a negative
or too large limit, a clock out of range, text that cannot be encoded as UTF-8) raises
``UsageError`` with code ``invalid_argument``. Neither is ever a SignatureError or PayloadError,
so a mistake in the calling code is never mistaken for a bad request.
"""

import json
from typing import Any, Callable, Dict, List, Tuple, Type

import pytest

import hubspot_webhooks as hw
from hubspot_webhooks import fixtures

SECRET = "3c9a1e2f-5b7d-4e8a-9f10-2a3b4c5d6e7f"
URL = "https://hooks.example.com/hubspot/webhook"
NOW = 1_769_081_994_221
BODY = b'[{"eventId":1,"subscriptionId":2,"portalId":3,"appId":4,"occurredAt":1769081993375,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":5}]'
HEADERS = hw.signed_headers(SECRET, URL, BODY, timestamp_ms=NOW - 500)
VERIFIER = hw.Verifier(SECRET)


class Boom:
    """A mapping whose items() fails: the failure is passed through unchanged."""

    def items(self) -> Any:
        raise RuntimeError("boom")


def entry_points(**overrides: Any) -> List[Tuple[str, Callable[[], object]]]:
    """Every request-taking entry point, called with the standard arguments and `overrides`."""
    args = {"method": "POST", "url": URL, "headers": HEADERS, "body": BODY, **overrides}
    positional = (args.pop("method"), args.pop("url"), args.pop("headers"), args.pop("body"))
    opts = {"now_ms": NOW, **args}
    per_call = {k: v for k, v in opts.items() if k == "now_ms"}
    return [
        ("verify", lambda: hw.verify(*positional, secret=SECRET, **opts)),
        ("verify_and_parse", lambda: hw.verify_and_parse(*positional, secret=SECRET, **opts)),
        ("Verifier.verify", lambda: VERIFIER.verify(*positional, **per_call)),
        ("Verifier.verify_and_parse", lambda: VERIFIER.verify_and_parse(*positional, **per_call)),
    ]


def raises(call: Callable[[], object], kind: Type[BaseException], match: str) -> BaseException:
    with pytest.raises(kind, match=match) as info:
        call()
    if isinstance(info.value, hw.HubSpotWebhookError):
        assert type(info.value) is hw.UsageError and info.value.code == "invalid_argument", info.value
    return info.value


# ------------------------------------------------------------------------------------------------
# Wrong types: TypeError, naming the argument.

BAD_BODIES: List[Tuple[Any, str]] = [
    (None, "body must be bytes.*not NoneType"),
    (0, "body must be bytes.*not int"),
    (1.5, "body must be bytes.*not float"),
    (True, "body must be bytes.*not bool"),
    (BODY.decode(), "body is str.*raw bytes"),
    (json.loads(BODY), "parsed list.*raw request body"),
    (json.loads(BODY)[0], "parsed dict.*raw request body"),
    (tuple(json.loads(BODY)), "parsed tuple"),
    (object(), "body must be bytes.*not object"),
    (iter([BODY]), "body must be bytes"),
]


@pytest.mark.parametrize("body, match", BAD_BODIES, ids=[type(b).__name__ for b, _ in BAD_BODIES])
def test_a_body_of_the_wrong_type_is_a_type_error(body: Any, match: str) -> None:
    for name, call in entry_points(body=body):
        raises(call, TypeError, match)
    for call in (
        lambda: hw.parse_batch(body),
        lambda: VERIFIER.parse(body),
        lambda: hw.sign_v1(SECRET, body),
        lambda: hw.sign_v2(SECRET, "POST", URL, body),
        lambda: hw.sign_v3(SECRET, "POST", URL, body, NOW),
        lambda: hw.signed_headers(SECRET, URL, body),
    ):
        raises(call, TypeError, match)


BAD_HEADERS: List[Tuple[Any, str]] = [
    (1, "headers must be a mapping.*not int"),
    (1.5, "headers must be a mapping.*not float"),
    ("X-HubSpot-Signature-v3: x", "headers must be a mapping.*not str"),
    (b"X-HubSpot-Signature-v3: x", "headers must be a mapping.*not bytes"),
    (object(), "headers must be a mapping.*not object"),
    ([("X-HubSpot-Signature-v3",)], "found an item of type tuple"),
    ([["X-HubSpot-Signature-v3", "x"]], "found an item of type list"),
    (["X-HubSpot-Signature-v3"], "found an item of type str"),
    ([None], "found an item of type NoneType"),
    ({"X-HubSpot-Signature-v3": None}, "a header value must be str or bytes, not NoneType"),
    ({"X-HubSpot-Signature-v3": 12}, "a header value must be str or bytes, not int"),
    ({"X-HubSpot-Signature-v3": ["a", "b"]}, "a header value must be str or bytes, not list"),
    ({1: "x"}, "a header name must be str or bytes, not int"),
    ({None: "x"}, "a header name must be str or bytes, not NoneType"),
    ({"X-HubSpot-Signature-v3": bytearray(b"x")}, "a header value must be str or bytes, not bytearray"),
]


@pytest.mark.parametrize("headers, match", BAD_HEADERS, ids=[repr(h)[:40] for h, _ in BAD_HEADERS])
def test_headers_of_the_wrong_type_are_a_type_error(headers: Any, match: str) -> None:
    for name, call in entry_points(headers=headers):
        raises(call, TypeError, match)


def test_a_failing_headers_mapping_passes_its_error_through() -> None:
    for name, call in entry_points(headers=Boom()):
        raises(call, RuntimeError, "boom")


def test_no_headers_means_no_signature() -> None:
    for headers in (None, {}, [], ()):
        for name, call in entry_points(headers=headers):
            err = raises_signature(call)
            assert err.code == "missing_signature", name


def raises_signature(call: Callable[[], object]) -> hw.SignatureError:
    with pytest.raises(hw.SignatureError) as info:
        call()
    return info.value


@pytest.mark.parametrize("value", [None, 1, 1.5, ["POST"], bytearray(b"POST"), object()])
def test_method_and_url_of_the_wrong_type_are_a_type_error(value: Any) -> None:
    kind = type(value).__name__
    for name, call in entry_points(method=value):
        raises(call, TypeError, f"method must be str or bytes, not {kind}")
    for name, call in entry_points(url=value):
        raises(call, TypeError, f"url must be str or bytes, not {kind}")


BAD_SECRETS: List[Tuple[Dict[str, Any], Type[BaseException], str]] = [
    ({"secret": 1}, TypeError, "secret must be str or bytes, not int"),
    ({"secret": 1.5}, TypeError, "secret must be str or bytes, not float"),
    ({"secret": ["a"]}, TypeError, "secret must be str or bytes, not list"),
    ({"secret": bytearray(b"a")}, TypeError, "secret must be str or bytes, not bytearray"),
    ({"secret": object()}, TypeError, "secret must be str or bytes, not object"),
    ({"secrets": 1}, TypeError, "secrets must be a list of client secrets.*not int"),
    ({"secrets": "abc"}, TypeError, "secrets must be a list of client secrets.*not str"),
    ({"secrets": b"abc"}, TypeError, "secrets must be a list of client secrets.*not bytes"),
    ({"secrets": {"abc": 1}}, TypeError, "secrets must be a list of client secrets.*not dict"),
    ({"secrets": [SECRET, None]}, TypeError, "each secret must be str or bytes, not NoneType"),
    ({"secrets": [SECRET, 7]}, TypeError, "each secret must be str or bytes, not int"),
    ({"secret": SECRET, "secrets": [SECRET]}, TypeError, "not both"),
    ({}, hw.UsageError, "client secret"),
    ({"secret": None}, hw.UsageError, "client secret"),
    ({"secrets": []}, hw.UsageError, "client secret"),
    ({"secrets": ()}, hw.UsageError, "client secret"),
    ({"secret": ""}, hw.UsageError, "empty"),
    ({"secret": b""}, hw.UsageError, "empty"),
    ({"secrets": [SECRET, ""]}, hw.UsageError, "empty"),
    ({"secret": "\ud800"}, hw.UsageError, "secret is not valid Unicode"),
]


@pytest.mark.parametrize("kwargs, kind, match", BAD_SECRETS, ids=[repr(k)[:40] for k, _, _ in BAD_SECRETS])
def test_bad_secrets(kwargs: Dict[str, Any], kind: Type[BaseException], match: str) -> None:
    raises(lambda: hw.Verifier(**kwargs), kind, match)
    raises(lambda: hw.verify("POST", URL, HEADERS, BODY, now_ms=NOW, **kwargs), kind, match)
    raises(lambda: hw.verify_and_parse("POST", URL, HEADERS, BODY, now_ms=NOW, **kwargs), kind, match)


# Options go through core's Options::set: an unknown or ill-typed option is invalid_argument
# naming it (a UsageError, whatever the type of the value).
BAD_OPTIONS: List[Tuple[str, Any, Type[BaseException], str]] = [
    ("tolerance_ms", -1, hw.UsageError, '"tolerance_ms" takes a whole number, 0 or more, not -1'),
    ("tolerance_ms", 2**64, hw.UsageError, '"tolerance_ms" takes a whole number'),
    ("tolerance_ms", 2**200, hw.UsageError, '"tolerance_ms" takes a whole number'),
    ("tolerance_ms", 1.5, hw.UsageError, '"tolerance_ms" takes a whole number, 0 or more, not a number with a fraction'),
    ("tolerance_ms", "300000", hw.UsageError, '"tolerance_ms" takes a whole number.*string'),
    ("tolerance_ms", True, hw.UsageError, '"tolerance_ms" takes a whole number.*true'),
    ("max_future_ms", -300_000, hw.UsageError, '"max_future_ms" takes a whole number'),
    ("max_future_ms", [1], hw.UsageError, '"max_future_ms" takes a whole number, 0 or more, not a value of type list'),
    ("partial", {}, hw.UsageError, '"partial" takes true or false, not a value of type dict'),
    ("max_body_bytes", -1, hw.UsageError, '"max_body_bytes" takes a whole number'),
    ("max_body_bytes", 2**70, hw.UsageError, '"max_body_bytes" takes a whole number'),
    ("max_events", -1, hw.UsageError, '"max_events" takes a whole number'),
    ("max_events", "100", hw.UsageError, '"max_events" takes a whole number'),
    ("require_v3", "yes", hw.UsageError, '"require_v3" takes true or false'),
    ("require_v3", 1, hw.UsageError, '"require_v3" takes true or false'),
    ("partial", "no", hw.UsageError, '"partial" takes true or false'),
    ("partial", 0, hw.UsageError, '"partial" takes true or false'),
    ("tolerance", 1, hw.UsageError, 'unknown option "tolerance"; the options are tolerance_ms'),
    ("secert", "x", hw.UsageError, 'unknown option "secert"'),
]


@pytest.mark.parametrize("name, value, kind, match", BAD_OPTIONS, ids=[f"{n}={v!r}" for n, v, _, _ in BAD_OPTIONS])
def test_bad_options(name: str, value: Any, kind: Type[BaseException], match: str) -> None:
    calls = [
        lambda: hw.Verifier(SECRET, **{name: value}),
        lambda: hw.verify_and_parse("POST", URL, HEADERS, BODY, secret=SECRET, now_ms=NOW, **{name: value}),
        lambda: hw.verify("POST", URL, HEADERS, BODY, secret=SECRET, now_ms=NOW, **{name: value}),
        lambda: hw.parse_batch(BODY, **{name: value}),
    ]
    for call in calls:
        raises(call, kind, match)


def test_options_by_name_follow_core_table() -> None:
    names = [name for name, _camel, _kind, _doc in hw.OPTIONS]
    assert "tolerance_ms" in names and "toleranceMs" in [camel for _n, camel, _k, _d in hw.OPTIONS]
    verifier = hw.Verifier(SECRET, toleranceMs=1000, require_v3=True, max_events=None)
    assert (verifier.tolerance_ms, verifier.require_v3, verifier.max_events) == (1000, True, hw.DEFAULT_MAX_EVENTS)
    assert hw.Verifier(SECRET, max_body_bytes=1e6).max_body_bytes == 1_000_000  # a whole float is whole
    for name in names:
        assert hasattr(verifier, name) and f"{name}=" in repr(verifier), name


def test_zero_limits_are_allowed_and_apply() -> None:
    with pytest.raises(hw.PayloadError) as info:
        hw.parse_batch(BODY, max_body_bytes=0)
    assert info.value.code == "body_too_large"
    with pytest.raises(hw.PayloadError) as info:
        hw.parse_batch(BODY, max_events=0)
    assert info.value.code == "invalid_batch"
    assert len(hw.parse_batch(b"[]", max_events=0)) == 0
    with pytest.raises(hw.SignatureError) as sig:
        hw.verify("POST", URL, HEADERS, BODY, secret=SECRET, now_ms=NOW, tolerance_ms=0)
    assert sig.value.code == "timestamp_too_old"


@pytest.mark.parametrize(
    "value, kind, match",
    [
        ("now", TypeError, "now_ms must be an int of Unix milliseconds, not str"),
        (1.5e12, TypeError, "now_ms must be an int of Unix milliseconds, not float"),
        (True, TypeError, "now_ms must be an int of Unix milliseconds, not bool"),
        ([NOW], TypeError, "now_ms must be an int of Unix milliseconds, not list"),
        (2**63, hw.UsageError, "now_ms must fit in a signed 64-bit integer"),
        (-(2**63) - 1, hw.UsageError, "now_ms must fit in a signed 64-bit integer"),
    ],
)
def test_bad_clocks(value: Any, kind: Type[BaseException], match: str) -> None:
    for name, call in entry_points(now_ms=value):
        raises(call, kind, match)
    raises(lambda: hw.signed_headers(SECRET, URL, BODY, timestamp_ms=value), kind, match.replace("now_ms", "timestamp_ms"))


def test_clocks_at_the_i64_edges_are_signature_errors_not_crashes() -> None:
    for now in (2**63 - 1, -(2**63), 0, -1):
        for name, call in entry_points(now_ms=now):
            assert raises_signature(call).code in ("timestamp_too_old", "timestamp_in_future"), (name, now)


def test_text_that_cannot_be_utf8_is_a_usage_error() -> None:
    for name, call in entry_points(url="https://example.com/\udcff"):
        raises(call, hw.UsageError, "url is not valid Unicode")
    for name, call in entry_points(headers={"X-HubSpot-Signature-v3": "\ud800"}):
        raises(call, hw.UsageError, "a header value is not valid Unicode")
    raises(lambda: hw.sign_v1("\ud800", BODY), hw.UsageError, "secret is not valid Unicode")
    # Router patterns and fixtures too (pyo3's own conversion raised UnicodeEncodeError).
    raises(lambda: hw.Router().on("contact.\ud800", print), hw.UsageError, "pattern is not valid Unicode")
    raises(lambda: hw.check_pattern("\ud800"), hw.UsageError, "pattern is not valid Unicode")
    raises(lambda: fixtures.delivery("contact.creation", secret="\ud800"), hw.UsageError, "secret is not valid Unicode")
    raises(lambda: fixtures.delivery(["contact.\ud800"], secret=SECRET), hw.UsageError, "each type is not valid Unicode")
    raises(lambda: fixtures.delivery("contact.creation", secret=SECRET, url="https://x/\udcff"), hw.UsageError,
           "url is not valid Unicode")


def test_fixture_arguments_of_the_wrong_type_are_type_errors_naming_them() -> None:
    raises(lambda: fixtures.delivery(None, secret=SECRET), TypeError, "types must be a str or a list of str, not NoneType")
    raises(lambda: fixtures.delivery([1], secret=SECRET), TypeError, "each type must be a str, not int")
    raises(lambda: fixtures.delivery("contact.creation", secret=b"x"), TypeError, "secret must be a str, not bytes")
    raises(lambda: hw.check_pattern(b"*"), TypeError, "pattern must be a str, not bytes")


def test_a_body_length_beyond_64_bits_is_over_the_limit_and_a_negative_one_a_usage_error() -> None:
    """The helpers check a request's declared Content-Length with it (pyo3 raised OverflowError)."""
    for length in (2**64, 10**30):
        with pytest.raises(hw.PayloadError) as info:
            VERIFIER.check_body_length(length)
        assert info.value.code == "body_too_large"
    raises(lambda: VERIFIER.check_body_length(-1), hw.UsageError, "a length is 0 or more, not -1")
    raises(lambda: VERIFIER.check_body_length(1.5), TypeError, "length must be an int")
    assert VERIFIER.check_body_length(hw.DEFAULT_MAX_BODY_BYTES) is None


def test_signing_helpers_check_their_arguments() -> None:
    raises(lambda: hw.sign_v3(SECRET, "POST", URL, BODY, None), TypeError, "timestamp must be an int, str or bytes, not NoneType")
    raises(lambda: hw.sign_v3(SECRET, "POST", URL, BODY, 1.5), TypeError, "timestamp must be an int, str or bytes, not float")
    raises(lambda: hw.sign_v3(SECRET, "POST", URL, BODY, True), TypeError, "not bool")
    raises(lambda: hw.sign_v2(None, "POST", URL, BODY), TypeError, "secret must be str or bytes, not NoneType")
    raises(lambda: hw.signed_headers(SECRET, URL, BODY, method=1), TypeError, "method must be str or bytes, not int")
    # A timestamp as sent (str/bytes) is signed as given, even when it is not a number.
    assert hw.sign_v3(SECRET, "POST", URL, BODY, " 12 ") != hw.sign_v3(SECRET, "POST", URL, BODY, 12)
    # An empty secret signs nothing (an unset environment variable), as no Verifier takes one.
    for sign in [
        lambda: hw.sign_v1("", BODY),
        lambda: hw.sign_v2(b"", "POST", URL, BODY),
        lambda: hw.sign_v3("", "POST", URL, BODY, 12),
        lambda: hw.signed_headers("", URL, BODY),
        lambda: hw.fixtures.delivery("contact.creation", secret=""),
    ]:
        raises(sign, hw.UsageError, "the secret is empty")
    assert hw.fixtures.delivery("contact.creation", secret="", signature="none").body.startswith(b"[")


def test_calling_mistakes_are_type_errors() -> None:
    with pytest.raises(TypeError):
        hw.verify("POST", URL, HEADERS, BODY, SECRET)  # type: ignore[misc]
    with pytest.raises(TypeError):
        hw.verify_and_parse("POST", URL, HEADERS, secret=SECRET)  # type: ignore[call-arg]
    with pytest.raises(hw.UsageError, match="unknown option"):
        hw.verify("POST", URL, HEADERS, BODY, secert=SECRET)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        VERIFIER.verify_and_parse("POST", URL, HEADERS, BODY, secret=SECRET)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        hw.Event()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        hw.EventList()  # type: ignore[call-arg]


def test_odd_but_valid_inputs_work() -> None:
    # Header names and values as bytes, mixed with str; duplicated names joined by the core.
    pairs = [(k.encode(), v) for k, v in HEADERS.items()] + [("X-Other", b"1"), ("x-other", "2")]
    assert VERIFIER.verify_and_parse("POST", URL, pairs, BODY, now_ms=NOW).version == "v3"
    # A memoryview of part of a buffer; a bytearray.
    padded = b"xx" + BODY + b"yy"
    assert len(hw.parse_batch(memoryview(padded)[2:-2])) == 1
    assert len(hw.verify_and_parse("POST", URL, HEADERS, bytearray(BODY), secret=SECRET, now_ms=NOW)) == 1
    # Non-ASCII text in an unrelated header value (encoded as UTF-8) changes nothing.
    assert hw.verify("POST", URL, {**HEADERS, "X-Name": "Zoë ✓"}, BODY, secret=SECRET, now_ms=NOW).version == "v3"
    # An enormous unrelated header.
    assert hw.verify("POST", URL, {**HEADERS, "X-Big": "a" * 1_000_000}, BODY, secret=SECRET, now_ms=NOW).version == "v3"
