"""Seeds the fuzz corpora from tests/vectors: each case's body for parse_batch and
parse_delivery, its URL for decode_uri. (verify_request and diagnose start from libFuzzer's own
inputs: their input is structured.)"""
import base64
import hashlib
import json
import pathlib

root = pathlib.Path(__file__).resolve().parent
vectors = root.parent / "tests" / "vectors"
corpus = root / "corpus"
for target in ("parse_batch", "parse_delivery", "verify_request", "diagnose", "decode_uri"):
    (corpus / target).mkdir(parents=True, exist_ok=True)


def put(target: str, data: bytes) -> None:
    name = hashlib.sha1(data).hexdigest()
    (corpus / target / name).write_bytes(data)


count = 0
for path in sorted(vectors.glob("*.json")):
    for case in json.loads(path.read_text()).get("cases", []):
        request = case.get("request", {})
        if "body_base64" in request:
            body = base64.b64decode(request["body_base64"])
        else:
            body = request.get("body", "").encode()
        put("parse_batch", body)
        put("parse_delivery", body)
        put("decode_uri", request.get("url", "").encode())
        count += 1
print(f"fuzz seed: {count} cases from {vectors}")
