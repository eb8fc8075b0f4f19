#!/usr/bin/env python3
"""Writes channels.json: Conversations Custom Channels deliveries (docs/hubspot.md section 6,
docs/decisions.md items 13-16) and verify-only requests (CRM card fetches, workflow actions).

    python3 tests/vectors/channels.py          # writes tests/vectors/channels.json
    python3 tests/vectors/channels.py OUT      # writes OUT/vectors/channels.json instead

Standard library only; deterministic. Signatures are computed here. Every case is checked
against a small reference of the rules before it is written: the body decides the family (an
array is a batch, an object with a string `type` is a Custom Channels event, anything else is
invalid_batch); `type`, `portalId`, `channelId` are required; IDs are strings or integers (kept
as exact decimal text); text fields are strings; times give Unix ms when they are RFC 3339.
"""

import base64
import calendar
import copy
import hashlib
import hmac
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(os.path.abspath(sys.argv[1]), "vectors") if len(sys.argv) > 1 else HERE
SECRET = "3c9a1e2f-5b7d-4e8a-9f10-2a3b4c5d6e7f"
WEBHOOK_URL = "https://bridge.example.com/hubspot/channels/1207734?token=abc%7E1"
TS = "1778750467600"
NOW = 1778750467800
DECODE = {"%3A": ":", "%2F": "/", "%3F": "?", "%40": "@", "%21": "!", "%24": "$", "%27": "'",
          "%28": "(", "%29": ")", "%2A": "*", "%2C": ",", "%3B": ";"}


def decode_v3(url):
    return re.sub(r"%[0-9A-Fa-f]{2}", lambda m: DECODE.get(m.group(0).upper(), m.group(0)), url)


def sign_v3(method, url, body, ts, secret=SECRET):
    mac = hmac.new(secret.encode(), (method + decode_v3(url)).encode() + body.encode() + ts.encode(),
                   hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


def sign_v2(method, url, body, secret=SECRET):
    return hashlib.sha256((secret + method + url + body).encode()).hexdigest()


def compact(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def v3_case(name, body, expect, *, method="POST", url=WEBHOOK_URL, options=None, verify_only=False, sig=None):
    headers = {"X-HubSpot-Signature-v3": sig or sign_v3(method, url, body, TS), "X-HubSpot-Request-Timestamp": TS}
    case = {"name": name, "request": {"method": method, "url": url, "headers": headers, "body": body},
            "secrets": [SECRET], "now_ms": NOW}
    if verify_only:
        case["verify_only"] = True
    if options:
        case["options"] = options
    case["expect"] = expect
    return case


def ok_channel(event):
    return {"ok": {"version": "v3", "secret_index": 0, "channel_event": event}}


def err(code):
    return {"error": code}


# docs/hubspot.md 6.10, the documented message shape, made compact.
MESSAGE = {
    "type": "OUTGOING_CHANNEL_MESSAGE_CREATED",
    "portalId": "146002871",
    "channelId": "1207734",
    "eventTimestamp": "2026-05-14T09:21:07.482Z",
    "eventId": "8e1f6c2a-4d3b-4a77-9c05-3b2d9e7f1a10",
    "channelIntegrationThreadIds": ["acme-sms-thread-41c2"],
    "message": {
        "id": "a3f19c0e5b7d4e2c9f81d6b0e4a27c55",
        "type": "MESSAGE",
        "channelId": "1207734",
        "channelAccountId": "2984410573",
        "conversationsThreadId": "7731904412",
        "createdAt": "2026-05-14T09:21:06.913Z",
        "createdBy": "A-61827340",
        "senders": [{"actorId": "A-61827340", "name": "Dana Reyes",
                     "deliveryIdentifier": {"type": "HS_PHONE_NUMBER", "value": "+15550100999"}}],
        "recipients": [{"actorId": "V-90311245", "name": "Jordan Lee",
                        "deliveryIdentifier": {"type": "HS_PHONE_NUMBER", "value": "+15550100123"}}],
        "text": "Hi Jordan, your replacement ships today.",
        "richText": "<p>Hi Jordan, your replacement ships <b>today</b>.</p>",
        "direction": "OUTGOING",
        "inReplyToId": "0d4b7e21c9f34a6f8e5a2b1c3d4e5f60",
        "truncationStatus": "NOT_TRUNCATED",
        "status": "SENT",
        "attachments": [],
    },
}

ACCOUNT_UPDATED = {"type": "CHANNEL_ACCOUNT_UPDATED", "portalId": "146002871", "channelId": "1207734",
                   "eventTimestamp": "2026-05-14T10:02:41.115Z", "channelAccountId": "2984410573",
                   "channelAccountDeliveryIdentifier": "+15550100999"}

BATCH = ('[{"eventId":1030198139,"subscriptionId":4578255,"portalId":146002871,"appId":19635961,'
         '"occurredAt":1778750467000,"subscriptionType":"conversation.newMessage","attemptNumber":0,'
         '"objectId":7731904412,"messageId":"a3f19c0e5b7d4e2c9f81d6b0e4a27c55","messageType":"MESSAGE",'
         '"changeFlag":"NEW_MESSAGE"}]')


def rfc3339_ms(text):
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})", text)
    if not m:
        return None
    y, mo, d, h, mi, s = (int(x) for x in m.groups()[:6])
    frac = (m.group(7) or "") + "000"
    off = m.group(8)
    minutes = 0 if off in "Zz" else (1 if off[0] == "+" else -1) * (int(off[1:3]) * 60 + int(off[4:6]))
    return (calendar.timegm((y, mo, d, h, mi, min(s, 59))) - minutes * 60) * 1000 + int(frac[:3])


def expected_event(e):
    """The channel_event expectation: every field as the typed accessors give it."""
    out = copy.deepcopy(e)
    for key in ("portalId", "channelId", "eventId", "channelAccountId"):
        if isinstance(out.get(key), int):
            out[key] = str(out[key])
    if "eventTimestamp" in e:
        out["eventTimestampMs"] = rfc3339_ms(e["eventTimestamp"])
    ident = out.get("channelAccountDeliveryIdentifier")
    if isinstance(ident, str):
        out["channelAccountDeliveryIdentifier"] = {"type": None, "value": ident}
    m = out.get("message")
    if isinstance(m, dict):
        if "createdAt" in m:
            m["createdAtMs"] = rfc3339_ms(m["createdAt"])
        if isinstance(m.get("status"), str):
            m["status"] = {"statusType": m["status"]}
        elif isinstance(m.get("status"), dict):
            status = {"statusType": m["status"]["statusType"]}
            if "failureDetails" in m["status"]:
                status["failureDetailsJson"] = compact(m["status"]["failureDetails"])
            m["status"] = status
        for side in ("senders", "recipients"):
            for p in m.get(side) or []:
                if isinstance(p.get("deliveryIdentifier"), str):
                    p["deliveryIdentifier"] = {"type": None, "value": p["deliveryIdentifier"]}
        for a in m.get("attachments") or []:
            for key in list(a):
                if key not in ("type", "fileId", "fileUsageType", "name", "url"):
                    del a[key]
            if isinstance(a.get("fileId"), int):
                a["fileId"] = str(a["fileId"])
    for key in list(out):
        if key not in ("type", "portalId", "channelId", "eventTimestamp", "eventTimestampMs", "eventId",
                       "channelIntegrationThreadIds", "channelAccountId", "channelAccountDeliveryIdentifier",
                       "message"):
            del out[key]
    subject = (e.get("message") or {}).get("id") or e.get("channelAccountId") or "-"
    out["dedupKey"] = f"hscc1:{out['portalId']}:{out['channelId']}:{e['type']}:{subject}:{e.get('eventTimestamp', '-')}"
    return out


def build():
    cases = []
    add = cases.append
    body = compact(MESSAGE)
    add(v3_case("OUTGOING_CHANNEL_MESSAGE_CREATED, documented shape, v3 over the channel's webhookUrl",
                body, ok_channel(dict(expected_event(MESSAGE), rawJson=body))))
    add(v3_case("the same event with the URL's %7E decoded is a mismatch (v3 decodes only its table)",
                body, err("signature_mismatch"), sig=sign_v3("POST", WEBHOOK_URL.replace("%7E", "~"), body, TS)))
    add(v3_case("CHANNEL_ACCOUNT_UPDATED with a string delivery identifier", compact(ACCOUNT_UPDATED),
                ok_channel(expected_event(ACCOUNT_UPDATED))))
    created = dict(ACCOUNT_UPDATED, type="CHANNEL_ACCOUNT_CREATED", eventTimestamp="2026-05-14T08:55:12.004Z",
                   channelAccountDeliveryIdentifier={"type": "HS_PHONE_NUMBER", "value": "+15550100999"})
    add(v3_case("CHANNEL_ACCOUNT_CREATED with an object delivery identifier", compact(created),
                ok_channel(expected_event(created))))
    purged = dict(ACCOUNT_UPDATED, type="CHANNEL_ACCOUNT_PURGED")
    add(v3_case("CHANNEL_ACCOUNT_PURGED", compact(purged), ok_channel(expected_event(purged))))

    failed = copy.deepcopy(MESSAGE)
    failed["message"]["status"] = {"statusType": "FAILED", "failureDetails": {"errorMessage": "carrier said no"}}
    failed["message"]["attachments"] = [
        {"type": "FILE", "fileId": 987654321012, "fileUsageType": "IMAGE", "name": "photo.jpg",
         "url": "https://files.example.com/photo.jpg"},
        {"type": "QUICK_REPLIES", "quickReplies": [{"label": "Yes", "value": "y"}]}]
    failed["message"]["senders"][0]["deliveryIdentifier"] = {"type": "HS_WHATSAPP_NUMBER", "value": "+15550100999"}
    failed["message"]["recipients"][0]["deliveryIdentifier"] = "opaque-77"
    add(v3_case("status as an object, FILE and unknown attachments, an unknown and a bare delivery identifier",
                compact(failed), ok_channel(expected_event(failed))))

    future = dict(ACCOUNT_UPDATED, type="CHANNEL_SOMETHING_NEW", newField={"nested": [1, 2]}, eventTimestamp="yesterday")
    add(v3_case("unknown type, unknown fields and a time that is not RFC 3339 are kept, not errors",
                compact(future), ok_channel(expected_event(future))))

    big = dict(ACCOUNT_UPDATED, portalId=123456789012345678901234, channelId=7,
               channelAccountId=98765432109876543210, eventTimestamp="2026-05-14T12:02:41.115+02:00")
    add(v3_case("IDs sent as JSON integers, beyond 64 bits, are kept as their exact decimal text; a time with an offset",
                compact(big), ok_channel(expected_event(big))))

    utf = copy.deepcopy(MESSAGE)
    utf["message"]["text"] = "Grüße aus Köln ☕ 𝄞 — \"quoted\"\n"
    utf["message"]["senders"][0]["name"] = "Zoë"
    add(v3_case("non-ASCII text and escapes", compact(utf), ok_channel(expected_event(utf))))
    escaped = compact(MESSAGE).replace('"Hi Jordan', '"\\u0048i Jordan')
    add(v3_case("a \\u escape in the text is decoded", escaped, ok_channel({"message": {"text": MESSAGE["message"]["text"]}})))

    for field in ("portalId", "channelId"):
        broken = {k: v for k, v in ACCOUNT_UPDATED.items() if k != field}
        add(v3_case(f"missing {field} is invalid_event", compact(broken), err("invalid_event")))
        add(v3_case(f"missing {field}, partial: the event is rejected, nothing lost", compact(broken),
                    {"ok": {"version": "v3", "secret_index": 0, "rejected": [{"index": 0, "error": "invalid_event"}]}},
                    options={"partial": True}))
    for label, mutate in [
        ("portalId as a fraction", lambda e: e.__setitem__("portalId", 1.5)),
        ("portalId as a boolean", lambda e: e.__setitem__("portalId", True)),
        ("message.text as a number", lambda e: e["message"].__setitem__("text", 5)),
        ("message.senders as an object", lambda e: e["message"].__setitem__("senders", {})),
        ("a delivery identifier without value", lambda e: e["message"]["senders"][0].__setitem__(
            "deliveryIdentifier", {"type": "HS_EMAIL_ADDRESS"})),
        ("channelIntegrationThreadIds with an object", lambda e: e.__setitem__("channelIntegrationThreadIds", [{}])),
    ]:
        broken = copy.deepcopy(MESSAGE)
        mutate(broken)
        add(v3_case(f"wrong type: {label}", compact(broken), err("invalid_event")))
    add(v3_case("an object whose type is not a string is not a delivery", compact(dict(ACCOUNT_UPDATED, type=5)),
                err("invalid_batch")))
    add(v3_case("an object without type is not a delivery", compact({"portalId": "1", "channelId": "2"}),
                err("invalid_batch")))
    add(v3_case("shared endpoint: a Webhooks API batch to the same URL is a batch", BATCH,
                {"ok": {"version": "v3", "secret_index": 0, "events": [
                    {"subscriptionType": "conversation.newMessage", "objectId": 7731904412,
                     "messageId": "a3f19c0e5b7d4e2c9f81d6b0e4a27c55"}]}}))
    add(v3_case("whitespace around the object is fine", " \n" + compact(ACCOUNT_UPDATED) + "\n",
                ok_channel({"type": "CHANNEL_ACCOUNT_UPDATED"})))

    # docs/decisions.md item 16: every request HubSpot signs verifies with the same call.
    card = "https://crm-cards.example.com/card?userId=1&portalId=146002871&associatedObjectId=51&associatedObjectType=CONTACT"
    add(v3_case("verify only: a CRM card fetch (GET, query string, empty body)", "",
                {"ok": {"version": "v3", "secret_index": 0}}, method="GET", url=card, verify_only=True))
    add(v3_case("verify only: the card fetch with a changed query is a mismatch", "", err("signature_mismatch"),
                method="GET", url=card, verify_only=True, sig=sign_v3("GET", card.replace("51", "52"), "", TS)))
    action_url = "https://actions.example.com/hubspot/action"
    action = compact({"callbackId": "ap-102-4006-1-0", "origin": {"portalId": 146002871, "actionDefinitionId": 4006},
                      "object": {"objectId": 51, "objectType": "CONTACT"}, "inputFields": {"widget": "blue"}})
    add(v3_case("verify only: a workflow action call (one JSON object)", action,
                {"ok": {"version": "v3", "secret_index": 0}}, url=action_url, verify_only=True))
    v2 = {"name": "verify only: a workflow action call signed v2 (URL verbatim)",
          "request": {"method": "POST", "url": action_url + "?a=%7E",
                      "headers": {"X-HubSpot-Signature": sign_v2("POST", action_url + "?a=%7E", action),
                                  "X-HubSpot-Signature-Version": "v2"},
                      "body": action},
          "secrets": [SECRET], "now_ms": NOW, "verify_only": True,
          "expect": {"ok": {"version": "v2", "secret_index": 0}}}
    add(v2)
    return {"description": "Conversations Custom Channels deliveries (one JSON object with a string `type`): every "
                           "event type, both delivery identifier forms, status as string and object, attachments, "
                           "unknown values kept, IDs as exact text, required and wrong-typed fields, strict and "
                           "partial; a batch to the same endpoint; and verify-only requests (CRM card fetches, "
                           "workflow action calls).",
            "cases": cases}


def reference(case):
    """("ok", kind) or ("error", code) by the rules in the module docstring (signatures are
    computed by the same code that wrote them, so only the parse is checked here)."""
    body = case["request"]["body"]
    if case.get("verify_only"):
        return ("ok", None)
    try:
        data = json.loads(body)
    except ValueError:
        return ("error", "invalid_json")
    if isinstance(data, list):
        return ("ok", "batch")
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        return ("error", "invalid_batch")

    def is_id(v):
        return v is None or isinstance(v, str) or (isinstance(v, int) and not isinstance(v, bool))

    def is_text(v):
        return v is None or isinstance(v, str)

    def is_ident(v):
        return v is None or isinstance(v, str) or (isinstance(v, dict) and is_text(v.get("type"))
                                                    and v.get("value") is not None and is_id(v.get("value")))
    problems = [data.get("portalId") is None, data.get("channelId") is None,
                not is_id(data.get("portalId")), not is_id(data.get("channelId")),
                not (data.get("channelIntegrationThreadIds") is None or (
                    isinstance(data["channelIntegrationThreadIds"], list)
                    and all(is_id(x) and x is not None for x in data["channelIntegrationThreadIds"]))),
                not is_ident(data.get("channelAccountDeliveryIdentifier"))]
    m = data.get("message")
    if isinstance(m, dict):
        problems += [not is_text(m.get(k)) for k in ("text", "richText", "direction", "truncationStatus", "type")]
        for side in ("senders", "recipients"):
            v = m.get(side)
            problems.append(not (v is None or (isinstance(v, list) and all(
                isinstance(p, dict) and is_ident(p.get("deliveryIdentifier")) for p in v))))
    if any(problems):
        return ("ok", "channel") if case.get("options", {}).get("partial") else ("error", "invalid_event")
    return ("ok", "channel")


def main():
    doc = build()
    problems = []
    names = set()
    for case in doc["cases"]:
        assert case["name"] not in names, case["name"]
        names.add(case["name"])
        got = reference(case)
        expect = case["expect"]
        if "error" in expect:
            if got != ("error", expect["error"]) and expect["error"] != "signature_mismatch":
                problems.append(f"{case['name']}: expected {expect}, reference {got}")
        else:
            okv = expect["ok"]
            kind = "channel" if ("channel_event" in okv or "rejected" in okv) else ("batch" if "events" in okv else None)
            if got != ("ok", kind):
                problems.append(f"{case['name']}: expected {kind}, reference {got}")
    os.makedirs(OUT_DIR, exist_ok=True)
    with open(os.path.join(OUT_DIR, "channels.json"), "w", encoding="utf-8", newline="\n") as out:
        out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    print(f"tests/vectors/channels.json: {len(doc['cases'])} cases")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
