"""The exceptions. The codes and their families come from the Rust core; this module only
picks the class for a family."""

from typing import Optional

__all__ = ["HubSpotWebhookError", "SignatureError", "PayloadError", "UsageError"]


class HubSpotWebhookError(ValueError):
    """Any failure to verify or parse a HubSpot webhook request.

    ``code`` is the stable snake_case code (``"signature_mismatch"``, ``"timestamp_too_old"``,
    ``"invalid_event"``, ...), the same in every language; ``message`` says what went wrong and
    what to do. For event errors, ``index`` is the event's position in the batch and ``field``
    the HubSpot field at fault.
    """

    code: str
    family: str
    message: str
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
    ) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.family = family
        self.message = message
        self.index = index
        self.field = field


class SignatureError(HubSpotWebhookError):
    """The request is not authentic or not fresh: a missing, malformed or wrong signature, or a
    missing, invalid or out-of-window timestamp. Answer 401."""


class PayloadError(HubSpotWebhookError):
    """The body is not a valid batch: too large, not JSON, not an array of events, or an event
    lacks a required field. Answer 400."""


class UsageError(HubSpotWebhookError):
    """The caller's mistake: no secret, an empty secret, an impossible option."""


_FAMILIES = {"signature": SignatureError, "payload": PayloadError, "usage": UsageError}


def _from_native(
    code: str, family: str, message: str, index: Optional[int], field: Optional[str]
) -> HubSpotWebhookError:
    cls = _FAMILIES.get(family, HubSpotWebhookError)
    return cls(code, message, family=family, index=index, field=field)
