//! The one error type of the library, with stable codes shared by every binding.

use std::fmt;

use crate::policy::ErrorFamily;

/// A stable, machine-readable error code.
///
/// The string form ([`ErrorCode::as_str`]) is the same in every language binding and never
/// changes meaning. The numeric form ([`ErrorCode::number`]) is what the C ABI returns; numbers
/// are never reused. New codes only ever get new numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// Neither `X-HubSpot-Signature-v3` nor `X-HubSpot-Signature` is present.
    MissingSignature,
    /// No v3 header, and `X-HubSpot-Signature-Version` is neither `v1` nor `v2`.
    UnsupportedSignatureVersion,
    /// `require_v3` is set and the request carries no v3 signature.
    V3Required,
    /// A v3 signature without `X-HubSpot-Request-Timestamp`.
    MissingTimestamp,
    /// The timestamp is not a base-10 integer of milliseconds.
    InvalidTimestamp,
    /// `now - timestamp > tolerance`.
    TimestampTooOld,
    /// `timestamp - now > max_future`.
    TimestampInFuture,
    /// The header value cannot be a signature of its version.
    MalformedSignature,
    /// Well-formed, but no secret produces it.
    SignatureMismatch,
    /// The body is larger than `max_body_bytes`.
    BodyTooLarge,
    /// The body is not valid UTF-8 JSON (or nests deeper than the parser allows).
    InvalidJson,
    /// Valid JSON, but not an array of objects (or more events than `max_events`).
    InvalidBatch,
    /// An event lacks a required field or has a field of the wrong type.
    InvalidEvent,
    /// The caller passed something unusable: no secrets, an empty secret, a bad option.
    InvalidArgument,
}

impl ErrorCode {
    /// Every code, in numeric order.
    pub const ALL: [ErrorCode; 14] = [
        ErrorCode::MissingSignature,
        ErrorCode::UnsupportedSignatureVersion,
        ErrorCode::V3Required,
        ErrorCode::MissingTimestamp,
        ErrorCode::InvalidTimestamp,
        ErrorCode::TimestampTooOld,
        ErrorCode::TimestampInFuture,
        ErrorCode::MalformedSignature,
        ErrorCode::SignatureMismatch,
        ErrorCode::BodyTooLarge,
        ErrorCode::InvalidJson,
        ErrorCode::InvalidBatch,
        ErrorCode::InvalidEvent,
        ErrorCode::InvalidArgument,
    ];

    /// The stable snake_case code, as listed in the conformance format.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::MissingSignature => "missing_signature",
            ErrorCode::UnsupportedSignatureVersion => "unsupported_signature_version",
            ErrorCode::V3Required => "v3_required",
            ErrorCode::MissingTimestamp => "missing_timestamp",
            ErrorCode::InvalidTimestamp => "invalid_timestamp",
            ErrorCode::TimestampTooOld => "timestamp_too_old",
            ErrorCode::TimestampInFuture => "timestamp_in_future",
            ErrorCode::MalformedSignature => "malformed_signature",
            ErrorCode::SignatureMismatch => "signature_mismatch",
            ErrorCode::BodyTooLarge => "body_too_large",
            ErrorCode::InvalidJson => "invalid_json",
            ErrorCode::InvalidBatch => "invalid_batch",
            ErrorCode::InvalidEvent => "invalid_event",
            ErrorCode::InvalidArgument => "invalid_argument",
        }
    }

    /// The stable number of the code (the C status value). Signature problems are 100–199,
    /// body and event problems 200–299, caller mistakes 300–399.
    pub const fn number(self) -> u32 {
        match self {
            ErrorCode::MissingSignature => 101,
            ErrorCode::UnsupportedSignatureVersion => 102,
            ErrorCode::V3Required => 103,
            ErrorCode::MissingTimestamp => 104,
            ErrorCode::InvalidTimestamp => 105,
            ErrorCode::TimestampTooOld => 106,
            ErrorCode::TimestampInFuture => 107,
            ErrorCode::MalformedSignature => 108,
            ErrorCode::SignatureMismatch => 109,
            ErrorCode::BodyTooLarge => 201,
            ErrorCode::InvalidJson => 202,
            ErrorCode::InvalidBatch => 203,
            ErrorCode::InvalidEvent => 204,
            ErrorCode::InvalidArgument => 301,
        }
    }

    /// The code whose [`as_str`](Self::as_str) is `code`.
    pub fn from_code_str(code: &str) -> Option<ErrorCode> {
        Self::ALL.into_iter().find(|c| c.as_str() == code)
    }

    /// The family of the code: [`ErrorFamily::Signature`] (the request is not authentic or
    /// not fresh), [`ErrorFamily::Payload`] (the body is not a valid delivery) or
    /// [`ErrorFamily::Usage`] (the caller's mistake). Bindings use it to pick an exception
    /// class; [`ErrorCode::http_status`] follows from it.
    pub const fn family(self) -> ErrorFamily {
        match self.number() / 100 {
            1 => ErrorFamily::Signature,
            2 => ErrorFamily::Payload,
            _ => ErrorFamily::Usage,
        }
    }

    /// A short, generic description of the code (the message of an error carries more).
    pub const fn description(self) -> &'static str {
        match self {
            ErrorCode::MissingSignature => "the request carries no HubSpot signature header",
            ErrorCode::UnsupportedSignatureVersion => "unsupported X-HubSpot-Signature-Version",
            ErrorCode::V3Required => "a v3 signature is required but the request has none",
            ErrorCode::MissingTimestamp => "a v3 signature without X-HubSpot-Request-Timestamp",
            ErrorCode::InvalidTimestamp => "the request timestamp is not an integer of milliseconds",
            ErrorCode::TimestampTooOld => "the request timestamp is older than the tolerance",
            ErrorCode::TimestampInFuture => "the request timestamp is too far in the future",
            ErrorCode::MalformedSignature => "the signature header cannot be a signature of its version",
            ErrorCode::SignatureMismatch => "the signature does not match any secret",
            ErrorCode::BodyTooLarge => "the request body is larger than allowed",
            ErrorCode::InvalidJson => "the request body is not valid UTF-8 JSON",
            ErrorCode::InvalidBatch => "the request body is not a JSON array of event objects",
            ErrorCode::InvalidEvent => "an event lacks a required field or has a field of the wrong type",
            ErrorCode::InvalidArgument => "invalid argument",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The most characters of a caller's or a request's text that an error message quotes
/// ([`excerpt`]).
pub const EXCERPT_CHARS: usize = 64;

/// The most characters of an error's message (and of its field name), whatever it quotes.
const MAX_MESSAGE_CHARS: usize = 1024;

/// `text` as an error message quotes it: in double quotes with Rust's escapes, cut after
/// [`EXCERPT_CHARS`] characters (`"aaaa..."... (1000000 bytes)`), so that a message stays short
/// whatever a caller or a request sends: a 1 MB value is not repeated in answers and logs.
pub fn excerpt(text: &str) -> String {
    match head(text, EXCERPT_CHARS) {
        None => format!("{text:?}"),
        Some(head) => format!("{head:?}... ({} bytes)", text.len()),
    }
}

/// The first `max` characters of `text`, when it has more.
fn head(text: &str, max: usize) -> Option<&str> {
    let (cut, _) = text.char_indices().nth(max)?;
    text.get(..cut)
}

/// A message with each quoted part (`"..."`, with `\` escapes, as serde_json quotes a value
/// it refuses) cut after [`EXCERPT_CHARS`] characters.
pub(crate) fn excerpt_quotes(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(4 * EXCERPT_CHARS));
    let (mut quoted, mut escaped, mut kept) = (false, false, 0usize);
    for c in message.chars() {
        if !quoted {
            quoted = c == '"';
            kept = 0;
            out.push(c);
            continue;
        }
        let closing = c == '"' && !escaped;
        escaped = !escaped && c == '\\';
        if closing {
            quoted = false;
            if kept > EXCERPT_CHARS {
                out.push_str("...");
            }
            out.push(c);
        } else {
            kept += 1;
            if kept <= EXCERPT_CHARS {
                out.push(c);
            }
        }
    }
    out
}

/// `text` cut after [`EXCERPT_CHARS`] characters, with `...`, unquoted (a type name).
pub(crate) fn clipped_str(text: &str) -> String {
    clipped(text.to_owned(), EXCERPT_CHARS)
}

/// `text` cut after `max` characters, with `...`.
fn clipped(text: String, max: usize) -> String {
    match head(&text, max) {
        Some(head) => format!("{head}..."),
        None => text,
    }
}

/// The error of every fallible operation: a stable [`ErrorCode`], a message that says what
/// went wrong and what to do, and for event errors the index of the event and the field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    code: ErrorCode,
    message: String,
    index: Option<usize>,
    field: Option<String>,
    diagnosis: Option<Box<crate::Diagnosis>>,
}

impl Error {
    /// An error with a code and a message, for the few errors a binding finds itself (a
    /// handler's configuration without a secret, an argument of the wrong type), so that they
    /// are answered and rendered like the core's own ([`crate::Response::for_error`]).
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: clipped(message.into(), MAX_MESSAGE_CHARS),
            index: None,
            field: None,
            diagnosis: None,
        }
    }

    pub(crate) fn event(index: usize, field: Option<&str>, message: impl Into<String>) -> Self {
        Error {
            code: ErrorCode::InvalidEvent,
            message: clipped(message.into(), MAX_MESSAGE_CHARS),
            index: Some(index),
            field: field.map(|f| clipped(f.to_owned(), EXCERPT_CHARS)),
            diagnosis: None,
        }
    }

    /// `invalid_event` for a field of a delivery that is not in a batch (no index).
    pub(crate) fn invalid_field(field: &str, message: impl Into<String>) -> Self {
        Error {
            code: ErrorCode::InvalidEvent,
            message: clipped(message.into(), MAX_MESSAGE_CHARS),
            index: None,
            field: Some(clipped(field.to_owned(), EXCERPT_CHARS)),
            diagnosis: None,
        }
    }

    pub(crate) fn with_index(mut self, index: usize) -> Self {
        self.index = Some(index);
        self
    }

    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// What went wrong and what to do about it.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// For event errors: the index of the event in the batch, from 0.
    pub fn index(&self) -> Option<usize> {
        self.index
    }

    /// For event errors: the field (HubSpot's JSON name) that was missing or wrong, if one was.
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }

    /// With the `diagnose` option, after a signature or timestamp failure: what the diagnosis
    /// found. Advice for the receiver's logs; framework helpers never send it to the caller.
    pub fn diagnosis(&self) -> Option<&crate::Diagnosis> {
        self.diagnosis.as_deref()
    }

    /// The message with the diagnosis's findings after it, for logs (the plain
    /// [`Error::message`] is what callers are answered with).
    pub fn detailed_message(&self) -> String {
        match self.diagnosis.as_deref().map(crate::Diagnosis::summary) {
            Some(summary) if !summary.is_empty() => {
                format!(
                    "{} Diagnosis: {summary} (More: {})",
                    self.message,
                    crate::DIAGNOSIS_HELP
                )
            }
            _ => self.message.clone(),
        }
    }

    #[cfg(feature = "diagnose")]
    pub(crate) fn with_diagnosis(mut self, diagnosis: crate::Diagnosis) -> Self {
        self.diagnosis = Some(Box::new(diagnosis));
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.detailed_message())
    }
}

impl std::error::Error for Error {}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_numbers_are_unique_and_round_trip() {
        let mut numbers: Vec<u32> = ErrorCode::ALL.iter().map(|c| c.number()).collect();
        numbers.sort_unstable();
        numbers.dedup();
        assert_eq!(numbers.len(), ErrorCode::ALL.len());
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::from_code_str(code.as_str()), Some(code));
            assert!(!code.description().is_empty());
        }
        assert_eq!(ErrorCode::from_code_str("nope"), None);
    }

    #[test]
    fn families() {
        assert_eq!(ErrorCode::SignatureMismatch.family(), ErrorFamily::Signature);
        assert_eq!(ErrorCode::InvalidEvent.family(), ErrorFamily::Payload);
        assert_eq!(ErrorCode::BodyTooLarge.family(), ErrorFamily::Payload);
        assert_eq!(ErrorCode::InvalidArgument.family().as_str(), "usage");
    }

    #[test]
    fn display_has_code_and_message() {
        let e = Error::event(3, Some("eventId"), "event 3: eventId is missing");
        assert_eq!(e.to_string(), "invalid_event: event 3: eventId is missing");
        assert_eq!(e.index(), Some(3));
        assert_eq!(e.field(), Some("eventId"));
    }
}
