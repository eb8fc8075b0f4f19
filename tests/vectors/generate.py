#!/usr/bin/env python3
"""Generates the conformance vectors in this folder and the sample bodies in ../data/.

    python3 tests/vectors/generate.py          # (re)writes every file, then checks them
    python3 tests/vectors/generate.py OUT      # writes OUT/vectors/ and OUT/data/ instead

Python 3 standard library only. The output is deterministic: the same script writes the same
bytes. Signatures are computed here, never typed by hand; the published values of
docs/vectors.md section 8 (8.1, 8.2 and 8.3) are recomputed and asserted before anything is
written.

After writing, the script reads every file back and
  * checks it against the format of docs/vectors.md (shape, unique names, error codes), and
  * runs every case through a small reference implementation of the project's decisions
    (docs/decisions.md plus the rules in the docstring of `reference_run`), which must agree with
    the case's `expect`.
It ends by printing the files and their case counts.
"""

import base64
import hashlib
import hmac
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# The folder written into: OUT/vectors/ and OUT/data/ (default: tests/ itself; make test-rust
# passes a temporary folder and compares it with the committed files).
OUT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.normpath(os.path.join(HERE, ".."))
VECTORS_DIR = os.path.join(OUT, "vectors")
DATA_DIR = os.path.join(OUT, "data")

I64_MAX = 2**63 - 1
I64_MIN = -(2**63)
JS_SAFE = 2**53

ERROR_CODES = [
    "missing_signature",
    "unsupported_signature_version",
    "v3_required",
    "missing_timestamp",
    "invalid_timestamp",
    "timestamp_too_old",
    "timestamp_in_future",
    "malformed_signature",
    "signature_mismatch",
    "body_too_large",
    "invalid_json",
    "invalid_batch",
    "invalid_event",
]

# docs/hubspot.md 4.2: the 48 subscription types of the subscriptions API.
SUBSCRIPTION_TYPES = """
company.associationChange company.creation company.deletion company.merge company.propertyChange company.restore
contact.associationChange contact.creation contact.deletion contact.merge contact.privacyDeletion contact.propertyChange contact.restore
conversation.creation conversation.deletion conversation.newMessage conversation.privacyDeletion conversation.propertyChange
deal.associationChange deal.creation deal.deletion deal.merge deal.propertyChange deal.restore
event.completed
line_item.associationChange line_item.creation line_item.deletion line_item.merge line_item.propertyChange line_item.restore
object.associationChange object.creation object.deletion object.merge object.propertyChange object.restore
product.creation product.deletion product.merge product.propertyChange product.restore
ticket.associationChange ticket.creation ticket.deletion ticket.merge ticket.propertyChange ticket.restore
""".split()
assert len(SUBSCRIPTION_TYPES) == 48

# objectTypeId -> objectType (the derived field every runner supports).
OBJECT_TYPE_IDS = {
    "0-1": "contact", "0-2": "company", "0-3": "deal", "0-5": "ticket", "0-7": "product",
    "0-8": "line_item", "0-14": "quote", "0-18": "communication", "0-19": "feedback_submission",
    "0-27": "task", "0-46": "note", "0-47": "meeting", "0-48": "call", "0-49": "email",
    "0-53": "invoice", "0-54": "marketing_event", "0-69": "subscription", "0-74": "goal",
    "0-84": "discount", "0-85": "fee", "0-86": "tax", "0-101": "payment", "0-115": "user",
    "0-116": "postal_mail", "0-123": "order", "0-136": "lead", "0-142": "cart",
    "0-162": "service", "0-410": "course", "0-420": "listing", "0-421": "appointment",
    "0-970": "project",
}


# ---------------------------------------------------------------------------------------------
# The three signature algorithms (docs/hubspot.md 2.2 to 2.4)
# ---------------------------------------------------------------------------------------------

def as_bytes(value):
    return value.encode("utf-8") if isinstance(value, str) else bytes(value)


# The 12 sequences of docs/hubspot.md 2.4.4, hex digits in either case, decoded once, left to right.
_V3_DECODE = re.compile(rb"%(3[Aa]|2[Ff]|3[Ff]|40|21|24|27|28|29|2[Aa]|2[Cc]|3[Bb])")


def decode_v3_url(url):
    return _V3_DECODE.sub(lambda m: bytes([int(m.group(1), 16)]), as_bytes(url))


def sign_v1(secret, body):
    return hashlib.sha256(as_bytes(secret) + as_bytes(body)).hexdigest()


def sign_v2(secret, method, url, body):
    return hashlib.sha256(as_bytes(secret) + as_bytes(method) + as_bytes(url) + as_bytes(body)).hexdigest()


def sign_v3(secret, method, url, body, timestamp):
    message = as_bytes(method) + decode_v3_url(url) + as_bytes(body) + as_bytes(timestamp)
    return base64.b64encode(hmac.new(as_bytes(secret), message, hashlib.sha256).digest()).decode("ascii")


def sign_v3_raw_url(secret, method, url, body, timestamp):
    """v3 over the URL without the decode table (what every official SDK does)."""
    message = as_bytes(method) + as_bytes(url) + as_bytes(body) + as_bytes(timestamp)
    return base64.b64encode(hmac.new(as_bytes(secret), message, hashlib.sha256).digest()).decode("ascii")


# ---------------------------------------------------------------------------------------------
# Published vectors (docs/vectors.md 8.1, 8.2, 8.3): recomputed and asserted before anything is written
# ---------------------------------------------------------------------------------------------

SDK_SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy"
SDK_URL = "https://www.example.com/webhook_uri"
DOCS_V1_BODY = ('[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,'
                '"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,'
                '"changeSource":"CRM","changeFlag":"NEW","appId":54321}]')
DOCS_V2_BODY = '{"example_field":"example_value"}'
SQ_BODY = "{'example_field':'example_value'}"
DECODE_WIRE_URL = "https://www.example.com/webhook_uri?email=user%40example.com&list=a%2Cb&sp=%20x%2B%25"
DECODE_SIGNED_URL = "https://www.example.com/webhook_uri?email=user@example.com&list=a,b&sp=%20x%2B%25"
UTF8_BODY = '[{"propertyName":"firstname","propertyValue":"Zoë ☕ Müller"}]'
ABBOT_SECRET = "abbababa-beef-aaaa-bbbb-abbaabbaabba"
ABBOT_URL = "https://abbot-haacked-dev.ngrok.io/hubspot/webhook"
ABBOT_TS = "1670383777720"
ABBOT_BODY = ('[{"eventId":3814323381,"subscriptionId":1870311,"portalId":22761544,"appId":1098266,'
              '"occurredAt":1670383777358,"subscriptionType":"conversation.newMessage","attemptNumber":0,'
              '"objectId":3624100517,"messageId":"e835c5f42631462ea4447601c8e1e394","messageType":"MESSAGE",'
              '"changeFlag":"NEW_MESSAGE"}]')

PUB = {
    # 3.1
    "docs_v1": "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de",
    "docs_v2_get": "eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e",
    "docs_v2_post": "9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900",
    "sq_v1": "69fc6631a867edd4f9e9e627fc5c1148e3fbdd8b21837b6d2b8901c1fa57f750",
    "sq_v2": "4fe4e3a7d3cf09db53be39d0a58130e2aaba074ec123a9e355b876a689a1c383",
    "python_v3": "K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y=",
    "ruby_v3": "RnbPH7+UMKVkbV32P8bz450N4M56aPmcru1+D3kSDtw=",
    # 3.3
    "decode_table": "oeW2k0V4n1JpOH2hDwWfGLo+68kI3G5il3affeceJ/8=",
    "decode_table_undecoded": "aXkgXmxDZwX8tUVuK32mhfbJub6L5OqhIjlF8R+I3mI=",
    "utf8_v1": "d6bf29595fd26c3150850cbab57e84d2f0f5ae5a6a8a9543a485f5dc19311f76",
    "utf8_v3": "KZtlB9QsnC4lqQ75OFA3TlSOGDZNwoBFrTy2FdzhWO8=",
    "empty_v1": "7418bfa6cc65d7a81654375ae616e2e41e57d88cf56f6390fb3438ee5155bf13",
    "get_empty_v3": "r3KKZGKCAis7hc/eM/k4wr0D0ZRQhbee2UGU0SAPfxM=",
    "docs_body_python_ts_v3": "oaA3M5dEtt6kFsseJD/Hv/x+JNl1vsoxFj4oxmwP6Go=",
    "ruby_nil_uri_v3": "Cc8Wrhbm9XP4/tqp8LZEsw5ansUzyS88QgnzNGba9lo=",
    # 3.4
    "abbot": "qXo1PASfXKd8KLy3T8tuwuZ2nmvAanXW+UjN3w+b4cg=",
    "abbot_trailing_slash": "Rm67WpIbRu+9q5Un5v2qsi1ggp6ieRdx8N2m1Y0Q6Dw=",
    "abbot_path_only": "7f9amudZy6TuFRhjA41j/Y4jIRj44HZpKwslgUbLlJ8=",
}


def assert_published():
    s = SDK_SECRET
    checks = {
        "docs_v1": sign_v1(s, DOCS_V1_BODY),
        "docs_v2_get": sign_v2(s, "GET", SDK_URL, ""),
        "docs_v2_post": sign_v2(s, "POST", SDK_URL, DOCS_V2_BODY),
        "sq_v1": sign_v1(s, SQ_BODY),
        "sq_v2": sign_v2(s, "POST", SDK_URL, SQ_BODY),
        "python_v3": sign_v3(s, "POST", SDK_URL, SQ_BODY, "1693657560000"),
        "ruby_v3": sign_v3(s, "POST", SDK_URL, SQ_BODY, "1700000300000"),
        "decode_table": sign_v3(s, "POST", DECODE_WIRE_URL, DOCS_V1_BODY, "1564113600500"),
        "decode_table_undecoded": sign_v3_raw_url(s, "POST", DECODE_WIRE_URL, DOCS_V1_BODY, "1564113600500"),
        "utf8_v1": sign_v1(s, UTF8_BODY),
        "utf8_v3": sign_v3(s, "POST", SDK_URL, UTF8_BODY, "1700000000000"),
        "empty_v1": sign_v1(s, ""),
        "get_empty_v3": sign_v3(s, "GET", SDK_URL, "", "1700000000000"),
        "docs_body_python_ts_v3": sign_v3(s, "POST", SDK_URL, DOCS_V2_BODY, "1693657560000"),
        "ruby_nil_uri_v3": sign_v3(s, "POST", "", SQ_BODY, "1700000300000"),
        "abbot": sign_v3(ABBOT_SECRET, "POST", ABBOT_URL, ABBOT_BODY, ABBOT_TS),
        "abbot_trailing_slash": sign_v3(ABBOT_SECRET, "POST", ABBOT_URL + "/", ABBOT_BODY, ABBOT_TS),
        "abbot_path_only": sign_v3(ABBOT_SECRET, "POST", "/hubspot/webhook", ABBOT_BODY, ABBOT_TS),
    }
    for key, value in checks.items():
        assert value == PUB[key], f"published vector {key}: computed {value}, published {PUB[key]}"
    assert decode_v3_url(DECODE_WIRE_URL) == DECODE_SIGNED_URL.encode()
    assert len(UTF8_BODY.encode("utf-8")) == 65
    # 3.1: the v2 GET source string.
    assert SDK_SECRET + "GET" + SDK_URL == "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyyGEThttps://www.example.com/webhook_uri"


# ---------------------------------------------------------------------------------------------
# Building bodies: compact JSON with exact control over number spelling
# ---------------------------------------------------------------------------------------------

class Raw(str):
    """JSON text written verbatim (numbers such as 1e3 or 1.0 that Python cannot spell)."""


def compact(value):
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, dict):
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + compact(v) for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(compact(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


ABSENT = object()

# Real-looking account (from the 2026 capture, docs/hubspot.md 1.1 and 4.8).
PORTAL = 242711451
APP = 19635961
T0 = 1769081993375  # occurredAt of the real 2026 deal.creation


def ev(stype, event_id, object_id=ABSENT, *, sub=4578255, portal=PORTAL, app=APP, at=T0, attempt=0,
       key="subscriptionType", **extra):
    """One event in the key order of real deliveries."""
    e = {"eventId": event_id}
    if sub is not ABSENT:
        e["subscriptionId"] = sub
    e["portalId"] = portal
    e["appId"] = app
    e["occurredAt"] = at
    e[key] = stype
    e["attemptNumber"] = attempt
    if object_id is not ABSENT:
        e["objectId"] = object_id
    e.update(extra)
    return e


def body_of(events):
    return compact(events)


# ---------------------------------------------------------------------------------------------
# Expected events
# ---------------------------------------------------------------------------------------------

EXPECT_FIELDS = [
    "eventId", "subscriptionId", "portalId", "appId", "occurredAt", "attemptNumber", "objectId",
    "objectTypeId", "propertyName", "propertyValue", "changeSource", "changeFlag", "sourceId",
    "isSensitive", "messageId", "messageType", "associationType", "fromObjectId", "toObjectId",
    "associationRemoved", "isPrimaryAssociation", "fromObjectTypeId", "toObjectTypeId",
    "associationTypeId", "associationCategory", "primaryObjectId", "mergedObjectIds", "newObjectId",
    "numberOfPropertiesMoved",
]


def derive(stype, event):
    """(objectType, action) as every runner derives them; None where not defined."""
    if not isinstance(stype, str) or "." not in stype:
        return None, None
    prefix, action = stype.split(".", 1)
    if prefix == "object":
        tid = event.get("objectTypeId")
        object_type = OBJECT_TYPE_IDS.get(tid, tid) if isinstance(tid, str) else None
    else:
        object_type = prefix
    return object_type, action


def jnum(value):
    """Integers beyond 2^53 are written as decimal strings (docs/vectors.md 4.1: compare by exact text)."""
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, list):
            return [jnum(v) for v in value]
        return value
    return str(value) if abs(value) > JS_SAFE else value


def exp(event, *, fields=None, absent=(), derived=True):
    """The EVENT expectation of one event dict: its known fields plus the derived ones."""
    stype = event.get("subscriptionType", event.get("eventType"))
    out = {"subscriptionType": stype}
    if derived:
        object_type, action = derive(stype, event)
        if object_type is not None:
            out["objectType"] = object_type
        if action is not None:
            out["action"] = action
    for name in EXPECT_FIELDS:
        if fields is not None and name not in fields:
            continue
        if name in event:
            out[name] = jnum(event[name])
    for name in absent:
        out[name] = None
    return out


# ---------------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------------

APP_SECRET = "3c9a1e2f-5b7d-4e8a-9f10-2a3b4c5d6e7f"
OLD_SECRET = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
OTHER_SECRET = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a"
WRONG_SECRET = "00000000-0000-0000-0000-000000000000"
URL = "https://hooks.example.com/hubspot/webhook"
TS = "1769081994066"           # the real timestamp header of the 2026 capture
NOW = 1769081994221            # 155 ms later, when the gateway received it

H_V3 = "X-HubSpot-Signature-v3"
H_TS = "X-HubSpot-Request-Timestamp"
H_SIG = "X-HubSpot-Signature"
H_VER = "X-HubSpot-Signature-Version"


def ok(events, version=None, secret_index=None, rejected=None):
    body = {}
    if version is not None:
        body["version"] = version
        body["secret_index"] = secret_index
    body["events"] = events
    if rejected is not None:
        body["rejected"] = [{"index": i, "error": e} for i, e in rejected]
    return {"ok": body}


def err(code):
    assert code in ERROR_CODES, code
    # docs/vectors.md 4.3: "expect": {"error": "<code>"}.
    return {"error": code}


def make_case(name, *, body, expect, url=URL, method=None, headers=None, secrets=None, now=None,
              options=None):
    raw = as_bytes(body)
    request = {}
    if method is not None:
        request["method"] = method
    request["url"] = url
    if headers is not None:
        request["headers"] = headers
    try:
        request["body"] = raw.decode("utf-8")
    except UnicodeDecodeError:
        request["body_base64"] = base64.b64encode(raw).decode("ascii")
    case = {"name": name, "request": request}
    if secrets is not None:
        case["secrets"] = secrets
        if secrets:
            case["now_ms"] = now if now is not None else NOW
    if options:
        case["options"] = options
    case["expect"] = expect
    return case


def parse_only(name, body, expect, *, options=None, headers=None):
    return make_case(name, body=body, expect=expect, options=options, headers=headers)


def v3_case(name, body, expect, *, secret=APP_SECRET, secrets=None, url=URL, method=None, ts=TS,
            now=NOW, sig=None, names=(H_V3, H_TS), extra_headers=None, options=None, sign_ts=None):
    m = method or "POST"
    if sig is None:
        sig = sign_v3(secret, m, url, body, sign_ts or ts or TS)
    headers = {names[0]: sig}
    if ts is not None:
        headers[names[1]] = ts
    if extra_headers:
        headers.update(extra_headers)
    return make_case(name, body=body, expect=expect, url=url, method=method, headers=headers,
                     secrets=secrets or [secret], now=now, options=options)


def v1_case(name, body, expect, *, secret=APP_SECRET, secrets=None, url=URL, method=None, now=NOW,
            sig=None, version="v1", names=(H_SIG, H_VER), extra_headers=None, options=None):
    if sig is None:
        sig = sign_v1(secret, body)
    headers = {names[0]: sig}
    if version is not None:
        headers[names[1]] = version
    if extra_headers:
        headers.update(extra_headers)
    return make_case(name, body=body, expect=expect, url=url, method=method, headers=headers,
                     secrets=secrets or [secret], now=now, options=options)


def v2_case(name, body, expect, *, secret=APP_SECRET, secrets=None, url=URL, method=None, now=NOW,
            sig=None, version="v2", names=(H_SIG, H_VER), options=None):
    if sig is None:
        sig = sign_v2(secret, method or "POST", url, body)
    headers = {names[0]: sig}
    if version is not None:
        headers[names[1]] = version
    return make_case(name, body=body, expect=expect, url=url, method=method, headers=headers,
                     secrets=secrets or [secret], now=now, options=options)


class VectorFile:
    def __init__(self, filename, description):
        self.filename = filename
        self.description = description
        self.cases = []

    def add(self, case):
        assert all(c["name"] != case["name"] for c in self.cases), f"{self.filename}: duplicate {case['name']}"
        self.cases.append(case)

    def doc(self):
        return {"description": self.description, "cases": self.cases}


# ---------------------------------------------------------------------------------------------
# Sample data shared by several files
# ---------------------------------------------------------------------------------------------

# docs/hubspot.md 4.8, the real 2026 delivery: exactly 267 bytes.
REAL_DEAL_CREATION = ('[{"eventId":1030198139,"subscriptionId":4578255,"portalId":242711451,"appId":19635961,'
                      '"occurredAt":1769081993375,"subscriptionType":"deal.creation","attemptNumber":0,'
                      '"objectId":267448862446,"changeFlag":"CREATED","changeSource":"CRM_UI",'
                      '"sourceId":"userId:52530071"}]')
assert len(REAL_DEAL_CREATION.encode()) == 267

# docs/hubspot.md 4.8, deal.propertyChange 2019 (compact form of the author's pretty-printed text).
REAL_DEAL_PROPERTY_CHANGE = ('[{"objectId":697680835,"propertyName":"dealstage",'
                             '"propertyValue":"1f4f1ec1-8174-49f3-a112-4eaa4748e38e","changeSource":"CRM_UI",'
                             '"eventId":802835955,"subscriptionId":92894,"portalId":5799819,"appId":186886,'
                             '"occurredAt":1556094637139,"subscriptionType":"deal.propertyChange","attemptNumber":0}]')

# docs/hubspot.md 4.8, conversation.newMessage retry.
REAL_NEW_MESSAGE_RETRY = ('[{"eventId":1376226851,"subscriptionId":1870311,"portalId":22761544,"appId":1098266,'
                          '"occurredAt":1670373142223,"subscriptionType":"conversation.newMessage","attemptNumber":1,'
                          '"objectId":3624100517,"messageId":"5bc511c6161c41ba811829eb460a83b8","messageType":"MESSAGE",'
                          '"changeFlag":"NEW_MESSAGE"}]')

# docs/hubspot.md 4.8, generic events on a custom object (2025 fixture excerpt).
REAL_GENERIC = ('[{"eventId":2145459286,"subscriptionId":3849706,"portalId":145883449,"appId":14947547,'
                '"occurredAt":1751276050977,"subscriptionType":"object.creation","attemptNumber":0,'
                '"objectId":180584432881,"objectTypeId":"2-143967026","changeFlag":"CREATED","changeSource":"CRM_UI",'
                '"sourceId":"userId:75514748"},'
                '{"eventId":25193029,"subscriptionId":3849708,"portalId":145883449,"appId":14947547,'
                '"occurredAt":1751276050977,"subscriptionType":"object.propertyChange","attemptNumber":0,'
                '"objectId":180584432881,"objectTypeId":"2-143967026","propertyName":"aantal_dagdelen",'
                '"propertyValue":"3","changeSource":"CRM_UI","sourceId":"userId:75514748","isSensitive":false},'
                '{"eventId":3771921218,"subscriptionId":3849707,"portalId":145883449,"appId":14947547,'
                '"occurredAt":1751277051514,"subscriptionType":"object.deletion","attemptNumber":0,'
                '"objectId":180584432881,"objectTypeId":"2-143967026","changeFlag":"DELETED",'
                '"changeSource":"CRM_UI_BULK_ACTION","sourceId":"userId:75514748"}]')

# docs/hubspot.md 4.8, deal.associationChange as stored by a third-party app (an object, wrapped in a batch).
REAL_DEAL_ASSOCIATION = ('[{"eventId":2073333923,"portalId":50249912,"appId":36665006,"occurredAt":1786997905997,'
                         '"subscriptionType":"deal.associationChange","attemptNumber":0,"changeSource":"USER",'
                         '"associationType":"DEAL_TO_LINE_ITEM","fromObjectId":64058987777,"toObjectId":58061514894,'
                         '"associationRemoved":false,"sourceId":"userId:82088707"}]')

# docs/hubspot.md 4.7, the classic guide example with the legacy eventType key (compact).
DOCS_LEGACY = ('[{"objectId":1246965,"propertyName":"lifecyclestage","propertyValue":"subscriber",'
               '"changeSource":"ACADEMY","eventId":3816279340,"subscriptionId":25,"portalId":33,"appId":1160452,'
               '"occurredAt":1462216307945,"eventType":"contact.propertyChange","attemptNumber":0},'
               '{"objectId":1246978,"changeSource":"IMPORT","eventId":3816279480,"subscriptionId":22,"portalId":33,'
               '"appId":1160452,"occurredAt":1462216307945,"eventType":"contact.creation","attemptNumber":0}]')

# docs/hubspot.md 4.7, the sensitive-data example (compact).
DOCS_SENSITIVE = ('[{"eventId":3029365631,"subscriptionId":686627,"portalId":891472211,"appId":7906213,'
                  '"occurredAt":1715203101896,"subscriptionType":"contact.propertyChange","attemptNumber":0,'
                  '"objectId":847297356,"propertyName":"passport_number","propertyValue":"REDACTED",'
                  '"changeSource":"CRM_UI","sourceId":"userId:882761034"}]')


def parsed(body_text):
    return json.loads(body_text)


# Conversations: one event of every kind (hubspot.md 4.4), account of the real 2022 capture.
CONV_PORTAL = 22761544
CONV_APP = 1098266
CONV_T = 1769081990000


def conv(stype, event_id, thread, *, at_offset=0, attempt=0, **extra):
    return ev(stype, event_id, thread, sub=1870311 + (hash_stable(stype) % 7), portal=CONV_PORTAL,
              app=CONV_APP, at=CONV_T + at_offset, attempt=attempt, **extra)


def hash_stable(text):
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)


CONVERSATIONS = [
    conv("conversation.creation", 3814400001, 3624100601),
    conv("conversation.propertyChange", 3814400002, 3624100601, at_offset=1200,
         propertyName="assignedTo", propertyValue="75514748"),
    conv("conversation.newMessage", 3814400003, 3624100601, at_offset=1300,
         messageId="0b4d3f8e2a6c4e1f9d7b5a3c1e0f2d4b", messageType="WELCOME_MESSAGE", changeFlag="NEW_MESSAGE"),
    conv("conversation.newMessage", 3814400004, 3624100601, at_offset=25000,
         messageId="e835c5f42631462ea4447601c8e1e394", messageType="MESSAGE", changeFlag="NEW_MESSAGE"),
    conv("conversation.newMessage", 3814400005, 3624100601, at_offset=41000,
         messageId="5bc511c6161c41ba811829eb460a83b8", messageType="COMMENT", changeFlag="NEW_MESSAGE"),
    conv("conversation.propertyChange", 3814400006, 3624100601, at_offset=90000,
         propertyName="status", propertyValue="CLOSED"),
    conv("conversation.propertyChange", 3814400007, 3624100601, at_offset=91000,
         propertyName="status", propertyValue="OPEN"),
    conv("conversation.deletion", 3814400008, 3624100577, at_offset=120000),
    conv("conversation.propertyChange", 3814400009, 3624100577, at_offset=180000,
         propertyName="isArchived", propertyValue=False),
    conv("conversation.privacyDeletion", 3814400010, 3624100512, at_offset=240000),
]


def make_batch_100():
    """100 mixed events, compact, ~250 bytes each: classic CRM, generic object.* and conversations."""
    events = []
    owners = ["userId:52530071", "userId:75514748", "userId:882761034", "userId:82088707"]
    props = [("dealstage", "closedwon"), ("amount", "12500.00"), ("hubspot_owner_id", "75514748"),
             ("lifecyclestage", "customer"), ("email", "zoe.muller@example.com"), ("hs_lead_status", "IN_PROGRESS"),
             ("closedate", "1769040000000"), ("phone", "+49 30 1234567")]
    for i in range(100):
        eid = 1030198139 + 7919 * i
        at = T0 + 137 * i
        sub = 4578255 + (i % 9)
        oid = 267448862446 + 1013 * i
        src = owners[i % 4]
        kind = i % 10
        if kind == 0:
            e = ev("deal.creation", eid, oid, sub=sub, at=at, changeFlag="CREATED", changeSource="CRM_UI", sourceId=src)
        elif kind == 1:
            name, value = props[i % len(props)]
            e = ev("deal.propertyChange", eid, oid, sub=sub, at=at, propertyName=name, propertyValue=value,
                   changeSource="CRM_UI")
        elif kind == 2:
            name, value = props[(i + 3) % len(props)]
            e = ev("contact.propertyChange", eid, 84729735 + i, sub=sub, at=at, attempt=i % 3,
                   propertyName=name, propertyValue=value, changeSource="IMPORT")
        elif kind == 3:
            e = ev("object.propertyChange", eid, 180584432881 + i, sub=sub, at=at, objectTypeId="2-143967026",
                   propertyName="aantal_dagdelen", propertyValue=str(i % 7 + 1), changeSource="CRM_UI",
                   isSensitive=False)
        elif kind == 4:
            e = ev("deal.associationChange", eid, sub=sub, at=at, changeSource="USER",
                   associationType="DEAL_TO_LINE_ITEM", fromObjectId=oid, toObjectId=58061514894 + i,
                   associationRemoved=(i % 20 == 4))
        elif kind == 5:
            e = ev("conversation.newMessage", eid, 3624100517 + i, sub=1870311, portal=PORTAL, at=at,
                   messageId=hashlib.md5(f"msg{i}".encode()).hexdigest(),
                   messageType=["MESSAGE", "COMMENT", "MESSAGE", "WELCOME_MESSAGE"][(i // 10) % 4],
                   changeFlag="NEW_MESSAGE")
        elif kind == 6:
            e = ev("object.creation", eid, 180584432881 + i, sub=sub, at=at,
                   objectTypeId=["0-1", "0-2", "0-3", "0-5", "0-27", "0-48", "0-136", "2-143967026", "0-46", "0-47"][i // 10],
                   changeFlag="CREATED", changeSource="CRM_UI")
        elif kind == 7:
            e = ev("ticket.propertyChange", eid, 4512209873 + i, sub=sub, at=at, propertyName="hs_pipeline_stage",
                   propertyValue=str(1 + i % 4), changeSource="CRM_UI")
        elif kind == 8:
            e = ev("conversation.propertyChange", eid, 3624100517 + i, sub=1870312, at=at,
                   propertyName=["status", "assignedTo"][(i // 10) % 2],
                   propertyValue=["CLOSED", "75514748"][(i // 10) % 2])
        else:
            e = ev("company.deletion", eid, 21947738191 + i, sub=sub, at=at, changeFlag="DELETED",
                   changeSource="CRM_UI")
        events.append(e)
    return body_of(events)


def write_data_files():
    os.makedirs(DATA_DIR, exist_ok=True)
    files = {
        "batch_100.json": make_batch_100(),
        "batch_1.json": REAL_DEAL_CREATION,
        "conversations.json": body_of(CONVERSATIONS),
    }
    for name, text in files.items():
        with open(os.path.join(DATA_DIR, name), "wb") as f:
            f.write(text.encode("utf-8"))  # raw body bytes: no trailing newline
    return files


# ---------------------------------------------------------------------------------------------
# The vector files
# ---------------------------------------------------------------------------------------------

def build(data):
    files = []

    # ------------------------------------------------------------------ signatures_v1_v2.json
    f = VectorFile("signatures_v1_v2.json",
                   "v1 (sha256 of secret + body) and v2 (sha256 of secret + method + url + body, url verbatim): "
                   "every published v1/v2 vector of vectors.md 8.1 and 8.2 with its negative variants, secret rotation, "
                   "well-formed but wrong values. Bodies that are not batches show the signature passed: the error "
                   "then comes from a later stage (invalid_json / invalid_batch / invalid_event).")
    files.append(f)
    docs_events = [exp(parsed(DOCS_V1_BODY)[0])]
    f.add(v1_case("docs v1 example (vectors.md 8.1, node+php 'Validates v1')", DOCS_V1_BODY, ok(docs_events, "v1", 0),
                  secret=SDK_SECRET, url=SDK_URL, sig=PUB["docs_v1"]))
    f.add(v1_case("docs v1 example without a version header (absent means v1)", DOCS_V1_BODY,
                  ok(docs_events, "v1", 0), secret=SDK_SECRET, url=SDK_URL, sig=PUB["docs_v1"], version=None))
    f.add(v1_case("docs v1 example, wrong secret", DOCS_V1_BODY, err("signature_mismatch"),
                  secret=WRONG_SECRET, url=SDK_URL, sig=PUB["docs_v1"]))
    f.add(v1_case("docs v1 example, body changed by one trailing newline", DOCS_V1_BODY + "\n",
                  err("signature_mismatch"), secret=SDK_SECRET, url=SDK_URL, sig=PUB["docs_v1"]))
    f.add(v1_case("docs v1 example, signature in upper-case hex (well-formed, never matches)", DOCS_V1_BODY,
                  err("signature_mismatch"), secret=SDK_SECRET, url=SDK_URL, sig=PUB["docs_v1"].upper()))
    f.add(v1_case("docs v1 example, signature with surrounding whitespace is trimmed", DOCS_V1_BODY,
                  ok(docs_events, "v1", 0), secret=SDK_SECRET, url=SDK_URL, sig="  " + PUB["docs_v1"] + " "))
    f.add(v1_case("docs v1 example, version header ' v1 ' with whitespace is trimmed", DOCS_V1_BODY,
                  ok(docs_events, "v1", 0), secret=SDK_SECRET, url=SDK_URL, sig=PUB["docs_v1"], version=" v1 "))
    f.add(v1_case("docs v1 signature sent as version v2", DOCS_V1_BODY, err("signature_mismatch"),
                  secret=SDK_SECRET, url=SDK_URL, sig=PUB["docs_v1"], version="v2"))
    f.add(v2_case("docs v2 GET example, empty body (vectors.md 8.1): signature ok, then invalid_json", "",
                  err("invalid_json"), secret=SDK_SECRET, url=SDK_URL, method="GET", sig=PUB["docs_v2_get"]))
    f.add(v2_case("docs v2 GET signature on a POST request", "", err("signature_mismatch"),
                  secret=SDK_SECRET, url=SDK_URL, method="POST", sig=PUB["docs_v2_get"]))
    f.add(v2_case("docs v2 GET signature checked as v1 (no version header)", "", err("signature_mismatch"),
                  secret=SDK_SECRET, url=SDK_URL, method="GET", sig=PUB["docs_v2_get"], version=None))
    f.add(v2_case("docs v2 POST example (vectors.md 8.1): signature ok, object body is invalid_batch", DOCS_V2_BODY,
                  err("invalid_batch"), secret=SDK_SECRET, url=SDK_URL, method="POST", sig=PUB["docs_v2_post"]))
    f.add(v2_case("docs v2 POST example, url with a trailing slash", DOCS_V2_BODY, err("signature_mismatch"),
                  secret=SDK_SECRET, url=SDK_URL + "/", method="POST", sig=PUB["docs_v2_post"]))
    f.add(v2_case("docs v2 POST example, url with http instead of https", DOCS_V2_BODY, err("signature_mismatch"),
                  secret=SDK_SECRET, url=SDK_URL.replace("https:", "http:"), sig=PUB["docs_v2_post"]))
    f.add(v1_case("python+ruby v1, single-quoted body (vectors.md 8.1): signature ok, then invalid_json", SQ_BODY,
                  err("invalid_json"), secret=SDK_SECRET, url=SDK_URL, sig=PUB["sq_v1"]))
    f.add(v1_case("python+ruby v1 signature on the double-quoted docs body", DOCS_V2_BODY,
                  err("signature_mismatch"), secret=SDK_SECRET, url=SDK_URL, sig=PUB["sq_v1"]))
    f.add(v2_case("python+ruby v2, single-quoted body (vectors.md 8.1): signature ok, then invalid_json", SQ_BODY,
                  err("invalid_json"), secret=SDK_SECRET, url=SDK_URL, sig=PUB["sq_v2"]))
    f.add(v2_case("python+ruby v2 signature sent as v1", SQ_BODY, err("signature_mismatch"),
                  secret=SDK_SECRET, url=SDK_URL, sig=PUB["sq_v2"], version="v1"))
    f.add(v1_case("derived v1 empty body (vectors.md 8.2): signature ok, then invalid_json", "", err("invalid_json"),
                  secret=SDK_SECRET, url=SDK_URL, sig=PUB["empty_v1"]))
    f.add(v1_case("derived v1 empty body, other secret", "", err("signature_mismatch"),
                  secret=OTHER_SECRET, url=SDK_URL, sig=PUB["empty_v1"]))
    f.add(v1_case("derived utf-8 body v1 (vectors.md 8.2), strict: event lacks required fields", UTF8_BODY,
                  err("invalid_event"), secret=SDK_SECRET, url=SDK_URL, sig=PUB["utf8_v1"]))
    f.add(v1_case("derived utf-8 body v1 (vectors.md 8.2), partial: one rejected event", UTF8_BODY,
                  ok([], "v1", 0, rejected=[(0, "invalid_event")]), secret=SDK_SECRET, url=SDK_URL,
                  sig=PUB["utf8_v1"], options={"partial": True}))
    f.add(v1_case("derived utf-8 body v1, signature of the latin-1 encoding does not match", UTF8_BODY,
                  err("signature_mismatch"), secret=SDK_SECRET, url=SDK_URL,
                  sig=hashlib.sha256(SDK_SECRET.encode() + UTF8_BODY.encode("latin-1", "replace")).hexdigest()))
    f.add(v1_case("real deal.creation delivery (267 bytes, hubspot.md 4.8), API Gateway lower-case headers",
                  REAL_DEAL_CREATION, ok([exp(parsed(REAL_DEAL_CREATION)[0])], "v1", 0),
                  names=("x-hubspot-signature", "x-hubspot-signature-version"),
                  extra_headers={"content-type": "application/json",
                                 "user-agent": "HubSpot Connect 2.0 (http://dev.hubspot.com/) (namespace: webhooks-nio-http-client) - WebhooksExecutorDaemon-executor",
                                 "x-hubspot-timeout-millis": "10000"}))
    f.add(v1_case("real deal.propertyChange (hubspot.md 4.8, 2019)", REAL_DEAL_PROPERTY_CHANGE,
                  ok([exp(parsed(REAL_DEAL_PROPERTY_CHANGE)[0])], "v1", 0)))
    f.add(v1_case("secret rotation: second of three secrets matches (v1)", REAL_DEAL_CREATION,
                  ok([exp(parsed(REAL_DEAL_CREATION)[0], fields=["eventId", "objectId"])], "v1", 1),
                  secret=APP_SECRET, secrets=[OLD_SECRET, APP_SECRET, OTHER_SECRET]))
    f.add(v2_case("secret rotation: third of three secrets matches (v2)", REAL_DEAL_CREATION,
                  ok([exp(parsed(REAL_DEAL_CREATION)[0], fields=["eventId", "objectId"])], "v2", 2),
                  secret=OTHER_SECRET, secrets=[OLD_SECRET, APP_SECRET, OTHER_SECRET]))
    f.add(v1_case("secret rotation: none of three secrets matches", REAL_DEAL_CREATION, err("signature_mismatch"),
                  secret=WRONG_SECRET, secrets=[OLD_SECRET, APP_SECRET, OTHER_SECRET],
                  sig=sign_v1(WRONG_SECRET, REAL_DEAL_CREATION)))
    v2_url = "https://hooks.example.com/hubspot/crm-card?email=user%40example.com&portalId=62515&a=%3A"
    f.add(v2_case("v2 signs the url verbatim: percent-encodings are kept", "[]", ok([], "v2", 0), url=v2_url))
    f.add(v2_case("v2 signature over the v3-decoded url does not match", "[]", err("signature_mismatch"),
                  url=v2_url, sig=sign_v2(APP_SECRET, "POST", decode_v3_url(v2_url), "[]")))
    f.add(v2_case("v2 custom workflow action: GET with a query string, empty body is invalid_json", "",
                  err("invalid_json"), method="GET",
                  url="https://hooks.example.com/hubspot/action?portalId=62515&userId=882761034&userEmail=a%2Bb%40example.com"))
    f.add(v2_case("v2 signature computed with the query parameters reordered", "[]", err("signature_mismatch"),
                  url="https://hooks.example.com/hubspot/crm-card?b=2&a=1",
                  sig=sign_v2(APP_SECRET, "POST", "https://hooks.example.com/hubspot/crm-card?a=1&b=2", "[]")))
    f.add(v1_case("v1 does not sign the url: any url verifies", REAL_DEAL_CREATION,
                  ok([exp(parsed(REAL_DEAL_CREATION)[0], fields=["eventId"])], "v1", 0),
                  url="http://10.0.0.7:8080/internal/path"))
    f.add(v1_case("v1 empty batch []", "[]", ok([], "v1", 0)))
    f.add(v1_case("v1 signature is a sha256 hex digest, not an hmac", REAL_DEAL_CREATION, err("signature_mismatch"),
                  sig=hmac.new(APP_SECRET.encode(), REAL_DEAL_CREATION.encode(), hashlib.sha256).hexdigest()))

    # ------------------------------------------------------------------ signatures_v3.json
    f = VectorFile("signatures_v3.json",
                   "v3 (base64 hmac-sha256, key = secret, over method + decoded url + body + timestamp text): every "
                   "published v3 vector of vectors.md 8.1, 8.2 and 8.3 with its negative variants, the url decode table, "
                   "raw-byte bodies, secret rotation, v3 deciding alone when v1 is also present.")
    files.append(f)
    sdk_now_1 = 1693657560000 + 1500
    f.add(v3_case("python v3 (vectors.md 8.1): signature ok, single-quoted body is invalid_json", SQ_BODY,
                  err("invalid_json"), secret=SDK_SECRET, url=SDK_URL, ts="1693657560000", now=sdk_now_1,
                  sig=PUB["python_v3"]))
    f.add(v3_case("python v3, timestamp header one millisecond off", SQ_BODY, err("signature_mismatch"),
                  secret=SDK_SECRET, url=SDK_URL, ts="1693657560001", now=sdk_now_1, sig=PUB["python_v3"]))
    f.add(v3_case("python v3 signature without its '=' padding (hubspot.md 2.4.1)", SQ_BODY, err("malformed_signature"),
                  secret=SDK_SECRET, url=SDK_URL, ts="1693657560000", now=sdk_now_1, sig=PUB["python_v3"][:-1]))
    f.add(v3_case("python v3 signature in url-safe base64", SQ_BODY, err("malformed_signature"),
                  secret=SDK_SECRET, url=SDK_URL, ts="1693657560000", now=sdk_now_1,
                  sig=PUB["python_v3"].replace("+", "-").replace("/", "_")))
    f.add(v3_case("python v3 signature with '/' replaced by '_' only", SQ_BODY, err("malformed_signature"),
                  secret=SDK_SECRET, url=SDK_URL, ts="1693657560000", now=sdk_now_1,
                  sig=PUB["python_v3"].replace("/", "_")))
    f.add(v3_case("ruby v3 (vectors.md 8.1): signature ok, single-quoted body is invalid_json", SQ_BODY,
                  err("invalid_json"), secret=SDK_SECRET, url=SDK_URL, ts="1700000300000", now=1700000300000,
                  sig=PUB["ruby_v3"]))
    f.add(v3_case("ruby v3 expired case: signature of ts 1700000300000 with header 1700000000000, now 1700000300001",
                  SQ_BODY, err("timestamp_too_old"), secret=SDK_SECRET, url=SDK_URL, ts="1700000000000",
                  now=1700000300001, sig=PUB["ruby_v3"]))
    f.add(v3_case("ruby v3 with the python v3 signature", SQ_BODY, err("signature_mismatch"),
                  secret=SDK_SECRET, url=SDK_URL, ts="1700000300000", now=1700000300000, sig=PUB["python_v3"]))
    decode_body_events = [exp(parsed(DOCS_V1_BODY)[0])]
    f.add(v3_case("decode table (vectors.md 8.2): %40 and %2C decoded, %20 %2B %25 kept", DOCS_V1_BODY,
                  ok(decode_body_events, "v3", 0), secret=SDK_SECRET, url=DECODE_WIRE_URL, ts="1564113600500",
                  now=1564113601000, sig=PUB["decode_table"]))
    f.add(v3_case("decode table (vectors.md 8.2), negative: signature over the undecoded url", DOCS_V1_BODY,
                  err("signature_mismatch"), secret=SDK_SECRET, url=DECODE_WIRE_URL, ts="1564113600500",
                  now=1564113601000, sig=PUB["decode_table_undecoded"]))
    f.add(v3_case("decode table, lower-case hex %2c decodes like %2C", DOCS_V1_BODY,
                  ok(decode_body_events, "v3", 0), secret=SDK_SECRET, url=DECODE_WIRE_URL.replace("%2C", "%2c"),
                  ts="1564113600500", now=1564113601000, sig=PUB["decode_table"]))
    f.add(v3_case("decode table, the already-decoded url gives the same signature", DOCS_V1_BODY,
                  ok(decode_body_events, "v3", 0), secret=SDK_SECRET, url=DECODE_SIGNED_URL,
                  ts="1564113600500", now=1564113601000, sig=PUB["decode_table"]))
    all12 = "https://hooks.example.com/hubspot/webhook%3A%2F%3F%40%21%24%27%28%29%2A%2C%3B?q=%3A%2F%3F%40%21%24%27%28%29%2A%2C%3B"
    assert decode_v3_url(all12) == b"https://hooks.example.com/hubspot/webhook:/?@!$'()*,;?q=:/?@!$'()*,;"
    f.add(v3_case("all 12 table sequences, upper-case hex", "[]", ok([], "v3", 0), url=all12,
                  sig=sign_v3_raw_url(APP_SECRET, "POST", decode_v3_url(all12), "[]", TS)))
    f.add(v3_case("all 12 table sequences, lower-case hex", "[]", ok([], "v3", 0), url=all12.lower(),
                  sig=sign_v3_raw_url(APP_SECRET, "POST", decode_v3_url(all12), "[]", TS)))
    f.add(v3_case("all 12 table sequences, signature over the raw url does not match", "[]",
                  err("signature_mismatch"), url=all12, sig=sign_v3_raw_url(APP_SECRET, "POST", all12, "[]", TS)))
    others = "https://hooks.example.com/hubspot/webhook?a=%20%2B%25%26%3D%23%C3%A9%5B%5D%7E"
    assert decode_v3_url(others) == others.encode()
    f.add(v3_case("encodings outside the table stay as sent (%20 %2B %25 %26 %3D %23 %C3%A9 %5B %5D %7E)", "[]",
                  ok([], "v3", 0), url=others, sig=sign_v3_raw_url(APP_SECRET, "POST", others, "[]", TS)))
    f.add(v3_case("full percent-decoding of the url (not HubSpot's table) does not match", "[]",
                  err("signature_mismatch"), url=others,
                  sig=sign_v3_raw_url(APP_SECRET, "POST", "https://hooks.example.com/hubspot/webhook?a= +%&=#é[]~", "[]", TS)))
    twice = "https://hooks.example.com/hubspot/webhook?next=%253A%252F"
    assert decode_v3_url(twice) == twice.encode()
    f.add(v3_case("decoded once only: %253A stays %253A", "[]", ok([], "v3", 0), url=twice,
                  sig=sign_v3_raw_url(APP_SECRET, "POST", twice, "[]", TS)))
    f.add(v3_case("decoded once only: signature over %253A decoded twice does not match", "[]",
                  err("signature_mismatch"), url=twice,
                  sig=sign_v3_raw_url(APP_SECRET, "POST", "https://hooks.example.com/hubspot/webhook?next=:/", "[]", TS)))
    f.add(v3_case("derived utf-8 body v3 (vectors.md 8.2), partial: one rejected event", UTF8_BODY,
                  ok([], "v3", 0, rejected=[(0, "invalid_event")]), secret=SDK_SECRET, url=SDK_URL,
                  ts="1700000000000", now=1700000000000, sig=PUB["utf8_v3"], options={"partial": True}))
    f.add(v3_case("derived utf-8 body v3 (vectors.md 8.2), strict: invalid_event", UTF8_BODY, err("invalid_event"),
                  secret=SDK_SECRET, url=SDK_URL, ts="1700000000000", now=1700000000000, sig=PUB["utf8_v3"]))
    escaped = UTF8_BODY.replace("ë", "\\u00eb").replace("☕", "\\u2615").replace("ü", "\\u00fc")
    f.add(v3_case("derived utf-8 body v3 signature on the same body with \\u escapes", escaped,
                  err("signature_mismatch"), secret=SDK_SECRET, url=SDK_URL, ts="1700000000000",
                  now=1700000000000, sig=PUB["utf8_v3"]))
    f.add(v3_case("derived GET empty body v3 (vectors.md 8.2): signature ok, then invalid_json", "", err("invalid_json"),
                  secret=SDK_SECRET, url=SDK_URL, method="GET", ts="1700000000000", now=1700000000000,
                  sig=PUB["get_empty_v3"]))
    f.add(v3_case("derived GET empty body v3, sent as POST", "", err("signature_mismatch"),
                  secret=SDK_SECRET, url=SDK_URL, method="POST", ts="1700000000000", now=1700000000000,
                  sig=PUB["get_empty_v3"]))
    f.add(v3_case("derived docs body with python timestamp (vectors.md 8.2): signature ok, then invalid_batch",
                  DOCS_V2_BODY, err("invalid_batch"), secret=SDK_SECRET, url=SDK_URL, ts="1693657560000",
                  now=1693657560000, sig=PUB["docs_body_python_ts_v3"]))
    f.add(v3_case("derived docs body with the single-quoted body's signature", DOCS_V2_BODY,
                  err("signature_mismatch"), secret=SDK_SECRET, url=SDK_URL, ts="1693657560000",
                  now=1693657560000, sig=PUB["python_v3"]))
    f.add(v3_case("ruby nil-uri quirk (vectors.md 8.2): empty url signs as empty, then invalid_json", SQ_BODY,
                  err("invalid_json"), secret=SDK_SECRET, url="", ts="1700000300000", now=1700000300000,
                  sig=PUB["ruby_nil_uri_v3"]))
    f.add(v3_case("ruby nil-uri signature on the real url", SQ_BODY, err("signature_mismatch"),
                  secret=SDK_SECRET, url=SDK_URL, ts="1700000300000", now=1700000300000, sig=PUB["ruby_nil_uri_v3"]))
    abbot_events = [exp(parsed(ABBOT_BODY)[0])]
    abbot_now = 1670383800000
    f.add(v3_case("abbot conversation.newMessage (vectors.md 8.3)", ABBOT_BODY, ok(abbot_events, "v3", 0),
                  secret=ABBOT_SECRET, url=ABBOT_URL, ts=ABBOT_TS, now=abbot_now, sig=PUB["abbot"]))
    f.add(v3_case("abbot (vectors.md 8.3), negative: url with a trailing slash", ABBOT_BODY, err("signature_mismatch"),
                  secret=ABBOT_SECRET, url=ABBOT_URL + "/", ts=ABBOT_TS, now=abbot_now, sig=PUB["abbot"]))
    f.add(v3_case("abbot (vectors.md 8.3), negative: path-only url", ABBOT_BODY, err("signature_mismatch"),
                  secret=ABBOT_SECRET, url="/hubspot/webhook", ts=ABBOT_TS, now=abbot_now, sig=PUB["abbot"]))
    f.add(v3_case("abbot (vectors.md 8.3): the trailing-slash url verifies its own computed signature", ABBOT_BODY,
                  ok(abbot_events, "v3", 0), secret=ABBOT_SECRET, url=ABBOT_URL + "/", ts=ABBOT_TS, now=abbot_now,
                  sig=PUB["abbot_trailing_slash"]))
    f.add(v3_case("abbot (vectors.md 8.3): the path-only url verifies its own computed signature", ABBOT_BODY,
                  ok(abbot_events, "v3", 0), secret=ABBOT_SECRET, url="/hubspot/webhook", ts=ABBOT_TS,
                  now=abbot_now, sig=PUB["abbot_path_only"]))
    f.add(v3_case("example of vectors.md 6: same request, trailing slash on the URL, body []", "[]",
                  err("signature_mismatch"), secret=ABBOT_SECRET, url=ABBOT_URL + "/", ts=ABBOT_TS, now=abbot_now,
                  sig=PUB["abbot"], names=("x-hubspot-signature-v3", "x-hubspot-request-timestamp")))
    f.add(v3_case("abbot (vectors.md 8.3), space instead of '+' (form-decoded header)", ABBOT_BODY,
                  err("malformed_signature"), secret=ABBOT_SECRET, url=ABBOT_URL, ts=ABBOT_TS, now=abbot_now,
                  sig=PUB["abbot"].replace("+", " ")))
    f.add(v3_case("abbot (vectors.md 8.3), '+' replaced by url-safe '-'", ABBOT_BODY, err("malformed_signature"),
                  secret=ABBOT_SECRET, url=ABBOT_URL, ts=ABBOT_TS, now=abbot_now, sig=PUB["abbot"].replace("+", "-")))
    f.add(v3_case("abbot (vectors.md 8.3), signature upper-cased (well-formed, no match)", ABBOT_BODY,
                  err("signature_mismatch"), secret=ABBOT_SECRET, url=ABBOT_URL, ts=ABBOT_TS, now=abbot_now,
                  sig=PUB["abbot"].upper()))
    f.add(v3_case("abbot (vectors.md 8.3), secret rotation: second of three secrets matches", ABBOT_BODY,
                  ok(abbot_events, "v3", 1), secret=ABBOT_SECRET, secrets=[APP_SECRET, ABBOT_SECRET, OTHER_SECRET],
                  url=ABBOT_URL, ts=ABBOT_TS, now=abbot_now, sig=PUB["abbot"]))
    f.add(v3_case("abbot (vectors.md 8.3), signature with surrounding whitespace is trimmed", ABBOT_BODY,
                  ok(abbot_events, "v3", 0), secret=ABBOT_SECRET, url=ABBOT_URL, ts=ABBOT_TS, now=abbot_now,
                  sig=" " + PUB["abbot"] + "  "))
    deal_events = [exp(parsed(REAL_DEAL_CREATION)[0])]
    f.add(v3_case("real delivery: good v3 with a bad v1 present (v3 decides)", REAL_DEAL_CREATION,
                  ok(deal_events, "v3", 0),
                  extra_headers={H_SIG: sign_v1(WRONG_SECRET, REAL_DEAL_CREATION), H_VER: "v1"}))
    f.add(v3_case("real delivery: bad v3 with a good v1 present (no fallback)", REAL_DEAL_CREATION,
                  err("signature_mismatch"), sig=sign_v3(WRONG_SECRET, "POST", URL, REAL_DEAL_CREATION, TS),
                  extra_headers={H_SIG: sign_v1(APP_SECRET, REAL_DEAL_CREATION), H_VER: "v1"}))
    f.add(v3_case("real delivery: malformed v3 with a good v1 present", REAL_DEAL_CREATION,
                  err("malformed_signature"), sig=sign_v1(APP_SECRET, REAL_DEAL_CREATION),
                  extra_headers={H_SIG: sign_v1(APP_SECRET, REAL_DEAL_CREATION), H_VER: "v1"}))
    f.add(v3_case("real delivery: good v3, v1 header malformed and version unsupported (both ignored)",
                  REAL_DEAL_CREATION, ok(deal_events, "v3", 0),
                  extra_headers={H_SIG: "not-a-signature", H_VER: "v9"}))
    f.add(v3_case("v3 signature is hmac, not sha256(secret + message)", REAL_DEAL_CREATION, err("signature_mismatch"),
                  sig=base64.b64encode(hashlib.sha256((APP_SECRET + "POST" + URL + REAL_DEAL_CREATION + TS).encode())
                                       .digest()).decode()))
    f.add(v3_case("v3 signature over a re-serialised (pretty-printed) body", REAL_DEAL_CREATION,
                  err("signature_mismatch"),
                  sig=sign_v3(APP_SECRET, "POST", URL, json.dumps(parsed(REAL_DEAL_CREATION), indent=2), TS)))
    f.add(v3_case("v3 signature over a body without its \\u escapes (hash the raw bytes)",
                  '[{"eventId":1,"portalId":62515,"appId":54321,"occurredAt":1769081993375,'
                  '"subscriptionType":"contact.propertyChange","attemptNumber":0,"objectId":123,'
                  '"propertyName":"city","propertyValue":"K\\u00f6ln"}]', err("signature_mismatch"),
                  sig=sign_v3(APP_SECRET, "POST", URL,
                              '[{"eventId":1,"portalId":62515,"appId":54321,"occurredAt":1769081993375,'
                              '"subscriptionType":"contact.propertyChange","attemptNumber":0,"objectId":123,'
                              '"propertyName":"city","propertyValue":"Köln"}]', TS)))
    esc_body = ('[{"eventId":1,"portalId":62515,"appId":54321,"occurredAt":1769081993375,'
                '"subscriptionType":"contact.propertyChange","attemptNumber":0,"objectId":123,'
                '"propertyName":"city","propertyValue":"K\\u00f6ln"}]')
    f.add(v3_case("v3 body with \\u escapes signed as sent; the value decodes to Köln", esc_body,
                  ok([{"subscriptionType": "contact.propertyChange", "propertyName": "city", "propertyValue": "Köln"}],
                     "v3", 0)))
    nonutf8 = b'[{"eventId":1,"portalId":62515,"appId":54321,"occurredAt":1769081993375,' \
              b'"subscriptionType":"contact.propertyChange","attemptNumber":0,"objectId":123,' \
              b'"propertyName":"city","propertyValue":"K\xf6ln"}]'
    f.add(v3_case("non-UTF-8 body (latin-1 byte 0xF6), signed over the raw bytes: invalid_json", nonutf8,
                  err("invalid_json")))
    f.add(v3_case("non-UTF-8 body, signature over U+FFFD-replaced text does not match", nonutf8,
                  err("signature_mismatch"),
                  sig=sign_v3(APP_SECRET, "POST", URL, nonutf8.decode("utf-8", "replace"), TS)))
    f.add(v3_case("v3 with a method other than POST (GET with a query string)", "", err("invalid_json"),
                  method="GET", url="https://hooks.example.com/hubspot/card?userId=882761034&portalId=62515"))
    f.add(v3_case("real deal.creation delivery (hubspot.md 4.8), v3", REAL_DEAL_CREATION, ok(deal_events, "v3", 0)))
    b1 = data["batch_1.json"]
    f.add(v3_case("tests/data/batch_1.json exact bytes, v3", b1, ok([exp(e) for e in parsed(b1)], "v3", 0)))

    # ------------------------------------------------------------------ headers.json
    f = VectorFile("headers.json",
                   "Header names in any case, which header decides, and the version header. Names: "
                   "X-HubSpot-Signature-v3, X-HubSpot-Request-Timestamp, X-HubSpot-Signature, "
                   "X-HubSpot-Signature-Version (case-insensitive).")
    files.append(f)
    hb = REAL_DEAL_CREATION
    hev = [exp(parsed(hb)[0], fields=["eventId", "objectId"])]
    for label, names in [
        ("lower-case", ("x-hubspot-signature-v3", "x-hubspot-request-timestamp")),
        ("upper-case", ("X-HUBSPOT-SIGNATURE-V3", "X-HUBSPOT-REQUEST-TIMESTAMP")),
        ("mixed-case", ("x-HubSpot-SIGNATURE-v3", "X-Hubspot-Request-TimeStamp")),
        ("docs spelling -V3", ("X-HubSpot-Signature-V3", "X-HubSpot-Request-Timestamp")),
    ]:
        f.add(v3_case(f"v3 header names {label}", hb, ok(hev, "v3", 0), names=names))
    for label, names in [
        ("lower-case", ("x-hubspot-signature", "x-hubspot-signature-version")),
        ("upper-case", ("X-HUBSPOT-SIGNATURE", "X-HUBSPOT-SIGNATURE-VERSION")),
        ("mixed-case", ("x-HUBSPOT-signature", "X-hubspot-Signature-VERSION")),
    ]:
        f.add(v1_case(f"v1 header names {label}", hb, ok(hev, "v1", 0), names=names))
    f.add(v2_case("v2 header names upper-case", hb, ok(hev, "v2", 0),
                  names=("X-HUBSPOT-SIGNATURE", "X-HUBSPOT-SIGNATURE-VERSION")))
    f.add(v3_case("full real header set (hubspot.md 1.1): v1 + v3 + timestamp + extras, v3 decides", hb, ok(hev, "v3", 0),
                  names=("x-hubspot-signature-v3", "x-hubspot-request-timestamp"),
                  extra_headers={"content-type": "application/json",
                                 "user-agent": "HubSpot Connect 2.0 (http://dev.hubspot.com/) (namespace: webhooks-nio-http-client) - WebhooksExecutorDaemon-executor",
                                 "x-hubspot-signature": sign_v1(APP_SECRET, hb),
                                 "x-hubspot-signature-version": "v1",
                                 "x-hubspot-timeout-millis": "10000",
                                 "content-length": "267"}))
    for value in ["V1", "V2", "v3", "v4", "", "1", "v1,v2", "v 1"]:
        f.add(v1_case(f"version header {json.dumps(value)} is unsupported", hb, err("unsupported_signature_version"),
                      version=value))
    f.add(v1_case("version header '\\tv2 ' with whitespace is trimmed", hb, ok(hev, "v2", 0), version="\tv2 ",
                  sig=sign_v2(APP_SECRET, "POST", URL, hb)))
    f.add(make_case("no signature headers at all", body=hb, expect=err("missing_signature"), headers={},
                    secrets=[APP_SECRET]))
    f.add(make_case("no request.headers object at all, with secrets", body=hb, expect=err("missing_signature"),
                    secrets=[APP_SECRET]))
    f.add(make_case("only the timestamp header", body=hb, expect=err("missing_signature"),
                    headers={H_TS: TS}, secrets=[APP_SECRET]))
    f.add(make_case("only the version header", body=hb, expect=err("missing_signature"),
                    headers={H_VER: "v1"}, secrets=[APP_SECRET]))
    f.add(make_case("signature under a wrong name (X-HubSpot-Signature-V1)", body=hb,
                    expect=err("missing_signature"), headers={"X-HubSpot-Signature-V1": sign_v1(APP_SECRET, hb)},
                    secrets=[APP_SECRET]))
    f.add(v3_case("timestamp under the wrong name X-HubSpot-Signature-Timestamp", hb, err("missing_timestamp"),
                  ts=None, extra_headers={"X-HubSpot-Signature-Timestamp": TS}))
    f.add(v3_case("v3 without a timestamp header while a good v1 is present", hb, err("missing_timestamp"),
                  ts=None, sign_ts=TS, extra_headers={H_SIG: sign_v1(APP_SECRET, hb), H_VER: "v1"}))
    f.add(v3_case("v3 with version header v9 (only describes X-HubSpot-Signature)", hb, ok(hev, "v3", 0),
                  extra_headers={H_VER: "v9"}))
    f.add(make_case("parse only: no secrets, headers are ignored even if garbage", body=hb,
                    expect=ok([exp(parsed(hb)[0])]),
                    headers={H_V3: "garbage", H_SIG: "garbage", H_VER: "v9", H_TS: "abc"}))
    f.add(make_case("parse only: empty secrets list, headers ignored", body=hb, expect=ok([exp(parsed(hb)[0])]),
                    headers={H_SIG: "garbage"}, secrets=[]))

    # ------------------------------------------------------------------ timestamps.json
    f = VectorFile("timestamps.json",
                   "v3 timestamp header: parsing (base-10 digits only, after trimming surrounding whitespace, within "
                   "i64), the age window (now - ts > tolerance_ms is too old; exactly tolerance passes) and the future "
                   "window (ts - now > max_future_ms; exactly max passes), options tolerance_ms and max_future_ms.")
    files.append(f)
    tb = REAL_DEAL_CREATION
    tev = [exp(parsed(tb)[0], fields=["eventId"])]
    base = 1700000000000

    def at(name, ts_value, now, expect, **kw):
        f.add(v3_case(name, tb, expect, ts=ts_value, now=now, **kw))

    at("age 0", str(base), base, ok(tev, "v3", 0))
    at("real capture: 155 ms old", TS, NOW, ok(tev, "v3", 0))
    at("age 299999 ms, ts ending in 001 (python SDK rejects, we accept)", str(base + 1), base + 300000,
       ok(tev, "v3", 0))
    at("age exactly 300000 ms passes (docs, node, php)", str(base), base + 300000, ok(tev, "v3", 0))
    at("age 300001 ms is too old", str(base), base + 300001, err("timestamp_too_old"))
    at("age 24 hours (a late retry with a stale timestamp)", str(base), base + 86400000, err("timestamp_too_old"))
    at("future exactly 300000 ms passes", str(base + 300000), base, ok(tev, "v3", 0))
    at("future 300001 ms is too far", str(base + 300001), base, err("timestamp_in_future"))
    at("future 10 minutes (every SDK accepts; we reject by default)", str(base + 600000), base,
       err("timestamp_in_future"))
    at("future 10 minutes with max_future_ms 600000", str(base + 600000), base, ok(tev, "v3", 0),
       options={"max_future_ms": 600000})
    at("max_future_ms 0: ts equal to now passes", str(base), base, ok(tev, "v3", 0), options={"max_future_ms": 0})
    at("max_future_ms 0: ts 1 ms ahead is in the future", str(base + 1), base, err("timestamp_in_future"),
       options={"max_future_ms": 0})
    at("tolerance_ms 60000: age 60000 passes", str(base), base + 60000, ok(tev, "v3", 0),
       options={"tolerance_ms": 60000})
    at("tolerance_ms 60000: age 60001 is too old", str(base), base + 60001, err("timestamp_too_old"),
       options={"tolerance_ms": 60000})
    at("tolerance_ms 0: age 0 passes", str(base), base, ok(tev, "v3", 0), options={"tolerance_ms": 0})
    at("tolerance_ms 0: age 1 is too old", str(base), base + 1, err("timestamp_too_old"), options={"tolerance_ms": 0})
    at("tolerance_ms 86400000 accepts a day-old retry", str(base), base + 86400000, ok(tev, "v3", 0),
       options={"tolerance_ms": 86400000})
    at("timestamp in seconds instead of milliseconds is too old", str(base // 1000), base, err("timestamp_too_old"))
    at("timestamp in microseconds is in the future", str(base * 1000), base, err("timestamp_in_future"))
    at("timestamp 0 is too old", "0", base, err("timestamp_too_old"))
    at("timestamp i64 max 9223372036854775807 is in the future", "9223372036854775807", base,
       err("timestamp_in_future"))
    at("leading zeros are still base-10 digits; the header text is signed verbatim", "0" + str(base), base,
       ok(tev, "v3", 0))
    at("surrounding spaces are trimmed before parsing (wrong secret, so the answer is signature_mismatch)",
       f"  {base} ", base, err("signature_mismatch"), sig=sign_v3(WRONG_SECRET, "POST", URL, tb, str(base)))
    for label, text in [
        ("i64 max + 1", "9223372036854775808"),
        ("20 digits", "99999999999999999999"),
        ("plus sign", "+" + str(base)),
        ("minus sign", "-" + str(base)),
        ("negative small", "-5"),
        ("plus small", "+5"),
        ("exponent 1.7e12", "1.7e12"),
        ("decimal fraction", str(base) + ".5"),
        ("letters abc", "abc"),
        ("empty", ""),
        ("only spaces", "   "),
        ("hex 0x", "0x18BCFE56800"),
        ("digits with an inner space", "1700000 000000"),
        ("digits with a trailing letter", str(base) + "ms"),
        ("ISO date", "2023-11-14T22:13:20Z"),
        ("float formatting 1700000000000.0 (python SDK issue 263)", "1700000000000.0"),
    ]:
        at(f"invalid timestamp: {label}", text, base, err("invalid_timestamp"))
    at("invalid timestamp wins over a wrong signature", "abc", base, err("invalid_timestamp"),
       sig=sign_v3(WRONG_SECRET, "POST", URL, tb, "abc"))
    at("too old wins over a wrong signature", str(base), base + 300001, err("timestamp_too_old"),
       sig=sign_v3(WRONG_SECRET, "POST", URL, tb, str(base)))
    at("in future wins over a wrong signature", str(base + 300001), base, err("timestamp_in_future"),
       sig=sign_v3(WRONG_SECRET, "POST", URL, tb, str(base + 300001)))
    at("signature of another timestamp (replay with a fresh header)", str(base), base, err("signature_mismatch"),
       sig=sign_v3(APP_SECRET, "POST", URL, tb, str(base - 3600000)))
    f.add(v1_case("v1 has no timestamp: a request years old verifies", tb, ok(tev, "v1", 0), now=4102444800000))
    f.add(v1_case("v1 ignores a garbage X-HubSpot-Request-Timestamp", tb, ok(tev, "v1", 0),
                  extra_headers={H_TS: "abc"}))
    f.add(v2_case("v2 has no timestamp check either", tb, ok(tev, "v2", 0), now=0))

    # ------------------------------------------------------------------ errors.json
    f = VectorFile("errors.json",
                   "Every error code and the order of the checks: body size; signature headers (presence, "
                   "require_v3, version, form); timestamp; signature match; JSON; batch; events (strict).")
    files.append(f)
    eb = REAL_DEAL_CREATION
    eev = [exp(parsed(eb)[0], fields=["eventId"])]
    f.add(make_case("missing_signature: no headers", body=eb, expect=err("missing_signature"), headers={},
                    secrets=[APP_SECRET]))
    f.add(make_case("missing_signature even with require_v3", body=eb, expect=err("missing_signature"),
                    headers={"content-type": "application/json"}, secrets=[APP_SECRET],
                    options={"require_v3": True}))
    f.add(v1_case("v3_required: good v1 but require_v3", eb, err("v3_required"), options={"require_v3": True}))
    f.add(v1_case("v3_required is checked before the version header", eb, err("v3_required"), version="v9",
                  options={"require_v3": True}))
    f.add(v1_case("v3_required is checked before the signature form", eb, err("v3_required"), sig="xyz",
                  options={"require_v3": True}))
    f.add(v3_case("require_v3 with a good v3 passes", eb, ok(eev, "v3", 0), options={"require_v3": True},
                  extra_headers={H_SIG: sign_v1(APP_SECRET, eb), H_VER: "v1"}))
    f.add(v1_case("require_v3 false (explicit) with a good v1 passes", eb, ok(eev, "v1", 0),
                  options={"require_v3": False}))
    f.add(v1_case("unsupported_signature_version", eb, err("unsupported_signature_version"), version="v4"))
    f.add(v1_case("unsupported version is checked before the signature form", eb,
                  err("unsupported_signature_version"), version="v4", sig="xyz"))
    f.add(v3_case("malformed v3 is checked before the missing timestamp", eb, err("malformed_signature"), ts=None,
                  sig="abc"))
    f.add(v3_case("malformed v3 is checked before an invalid timestamp", eb, err("malformed_signature"), ts="abc",
                  sig="abc"))
    f.add(v3_case("malformed v3 is checked before a stale timestamp", eb, err("malformed_signature"),
                  ts="1700000000000", sig="abc"))
    f.add(v3_case("missing_timestamp", eb, err("missing_timestamp"), ts=None, sign_ts=TS))
    f.add(v3_case("missing_timestamp is checked before the signature match", eb, err("missing_timestamp"), ts=None,
                  sig=sign_v3(WRONG_SECRET, "POST", URL, eb, TS)))
    for label, sig in [
        ("63 hex chars", sign_v1(APP_SECRET, eb)[:-1]),
        ("65 hex chars", sign_v1(APP_SECRET, eb) + "0"),
        ("non-hex character g", "g" + sign_v1(APP_SECRET, eb)[1:]),
        ("empty value", ""),
        ("only spaces", "   "),
        ("inner space", sign_v1(APP_SECRET, eb)[:32] + " " + sign_v1(APP_SECRET, eb)[32:]),
        ("sha256= prefix", "sha256=" + sign_v1(APP_SECRET, eb)),
        ("a v3 base64 value in the v1 header", sign_v3(APP_SECRET, "POST", URL, eb, TS)),
    ]:
        f.add(v1_case(f"malformed v1 signature: {label}", eb, err("malformed_signature"), sig=sig))
    f.add(v2_case("malformed v2 signature: 32 hex chars (md5 length)", eb, err("malformed_signature"),
                  sig=hashlib.md5(eb.encode()).hexdigest()))
    good3 = sign_v3(APP_SECRET, "POST", URL, eb, TS)
    for label, sig in [
        ("43 chars, padding missing", good3[:-1]),
        ("45 chars", good3 + "="),
        ("'==' padding", good3[:-2] + "=="),
        ("empty value", ""),
        ("hex (a v1 value in the v3 header)", sign_v1(APP_SECRET, eb)),
        ("character outside base64 (*)", "*" + good3[1:]),
        ("sha256= prefix", "sha256=" + good3),
        ("v1= prefix", "v1=" + good3[:-4]),
    ]:
        f.add(v3_case(f"malformed v3 signature: {label}", eb, err("malformed_signature"), sig=sig))
    f.add(v1_case("signature_mismatch is checked before the JSON", "not json", err("signature_mismatch"),
                  sig=sign_v1(WRONG_SECRET, "not json")))
    f.add(v3_case("signature_mismatch (v3) before invalid_batch", "{}", err("signature_mismatch"),
                  sig=sign_v3(WRONG_SECRET, "POST", URL, "{}", TS)))
    for label, body in [
        ("plain text", "not json"),
        ("empty body", ""),
        ("whitespace only", "  \n"),
        ("truncated", eb[:-3]),
        ("trailing comma", "[{\"eventId\":1},]"),
        ("two JSON values", "[] []"),
        ("single-quoted keys", SQ_BODY),
        ("NaN", "[NaN]"),
        ("comment", "[] // ok"),
        ("raw control character in a string", "[\"a\x01b\"]"),
        ("invalid escape", "[\"\\x41\"]"),
    ]:
        f.add(v1_case(f"invalid_json: {label}", body, err("invalid_json")))
    f.add(v1_case("invalid_json: overlong UTF-8 (C0 AF) in a string", b'["\xc0\xaf"]', err("invalid_json")))
    f.add(v1_case("invalid_json: UTF-8 encoded surrogate (ED A0 80)", b'["\xed\xa0\x80"]', err("invalid_json")))
    f.add(v1_case("invalid_json: truncated UTF-8 sequence at the end", b'[]\xe2\x98', err("invalid_json")))
    f.add(v1_case("whitespace around the array is fine", " \r\n\t[ ]\n", ok([], "v1", 0)))
    for label, body in [
        ("an object", "{}"),
        ("a single event object, not wrapped in an array", REAL_DEAL_CREATION[1:-1]),
        ("null", "null"),
        ("a string", "\"[]\""),
        ("a number", "42"),
        ("true", "true"),
        ("[1]", "[1]"),
        ("[null]", "[null]"),
        ("[[]]", "[[]]"),
        ("[\"x\"]", "[\"x\"]"),
        ("array of the batch (nested one level)", "[" + REAL_DEAL_CREATION + "]"),
        ("good event then a number", REAL_DEAL_CREATION[:-1] + ",1]"),
        ("a non-object element after an invalid event: batch is checked first", "[{},1]"),
    ]:
        f.add(v1_case(f"invalid_batch: {label}", body, err("invalid_batch")))
    f.add(v1_case("invalid_event: [{}] (strict)", "[{}]", err("invalid_event")))
    good = parsed(REAL_DEAL_CREATION)[0]

    def mutated(drop=None, **set_fields):
        e = dict(good)
        if drop:
            del e[drop]
        e.update(set_fields)
        return compact([e])

    for field in ["subscriptionType", "eventId", "portalId", "appId", "occurredAt", "attemptNumber"]:
        f.add(parse_only(f"invalid_event: required {field} missing", mutated(drop=field), err("invalid_event")))
    for label, kw in [
        ("eventId as a string \"1\"", {"eventId": "1"}),
        ("eventId null", {"eventId": None}),
        ("portalId as a string", {"portalId": "242711451"}),
        ("appId true", {"appId": True}),
        ("occurredAt as an ISO string", {"occurredAt": "2026-01-22T11:39:53.375Z"}),
        ("occurredAt null", {"occurredAt": None}),
        ("subscriptionType a number", {"subscriptionType": 5}),
        ("subscriptionType null", {"subscriptionType": None}),
        ("attemptNumber -1", {"attemptNumber": -1}),
        ("attemptNumber 1.5", {"attemptNumber": 1.5}),
        ("attemptNumber as a string", {"attemptNumber": "0"}),
        ("eventId an object", {"eventId": {"id": 1}}),
        ("portalId an array", {"portalId": [242711451]}),
    ]:
        f.add(parse_only(f"invalid_event: {label}", mutated(**kw), err("invalid_event")))
    f.add(parse_only("invalid_event: the second event of three is bad (strict fails the batch)",
                     compact([good, dict(good, eventId="x"), good]), err("invalid_event")))
    f.add(v1_case("invalid_event after a valid v1 signature", mutated(drop="eventId"), err("invalid_event")))
    f.add(parse_only("body_too_large is checked first, even in parse-only mode", eb, err("body_too_large"),
                     options={"max_body_bytes": 266}))
    f.add(make_case("body_too_large before missing_signature", body=eb, expect=err("body_too_large"), headers={},
                    secrets=[APP_SECRET], options={"max_body_bytes": 100}))
    f.add(v3_case("body_too_large before malformed signature and stale timestamp", eb, err("body_too_large"),
                  sig="abc", ts="1", options={"max_body_bytes": 100}))

    # ------------------------------------------------------------------ events_crm.json
    f = VectorFile("events_crm.json",
                   "Classic CRM events (contact, company, deal, ticket, product, line_item): every subscription "
                   "type of hubspot.md 4.2 for these objects, the docs and real payloads of hubspot.md 4.7 and 4.8, legacy eventType, "
                   "optional and null fields, unknown fields kept. Derived fields objectType and action.")
    files.append(f)
    p = PORTAL
    crm = {}
    crm["contact"] = [
        ev("contact.creation", 3029365001, 847297356, sub=686620, changeFlag="CREATED", changeSource="CRM_UI",
           sourceId="userId:882761034"),
        ev("contact.propertyChange", 3029365002, 847297356, sub=686627, at=T0 + 40, propertyName="email",
           propertyValue="zoe.muller@example.com", changeSource="CRM_UI", sourceId="userId:882761034"),
        ev("contact.deletion", 3029365003, 847297311, sub=686621, at=T0 + 90, changeFlag="DELETED",
           changeSource="CRM_UI", sourceId="userId:882761034"),
        ev("contact.merge", 3029365004, 847297356, sub=686622, at=T0 + 130, primaryObjectId=847297356,
           mergedObjectIds=[847297299, 847297300], newObjectId=847297356, numberOfPropertiesMoved=24,
           changeSource="CRM_UI", sourceId="userId:882761034"),
        ev("contact.restore", 3029365005, 847297311, sub=686623, at=T0 + 170, changeSource="CRM_UI",
           sourceId="userId:882761034"),
        ev("contact.associationChange", 3029365006, sub=686624, at=T0 + 210, changeSource="USER",
           associationType="CONTACT_TO_COMPANY", fromObjectId=847297356, toObjectId=21947738191,
           associationRemoved=False, isPrimaryAssociation=True, sourceId="userId:882761034"),
        ev("contact.privacyDeletion", 3029365007, 847297288, sub=686625, at=T0 + 260, changeSource="GDPR"),
    ]
    crm["company"] = [
        ev("company.creation", 4108520001, 21947738191, sub=701001, changeFlag="CREATED", changeSource="CRM_UI",
           sourceId="userId:52530071"),
        ev("company.propertyChange", 4108520002, 21947738191, sub=701002, propertyName="domain",
           propertyValue="example.com", changeSource="API"),
        ev("company.deletion", 4108520003, 21947738100, sub=701003, changeFlag="DELETED", changeSource="CRM_UI"),
        ev("company.merge", 4108520004, 21947738191, sub=701004, primaryObjectId=21947738191,
           mergedObjectIds=[21947738105], newObjectId=21947738191, numberOfPropertiesMoved=7, changeSource="CRM_UI"),
        ev("company.restore", 4108520005, 21947738100, sub=701005, changeSource="CRM_UI"),
        ev("company.associationChange", 4108520006, sub=701006, changeSource="USER",
           associationType="COMPANY_TO_CONTACT", fromObjectId=21947738191, toObjectId=847297356,
           associationRemoved=True, isPrimaryAssociation=False),
    ]
    crm["deal"] = [
        parsed(REAL_DEAL_CREATION)[0],
        ev("deal.propertyChange", 1030198140, 267448862446, sub=4578256, at=T0 + 5000, propertyName="dealstage",
           propertyValue="closedwon", changeSource="CRM_UI", sourceId="userId:52530071"),
        ev("deal.deletion", 1030198141, 267448862400, sub=4578257, changeFlag="DELETED",
           changeSource="CRM_UI_BULK_ACTION", sourceId="userId:52530071"),
        ev("deal.merge", 1030198142, 267448862446, sub=4578258, primaryObjectId=267448862446,
           mergedObjectIds=[267448862401], newObjectId=267448862999, numberOfPropertiesMoved=3),
        ev("deal.restore", 1030198143, 267448862400, sub=4578259, changeSource="CRM_UI"),
        parsed(REAL_DEAL_ASSOCIATION)[0],
    ]
    crm["ticket"] = [
        ev("ticket.creation", 2210000001, 4512209873, sub=802001, changeFlag="CREATED", changeSource="CRM_UI"),
        ev("ticket.propertyChange", 2210000002, 4512209873, sub=802002, propertyName="hs_pipeline_stage",
           propertyValue="4", changeSource="AUTOMATION_PLATFORM"),
        ev("ticket.deletion", 2210000003, 4512209800, sub=802003, changeFlag="DELETED", changeSource="CRM_UI"),
        ev("ticket.merge", 2210000004, 4512209873, sub=802004, primaryObjectId=4512209873,
           mergedObjectIds=[4512209801, 4512209802, 4512209803], newObjectId=4512209873,
           numberOfPropertiesMoved=11),
        ev("ticket.restore", 2210000005, 4512209800, sub=802005, changeSource="CRM_UI"),
        ev("ticket.associationChange", 2210000006, sub=802006, associationType="TICKET_TO_DEAL",
           fromObjectId=4512209873, toObjectId=267448862446, associationRemoved=False, isPrimaryAssociation=False),
    ]
    crm["product"] = [
        ev("product.creation", 3300000001, 1642736321, sub=903001, changeFlag="CREATED", changeSource="API"),
        ev("product.propertyChange", 3300000002, 1642736321, sub=903002, propertyName="price",
           propertyValue="49.90", changeSource="API"),
        ev("product.deletion", 3300000003, 1642736300, sub=903003, changeFlag="DELETED", changeSource="API"),
        ev("product.merge", 3300000004, 1642736321, sub=903004, primaryObjectId=1642736321,
           mergedObjectIds=[1642736322], newObjectId=1642736321, numberOfPropertiesMoved=2),
        ev("product.restore", 3300000005, 1642736300, sub=903005, changeSource="API"),
    ]
    crm["line_item"] = [
        ev("line_item.creation", 3400000001, 58061514894, sub=904001, changeFlag="CREATED", changeSource="CRM_UI"),
        ev("line_item.propertyChange", 3400000002, 58061514894, sub=904002, propertyName="quantity",
           propertyValue="3", changeSource="CRM_UI"),
        ev("line_item.deletion", 3400000003, 58061514800, sub=904003, changeFlag="DELETED", changeSource="CRM_UI"),
        ev("line_item.merge", 3400000004, 58061514894, sub=904004, primaryObjectId=58061514894,
           mergedObjectIds=[58061514801], newObjectId=58061514894, numberOfPropertiesMoved=1),
        ev("line_item.restore", 3400000005, 58061514800, sub=904005, changeSource="CRM_UI"),
        ev("line_item.associationChange", 3400000006, sub=904006, associationType="LINE_ITEM_TO_DEAL",
           fromObjectId=58061514894, toObjectId=64058987777, associationRemoved=False, isPrimaryAssociation=False),
    ]
    for obj, events in crm.items():
        body = body_of(events)
        expected = [exp(e, absent=("objectId",) if e["subscriptionType"].endswith("associationChange") else ())
                    for e in events]
        f.add(parse_only(f"every {obj}.* subscription type in one batch ({len(events)} events)", body, ok(expected)))
        if obj in ("contact", "deal"):
            f.add(v3_case(f"every {obj}.* subscription type, signed v3", body, ok(expected, "v3", 0)))
    legacy = parsed(DOCS_LEGACY)
    f.add(parse_only("docs guide example with the legacy eventType key (hubspot.md 4.7)", DOCS_LEGACY,
                     ok([exp(e) for e in legacy])))
    f.add(v1_case("docs guide example with eventType, signed v1", DOCS_LEGACY, ok([exp(e) for e in legacy], "v1", 0)))
    f.add(parse_only("sensitive property REDACTED (hubspot.md 4.7)", DOCS_SENSITIVE,
                     ok([exp(parsed(DOCS_SENSITIVE)[0])])))
    f.add(parse_only("real deal.associationChange without objectId (hubspot.md 4.8)", REAL_DEAL_ASSOCIATION,
                     ok([exp(parsed(REAL_DEAL_ASSOCIATION)[0], absent=("objectId", "isPrimaryAssociation"))])))
    merge_null = ev("contact.merge", 3029365100, 847297356, sub=686622, primaryObjectId=847297356,
                    mergedObjectIds=[847297299], newObjectId=None, numberOfPropertiesMoved=0)
    f.add(parse_only("merge with newObjectId null", compact([merge_null]), ok([exp(merge_null)])))
    nulls = ev("contact.propertyChange", 3029365101, 847297356, sub=None, propertyName="phone", propertyValue=None,
               changeSource=None, sourceId=None)
    f.add(parse_only("optional fields null (subscriptionId, propertyValue, changeSource, sourceId)", compact([nulls]),
                     ok([{"subscriptionType": "contact.propertyChange", "objectType": "contact",
                          "action": "propertyChange", "eventId": 3029365101, "subscriptionId": None,
                          "propertyName": "phone", "propertyValue": None, "changeSource": None,
                          "sourceId": None}])))
    minimal = {"subscriptionType": "contact.creation", "eventId": 1, "portalId": 62515, "appId": 54321,
               "occurredAt": 1564113600000, "attemptNumber": 0}
    f.add(parse_only("only the six required fields", compact([minimal]),
                     ok([dict(exp(minimal), objectId=None, subscriptionId=None, changeSource=None,
                              changeFlag=None, propertyName=None, propertyValue=None)])))
    unknown = ev("contact.propertyChange", 3029365102, 847297356, sub=686627, propertyName="hs_lead_status",
                 propertyValue="IN_PROGRESS", changeSource="SOMETHING_NEW", changeFlag="SOMETHING_NEW",
                 someFutureField={"nested": [1, 2, {"x": None}]}, anotherOne="kept", isSensitive=False)
    f.add(parse_only("unknown fields and unknown enum values are kept, never an error", compact([unknown]),
                     ok([exp(unknown)])))
    scalars = [
        ev("deal.propertyChange", 1030198200 + i, 267448862446, sub=4578256, propertyName=name, propertyValue=value)
        for i, (name, value) in enumerate([("amount", 12500), ("hs_is_closed", True), ("description", ""),
                                           ("notes", "<p>Hello <b>world</b> &amp; \"quotes\"</p>\n"),
                                           ("amount_in_home_currency", 12500.5)])
    ]
    f.add(parse_only("propertyValue kept as sent: number, boolean, empty string, HTML, fraction", compact(scalars),
                     ok([exp(e) for e in scalars])))
    big = [ev("deal.propertyChange", 1030198210, 267448862446, sub=4578256, propertyName="amount",
              propertyValue=12345678901234567890123, hs_future_count=98765432109876543210),
           ev("deal.propertyChange", 1030198211, 267448862446, sub=4578256, propertyName="amount",
              propertyValue=-98765432109876543210987, hs_future_ids=[18446744073709551616, 1])]
    f.add(parse_only("big numbers stay exact: propertyValue and unknown fields beyond 64 bits", compact(big),
                     ok([dict(exp(big[0]), hs_future_count="98765432109876543210"),
                         dict(exp(big[1]), hs_future_ids=["18446744073709551616", 1])])))
    shuffled = {"propertyValue": "subscriber", "attemptNumber": 2, "objectId": 1246965, "appId": 1160452,
                "occurredAt": 1462216307945, "propertyName": "lifecyclestage", "portalId": 33,
                "eventId": 3816279340, "subscriptionType": "contact.propertyChange", "changeSource": "ACADEMY"}
    f.add(parse_only("key order does not matter; attemptNumber 2 (a retry)", compact([shuffled]), ok([exp(shuffled)])))
    dup = parsed(REAL_DEAL_CREATION)[0]
    f.add(parse_only("duplicate notifications in one batch are both returned", compact([dup, dup]),
                     ok([exp(dup, fields=["eventId"]), exp(dup, fields=["eventId"])])))
    f.add(parse_only("empty batch [] is valid", "[]", ok([])))
    utf = ev("contact.propertyChange", 3029365103, 847297356, sub=686627, propertyName="firstname",
             propertyValue="Zoë ☕ Müller 𝄞 日本")
    f.add(v3_case("unicode propertyValue (raw UTF-8, incl. a 4-byte character), signed v3", compact([utf]),
                  ok([exp(utf)], "v3", 0)))
    f.add(parse_only("real deal.propertyChange 2019 pretty-printed (whitespace in the body is fine)",
                     json.dumps(parsed(REAL_DEAL_PROPERTY_CHANGE), indent=2),
                     ok([exp(parsed(REAL_DEAL_PROPERTY_CHANGE)[0])])))

    # ------------------------------------------------------------------ events_generic.json
    f = VectorFile("events_generic.json",
                   "Generic object.* events (objectTypeId -> objectType, custom objects 2-<n> keep their id), "
                   "event.completed, and unknown subscription types kept as-is.")
    files.append(f)
    gen = parsed(REAL_GENERIC)
    f.add(parse_only("real custom-object events (hubspot.md 4.8): objectType is the id itself", REAL_GENERIC,
                     ok([exp(e) for e in gen])))
    f.add(v3_case("real custom-object events, signed v3", REAL_GENERIC, ok([exp(e) for e in gen], "v3", 0)))
    gp = 145883449
    gapp = 14947547
    generic_all = [
        ev("object.creation", 2145459300, 180584432900, sub=3849706, portal=gp, app=gapp, objectTypeId="0-1",
           changeFlag="CREATED", changeSource="CRM_UI", sourceId="userId:75514748"),
        ev("object.propertyChange", 2145459301, 180584432900, sub=3849708, portal=gp, app=gapp, objectTypeId="0-1",
           propertyName="email", propertyValue="zoe.muller@example.com", changeSource="CRM_UI",
           sourceId="userId:75514748", isSensitive=False),
        ev("object.deletion", 2145459302, 180584432901, sub=3849707, portal=gp, app=gapp, objectTypeId="0-3",
           changeFlag="DELETED", changeSource="CRM_UI_BULK_ACTION"),
        ev("object.merge", 2145459303, 180584432902, sub=3849709, portal=gp, app=gapp, objectTypeId="0-2",
           primaryObjectId=180584432902, mergedObjectIds=[180584432903], newObjectId=180584432902,
           numberOfPropertiesMoved=5),
        ev("object.restore", 2145459304, 180584432901, sub=3849710, portal=gp, app=gapp, objectTypeId="0-3",
           changeSource="CRM_UI"),
        ev("object.associationChange", 2145459305, sub=3849711, portal=gp, app=gapp, changeSource="USER",
           fromObjectTypeId="0-3", toObjectTypeId="0-1", fromObjectId=180584432901, toObjectId=180584432900,
           associationTypeId=3, associationCategory="HUBSPOT_DEFINED", associationRemoved=False,
           isPrimaryAssociation=False),
    ]
    gexp = [exp(e) for e in generic_all]
    assert "objectType" not in gexp[5]  # no objectTypeId on generic association events: not compared
    f.add(parse_only("every object.* subscription type (6), known object type ids", body_of(generic_all), ok(gexp)))
    by_id = [ev("object.creation", 2145460000 + i, 180584433000 + i, sub=3849706, portal=gp, app=gapp,
                objectTypeId=tid, changeFlag="CREATED", changeSource="CRM_UI")
             for i, tid in enumerate(list(OBJECT_TYPE_IDS) + ["2-143967026", "0-999", "2-1"])]
    f.add(parse_only(f"object.creation for every known objectTypeId and unknown ones ({len(by_id)} events)",
                     body_of(by_id), ok([exp(e, fields=["objectTypeId"]) for e in by_id])))
    same = [ev("contact.propertyChange", 1, 51, sub=1, propertyName="email", propertyValue="a@example.com"),
            ev("object.propertyChange", 2, 51, sub=2, objectTypeId="0-1", propertyName="email",
               propertyValue="a@example.com", isSensitive=False)]
    f.add(parse_only("contact.propertyChange and object.propertyChange 0-1 give the same objectType",
                     body_of(same), ok([exp(e) for e in same])))
    completed = ev("event.completed", 9100000001, 180584432900, sub=3849799, portal=gp, app=gapp,
                   eventTypeName="pe145883449_course_completed", objectTypeId="0-1")
    f.add(parse_only("event.completed: objectType event, action completed", compact([completed]),
                     ok([exp(completed, fields=["eventId", "objectId"])])))
    unknown_types = [
        ev("foo.bar", 9100000002, 1, sub=1),
        ev("converation.creation", 9100000003, 3624100517, sub=1870311, portal=CONV_PORTAL, app=CONV_APP),
        ev("contact.somethingNew", 9100000004, 847297356, sub=686627),
        ev("object.somethingNew", 9100000005, 180584432900, sub=3849706, objectTypeId="0-5"),
        ev("appointment.creation", 9100000006, 77, sub=1),
    ]
    f.add(parse_only("unknown subscription types are kept (foo.bar, misspelt converation.creation, new actions)",
                     body_of(unknown_types), ok([exp(e) for e in unknown_types])))
    nodot = ev("webhookTest", 9100000007, 1, sub=1)
    f.add(parse_only("a subscription type without a dot is kept", compact([nodot]),
                     ok([{"subscriptionType": "webhookTest", "eventId": 9100000007}])))
    custom_big = ev("object.propertyChange", 9100000008, 9007199254740993, sub=3849708, portal=gp, app=gapp,
                    objectTypeId="2-143967026", propertyName="aantal_dagdelen", propertyValue="4", isSensitive=False)
    f.add(parse_only("custom object id above 2^53 (9007199254740993, not representable as a double)",
                     compact([custom_big]), ok([exp(custom_big)])))

    # ------------------------------------------------------------------ events_conversations.json
    f = VectorFile("events_conversations.json",
                   "Conversations events (hubspot.md 4.4): creation, deletion, privacyDeletion, propertyChange "
                   "(assignedTo, status OPEN/CLOSED, isArchived as boolean and as string), newMessage "
                   "(MESSAGE, COMMENT, WELCOME_MESSAGE, unknown). objectId is the thread id.")
    files.append(f)
    convs_text = data["conversations.json"]
    convs = parsed(convs_text)
    f.add(v3_case("tests/data/conversations.json exact bytes, v3 (one of every kind)", convs_text,
                  ok([exp(e) for e in convs], "v3", 0)))
    f.add(parse_only("tests/data/conversations.json parsed without a signature check", convs_text,
                     ok([exp(e, fields=["eventId", "objectId", "propertyName", "propertyValue", "messageType"])
                         for e in convs])))

    def one_conv(name, stype, **extra):
        e = conv(stype, 3814500000 + len(f.cases), 3624100517, **extra)
        f.add(v3_case(name, compact([e]), ok([exp(e)], "v3", 0), secret=ABBOT_SECRET, url=ABBOT_URL,
                      ts=ABBOT_TS, now=int(ABBOT_TS) + 420))
        return e

    one_conv("conversation.creation", "conversation.creation")
    one_conv("conversation.deletion (thread archived)", "conversation.deletion")
    one_conv("conversation.privacyDeletion (thread permanently deleted)", "conversation.privacyDeletion")
    one_conv("propertyChange assignedTo a user id", "conversation.propertyChange", propertyName="assignedTo",
             propertyValue="75514748")
    one_conv("propertyChange assignedTo empty (unassigned)", "conversation.propertyChange",
             propertyName="assignedTo", propertyValue="")
    one_conv("propertyChange status OPEN", "conversation.propertyChange", propertyName="status", propertyValue="OPEN")
    one_conv("propertyChange status CLOSED", "conversation.propertyChange", propertyName="status",
             propertyValue="CLOSED")
    one_conv("propertyChange isArchived false as a JSON boolean", "conversation.propertyChange",
             propertyName="isArchived", propertyValue=False)
    one_conv("propertyChange isArchived \"false\" as a string", "conversation.propertyChange",
             propertyName="isArchived", propertyValue="false")
    one_conv("propertyChange isArchived \"FALSE\" (older docs spelling)", "conversation.propertyChange",
             propertyName="isArchived", propertyValue="FALSE")
    one_conv("propertyChange status with an unknown value is kept", "conversation.propertyChange",
             propertyName="status", propertyValue="SNOOZED")
    for mt in ["MESSAGE", "COMMENT", "WELCOME_MESSAGE", "SYSTEM_NOTE"]:
        one_conv(f"newMessage messageType {mt}" + (" (unknown, kept)" if mt == "SYSTEM_NOTE" else ""),
                 "conversation.newMessage", messageId=hashlib.md5(mt.encode()).hexdigest(), messageType=mt,
                 changeFlag="NEW_MESSAGE")
    f.add(parse_only("real newMessage retry, attemptNumber 1 (hubspot.md 4.8)", REAL_NEW_MESSAGE_RETRY,
                     ok([exp(parsed(REAL_NEW_MESSAGE_RETRY)[0])])))
    f.add(v3_case("abbot newMessage (vectors.md 8.3), the example of vectors.md 6", ABBOT_BODY,
                  ok([{"subscriptionType": "conversation.newMessage", "objectId": 3624100517,
                       "messageId": "e835c5f42631462ea4447601c8e1e394", "messageType": "MESSAGE"}], "v3", 0),
                  secret=ABBOT_SECRET, url=ABBOT_URL, ts=ABBOT_TS, now=1670383800000, sig=PUB["abbot"]))
    no_type = conv("conversation.newMessage", 3814500100, 3624100517, messageId="5bc511c6161c41ba811829eb460a83b8",
                   changeFlag="NEW_MESSAGE")
    f.add(parse_only("newMessage without messageType (optional) parses", compact([no_type]),
                     ok([exp(no_type, absent=("messageType", "changeSource"))])))

    # ------------------------------------------------------------------ partial.json
    f = VectorFile("partial.json",
                   "options.partial: the good events are returned in body order, each bad one is listed in "
                   "`rejected` by its index in the body. Signature, JSON and batch errors still fail the call.")
    files.append(f)
    g0 = ev("deal.creation", 1, 267448862446, sub=4578255, changeFlag="CREATED")
    g2 = ev("contact.propertyChange", 3, 847297356, sub=686627, propertyName="email", propertyValue="a@example.com")
    g5 = ev("conversation.newMessage", 6, 3624100517, sub=1870311, messageId="e835c5f42631462ea4447601c8e1e394",
            messageType="MESSAGE")
    bad1 = dict(ev("deal.creation", 2, 267448862447, sub=4578255))
    del bad1["eventId"]
    bad3 = ev("deal.creation", 4, Raw("1.5"), sub=4578255)
    bad4 = ev("deal.creation", Raw("1e3"), 267448862449, sub=4578255)
    bad6 = ev("deal.creation", 7, 9223372036854775808, sub=4578255)
    mixed = [g0, bad1, g2, bad3, bad4, g5, bad6]
    mixed_body = body_of(mixed)
    mixed_ok = ok([exp(g0), exp(g2), exp(g5)],
                  rejected=[(1, "invalid_event"), (3, "invalid_event"), (4, "invalid_event"), (6, "invalid_event")])
    f.add(parse_only("mixed batch, strict: the first bad event fails the batch", mixed_body, err("invalid_event")))
    f.add(parse_only("mixed batch, partial: 3 good events, 4 rejected", mixed_body, mixed_ok,
                     options={"partial": True}))
    mixed_ok_v3 = ok([exp(g0), exp(g2), exp(g5)], "v3", 0,
                     rejected=[(1, "invalid_event"), (3, "invalid_event"), (4, "invalid_event"), (6, "invalid_event")])
    f.add(v3_case("mixed batch, partial, signed v3", mixed_body, mixed_ok_v3, options={"partial": True}))
    f.add(v3_case("mixed batch, partial, bad signature still fails", mixed_body, err("signature_mismatch"),
                  sig=sign_v3(WRONG_SECRET, "POST", URL, mixed_body, TS), options={"partial": True}))
    f.add(parse_only("partial with all events good: no rejected", body_of([g0, g2, g5]),
                     ok([exp(g0), exp(g2), exp(g5)]), options={"partial": True}))
    f.add(parse_only("partial with every event bad: no events", "[{},{\"eventId\":1},{\"subscriptionType\":\"x\"}]",
                     ok([], rejected=[(0, "invalid_event"), (1, "invalid_event"), (2, "invalid_event")]),
                     options={"partial": True}))
    f.add(parse_only("partial [{}]", "[{}]", ok([], rejected=[(0, "invalid_event")]), options={"partial": True}))
    f.add(parse_only("partial, empty batch", "[]", ok([]), options={"partial": True}))
    f.add(parse_only("partial does not rescue invalid JSON", "[{\"eventId\":1,}]", err("invalid_json"),
                     options={"partial": True}))
    f.add(parse_only("partial does not rescue a non-array body", "{}", err("invalid_batch"),
                     options={"partial": True}))
    f.add(parse_only("partial does not rescue a non-object element (batch error)", compact([g0, 1, g2]),
                     err("invalid_batch"), options={"partial": True}))
    f.add(parse_only("partial false (explicit) is strict", mixed_body, err("invalid_event"),
                     options={"partial": False}))
    legacy_mixed = parsed(DOCS_LEGACY) + [{"eventType": "contact.creation", "eventId": "3816279481"}]
    f.add(parse_only("partial: legacy eventType events good, an eventId string rejected",
                     compact(legacy_mixed), ok([exp(e) for e in legacy_mixed[:2]], rejected=[(2, "invalid_event")]),
                     options={"partial": True}))
    big_ok = ev("contact.creation", 9223372036854775807, 9223372036854775807, sub=1)
    big_bad = ev("contact.creation", 9223372036854775808, 1, sub=1)
    f.add(parse_only("partial: i64 max eventId accepted, i64 max + 1 rejected", body_of([big_bad, big_ok]),
                     ok([exp(big_ok)], rejected=[(0, "invalid_event")]), options={"partial": True}))
    neg_attempt = ev("contact.creation", 5, 1, sub=1, attempt=-1)
    f.add(parse_only("partial: attemptNumber -1 rejected, the rest kept", body_of([g0, neg_attempt]),
                     ok([exp(g0)], rejected=[(1, "invalid_event")]), options={"partial": True}))

    # ------------------------------------------------------------------ limits.json
    f = VectorFile("limits.json",
                   "Body size limit (max_body_bytes, counted in bytes), the 100-event batch, and 64-bit integers: "
                   "i64 max accepted (written as a string in expect), i64 max + 1, fractions and exponent forms "
                   "rejected as invalid_event.")
    files.append(f)
    lb = REAL_DEAL_CREATION  # 267 bytes
    lev = [exp(parsed(lb)[0], fields=["eventId", "objectId"])]
    f.add(v3_case("max_body_bytes equal to the body length (267) passes", lb, ok(lev, "v3", 0),
                  options={"max_body_bytes": 267}))
    f.add(v3_case("max_body_bytes one below the body length is body_too_large", lb, err("body_too_large"),
                  options={"max_body_bytes": 266}))
    ub = compact([utf])
    n_chars, n_bytes = len(ub), len(ub.encode("utf-8"))
    assert n_chars < n_bytes
    f.add(v3_case("max_body_bytes counts bytes, not characters", ub, err("body_too_large"),
                  options={"max_body_bytes": n_chars}))
    f.add(v3_case("max_body_bytes equal to the UTF-8 byte length passes", ub, ok([exp(utf)], "v3", 0),
                  options={"max_body_bytes": n_bytes}))
    f.add(v1_case("max_body_bytes 0 with an empty body: size ok, then invalid_json", "", err("invalid_json"),
                  options={"max_body_bytes": 0}))
    f.add(v1_case("max_body_bytes 0 with [] is body_too_large", "[]", err("body_too_large"),
                  options={"max_body_bytes": 0}))
    nb = nonutf8
    f.add(v1_case("max_body_bytes with a non-UTF-8 body is counted in raw bytes", nb, err("body_too_large"),
                  options={"max_body_bytes": len(nb) - 1}))
    b100 = data["batch_100.json"]
    e100 = parsed(b100)
    assert len(e100) == 100
    f.add(v3_case("tests/data/batch_100.json exact bytes (100 mixed events), v3", b100,
                  ok([exp(e, fields=["eventId"]) for e in e100], "v3", 0)))
    f.add(v3_case("tests/data/batch_100.json, max_body_bytes one byte short", b100, err("body_too_large"),
                  options={"max_body_bytes": len(b100.encode()) - 1}))
    f.add(parse_only("tests/data/batch_100.json, parse only, full fields", b100, ok([exp(e) for e in e100])))
    big = ev("deal.creation", 9223372036854775807, 9223372036854775807, sub=9223372036854775807,
             portal=9223372036854775807, app=9223372036854775807, at=9223372036854775807,
             attempt=0)
    f.add(parse_only("every ID and time at i64 max 9223372036854775807", compact([big]), ok([exp(big)])))
    f.add(v3_case("objectId i64 max, signed v3", compact([ev("deal.creation", 1, 9223372036854775807)]),
                  ok([{"subscriptionType": "deal.creation", "objectId": "9223372036854775807"}], "v3", 0)))
    near = ev("deal.creation", 9007199254740993, 9007199254740993, sub=4578255)
    f.add(parse_only("2^53 + 1 (9007199254740993) stays exact", compact([near]),
                     ok([{"subscriptionType": "deal.creation", "eventId": "9007199254740993",
                          "objectId": "9007199254740993"}])))
    small = ev("deal.creation", 0, -1, sub=0, at=0)
    f.add(parse_only("zero and negative values fit in i64 (eventId 0, objectId -1, occurredAt 0)", compact([small]),
                     ok([exp(small)])))
    minv = ev("deal.creation", 1, -9223372036854775808, sub=1)
    f.add(parse_only("objectId i64 min -9223372036854775808 fits", compact([minv]),
                     ok([{"subscriptionType": "deal.creation", "eventId": 1}])))
    for label, field, raw in [
        ("objectId i64 max + 1 (9223372036854775808)", "objectId", "9223372036854775808"),
        ("objectId 2^64 (18446744073709551616)", "objectId", "18446744073709551616"),
        ("objectId i64 min - 1", "objectId", "-9223372036854775809"),
        ("eventId i64 max + 1", "eventId", "9223372036854775808"),
        ("occurredAt 30 digits", "occurredAt", "123456789012345678901234567890"),
        ("objectId 1.5", "objectId", "1.5"),
        ("objectId 1e3", "objectId", "1e3"),
        ("objectId 1E3", "objectId", "1E3"),
        ("objectId 1.0 (a fraction form, even if whole)", "objectId", "1.0"),
        ("eventId 1.5", "eventId", "1.5"),
        ("portalId 2.42711451e8", "portalId", "2.42711451e8"),
        ("occurredAt 1.769081993375e12", "occurredAt", "1.769081993375e12"),
        ("appId 1e3", "appId", "1e3"),
        ("attemptNumber 0.0", "attemptNumber", "0.0"),
        ("subscriptionId 1.5 (optional IDs are checked too)", "subscriptionId", "1.5"),
        ("fromObjectId 1e3", "fromObjectId", "1e3"),
        ("mergedObjectIds element 1.5", "mergedObjectIds", "[847297299,1.5]"),
        ("mergedObjectIds element i64 max + 1", "mergedObjectIds", "[9223372036854775808]"),
    ]:
        e = ev("deal.creation", 1030198139, 267448862446, sub=4578255)
        e[field] = Raw(raw)
        f.add(parse_only(f"invalid_event: {label}", compact([e]), err("invalid_event")))
    f.add(v3_case("objectId 9223372036854775808 after a valid v3 signature",
                  compact([ev("deal.creation", 1, 9223372036854775808)]), err("invalid_event")))
    long_value = "x" * 65536
    long_ev = ev("deal.propertyChange", 1030198300, 267448862446, sub=4578256, propertyName="description",
                 propertyValue=long_value)
    f.add(parse_only("a 64 KiB propertyValue is fine", compact([long_ev]),
                     ok([exp(long_ev, fields=["propertyName", "propertyValue"])])))

    return files


# ---------------------------------------------------------------------------------------------
# Reference implementation of the decisions, used to check every written case
# ---------------------------------------------------------------------------------------------

REQUIRED_INT = ["eventId", "portalId", "appId", "occurredAt"]
OPTIONAL_INT = ["subscriptionId", "objectId", "fromObjectId", "toObjectId", "primaryObjectId", "newObjectId",
                "associationTypeId", "numberOfPropertiesMoved"]
B64 = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
WS = " \t\r\n"


class Failure(Exception):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


class FloatText(str):
    pass


def is_i64(value):
    return isinstance(value, int) and not isinstance(value, bool) and I64_MIN <= value <= I64_MAX


def check_event(e):
    if not isinstance(e, dict):
        raise Failure("invalid_batch")
    if "subscriptionType" in e:
        stype = e["subscriptionType"]
    else:
        stype = e.get("eventType")
    if not isinstance(stype, str):
        raise Failure("invalid_event")
    for name in REQUIRED_INT:
        if not is_i64(e.get(name)):
            raise Failure("invalid_event")
    a = e.get("attemptNumber")
    if not is_i64(a) or a < 0:
        raise Failure("invalid_event")
    for name in OPTIONAL_INT:
        if e.get(name) is not None and not is_i64(e[name]):
            raise Failure("invalid_event")
    merged = e.get("mergedObjectIds")
    if merged is not None and (not isinstance(merged, list) or not all(is_i64(x) for x in merged)):
        raise Failure("invalid_event")
    return e


def reference_run(case):
    """Runs one case by the project's decisions; returns ("ok", version, index, events, rejected) or ("error", code).

    Besides docs/decisions.md and docs/vectors.md this encodes: the signed timestamp text is the trimmed header text (no
    case depends on it); an empty or whitespace-only signature header is present but malformed; in partial mode a
    non-object element is still a batch error.
    """
    req = case["request"]
    raw = base64.b64decode(req["body_base64"]) if "body_base64" in req else req["body"].encode("utf-8")
    opts = case.get("options", {})
    method = req.get("method", "POST")
    url = req["url"]
    try:
        if len(raw) > opts.get("max_body_bytes", 10485760):
            raise Failure("body_too_large")
        version = index = None
        secrets = case.get("secrets") or []
        if secrets:
            h = {k.lower(): v for k, v in req.get("headers", {}).items()}
            v3 = h.get("x-hubspot-signature-v3")
            sig = h.get("x-hubspot-signature")
            if v3 is None and sig is None:
                raise Failure("missing_signature")
            if opts.get("require_v3") and v3 is None:
                raise Failure("v3_required")
            if v3 is not None:
                version = "v3"
                s = v3.strip(WS)
                if not (len(s) == 44 and s[43] == "=" and all(ord(c) in B64 for c in s[:43])):
                    raise Failure("malformed_signature")
                ts = h.get("x-hubspot-request-timestamp")
                if ts is None:
                    raise Failure("missing_timestamp")
                t = ts.strip(WS)
                if not t or not all(c in "0123456789" for c in t) or int(t) > I64_MAX:
                    raise Failure("invalid_timestamp")
                now = case["now_ms"]
                if now - int(t) > opts.get("tolerance_ms", 300000):
                    raise Failure("timestamp_too_old")
                if int(t) - now > opts.get("max_future_ms", 300000):
                    raise Failure("timestamp_in_future")
                computed = [sign_v3(sec, method, url, raw, t) for sec in secrets]
            else:
                ver = h.get("x-hubspot-signature-version")
                ver = "v1" if ver is None else ver.strip(WS)
                if ver not in ("v1", "v2"):
                    raise Failure("unsupported_signature_version")
                version = ver
                s = sig.strip(WS)
                if not (len(s) == 64 and all(c in "0123456789abcdefABCDEF" for c in s)):
                    raise Failure("malformed_signature")
                if ver == "v1":
                    computed = [sign_v1(sec, raw) for sec in secrets]
                else:
                    computed = [sign_v2(sec, method, url, raw) for sec in secrets]
            matches = [i for i, c in enumerate(computed) if hmac.compare_digest(c, s)]
            if not matches:
                raise Failure("signature_mismatch")
            index = matches[0]
        try:
            text = raw.decode("utf-8")

            def bad_constant(_):
                raise ValueError("constant")

            data = json.loads(text, parse_float=FloatText, parse_constant=bad_constant)
        except ValueError:
            raise Failure("invalid_json")
        if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
            raise Failure("invalid_batch")
        events, rejected = [], []
        for i, e in enumerate(data):
            try:
                events.append(check_event(e))
            except Failure as failure:
                if not opts.get("partial"):
                    raise
                rejected.append({"index": i, "error": failure.code})
        return ("ok", version, index, events, rejected)
    except Failure as failure:
        return ("error", failure.code)


def field_matches(expected, actual_event, name):
    if name in ("objectType", "action"):
        stype = actual_event.get("subscriptionType", actual_event.get("eventType"))
        object_type, action = derive(stype, actual_event)
        actual = object_type if name == "objectType" else action
        return expected == actual
    if name == "subscriptionType":
        actual = actual_event["subscriptionType"] if "subscriptionType" in actual_event else actual_event.get("eventType")
    else:
        actual = actual_event.get(name)
    return values_match(expected, actual)


def values_match(expected, actual):
    if expected is None:
        return actual is None
    if isinstance(expected, str) and isinstance(actual, int) and not isinstance(actual, bool):
        return expected == str(actual)
    if isinstance(expected, list):
        return isinstance(actual, list) and len(expected) == len(actual) and all(
            values_match(x, y) for x, y in zip(expected, actual))
    if isinstance(expected, FloatText) or isinstance(actual, FloatText):
        return str(expected) == str(actual) or float(expected) == float(actual)
    return type(expected) is type(actual) and expected == actual


# ---------------------------------------------------------------------------------------------
# docs/vectors.md shape check
# ---------------------------------------------------------------------------------------------

def check_format(filename, doc):
    problems = []

    def need(cond, msg):
        if not cond:
            problems.append(msg)

    need(set(doc) == {"description", "cases"}, "top-level keys")
    need(isinstance(doc.get("description"), str) and doc["description"], "description")
    names = set()
    for c in doc["cases"]:
        n = c.get("name")
        where = f"{filename}: {n!r}"
        need(isinstance(n, str) and n and n not in names, f"{where}: name missing or duplicate")
        names.add(n)
        need(set(c) <= {"name", "request", "secrets", "now_ms", "options", "expect"}, f"{where}: unknown keys")
        r = c.get("request", {})
        need(set(r) <= {"method", "url", "headers", "body", "body_base64"}, f"{where}: request keys")
        need(isinstance(r.get("url"), str), f"{where}: url")
        need(("body" in r) != ("body_base64" in r), f"{where}: exactly one of body / body_base64")
        if "body_base64" in r:
            raw = base64.b64decode(r["body_base64"], validate=True)
            try:
                raw.decode("utf-8")
                problems.append(f"{where}: body_base64 used for a UTF-8 body")
            except UnicodeDecodeError:
                pass
        if "method" in r:
            need(isinstance(r["method"], str) and r["method"], f"{where}: method")
        if "headers" in r:
            need(isinstance(r["headers"], dict) and all(isinstance(k, str) and isinstance(v, str)
                                                        for k, v in r["headers"].items()), f"{where}: headers")
            # Values must survive a fetch-style Headers object: Latin-1, no NUL/CR/LF. (Headers also strips
            # surrounding spaces/tabs; no case depends on whether a runner does that.)
            need(all(all(0 < ord(ch) <= 0xFF and ch not in "\r\n" for ch in v) for v in r["headers"].values()),
                 f"{where}: header value not representable in HTTP")
            lowered = [k.lower() for k in r["headers"]]
            need(len(lowered) == len(set(lowered)), f"{where}: same header twice in different case")
        secrets = c.get("secrets")
        if secrets is not None:
            need(isinstance(secrets, list) and all(isinstance(s, str) and s for s in secrets), f"{where}: secrets")
        has_secrets = bool(secrets)
        if has_secrets:
            need(isinstance(c.get("now_ms"), int) and not isinstance(c["now_ms"], bool), f"{where}: now_ms")
        else:
            need("now_ms" not in c, f"{where}: now_ms without secrets")
        o = c.get("options", {})
        need(set(o) <= {"tolerance_ms", "max_future_ms", "require_v3", "max_body_bytes", "partial"},
             f"{where}: option keys")
        for k in ("tolerance_ms", "max_future_ms", "max_body_bytes"):
            if k in o:
                need(isinstance(o[k], int) and not isinstance(o[k], bool) and o[k] >= 0, f"{where}: {k}")
        for k in ("require_v3", "partial"):
            if k in o:
                need(isinstance(o[k], bool), f"{where}: {k}")
        e = c.get("expect", {})
        need(len(e) == 1 and next(iter(e)) in ("ok", "error"), f"{where}: expect has exactly one of ok / error")
        if "error" in e:
            need(e["error"] in ERROR_CODES, f"{where}: error code")
        if "ok" in e:
            okv = e["ok"]
            need(set(okv) <= {"version", "secret_index", "events", "rejected"}, f"{where}: ok keys")
            need(isinstance(okv.get("events"), list) and all(isinstance(x, dict) for x in okv["events"]),
                 f"{where}: events")
            if has_secrets:
                need(okv.get("version") in ("v1", "v2", "v3") and isinstance(okv.get("secret_index"), int),
                     f"{where}: version / secret_index required with secrets")
            else:
                need("version" not in okv and "secret_index" not in okv, f"{where}: version without secrets")
            if "rejected" in okv:
                need(o.get("partial") is True, f"{where}: rejected only with partial")
                need(all(set(x) == {"index", "error"} and isinstance(x["index"], int) and x["error"] in ERROR_CODES
                         for x in okv["rejected"]), f"{where}: rejected entries")
            for ev_ in okv.get("events", []):
                for k, v in ev_.items():
                    if isinstance(v, int) and not isinstance(v, bool):
                        need(abs(v) <= JS_SAFE, f"{where}: integer {v} above 2^53 not written as a string")
    return problems


def check_case(filename, case):
    """The reference implementation must agree with the expectation."""
    where = f"{filename}: {case['name']!r}"
    got = reference_run(case)
    e = case["expect"]
    if "error" in e:
        if got != ("error", e["error"]):
            return [f"{where}: expected error {e['error']['error']}, reference gives {got[:2]}"]
        return []
    if got[0] != "ok":
        return [f"{where}: expected ok, reference gives {got}"]
    _, version, index, events, rejected = got
    okv = e["ok"]
    problems = []
    if case.get("secrets"):
        if okv["version"] != version or okv["secret_index"] != index:
            problems.append(f"{where}: version/secret_index {okv['version']}/{okv['secret_index']} vs {version}/{index}")
    if len(okv["events"]) != len(events):
        problems.append(f"{where}: {len(okv['events'])} events expected, reference has {len(events)}")
    else:
        for i, (x, a) in enumerate(zip(okv["events"], events)):
            for name, value in x.items():
                if not field_matches(value, a, name):
                    problems.append(f"{where}: event {i} field {name}: expected {value!r}")
    if okv.get("rejected", []) != rejected:
        problems.append(f"{where}: rejected {okv.get('rejected', [])} vs {rejected}")
    return problems


# ---------------------------------------------------------------------------------------------

def main():
    assert_published()
    data = write_data_files()
    files = build(data)
    os.makedirs(VECTORS_DIR, exist_ok=True)
    for vf in files:
        text = json.dumps(vf.doc(), ensure_ascii=False, indent=2) + "\n"
        with open(os.path.join(VECTORS_DIR, vf.filename), "w", encoding="utf-8", newline="\n") as out:
            out.write(text)

    # Read everything back and check it.
    problems = []
    total = 0
    codes_seen = set()
    types_seen = set()
    counts = []
    for vf in files:
        with open(os.path.join(VECTORS_DIR, vf.filename), encoding="utf-8") as src:
            doc = json.load(src)
        problems += check_format(vf.filename, doc)
        for case in doc["cases"]:
            problems += check_case(vf.filename, case)
            e = case["expect"]
            if "error" in e:
                codes_seen.add(e["error"])
            else:
                codes_seen.update(r["error"] for r in e["ok"].get("rejected", []))
                types_seen.update(x.get("subscriptionType") for x in e["ok"]["events"])
        counts.append((vf.filename, len(doc["cases"])))
        total += len(doc["cases"])
    missing_codes = set(ERROR_CODES) - codes_seen
    if missing_codes:
        problems.append(f"error codes without a case: {sorted(missing_codes)}")
    missing_types = set(SUBSCRIPTION_TYPES) - types_seen
    if missing_types:
        problems.append(f"subscription types without an expected event: {sorted(missing_types)}")
    for name, text in data.items():
        with open(os.path.join(DATA_DIR, name), "rb") as src:
            assert src.read() == text.encode("utf-8")
        n = len(json.loads(text))
        print(f"tests/data/{name}: {len(text.encode())} bytes, {n} events")
    for name, n in counts:
        print(f"tests/vectors/{name}: {n} cases")
    print(f"total: {total} cases in {len(files)} files; {len(codes_seen & set(ERROR_CODES))} error codes, "
          f"{len(types_seen & set(SUBSCRIPTION_TYPES))}/48 subscription types covered")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
