"""The exceptions. The codes and their families come from the Rust core; this module only
picks the class for a family."""

from typing import Optional

__all__ = ["HubSpotWebhookError", "SignatureError", "PayloadError", "UsageError"]


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
    )
