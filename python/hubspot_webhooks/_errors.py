"""The exceptions. The codes and their families come from the Rust core; this module only
picks the class for a family."""

import sys
from typing import Any, List, NamedTuple, Optional, Sequence

__all__ = ["Diagnosis", "Finding", "HandlerError", "HubSpotWebhookError", "SignatureError", "PayloadError", "UsageError"]


class Finding(NamedTuple):
    """One thing a diagnosis found: a stable ``code`` (``"url_scheme"``, ``"body_reserialised"``,
    ``"clock_skew"``, ``"no_match"``, ...), a ``message`` saying what to do, and whether a digest
    ``confirmed`` it (the deformed request matches the signature)."""

    code: str
    message: str
    confirmed: bool


class Diagnosis(NamedTuple):
    """What the core's diagnosis of a request found: ``error`` is the code verification gives
    (``None`` when the request verifies: the diagnosis never changes the verdict), ``findings``
    the most specific first, ``digests`` how many digests it computed (bounded)."""

    error: Optional[str]
    findings: List[Finding]
    digests: int

    def codes(self) -> List[str]:
        """The codes of the findings, in order."""
        return [finding.code for finding in self.findings]


def _diagnosis(error: Optional[str], findings: List[Any], digests: int) -> Diagnosis:
    return Diagnosis(error, [Finding(*finding) for finding in findings], digests)


class HubSpotWebhookError(ValueError):
    """Any failure to verify or parse a HubSpot webhook request.

    ``code`` is the stable snake_case code (``"signature_mismatch"``, ``"timestamp_too_old"``,
    ``"invalid_event"``, ...), the same in every language; ``message`` says what went wrong and
    what to do. For event errors, ``index`` is the event's position in the batch and ``field``
    the HubSpot field at fault. ``http_status`` is what a receiver answers (core's policy: 401
    signature, 413 body too large, 400 other payload errors, 500 usage). ``detailed_message``
    is the message for logs: with the ``diagnose`` option, what the diagnosis of a failed
    signature found (never sent to the caller).
    """

    code: str
    family: str
    http_status: int
    message: str
    detailed_message: str
    index: Optional[int]
    field: Optional[str]
    diagnosis: Optional[Diagnosis]

    def __init__(
        self,
        code: str,
        message: str,
        *,
        family: str = "usage",
        index: Optional[int] = None,
        field: Optional[str] = None,
        http_status: int = 500,
        detailed_message: Optional[str] = None,
        answer_body: Optional[str] = None,
        diagnosis: Optional[Diagnosis] = None,
    ) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.family = family
        self.http_status = http_status
        self.detailed_message = message if detailed_message is None else detailed_message
        self._answer_body = answer_body  # core's Response::for_error body, for a core error
        self.message = message
        self.index = index
        self.field = field
        self.diagnosis = diagnosis

    def __reduce__(self) -> Any:
        """Pickled (multiprocessing, task queues) and copied with every attribute: the default
        would call the class with ``str(self)`` alone, which its ``__init__`` refuses."""
        return _rebuilt, (type(self), self.code, self.message), self.__dict__


def _rebuilt(cls: Any, code: str, message: str) -> HubSpotWebhookError:
    error: HubSpotWebhookError = cls(code, message)
    return error


class SignatureError(HubSpotWebhookError):
    """The request is not authentic or not fresh: a missing, malformed or wrong signature, or a
    missing, invalid or out-of-window timestamp (HTTP 401)."""


class PayloadError(HubSpotWebhookError):
    """The body is not a valid batch: too large (HTTP 413), not JSON, not an array of events, or
    an event lacks a required field (HTTP 400)."""


class UsageError(HubSpotWebhookError):
    """The caller's mistake: no secret, an empty secret, an impossible option."""


_FAMILIES = {"signature": SignatureError, "payload": PayloadError, "usage": UsageError}


def _from_native(
    code: str,
    family: str,
    message: str,
    index: Optional[int],
    field: Optional[str],
    http_status: int,
    detailed_message: str,
    answer_body: Optional[str],
    diagnosis: Optional[Diagnosis],
) -> HubSpotWebhookError:
    cls = _FAMILIES.get(family, HubSpotWebhookError)
    return cls(
        code,
        message,
        family=family,
        index=index,
        field=field,
        http_status=http_status,
        detailed_message=detailed_message,
        answer_body=answer_body,
        diagnosis=diagnosis,
    )


def _note(error: BaseException, note: str) -> None:
    """PEP 678's note on an exception (``add_note`` from Python 3.11, ``__notes__`` before)."""
    add_note = getattr(error, "add_note", None)
    if add_note is not None:
        add_note(note)
    else:
        notes = getattr(error, "__notes__", None)
        if not isinstance(notes, list):
            notes = []
            error.__notes__ = notes  # type: ignore[attr-defined]
        notes.append(note)


if sys.version_info >= (3, 11):

    class HandlerError(ExceptionGroup[Exception]):  # noqa: F821 - a builtin from Python 3.11
        """Handlers of a delivery failed: every handler ran, and each exception they raised is in
        ``exceptions`` (each with a note naming the event and the handler). An
        ``ExceptionGroup``, so ``except*`` works on it. The framework helpers answer it with 500
        ``handler_failed``, so that HubSpot retries the whole delivery."""

else:

    class HandlerError(Exception):
        """Handlers of a delivery failed: every handler ran, and each exception they raised is in
        ``exceptions`` (each with a note, in ``__notes__``, naming the event and the handler).
        Python 3.11 and later make this an ``ExceptionGroup``; here it is an ``Exception`` with
        the same ``message`` and ``exceptions``. The framework helpers answer it with 500
        ``handler_failed``, so that HubSpot retries the whole delivery."""

        def __init__(self, message: str, exceptions: Sequence[Exception]) -> None:
            if not exceptions:
                raise ValueError("HandlerError needs at least one exception")
            super().__init__(message, tuple(exceptions))
            self.message = message
            self.exceptions = tuple(exceptions)

        def __str__(self) -> str:
            count = len(self.exceptions)
            return f"{self.message} ({count} sub-exception{'' if count == 1 else 's'})"
