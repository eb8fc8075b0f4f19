"""Exceptions: one base class under ValueError with .code, subclasses per family, TypeErrors
that say to pass the raw body."""

import copy
import json
import pickle

import pytest

import hubspot_webhooks as hw

SECRET = "3c9a1e2f-5b7d-4e8a-9f10-2a3b4c5d6e7f"
URL = "https://hooks.example.com/hubspot/webhook"
NOW = 1_769_081_994_221
BODY = b'[{"eventId":1,"subscriptionId":2,"portalId":3,"appId":4,"occurredAt":1769081993375,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":5}]'
HEADERS = hw.signed_headers(SECRET, URL, BODY, timestamp_ms=NOW - 500)


def test_every_core_code_has_the_class_of_its_family() -> None:
    families = {"signature": hw.SignatureError, "payload": hw.PayloadError, "usage": hw.UsageError}
    codes = hw.error_codes()
    assert {code for code, _ in codes} >= {"signature_mismatch", "invalid_event", "invalid_argument"}
    for code, family in codes:
        assert family in families
        err = hw._native.error(code, "msg")
        assert type(err) is families[family]
        assert isinstance(err, hw.HubSpotWebhookError) and isinstance(err, ValueError)
        assert (err.code, err.family, err.message, str(err)) == (code, family, "msg", f"{code}: msg")
        status = 413 if code == "body_too_large" else {"signature": 401, "payload": 400, "usage": 500}[family]
        assert err.http_status == status, code


@pytest.mark.parametrize(
    "headers, code",
    [
        ({}, "missing_signature"),
        ({"X-HubSpot-Signature": "a" * 64, "X-HubSpot-Signature-Version": "v9"}, "unsupported_signature_version"),
        ({"X-HubSpot-Signature-v3": HEADERS["X-HubSpot-Signature-v3"]}, "missing_timestamp"),
        ({**HEADERS, "X-HubSpot-Request-Timestamp": "soon"}, "invalid_timestamp"),
        ({**HEADERS, "X-HubSpot-Signature-v3": "not base64"}, "malformed_signature"),
        ({**HEADERS, "X-HubSpot-Signature-v3": hw.sign_v3("other", "POST", URL, BODY, NOW - 500)}, "signature_mismatch"),
    ],
)
def test_signature_errors(headers: dict, code: str) -> None:
    with pytest.raises(hw.SignatureError) as info:
        hw.verify_and_parse("POST", URL, headers, BODY, secret=SECRET, now_ms=NOW)
    assert info.value.code == code and info.value.family == "signature"
    assert len(info.value.message) > 20


def test_stale_and_future_timestamps() -> None:
    with pytest.raises(hw.SignatureError) as info:
        hw.verify("POST", URL, HEADERS, BODY, secret=SECRET, now_ms=NOW + 600_000)
    assert info.value.code == "timestamp_too_old"
    with pytest.raises(hw.SignatureError) as info:
        hw.verify("POST", URL, HEADERS, BODY, secret=SECRET, now_ms=NOW - 600_000)
    assert info.value.code == "timestamp_in_future"


def test_mismatch_message_names_a_reserialised_body() -> None:
    pretty = json.dumps(json.loads(BODY), indent=2).encode()
    with pytest.raises(hw.SignatureError) as info:
        hw.verify("POST", URL, HEADERS, pretty, secret=SECRET, now_ms=NOW)
    assert info.value.code == "signature_mismatch" and "raw request body" in info.value.message


@pytest.mark.parametrize(
    "body, code",
    [(b"[" * 3, "invalid_json"), (b'{"a":1}', "invalid_batch"), (b"[{}]", "invalid_event"), (b"\xff", "invalid_json")],
)
def test_payload_errors(body: bytes, code: str) -> None:
    with pytest.raises(hw.PayloadError) as info:
        hw.parse_batch(body)
    assert info.value.code == code
    headers = hw.signed_headers(SECRET, URL, body, timestamp_ms=NOW)
    with pytest.raises(hw.PayloadError):
        hw.verify_and_parse("POST", URL, headers, body, secret=SECRET, now_ms=NOW)
    with pytest.raises(hw.PayloadError) as info:
        hw.parse_batch(b"[]", max_body_bytes=1)
    assert info.value.code == "body_too_large"


def test_str_and_parsed_bodies_get_a_type_error_that_says_what_to_do() -> None:
    with pytest.raises(TypeError, match="raw bytes"):
        hw.verify_and_parse("POST", URL, HEADERS, BODY.decode(), secret=SECRET, now_ms=NOW)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="parsed list.*raw request body"):
        hw.verify_and_parse("POST", URL, HEADERS, json.loads(BODY), secret=SECRET, now_ms=NOW)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="parsed dict"):
        hw.parse_batch({"events": []})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="raw bytes"):
        hw.Verifier(SECRET).parse(BODY.decode())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not int"):
        hw.sign_v1(SECRET, 42)  # type: ignore[arg-type]


def test_usage_mistakes() -> None:
    with pytest.raises(hw.UsageError) as info:
        hw.verify("POST", URL, HEADERS, BODY, now_ms=NOW)
    assert info.value.code == "invalid_argument" and "client secret" in info.value.message
    with pytest.raises(hw.UsageError):
        hw.Verifier(secret="")
    with pytest.raises(hw.UsageError):
        hw.Verifier(secrets=[])
    with pytest.raises(TypeError, match="not both"):
        hw.Verifier(secret=SECRET, secrets=[SECRET])
    with pytest.raises(TypeError, match="list of client secrets"):
        hw.Verifier(secrets=SECRET)
    with pytest.raises(hw.UsageError, match="tolerance_ms"):
        hw.Verifier(SECRET, tolerance_ms=-1)
    with pytest.raises(hw.UsageError, match="max_body_bytes"):
        hw.parse_batch(BODY, max_body_bytes=2**70)
    with pytest.raises(hw.UsageError, match="tolerance_ms"):
        hw.Verifier(SECRET, tolerance_ms=1.5)
    with pytest.raises(TypeError, match="now_ms must be an int"):
        hw.verify("POST", URL, HEADERS, BODY, secret=SECRET, now_ms="now")  # type: ignore[arg-type]
    with pytest.raises(hw.UsageError, match="now_ms"):
        hw.verify("POST", URL, HEADERS, BODY, secret=SECRET, now_ms=2**64)
    with pytest.raises(TypeError, match="header value must be str or bytes"):
        hw.verify("POST", URL, {"X-HubSpot-Signature": 1}, BODY, secret=SECRET)
    with pytest.raises(TypeError, match="mapping"):
        hw.verify("POST", URL, "X-HubSpot-Signature: x", BODY, secret=SECRET)
    with pytest.raises(TypeError, match="pairs"):
        hw.verify("POST", URL, [("a", "b", "c")], BODY, secret=SECRET)
    with pytest.raises(TypeError, match="url must be str or bytes"):
        hw.verify("POST", None, HEADERS, BODY, secret=SECRET)  # type: ignore[arg-type]


def test_the_diagnose_option_explains_a_mismatch_in_the_log_message_only() -> None:
    verifier = hw.Verifier(SECRET, diagnose=True)
    assert verifier.diagnose is True
    with pytest.raises(hw.SignatureError) as info:
        verifier.verify("POST", URL + "/", HEADERS, BODY, now_ms=NOW)  # signed without the slash
    err = info.value
    assert err.code == "signature_mismatch" and "Diagnosis" not in err.message
    assert err.detailed_message.startswith(err.message) and "Diagnosis" in err.detailed_message
    assert hw.Verifier(SECRET).diagnose is False


def test_an_error_survives_pickling_and_copying() -> None:
    """multiprocessing, concurrent.futures and task queues pickle a worker's exception; the
    default reduction called the class with its text alone, which __init__ refused."""
    with pytest.raises(hw.SignatureError) as info:
        hw.Verifier(SECRET, diagnose=True).verify("POST", URL + "/", HEADERS, BODY, now_ms=NOW)
    err = info.value
    err.__notes__ = ["logged by the worker"]
    assert err.diagnosis is not None and err.diagnosis.findings
    for copy_of in (lambda e: pickle.loads(pickle.dumps(e)), copy.copy, copy.deepcopy):
        again = copy_of(err)
        assert type(again) is hw.SignatureError and again.args == err.args
        assert vars(again) == vars(err)  # code, message, status, diagnosis, answer body, notes
    again = pickle.loads(pickle.dumps(hw.HandlerError("1 handler failed", [ValueError("x")])))
    assert type(again) is hw.HandlerError and repr(again.exceptions) == "(ValueError('x'),)"
