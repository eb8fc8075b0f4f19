#!/usr/bin/env python3
"""Writes diagnosis.json: requests that no longer are what HubSpot signed, each with the
diagnosis the core must give (docs/vectors.md, "Diagnosis"; issue 11).

    python3 tests/vectors/diagnosis.py          # writes tests/vectors/diagnosis.json
    python3 tests/vectors/diagnosis.py OUT      # writes OUT/vectors/diagnosis.json instead

Standard library only; deterministic. Each case signs the request HubSpot sent, then shows the
receiver a deformed copy (another scheme, a proxy's URL, a re-serialised body, ...), with
`options.diagnose` on. The verdict stays the error verification gives; `expect.diagnosis`
lists the codes of the findings, in order.
"""

import base64
import hashlib
import hmac
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(os.path.abspath(sys.argv[1]), "vectors") if len(sys.argv) > 1 else HERE
SECRET = "3c9a1e2f-5b7d-4e8a-9f10-2a3b4c5d6e7f"
URL = "https://hooks.example.com/hubspot/webhook?x=1"
TS = 1769081994066
NOW = TS + 1000
BODY = ('[{"eventId":1,"subscriptionId":2,"portalId":3,"appId":4,"occurredAt":5,'
        '"subscriptionType":"contact.propertyChange","attemptNumber":0,"propertyName":"firstname",'
        '"propertyValue":"Zoë"}]')
DECODE = {"%3A": ":", "%2F": "/", "%3F": "?", "%40": "@", "%21": "!", "%24": "$", "%27": "'",
          "%28": "(", "%29": ")", "%2A": "*", "%2C": ",", "%3B": ";"}


def decode_v3(url):
    return re.sub(r"%[0-9A-Fa-f]{2}", lambda m: DECODE.get(m.group(0).upper(), m.group(0)), url)


def v3(url, body, ts=TS, secret=SECRET, decode=True):
    signed = (decode_v3(url) if decode else url)
    mac = hmac.new(secret.encode(), b"POST" + signed.encode() + body.encode() + str(ts).encode(), hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


def v1(body, secret=SECRET):
    return hashlib.sha256((secret + body).encode()).hexdigest()


def v2(url, body, secret=SECRET):
    return hashlib.sha256((secret + "POST" + url + body).encode()).hexdigest()


def case(name, *, seen_url=URL, seen_body=BODY, headers, secrets=(SECRET,), now=NOW, error, diagnosis):
    return {"name": name,
            "request": {"method": "POST", "url": seen_url, "headers": headers, "body": seen_body},
            "secrets": list(secrets), "now_ms": now, "options": {"diagnose": True},
            "expect": {"error": error, "diagnosis": diagnosis}}


def signed(url=URL, body=BODY, **kw):
    return {"X-HubSpot-Signature-v3": v3(url, body, **kw), "X-HubSpot-Request-Timestamp": str(TS)}


def build():
    cases = []
    add = cases.append
    mismatch = "signature_mismatch"
    add(case("http instead of https (TLS ends at a proxy)", seen_url=URL.replace("https:", "http:"),
             headers=signed(), error=mismatch, diagnosis=["url_scheme"]))
    add(case("the default port written out", seen_url=URL.replace(".com/", ".com:443/"),
             headers=signed(), error=mismatch, diagnosis=["url_default_port"]))
    internal = "http://10.0.0.5:8080/webhook?x=1"
    add(case("behind a proxy: X-Forwarded-Proto, -Host and -Prefix give the public URL", seen_url=internal,
             headers=dict(signed(), **{"X-Forwarded-Proto": "https", "X-Forwarded-Host": "hooks.example.com",
                                       "X-Forwarded-Prefix": "/hubspot"}),
             error=mismatch, diagnosis=["url_forwarded"]))
    add(case("behind a proxy: Forwarded (RFC 7239) gives the public URL", seen_url=internal,
             headers=dict(signed(), **{"Forwarded": "proto=https;host=hooks.example.com",
                                       "X-Forwarded-Prefix": "/hubspot/"}),
             error=mismatch, diagnosis=["url_forwarded"]))
    add(case("a trailing slash added", seen_url=URL.replace("webhook?", "webhook/?"), headers=signed(),
             error=mismatch, diagnosis=["url_trailing_slash"]))
    bare = "https://hooks.example.com/hubspot/webhook"
    add(case("a query string HubSpot did not sign", seen_url=URL, headers=signed(url=bare),
             error=mismatch, diagnosis=["url_query_dropped"]))
    sent = "https://hooks.example.com/hubspot/webhook?name=Jos%C3%A9&t=%7E"
    add(case("the framework decoded the URL's escapes", seen_url="https://hooks.example.com/hubspot/webhook?name=José&t=~",
             headers=signed(url=sent), error=mismatch, diagnosis=["url_decoded_upstream"]))
    raw = "https://hooks.example.com/hubspot/webhook?next=%3A"
    add(case("signed without HubSpot's v3 decoding", seen_url=raw, headers=signed(url=raw, decode=False),
             error=mismatch, diagnosis=["url_decoding"]))
    pretty = json.dumps(json.loads(BODY), ensure_ascii=False, indent=2)
    add(case("the body was parsed and pretty-printed", seen_body=pretty, headers=signed(),
             error=mismatch, diagnosis=["body_reserialised"]))
    ascii_body = BODY.replace("ë", "\\u00eb")
    add(case("the body was re-serialised with ASCII escapes", seen_body=ascii_body, headers=signed(),
             error=mismatch, diagnosis=["body_unicode_escapes"]))
    resorted = json.dumps(json.loads(BODY), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    add(case("the body was re-serialised with its keys sorted (compact, so only the key order tells)",
             seen_body=resorted, headers=signed(), error=mismatch, diagnosis=["body_keys_reordered", "no_match"]))
    add(case("a trailing newline added to the body", seen_body=BODY + "\n", headers=signed(),
             error=mismatch, diagnosis=["body_trailing_newline"]))
    add(case("the receiver's clock 10 minutes ahead", headers=signed(), now=TS + 600_000,
             error="timestamp_too_old", diagnosis=["clock_skew"]))
    add(case("the receiver's clock 10 minutes behind", headers=signed(), now=TS - 600_000,
             error="timestamp_in_future", diagnosis=["clock_skew"]))
    add(case("the receiver's clock in seconds", headers=signed(), now=TS // 1000,
             error="timestamp_in_future", diagnosis=["now_not_milliseconds"]))
    add(case("a secret with a trailing newline (read from a file)", headers=signed(), secrets=[SECRET + "\n"],
             error=mismatch, diagnosis=["secret_whitespace"]))
    add(case("an access token given as the secret", headers=signed(),
             secrets=["pat-na1-11111111-2222-3333-4444-555555555555"],
             error=mismatch, diagnosis=["secret_looks_like_token", "no_match"]))
    add(case("an app ID given as the secret", headers=signed(), secrets=["19635961"],
             error=mismatch, diagnosis=["secret_looks_like_app_id", "no_match"]))
    add(case("rotation: the old secret first, the new one second (no finding: it verifies)", headers=signed(),
             secrets=["0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", SECRET], error=None, diagnosis=None))
    # A signature with a '+' (searched for deterministically: the body varies until one has it).
    body = BODY
    n = 0
    while "+" not in v3(URL, body):
        n += 1
        body = BODY.replace('"eventId":1', f'"eventId":{n}')
    plus = {"X-HubSpot-Signature-v3": v3(URL, body).replace("+", " "), "X-HubSpot-Request-Timestamp": str(TS)}
    add(case("'+' in the signature became a space (form-decoded upstream)", seen_body=body, headers=plus,
             error="malformed_signature", diagnosis=["signature_plus_as_space"]))
    quoted = {"X-HubSpot-Signature-v3": '"' + v3(URL, BODY) + '"', "X-HubSpot-Request-Timestamp": str(TS)}
    add(case("the signature header in quotes", headers=quoted, error="malformed_signature",
             diagnosis=["signature_quoted"]))
    add(case("a v1 signature whose version header says v2",
             headers={"X-HubSpot-Signature": v1(BODY), "X-HubSpot-Signature-Version": "v2"},
             error=mismatch, diagnosis=["signature_version_header"]))
    add(case("a v2 signature without its version header",
             headers={"X-HubSpot-Signature": v2(URL, BODY)},
             error=mismatch, diagnosis=["signature_version_header"]))
    add(case("another app's secret: nothing found", headers=signed(secret="another-apps-secret"),
             error=mismatch, diagnosis=["no_match"]))
    add(case("a missing signature is not diagnosed", headers={}, error="missing_signature", diagnosis=[]))
    for c in cases:
        if c["expect"]["error"] is None:
            c["expect"] = {"ok": {"version": "v3", "secret_index": 1, "events": [{"subscriptionType": "contact.propertyChange"}]}}
    return {"description": "Diagnosis (options.diagnose): requests changed on the way from HubSpot (URL, body, "
                           "clock, secret, headers), each with the error verification still gives and the codes of "
                           "the findings in `expect.diagnosis`, in order. Advice only: never a different verdict.",
            "cases": cases}


def main():
    doc = build()
    names = [c["name"] for c in doc["cases"]]
    assert len(names) == len(set(names))
    os.makedirs(OUT_DIR, exist_ok=True)
    with open(os.path.join(OUT_DIR, "diagnosis.json"), "w", encoding="utf-8", newline="\n") as out:
        out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    print(f"tests/vectors/diagnosis.json: {len(doc['cases'])} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
