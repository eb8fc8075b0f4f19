"""How the framework helpers read a request and what they answer, shared by all of them.

**The URL.** v3 and v2 signatures cover the URL exactly as HubSpot sent it, so the helpers read
the request-target as it came on the wire (the raw request URI), never a framework's decoded
form: Werkzeug's ``request.url`` percent-decodes the query, and ``?name=Jos%C3%A9`` or ``%7E``
would then fail. Behind a proxy, pass the public URL HubSpot calls as ``url``.

**The body** is read as a stream and reading stops past the verifier's ``max_body_bytes`` (a
declared ``Content-Length`` over it is refused before any byte is read), so a large or endless
body costs no more memory than the limit. A body cut short (the client stopped sending or went
away) is verified as received: its signature cannot match, so it is refused like any forgery.

**The answers** (HubSpot retries any 4xx/5xx answer and any answer slower than 5 s, up to 10
times over 24 hours): 401 when the signature or timestamp check fails, 413 for a body over the
limit, 400 for a body that is not a valid batch, 500 for a configuration mistake (so that HubSpot
keeps the events until it is fixed), 405 (``Allow: POST``) for another method than POST, and
with a router, 204 once every handler finished or 500 ``handler_failed`` when one failed (so that
HubSpot retries the delivery). The body is ``{"code": ..., "message": ...}``; the message also
goes to the ``hubspot_webhooks`` logger.
"""

import json
import logging
from typing import Any, Callable, List, Mapping, NamedTuple, Optional, Tuple, Type, TypeVar, Union
from urllib.parse import quote

from . import _native
from ._errors import HubSpotWebhookError

__all__ = [
    "Answer", "Body", "accepted", "asgi_url", "check_setup", "error_answer", "handler_failed", "log_late_failure",
    "method_not_allowed", "read_body", "wire_url", "public_url",
]

logger = logging.getLogger("hubspot_webhooks")

CHUNK_BYTES = 64 * 1024

R = TypeVar("R")
Url = Union[str, bytes]


class Answer(NamedTuple):
    """An HTTP answer: status, headers and body."""

    status: int
    headers: List[Tuple[str, str]]
    body: bytes


def error_answer(error: HubSpotWebhookError) -> Answer:
    """The answer to a request refused with ``error``: core's ``Response::for_error`` (the error's
    HTTP status and ``{"code", "message"}``); logs the message with any diagnosis."""
    level = logging.ERROR if error.family == "usage" else logging.WARNING
    logger.log(level, "rejected a HubSpot webhook request: %s: %s", error.code, error.detailed_message)
    body = getattr(error, "_answer_body", None)
    if body is None:  # an error made outside core (by hand, or by a test double)
        body = json.dumps({"code": error.code, "message": error.message}, ensure_ascii=False, separators=(",", ":"))
    return Answer(error.http_status, [("Content-Type", "application/json")], body.encode())


def _core_answer(kind: str) -> Answer:
    status, headers, body = _native.answer(kind)
    return Answer(status, list(headers), (body or "").encode())


def accepted() -> Answer:
    """The answer to a verified delivery whose handlers all finished (core's ``Response::accepted``: 204)."""
    return _core_answer("accepted")


def log_late_failure() -> None:
    """Logs the handler failure of a delivery already answered (answer-first mode): HubSpot
    will not retry it."""
    logger.exception("a HubSpot webhook handler failed after the delivery was answered; HubSpot will not retry it")


def method_not_allowed() -> Answer:
    """The answer to a request whose method is not POST (core's ``Response::method_not_allowed``)."""
    return _core_answer("method_not_allowed")


def handler_failed() -> Answer:
    """The answer when the application's handler raised (core's ``Response::handler_failed``:
    500, so that HubSpot retries the delivery); logs the exception."""
    logger.exception("a HubSpot webhook handler failed; answering 500 so that HubSpot retries")
    return _core_answer("handler_failed")


def _has(obj: object, *methods: str) -> bool:
    return all(callable(getattr(obj, name, None)) for name in methods)


def check_setup(helper: str, verifier: object, router: object = None, read_timeout: object = None) -> None:
    """Refuses a helper set up with the wrong objects when it is set up, rather than with a
    puzzling error on every request: ``TypeError`` for a verifier that is not a ``Verifier`` (a
    secret passed instead, ``@hubspot_webhook`` without its argument), a router that is not a
    ``Router`` (test doubles with their methods pass), a ``read_timeout`` that is not a number;
    ``UsageError`` for one not over 0."""
    if not _has(verifier, "verify_and_parse", "check_body_length"):
        raise TypeError(f"{helper} takes a hubspot_webhooks.Verifier, made once as Verifier(secret=...), "
                        f"not {type(verifier).__name__}")
    if router is not None and not _has(router, "receive", "receive_async"):
        raise TypeError(f"{helper} takes a hubspot_webhooks.Router as its router, not {type(router).__name__}")
    if read_timeout is None:
        return
    if isinstance(read_timeout, bool) or not isinstance(read_timeout, (int, float)):
        raise TypeError(f"read_timeout must be a number of seconds or None, not {type(read_timeout).__name__}")
    if not read_timeout > 0:
        message = f"read_timeout must be over 0 seconds (or None: no limit), not {read_timeout}"
        raise _native.error("invalid_argument", message)


def declared_length(value: Optional[str]) -> Optional[int]:
    """A ``Content-Length`` value as a number; ``None`` when absent or not ASCII digits. A
    number of more than 20 digits is over any limit (``int()`` refuses 4300 digits and more)."""
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit()):
        return None
    digits = value.lstrip("0") or "0"
    return int(digits) if len(digits) <= 20 else 1 << 64


class Body:
    """Collects a body's chunks as they arrive, refusing it with core's ``body_too_large``
    (``check(length)``: the verifier's ``check_body_length``) as soon as it goes past the limit,
    or before the first byte when its declared length is over it."""

    def __init__(self, declared: Optional[int], check: Callable[[int], None]) -> None:
        if declared is not None:
            check(declared)
        self.declared = declared
        self.check = check
        self.size = 0
        self.parts: List[bytes] = []

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        self.check(self.size)
        self.parts.append(chunk)

    def complete(self) -> bool:
        """Whether the declared length has arrived (never, for a body of undeclared length)."""
        return self.declared is not None and self.size >= self.declared

    def cut_short(self, reason: object) -> bytes:
        """The body received so far, when the client went away or stopped sending."""
        logger.warning(
            "a HubSpot webhook request's body stopped after %d of %s bytes (%s); verifying what arrived",
            self.size,
            self.declared if self.declared is not None else "?",
            reason,
        )
        return self.bytes()

    def bytes(self) -> bytes:
        return b"".join(self.parts)


def read_body(
    read: Callable[[int], bytes],
    declared: Optional[int],
    check: Callable[[int], None],
    failures: Tuple[Type[BaseException], ...] = (OSError,),
) -> bytes:
    """Reads a body with ``read(n)`` until it ends (see :class:`Body`). ``failures`` are what
    the server raises when the client goes away or times out: the body ends where it stopped."""
    body = Body(declared, check)
    while not body.complete():
        try:
            chunk = read(CHUNK_BYTES)
        except failures as err:
            return body.cut_short(err)
        if not chunk:
            return body.cut_short("the client stopped sending") if body.declared is not None else body.bytes()
        body.add(chunk)
    return body.bytes()


def wire_url(
    origin: str, raw_target: Optional[Union[str, bytes]], path: Union[str, bytes], query: Union[str, bytes]
) -> bytes:
    """The URL of a request as sent: ``origin`` plus the request-target exactly as it came.

    ``raw_target`` is the request-target where the server gives it (WSGI ``RAW_URI`` /
    ``REQUEST_URI``, as a latin-1 "WSGI string"; ASGI ``raw_path``). Without it, the target is
    rebuilt from the server-decoded ``path`` (a latin-1 WSGI string, or bytes; re-encoding only
    what must be) and the undecoded ``query``: exact unless the path itself held escapes."""
    if isinstance(raw_target, str):
        raw_target = raw_target.encode("latin-1")
    if raw_target and raw_target.startswith(b"/"):
        target = raw_target
    else:
        path = path.encode("latin-1") if isinstance(path, str) else path
        target = quote(path, safe="/:@!$&'()*+,;=-._~").encode("ascii")
        if query:
            target += b"?" + (query.encode("latin-1") if isinstance(query, str) else query)
    return origin.encode("utf-8") + target


def asgi_url(origin: str, scope: Mapping[str, Any]) -> bytes:
    """The URL of an ASGI request as sent (Starlette, Django under ASGI): ``raw_path`` and
    ``query_string`` (undecoded); without ``raw_path``, the path (decoded from UTF-8) re-encoded."""
    raw, query = scope.get("raw_path"), scope.get("query_string", b"")
    if raw is not None and query and b"?" not in raw:
        raw += b"?" + query
    path = (scope.get("root_path", "") + scope.get("path", "")).encode("utf-8")
    return wire_url(origin, raw, path, query)


def public_url(url: Union[str, Callable[[R], str], None], request: R, default: Callable[[], Url]) -> Url:
    """The URL HubSpot called: ``url`` itself, ``url(request)``, or the request's URL as sent."""
    if url is None:
        return default()
    if callable(url):
        return url(request)
    return url
