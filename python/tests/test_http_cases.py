"""The shared HTTP case table (tests/http/cases.json) against the Flask, FastAPI, Starlette and
Django helpers over real HTTP on 127.0.0.1, and what a hostile client costs each of them: a
200 MB body and a body that stalls or stops mid-way, with the server's memory measured.

Signatures are computed here with the standard library (HubSpot's algorithm, independent of
the package), with the current clock."""

import base64
import hashlib
import hmac
import json
import re
import socket
import threading
import time
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

import pytest

import hubspot_webhooks as hw
import http_apps
from conftest import SUMMARY

TABLE = http_apps.TABLE
SECRET = TABLE["secret"].encode()
GOOD_BODY = TABLE["cases"][0]["body"].encode()
DECODE = {"3A": ":", "2F": "/", "3F": "?", "40": "@", "21": "!", "24": "$", "27": "'", "28": "(", "29": ")", "2A": "*", "2C": ",", "3B": ";"}


def v3_uri(url: str) -> str:
    """HubSpot's decode table, applied once, hex digits in either case."""
    return re.sub(r"%([0-9A-Fa-f]{2})", lambda m: DECODE.get(m.group(1).upper(), m.group(0)), url)


def signature_headers(sign: str, method: str, url: str, body: bytes, offset_ms: int = 0) -> Dict[str, str]:
    if sign == "v3":
        timestamp = str(int(time.time() * 1000) + offset_ms)
        message = method.encode() + v3_uri(url).encode() + body + timestamp.encode()
        mac = base64.b64encode(hmac.new(SECRET, message, hashlib.sha256).digest()).decode()
        return {"X-HubSpot-Signature-v3": mac, "X-HubSpot-Request-Timestamp": timestamp}
    if sign == "v2":
        digest = hashlib.sha256(SECRET + method.encode() + url.encode() + body).hexdigest()
        return {"X-HubSpot-Signature": digest, "X-HubSpot-Signature-Version": "v2"}
    if sign == "v1":
        return {"X-HubSpot-Signature": hashlib.sha256(SECRET + body).hexdigest(), "X-HubSpot-Signature-Version": "v1"}
    assert sign == "none", sign
    return {}


class Reply:
    def __init__(self, status: int, headers: Dict[str, str], body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    def code(self) -> Optional[str]:
        """The error code of a JSON body {"code", "message"} (FastAPI: under "detail")."""
        try:
            data = json.loads(self.body)
        except ValueError:
            return None
        if isinstance(data, dict) and isinstance(data.get("detail"), dict):
            data = data["detail"]
        return data.get("code") if isinstance(data, dict) else None


def read_reply(sock: socket.socket) -> Reply:
    """Reads one answer: its body by Content-Length, chunked, or up to the close."""
    data = b""

    def more() -> bool:
        nonlocal data
        chunk = sock.recv(65536)
        data += chunk
        return bool(chunk)

    while b"\r\n\r\n" not in data:
        if not more():
            raise ConnectionError(f"the server closed the connection without an answer: {data!r}")
    head, _, data = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    status = int(lines[0].split()[1])
    if "content-length" in headers:
        while len(data) < int(headers["content-length"]) and more():
            pass
        return Reply(status, headers, data[: int(headers["content-length"])])
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while not data.endswith(b"0\r\n\r\n") and more():
            pass
        body = b""
        while True:
            size, _, data = data.partition(b"\r\n")
            n = int(size, 16)
            if n == 0:
                return Reply(status, headers, body)
            body, data = body + data[:n], data[n + 2 :]
    while more():
        pass
    return Reply(status, headers, data)


def exchange(port: int, method: str, target: str, headers: Dict[str, str], body: Iterable[bytes],
             length: Optional[int], pause: bool = False) -> Reply:
    """Sends a request on a raw socket (the target byte for byte), the body from a thread so
    that a server answering early is read at once; ``length=None`` sends it chunked, ``pause``
    leaves the body unfinished until the server answers."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=60)  # a hang guard, not a measure
    framing = {"Content-Length": str(length)} if length is not None else {"Transfer-Encoding": "chunked"}
    head = f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in {**headers, **framing}.items()) + "\r\n"

    def send() -> None:
        try:
            sock.sendall(head.encode("latin-1"))
            for chunk in body:
                sock.sendall(chunk if length is not None else b"%x\r\n%s\r\n" % (len(chunk), chunk))
            if length is None and not pause:
                sock.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server answered and closed before the whole body went out

    sender = threading.Thread(target=send)
    sender.start()
    try:
        return read_reply(sock)
    finally:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        sender.join()
        sock.close()


@pytest.fixture(scope="module", params=sorted(http_apps.SERVERS))
def server(request: pytest.FixtureRequest) -> Iterator[Tuple[str, int]]:
    serve = http_apps.SERVERS[request.param]()
    port = next(serve)
    yield request.param, port
    next(serve, None)


#: The helpers with an answer-first mode (Flask and Django document a queue instead).
ANSWER_FIRST = {"fastapi", "starlette"}
WAIT_GUARD = 60  # seconds: a hang guard, not a measure


def run_case(port: int, case: Dict[str, Any]) -> Reply:
    origin = f"http://127.0.0.1:{port}"
    fill = lambda template: template.replace("{origin}", origin).replace("{target}", case["target"])  # noqa: E731
    body = case["body"].encode() + b" " * case.get("body_padding", 0)
    signed_url = fill(case.get("signed_url", "{origin}{target}"))
    headers = {"Content-Type": "application/json", **case["headers"]}
    headers.update(signature_headers(case["sign"], case["method"], signed_url, body, case.get("timestamp_offset_ms", 0)))
    http_apps.CONFIG.public_url = fill(case["public_url"]) if "public_url" in case else None
    try:
        return exchange(port, case["method"], case["target"], headers, [body], len(body))
    finally:
        http_apps.CONFIG.public_url = None


def handled_after(case: Dict[str, Any]) -> Tuple[List[str], List[str]]:
    """What the routers' handlers recorded when the answer arrived, and in the end: for an
    answer-first case, the handler is released once the answer is in, and waited for."""
    at_answer = list(http_apps.HANDLED)
    if case.get("answer_first"):
        http_apps.RELEASE.set()
        deadline = time.monotonic() + WAIT_GUARD
        while len(http_apps.HANDLED) < len(case["expect"].get("handled", [])) and time.monotonic() < deadline:
            time.sleep(0.01)
    return at_answer, list(http_apps.HANDLED)


def check_case(name: str, port: int, case: Dict[str, Any]) -> Optional[str]:
    """``None`` when the helper answers the case as the table says, else what went wrong."""
    http_apps.HANDLED.clear()
    http_apps.RELEASE.clear()
    reply = run_case(port, case)
    at_answer, handled = handled_after(case)
    want = case["expect"]
    got: Dict[str, Any] = {"status": reply.status}
    if "code" in want:
        got["code"] = reply.code()
    if "handled" in want:
        got["handled"] = handled
    if got != want:
        return f"expected {want}, got {got} {reply.body[:300]!r}"
    if reply.status == 405 and "POST" not in reply.headers.get("allow", ""):
        return f"405 without Allow: POST ({reply.headers})"
    if case.get("answer_first") and at_answer:
        return f"answered after the handler finished: {at_answer} was handled when the answer came"
    return None


def test_the_http_case_table(server: Tuple[str, int]) -> None:
    name, port = server
    failures: List[str] = []
    cases = [c for c in TABLE["cases"] if name in ANSWER_FIRST or not c.get("answer_first")]
    for case in cases:
        problem = check_case(name, port, case)
        if problem is not None:
            failures.append(f"FAIL {name}: {case['name']}: {problem}")
    count, skipped = len(cases), len(TABLE["cases"]) - len(cases)
    line = (f"http cases python/{name}: {count} cases, {count - len(failures)} passed, {len(failures)} failed"
            + (f", {skipped} skipped (answer-first: not a mode of this helper)" if skipped else ""))
    SUMMARY.extend(failures + [line])
    assert count > 0, "no cases in tests/http/cases.json"
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("entry", TABLE["startup_errors"], ids=[e["pattern"] for e in TABLE["startup_errors"]])
def test_a_mistyped_router_pattern_fails_at_start_up(entry: Dict[str, str]) -> None:
    """As an app registers its handlers, before it serves anything: the decorator raises."""
    router = hw.Router()
    with pytest.raises(hw.HubSpotWebhookError) as info:

        @router.on(entry["pattern"])
        def handler(event: hw.AnyEvent) -> None:  # pragma: no cover - never registered
            pass

    assert info.value.code == entry["code"]
    if "suggests" in entry:
        assert f"did you mean {json.dumps(entry['suggests'])}" in info.value.message
    assert repr(router) == "Router()", "nothing was registered"


# ------------------------------------------------------------------------------------------------
# Hostile clients: every helper reads the body as a stream and stops past the limit.

MIB = 1024 * 1024
BIG = 200 * MIB
GROWTH_BOUND = 64 * MIB


def status_kib(field: str) -> int:
    """A memory figure of this process (which runs the servers), from /proc/self/status."""
    for line in open("/proc/self/status", encoding="ascii"):
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(f"no {field} in /proc/self/status")


def big_body() -> Iterator[bytes]:
    block = b" " * MIB  # one buffer sent 200 times: the client itself holds 1 MiB
    for _ in range(BIG // MIB):
        yield block


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
def test_a_200_mb_body_is_refused_with_bounded_memory(server: Tuple[str, int], framing: str) -> None:
    name, port = server
    if framing == "chunked" and name == "django":
        pytest.skip("Django reads no body without a Content-Length (a chunked body arrives empty)")
    before = status_kib("VmRSS") * 1024
    with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
        clear.write("5")  # reset the peak (VmHWM) to the current RSS
    headers = {"Content-Type": "application/json", **signature_headers("v3", "POST", f"http://127.0.0.1:{port}/webhook", b"[]")}
    reply = exchange(port, "POST", "/webhook", headers, big_body(), BIG if framing == "content-length" else None)
    growth = status_kib("VmHWM") * 1024 - before
    assert (reply.status, reply.code()) == (413, "body_too_large"), reply.body
    assert growth < GROWTH_BOUND, f"{name}: the server grew by {growth / MIB:.1f} MiB"


def test_a_stalled_body_is_verified_as_received(server: Tuple[str, int]) -> None:
    """The client declares 1000 bytes, sends 10 and stops: the server's socket timeout (WSGI) or
    the helper's read timeout (ASGI) ends the wait, and the partial body cannot match its
    signature."""
    name, port = server
    if name == "django-asgi":
        pytest.skip("Django's ASGI handler reads the whole body before any view runs: the wait is the server's")
    body = b"[" + b" " * 998 + b"]"
    headers = {"Content-Type": "application/json", **signature_headers("v3", "POST", f"http://127.0.0.1:{port}/webhook", body)}
    reply = exchange(port, "POST", "/webhook", headers, [body[:10]], len(body), pause=True)
    assert (reply.status, reply.code()) == (401, "signature_mismatch"), reply.body


def test_a_client_that_goes_away_mid_body_leaves_the_server_serving(server: Tuple[str, int]) -> None:
    name, port = server
    before = threading.active_count()
    for _ in range(20):
        sock = socket.create_connection(("127.0.0.1", port), timeout=60)
        sock.sendall(f"POST /webhook HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 100000\r\n\r\n[".encode())
        sock.close()
    url = f"http://127.0.0.1:{port}/webhook"
    headers = {"Content-Type": "application/json", **signature_headers("v3", "POST", url, GOOD_BODY)}
    assert exchange(port, "POST", "/webhook", headers, [GOOD_BODY], len(GOOD_BODY)).status == 204
    # The abandoned requests' threads end (WSGI servers run a thread per connection).
    deadline = time.monotonic() + 30  # a hang guard, not a measure
    while threading.active_count() > before + 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert threading.active_count() <= before + 1, f"{name}: {threading.active_count() - before} threads left"


def test_a_slow_drip_body_is_cut_at_the_read_timeout(server: Tuple[str, int]) -> None:
    """The ASGI helpers' read_timeout bounds the whole body: a client sending a byte at a time,
    each well within the timeout, holds the request no longer than a silent one (before, the
    timeout was per chunk and such a client held it as long as it liked)."""
    name, port = server
    if name not in ANSWER_FIRST:
        pytest.skip("under WSGI (and Django's ASGI handler) the server reads the body: its timeouts apply")
    body = b"[" + b" " * 98 + b"]"
    sent: List[int] = []

    def drip() -> Iterator[bytes]:
        for at in range(len(body)):
            time.sleep(http_apps.READ_TIMEOUT / 20)  # the client's pace, far within the timeout
            sent.append(at)
            yield body[at : at + 1]

    headers = {"Content-Type": "application/json", **signature_headers("v3", "POST", f"http://127.0.0.1:{port}/webhook", body)}
    reply = exchange(port, "POST", "/webhook", headers, drip(), len(body))
    assert (reply.status, reply.code()) == (401, "signature_mismatch"), reply.body
    assert len(sent) < len(body), "answered only once the whole body had dripped in"


def exchange_head(port: int, head: str) -> Reply:
    """Sends a request head (and whatever body it holds) as given, and reads the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:  # a hang guard
        sock.sendall(head.encode("latin-1"))
        return read_reply(sock)


LENGTHS = {"23 digits": "99999999999999999999999", "5000 digits": "9" * 5000, "superscript two": "\u00b2"}


@pytest.mark.parametrize("length", list(LENGTHS.values()), ids=list(LENGTHS))
def test_a_content_length_beyond_64_bits_or_not_ascii_is_answered_by_policy(server: Tuple[str, int], length: str) -> None:
    """A number beyond 64 bits is over any limit (413); "²" is not a number (no declared
    length). Before, Flask and Django answered 500: OverflowError, int()'s 4300-digit limit, and
    "²".isdigit() with int("²") refusing it."""
    name, port = server
    reply = exchange_head(port, f"POST /webhook HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n"
                                f"Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n[]")
    if reply.status == 400 and reply.code() is None:
        return  # the server refused the request itself (uvicorn's h11), before any application code
    want = (401, "missing_signature") if length == "\u00b2" else (413, "body_too_large")
    assert (reply.status, reply.code()) == want, reply.body


def signed_exchange(port: int, target: str) -> Reply:
    url = f"http://127.0.0.1:{port}{target}"
    headers = {"Content-Type": "application/json", **signature_headers("v3", "POST", url, GOOD_BODY)}
    return exchange(port, "POST", target, headers, [GOOD_BODY], len(GOOD_BODY))


EURO = "/webhook/%E2%82%AC?q=%E2%82%AC"  # a path and query escaped as HubSpot sends them


def test_escapes_of_characters_beyond_latin_1_are_read_as_sent(server: Tuple[str, int]) -> None:
    """Django under ASGI gives no raw request URI: the helper rebuilt the path from the decoded
    one as if it were latin-1 (UnicodeEncodeError, 500, for a euro sign; 401 for any escape)."""
    name, port = server
    reply = signed_exchange(port, EURO)
    assert reply.status == 204, reply.body


def test_an_asgi_server_without_raw_path_gets_the_path_re_encoded_as_utf_8() -> None:
    """raw_path is optional in ASGI: without it, the path (decoded from UTF-8) is re-encoded as
    UTF-8 (it was encoded as latin-1: a UnicodeEncodeError, 500, for a euro sign)."""

    async def without_raw_path(scope: Dict[str, Any], receive: Any, send: Any) -> None:
        await http_apps.starlette_app({k: v for k, v in scope.items() if k != "raw_path"}, receive, send)

    serve = http_apps.asgi_server(without_raw_path)
    port = next(serve)
    try:
        assert signed_exchange(port, EURO).status == 204
    finally:
        next(serve, None)
