#!/usr/bin/env python3
"""Writes hostile.json: what anyone on the internet can send a webhook endpoint (issue 6).

    python3 tests/vectors/hostile.py          # writes tests/vectors/hostile.json
    python3 tests/vectors/hostile.py OUT      # writes OUT/vectors/hostile.json instead

Standard library only; deterministic. Every case names the documented error code it must get
(or the outcome where the input is odd but valid). Cases that need bytes which are not UTF-8
use body_base64.
"""

import base64
import hashlib
import hmac
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(os.path.abspath(sys.argv[1]), "vectors") if len(sys.argv) > 1 else HERE
SECRET = "hostile-client-secret-0b7e"
URL = "https://hooks.example.com/hubspot/webhook"
NOW = 1_769_081_994_066
TS = NOW - 1_000
EVENT = ('{"eventId":1,"subscriptionId":2,"portalId":3,"appId":4,"occurredAt":1769081993375,'
         '"subscriptionType":"contact.creation","attemptNumber":0,"objectId":5}')


def v3(body: bytes, url: str = URL, ts: str = str(TS), method: str = "POST") -> str:
    table = {"%3A": ":", "%2F": "/", "%3F": "?", "%40": "@", "%21": "!", "%24": "$", "%27": "'",
             "%28": "(", "%29": ")", "%2A": "*", "%2C": ",", "%3B": ";"}
    out, i = [], 0
    while i < len(url):
        seq = url[i:i + 3].upper()
        if url[i] == "%" and seq in table:
            out.append(table[seq])
            i += 3
        else:
            out.append(url[i])
            i += 1
    message = method.encode() + "".join(out).encode() + body + ts.encode()
    return base64.b64encode(hmac.new(SECRET.encode(), message, hashlib.sha256).digest()).decode()


def v1(body: bytes) -> str:
    return hashlib.sha256(SECRET.encode() + body).hexdigest()


def signed(name, body: bytes, expect, headers=None, url=URL, options=None, ts=str(TS)):
    request = {"method": "POST", "url": url}
    try:
        request["body"] = body.decode("utf-8")
    except UnicodeDecodeError:
        request["body_base64"] = base64.b64encode(body).decode()
    request["headers"] = headers if headers is not None else {
        "X-HubSpot-Signature-v3": v3(body, url, ts), "X-HubSpot-Request-Timestamp": ts}
    case = {"name": name, "request": request, "secrets": [SECRET], "now_ms": NOW, "expect": expect}
    if options:
        case["options"] = options
    return case


def err(code):
    return {"error": code}


def ok(n, **extra):
    return {"ok": {"version": "v3", "secret_index": 0, "events": [{"eventId": 1}] * n, **extra}}


cases = []
add = cases.append

# Bodies.
add(signed("empty body", b"", err("invalid_json")))
add(signed("a body of NUL bytes", b"\0" * 64, err("invalid_json")))
add(signed("NUL bytes after a valid batch", f"[{EVENT}]".encode() + b"\0\0", err("invalid_json")))
add(signed("NUL byte inside a string is not valid JSON", f"[{EVENT[:-1]},\"x\":\"a\0b\"}}]".encode(), err("invalid_json")))
add(signed("escaped NUL inside a string is fine", f"[{EVENT[:-1]},\"x\":\"a\\u0000b\"}}]".encode(), ok(1)))
add(signed("invalid UTF-8 in a string", f"[{EVENT[:-1]},\"x\":\"".encode() + b"\xc3\x28" + b"\"}]", err("invalid_json")))
# A string escape that cannot be decoded is found when the event is read: the event is invalid.
add(signed("a lone surrogate escape makes its event invalid", f"[{EVENT[:-1]},\"x\":\"\\ud800\"}}]".encode(), err("invalid_event")))
add(signed("UTF-8 byte order mark", b"\xef\xbb\xbf" + f"[{EVENT}]".encode(), err("invalid_json")))
add(signed("a JSON object instead of an array", EVENT.encode(), err("invalid_batch")))
add(signed("a JSON string", b'"[]"', err("invalid_batch")))
add(signed("null", b"null", err("invalid_batch")))
add(signed("5000 nested arrays", b"[" * 5000 + b"]" * 5000, err("invalid_batch")))
add(signed("5000 nested arrays, unclosed", b"[" * 5000, err("invalid_json")))
add(signed("5000 nested objects inside an event", f"[{EVENT[:-1]},\"x\":".encode() + b'{"a":' * 5000 + b"1" + b"}" * 5000 + b"}]", err("invalid_event")))
body = f"[{EVENT}]".encode()
limit = len(body)
add(signed("body exactly at max_body_bytes", body, ok(1), options={"max_body_bytes": limit}))
add(signed("body one byte over max_body_bytes", body, err("body_too_large"), options={"max_body_bytes": limit - 1}))
add(signed("oversized body is refused before the signature is looked at", body, err("body_too_large"),
           headers={}, options={"max_body_bytes": 10}))
tiny = ("[" + ",".join(["{}"] * 100_000) + "]").encode()
add(signed("100 000 tiny events: over the default event limit", tiny, err("invalid_batch")))
many = ("[" + ",".join([EVENT] * 1000) + "]").encode()
add(signed("1000 valid events", many, ok(1000)))
add(signed("1000 events, partial: every one kept", many, ok(1000), options={"partial": True}))

# Headers.
body = f"[{EVENT}]".encode()
good = v3(body)
add(signed("no headers at all", body, err("missing_signature"), headers={}))
add(signed("only unrelated headers", body, err("missing_signature"), headers={"Content-Type": "application/json"}))
add(signed("v3 header twice (two spellings): joined values are malformed", body, err("malformed_signature"),
           headers={"X-HubSpot-Signature-v3": good, "x-hubspot-signature-v3": good, "X-HubSpot-Request-Timestamp": str(TS)}))
add(signed("timestamp header twice: joined values are invalid", body, err("invalid_timestamp"),
           headers={"X-HubSpot-Signature-v3": good, "X-HubSpot-Request-Timestamp": str(TS), "x-hubspot-request-timestamp": str(TS)}))
add(signed("empty v3 header", body, err("malformed_signature"), headers={"X-HubSpot-Signature-v3": "", "X-HubSpot-Request-Timestamp": str(TS)}))
add(signed("empty timestamp header", body, err("invalid_timestamp"), headers={"X-HubSpot-Signature-v3": good, "X-HubSpot-Request-Timestamp": ""}))
add(signed("empty v1 header", body, err("malformed_signature"), headers={"X-HubSpot-Signature": ""}))
add(signed("empty version header", body, err("unsupported_signature_version"), headers={"X-HubSpot-Signature": v1(body), "X-HubSpot-Signature-Version": ""}))
add(signed("enormous v3 header (100 000 characters)", body, err("malformed_signature"),
           headers={"X-HubSpot-Signature-v3": "A" * 100_000, "X-HubSpot-Request-Timestamp": str(TS)}))
add(signed("enormous timestamp header (100 000 digits)", body, err("invalid_timestamp"),
           headers={"X-HubSpot-Signature-v3": good, "X-HubSpot-Request-Timestamp": "1" * 100_000}))
add(signed("enormous unrelated header is ignored", body, ok(1),
           headers={"X-HubSpot-Signature-v3": good, "X-HubSpot-Request-Timestamp": str(TS), "X-Padding": "p" * 100_000}))
add(signed("non-ASCII (Latin-1) in the v3 header", body, err("malformed_signature"),
           headers={"X-HubSpot-Signature-v3": good[:-2] + "\u00e9=", "X-HubSpot-Request-Timestamp": str(TS)}))
add(signed("non-ASCII (Latin-1) in the timestamp", body, err("invalid_timestamp"),
           headers={"X-HubSpot-Signature-v3": good, "X-HubSpot-Request-Timestamp": str(TS) + "\u00e9"}))
add(signed("non-ASCII (Latin-1) in the version header", body, err("unsupported_signature_version"),
           headers={"X-HubSpot-Signature": v1(body), "X-HubSpot-Signature-Version": "v\u00b9"}))

# Timestamps.
for name, ts, code in [
    ("i64 max + 1", "9223372036854775808", "invalid_timestamp"),
    ("20 digits", "99999999999999999999", "invalid_timestamp"),
    ("i64 max (far future)", "9223372036854775807", "timestamp_in_future"),
    ("negative", "-1769081993066", "invalid_timestamp"),
    ("plus sign", "+1769081993066", "invalid_timestamp"),
    ("inner space", "17690819 93066", "invalid_timestamp"),
    ("hex", "0x19be0b2f3ea", "invalid_timestamp"),
    ("zero (1970)", "0", "timestamp_too_old"),
    ("seconds instead of milliseconds", str(TS // 1000), "timestamp_too_old"),
    ("microseconds instead of milliseconds", str(TS * 1000), "timestamp_in_future"),
]:
    add(signed(f"timestamp: {name}", body, err(code), ts=ts))
add(signed("timestamp with surrounding spaces is trimmed", body, ok(1),
           headers={"X-HubSpot-Signature-v3": good, "X-HubSpot-Request-Timestamp": f"  {TS} "}))
case = signed("now_ms at i64 min", body, err("timestamp_in_future"))
case["now_ms"] = -9223372036854775808
add(case)
case = signed("now_ms at i64 max", body, err("timestamp_too_old"))
case["now_ms"] = 9223372036854775807
add(case)

# URLs: nothing is validated; the signature decides.
for name, url in [
    ("URL without a scheme", "hooks.example.com/hubspot/webhook"),
    ("URL with '%' at the end", URL + "?x=%"),
    ("URL with '%3' at the end", URL + "?x=%3"),
    ("URL with '%zz'", URL + "?x=%zz"),
    ("URL with lower-case table escapes", URL + "?e=a%40b%2cc%3a"),
    ("URL with a double-encoded escape", URL + "?e=%253A"),
    ("empty URL", ""),
    ("URL with non-ASCII characters", URL + "/caf\u00e9"),
]:
    add(signed(f"{name}, signed over it: ok", body, ok(1), url=url))
add(signed("URL with '%' at the end, signed over another URL: mismatch", body, err("signature_mismatch"),
           headers={"X-HubSpot-Signature-v3": good, "X-HubSpot-Request-Timestamp": str(TS)}, url=URL + "%"))

json_text = json.dumps({"description": "hostile input: bodies, headers, timestamps and URLs that anyone can send (issue 6)",
                        "cases": cases}, indent=1, ensure_ascii=False)
os.makedirs(OUT_DIR, exist_ok=True)
with open(os.path.join(OUT_DIR, "hostile.json"), "w", encoding="utf-8") as f:
    f.write(json_text + "\n")
print(f"hostile.json: {len(cases)} cases")
