//! The JSON texts the module answers with besides the batch protocol's numbers (errors, rejected
//! events, HTTP answers, Custom Channels deliveries), through serde_json: none is on the hot path
//! (rejected events only when partial parsing rejects some), and the main module links
//! serde_json anyway for the Custom Channels event (the core's `Serialize`).

use hubspot_webhooks::{Error, ErrorCode, RejectedEvent, Response};
use serde::Serialize;

/// A value as its JSON text, or the `{"error"}` answer of why it could not be written (never, for
/// the core's plain strings, numbers and events). For the tools module's answers, which the
/// package reads as either.
#[cfg(feature = "tools")]
pub fn json_text(value: &impl Serialize) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| usage_answer(&e.to_string()))
}

/// `{"code","family","status","message"[,"index"][,"field"]}`: the core's error with its family
/// and HTTP status; with the tools module, a diagnosed error (`options.diagnose`) also carries
/// `"detailedMessage"` and `"diagnosis":{"findings":[{"code","message","confirmed"}],"digests"}`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorOut<'a> {
    code: &'static str,
    family: &'static str,
    status: usize,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    #[cfg(feature = "tools")]
    #[serde(skip_serializing_if = "Option::is_none")]
    detailed_message: Option<String>,
    #[cfg(feature = "tools")]
    #[serde(skip_serializing_if = "Option::is_none")]
    diagnosis: Option<Findings<'a>>,
}

impl<'a> From<&'a Error> for ErrorOut<'a> {
    fn from(e: &'a Error) -> Self {
        ErrorOut {
            code: e.code().as_str(),
            family: e.code().family().as_str(),
            status: usize::from(e.code().http_status()),
            message: e.message(),
            index: e.index(),
            field: e.field(),
            #[cfg(feature = "tools")]
            detailed_message: e.diagnosis().map(|_| e.detailed_message()),
            #[cfg(feature = "tools")]
            diagnosis: e.diagnosis().map(Findings::from),
        }
    }
}

/// `{"findings":[{"code","message","confirmed"}, ...],"digests"}`: a diagnosis' findings.
#[cfg(feature = "tools")]
#[derive(Serialize)]
pub struct Findings<'a> {
    findings: &'a [hubspot_webhooks::Finding],
    digests: usize,
}

#[cfg(feature = "tools")]
impl<'a> From<&'a hubspot_webhooks::Diagnosis> for Findings<'a> {
    fn from(d: &'a hubspot_webhooks::Diagnosis) -> Self {
        Findings {
            findings: &d.findings,
            digests: d.digests,
        }
    }
}

/// `{"status","headers":[[name, value], ...],"body"}`: a core [`Response`], as is.
#[derive(Serialize)]
pub struct Answer {
    status: usize,
    headers: Vec<(&'static str, String)>,
    body: Option<String>,
}

impl From<Response> for Answer {
    fn from(r: Response) -> Self {
        Answer {
            status: usize::from(r.status),
            headers: r.headers,
            body: r.body,
        }
    }
}

/// `{"index","error","rawJson"}`: an event partial parsing rejected.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rejected<'a> {
    index: usize,
    error: ErrorOut<'a>,
    raw_json: &'a str,
}

/// `[{"index","error","rawJson"}, ...]`: the events partial parsing rejected.
pub fn rejected<'a>(rejected: impl IntoIterator<Item = &'a RejectedEvent>) -> Vec<Rejected<'a>> {
    let out = |r: &'a RejectedEvent| Rejected {
        index: r.index,
        error: ErrorOut::from(&r.error),
        raw_json: &r.raw,
    };
    rejected.into_iter().map(out).collect()
}

/// `{"error": {...}, "response": {...}}` for a core error: the error, and what an HTTP helper
/// answers for it (`Response::for_error`).
pub fn error_answer(e: &Error) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        error: ErrorOut<'a>,
        response: Answer,
    }
    let out = Out {
        error: ErrorOut::from(e),
        response: Answer::from(Response::for_error(e)),
    };
    // Strings and integers only: serde_json cannot fail on them (and `json_text` answers a
    // failure with this function).
    serde_json::to_string(&out).unwrap_or_default()
}

/// The answer of a caller's mistake (`invalid_argument`) found by the package, as the core's
/// error (`Error::new`) with its `Response::for_error`, like any other.
pub fn usage_answer(message: &str) -> String {
    error_answer(&Error::new(ErrorCode::InvalidArgument, message))
}
