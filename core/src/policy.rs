//! The receiving policy, decided once for every binding: the family and HTTP status of each
//! error, what a framework helper answers, how router patterns match events, and options by
//! name. Bindings render these; none of them decides a status, a body or a match itself.

use std::fmt;

use crate::error::{excerpt, Error, ErrorCode, Result};
use crate::schema::Event;
use crate::Options;

/// What kind of failure an error is; bindings pick an exception class by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorFamily {
    /// The request is not authentic or not fresh (a missing, malformed or wrong signature, a
    /// missing, invalid or out-of-window timestamp). Codes 101-199.
    Signature,
    /// The body is not a valid delivery (too large, not JSON, not a batch, a bad event).
    /// Codes 201-299.
    Payload,
    /// The caller's (the receiver's own) mistake: no secret, a bad option. Codes 301-399.
    Usage,
}

impl ErrorFamily {
    /// `"signature"`, `"payload"` or `"usage"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorFamily::Signature => "signature",
            ErrorFamily::Payload => "payload",
            ErrorFamily::Usage => "usage",
        }
    }
}

impl fmt::Display for ErrorFamily {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ErrorCode {
    /// The HTTP status a receiver answers with for this error:
    /// - 401 for every signature-family error: the request is not (provably) from HubSpot;
    /// - 413 for `body_too_large`: RFC 9110's "Content Too Large" says exactly this, and a
    ///   proxy or client reading the answer knows not to resend the same body;
    /// - 400 for the other payload errors (the body is not a valid delivery);
    /// - 500 for `invalid_argument`: the receiver itself is misconfigured (no secret), so the
    ///   failure is the server's, and HubSpot should retry once it is fixed.
    pub const fn http_status(self) -> u16 {
        match self {
            ErrorCode::BodyTooLarge => 413,
            _ => match self.family() {
                ErrorFamily::Signature => 401,
                ErrorFamily::Payload => 400,
                ErrorFamily::Usage => 500,
            },
        }
    }
}

impl Error {
    /// The HTTP status for this error ([`ErrorCode::http_status`]).
    pub fn http_status(&self) -> u16 {
        self.code().http_status()
    }
}

/// An HTTP answer, as every framework helper sends it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// Headers to send (besides what the server adds itself).
    pub headers: Vec<(&'static str, String)>,
    /// The body; `None` for no body.
    pub body: Option<String>,
}

impl Response {
    /// The names of the fixed answers ([`Response::fixed`]).
    pub const FIXED: [&'static str; 3] = ["accepted", "method_not_allowed", "handler_failed"];

    /// A fixed answer by name: `"accepted"` ([`Response::accepted`]), `"method_not_allowed"`,
    /// `"handler_failed"`; `None` for another name.
    pub fn fixed(name: &str) -> Option<Response> {
        match name {
            "accepted" => Some(Response::accepted()),
            "method_not_allowed" => Some(Response::method_not_allowed()),
            "handler_failed" => Some(Response::handler_failed()),
            _ => None,
        }
    }

    fn json(status: u16, code: &str, message: &str) -> Response {
        // Written directly (serialising a string cannot fail): no `serde_json::Value` in the
        // hot build for two members.
        let quoted = |text: &str| serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned());
        let body = format!("{{\"code\":{},\"message\":{}}}", quoted(code), quoted(message));
        Response {
            status,
            headers: vec![("Content-Type", "application/json".to_owned())],
            body: Some(body),
        }
    }

    /// 204 without a body: the delivery was verified and every handler finished.
    pub fn accepted() -> Response {
        Response {
            status: 204,
            headers: Vec::new(),
            body: None,
        }
    }

    /// The answer to a request that failed verification or parsing: the error's HTTP status
    /// and `{"code": "<code>", "message": "<message>"}`. Messages never hold a secret or an
    /// expected signature.
    pub fn for_error(error: &Error) -> Response {
        Response::json(error.http_status(), error.code().as_str(), error.message())
    }

    /// 405 with `Allow: POST`: HubSpot delivers webhooks with `POST` only.
    pub fn method_not_allowed() -> Response {
        let mut response = Response::json(
            405,
            "method_not_allowed",
            "HubSpot delivers webhooks with POST; this endpoint accepts nothing else",
        );
        response.headers.push(("Allow", "POST".to_owned()));
        response
    }

    /// 500: a handler failed after the delivery was verified; HubSpot will retry the delivery.
    pub fn handler_failed() -> Response {
        Response::json(
            500,
            "handler_failed",
            "a handler failed while processing the delivery; HubSpot will retry it",
        )
    }
}

/// Every subscription type HubSpot's subscriptions API accepts (docs/hubspot.md, section 4.2).
pub const SUBSCRIPTION_TYPES: [&str; 48] = [
    "company.associationChange",
    "company.creation",
    "company.deletion",
    "company.merge",
    "company.propertyChange",
    "company.restore",
    "contact.associationChange",
    "contact.creation",
    "contact.deletion",
    "contact.merge",
    "contact.privacyDeletion",
    "contact.propertyChange",
    "contact.restore",
    "conversation.creation",
    "conversation.deletion",
    "conversation.newMessage",
    "conversation.privacyDeletion",
    "conversation.propertyChange",
    "deal.associationChange",
    "deal.creation",
    "deal.deletion",
    "deal.merge",
    "deal.propertyChange",
    "deal.restore",
    "event.completed",
    "line_item.associationChange",
    "line_item.creation",
    "line_item.deletion",
    "line_item.merge",
    "line_item.propertyChange",
    "line_item.restore",
    "object.associationChange",
    "object.creation",
    "object.deletion",
    "object.merge",
    "object.propertyChange",
    "object.restore",
    "product.creation",
    "product.deletion",
    "product.merge",
    "product.propertyChange",
    "product.restore",
    "ticket.associationChange",
    "ticket.creation",
    "ticket.deletion",
    "ticket.merge",
    "ticket.propertyChange",
    "ticket.restore",
];

/// Edit distance (insertions, deletions, substitutions) between two short names.
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = i;
        let mut next = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let left = next.last().copied().unwrap_or(usize::MAX);
            let cost = diagonal + usize::from(ca != *cb);
            next.push(cost.min(above.saturating_add(1)).min(left.saturating_add(1)));
            diagonal = above;
        }
        row = next;
    }
    row.last().copied().unwrap_or(0)
}

/// The known name one or two edits from `word` (one for names of four letters or fewer), if
/// `word` is not itself known.
fn near_miss<'k>(word: &str, known: impl Iterator<Item = &'k str> + Clone) -> Option<&'k str> {
    if word == "*" || known.clone().any(|k| k == word) {
        return None;
    }
    let length = word.chars().count();
    let limit = if length <= 4 { 1 } else { 2 };
    // More edits apart than the limit by length alone: not measured (a long word would cost
    // its length times each known name's).
    known
        .filter(|k| k.chars().count().abs_diff(length) <= limit)
        .map(|k| (edits(word, k), k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Checks that `pattern` is a router pattern (see [`pattern_matches`]); `invalid_argument`
/// naming the problem otherwise. A name one or two edits from a known subscription type,
/// object type, action or Custom Channels type is taken for a typo and the error suggests the
/// known one (`contact.creaton`: did you mean `contact.creation`?); other well-formed names
/// are allowed, since HubSpot adds types.
pub fn check_pattern(pattern: &str) -> Result<()> {
    fn word(s: &str) -> bool {
        s == "*" || (!s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
    }
    let ok = match pattern.split_once('.') {
        None => word(pattern),
        Some((left, right)) => word(left) && word(right),
    };
    if !ok {
        return Err(Error::new(
            ErrorCode::InvalidArgument,
            format!(
                "{} is not an event pattern: use \"*\", a subscription type (\"contact.creation\"), \
                 object type and action with * for either (\"contact.*\", \"*.propertyChange\"), \
                 or a Custom Channels type (\"OUTGOING_CHANNEL_MESSAGE_CREATED\")",
                excerpt(pattern)
            ),
        ));
    }
    let suggestion = match pattern.split_once('.') {
        None => near_miss(pattern, crate::CHANNEL_EVENT_TYPES.into_iter()).map(str::to_owned),
        Some(_) if SUBSCRIPTION_TYPES.contains(&pattern) => None,
        Some((left, right)) => {
            let objects = crate::event::known_object_names().chain(["object"]);
            let object = near_miss(left, objects);
            let action = near_miss(right, crate::event::KNOWN_ACTIONS.into_iter());
            (object.is_some() || action.is_some())
                .then(|| format!("{}.{}", object.unwrap_or(left), action.unwrap_or(right)))
        }
    };
    match suggestion {
        Some(known) => Err(Error::new(
            ErrorCode::InvalidArgument,
            format!(
                "{} is no event HubSpot sends: did you mean {known:?}?",
                excerpt(pattern)
            ),
        )),
        None => Ok(()),
    }
}

/// Whether a router pattern matches a Custom Channels event: `"*"` or its exact `type`.
pub fn channel_pattern_matches(pattern: &str, event: &crate::ChannelEvent) -> bool {
    pattern == "*" || pattern == event.event_type.as_str()
}

/// Whether a router pattern matches an event:
/// - `"*"` matches every event;
/// - a subscription type matches it exactly (`"object.creation"`, `"conversation.newMessage"`);
/// - `"<object>.<action>"` matches the event's derived object type and action, so
///   `"contact.creation"` also matches a generic `object.creation` with `objectTypeId` `0-1`;
///   either side may be `*` (`"contact.*"`, `"*.creation"`), and the object side may also be
///   the subscription type's own prefix (`"object.*"` matches every generic event).
pub fn pattern_matches(pattern: &str, event: &Event) -> bool {
    if pattern == "*" || pattern == event.subscription_type.as_str() {
        return true;
    }
    let Some((object, action)) = pattern.split_once('.') else {
        return false;
    };
    let prefix = event.subscription_type.split_once('.').map_or("", |(p, _)| p);
    let object_ok = object == "*" || object == event.object_type.as_str() || object == prefix;
    let action_ok = action == "*" || action == event.action.as_str();
    object_ok && action_ok
}

/// How an option's value is typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OptionKind {
    /// `true` / `false`.
    Bool,
    /// A whole number, 0 or more (milliseconds, bytes, events).
    Count,
    /// A whole number, negative allowed (a time offset, an account id).
    Int,
    /// Text (a URL, a secret, a name).
    Text,
}

impl OptionKind {
    /// `"bool"`, `"count"`, `"int"` or `"text"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            OptionKind::Bool => "bool",
            OptionKind::Count => "count",
            OptionKind::Int => "int",
            OptionKind::Text => "text",
        }
    }

    /// What a value of this kind is, for messages: `"true or false"`, `"a whole number, 0 or more"`,
    /// `"a whole number"`, `"text"`.
    pub const fn wanted(self) -> &'static str {
        match self {
            OptionKind::Bool => "true or false",
            OptionKind::Count => "a whole number, 0 or more",
            OptionKind::Int => "a whole number",
            OptionKind::Text => "text",
        }
    }
}

/// An option's name, type and meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct OptionSpec {
    /// The snake_case name (Rust, Python, C): `"tolerance_ms"`.
    pub name: &'static str,
    /// The camelCase name (JavaScript): `"toleranceMs"`.
    pub camel: &'static str,
    /// Its type.
    pub kind: OptionKind,
    /// What it does.
    pub doc: &'static str,
}

impl OptionSpec {
    /// The option called `name` (snake_case or camelCase) in `table` ([`OPTIONS`],
    /// [`crate::fixtures::FIXTURE_OPTIONS`]); `None` for an unknown name.
    pub fn find<'t>(table: &'t [OptionSpec], name: &str) -> Option<&'t OptionSpec> {
        table.iter().find(|o| o.name == name || o.camel == name)
    }
}

/// [`OptionSpec::find`], or `invalid_argument` listing the table's names (`what`: "option",
/// "fixture option").
pub(crate) fn option_named<'t>(table: &'t [OptionSpec], name: &str, what: &str) -> Result<&'t OptionSpec> {
    OptionSpec::find(table, name).ok_or_else(|| {
        let known: Vec<&str> = table.iter().map(|o| o.name).collect();
        Error::new(
            ErrorCode::InvalidArgument,
            format!("unknown {what} {}; the options are {}", excerpt(name), known.join(", ")),
        )
    })
}

/// Every option, by name ([`Options::set`]).
pub static OPTIONS: [OptionSpec; 7] = [
    OptionSpec {
        name: "tolerance_ms",
        camel: "toleranceMs",
        kind: OptionKind::Count,
        doc: "A v3 timestamp older than this many milliseconds is rejected (timestamp_too_old). Default 300000.",
    },
    OptionSpec {
        name: "max_future_ms",
        camel: "maxFutureMs",
        kind: OptionKind::Count,
        doc: "A v3 timestamp further ahead than this many milliseconds is rejected (timestamp_in_future). Default 300000.",
    },
    OptionSpec {
        name: "require_v3",
        camel: "requireV3",
        kind: OptionKind::Bool,
        doc: "Reject requests that carry no v3 signature (v3_required). Default false.",
    },
    OptionSpec {
        name: "max_body_bytes",
        camel: "maxBodyBytes",
        kind: OptionKind::Count,
        doc: "Bodies larger than this are rejected before any hashing or parsing (body_too_large). Default 10485760.",
    },
    OptionSpec {
        name: "partial",
        camel: "partial",
        kind: OptionKind::Bool,
        doc: "Keep the good events and return the bad ones as rejected, instead of failing the batch. Default false.",
    },
    OptionSpec {
        name: "max_events",
        camel: "maxEvents",
        kind: OptionKind::Count,
        doc: "Batches with more events than this are rejected (invalid_batch). Default 10000.",
    },
    OptionSpec {
        name: "diagnose",
        camel: "diagnose",
        kind: OptionKind::Bool,
        doc: "After a signature or timestamp failure, say which deformation of the request would have matched (advice \
              only; framework helpers log it and never send it). Default false.",
    },
];

/// A value given to [`Options::set`], as a binding has it.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub enum OptionValue<'a> {
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i128),
    /// A floating-point number (JavaScript's numbers); must be whole.
    Float(f64),
    /// A string (never a valid value today; named in the error).
    Text(&'a str),
    /// A value of a type no option takes, by the name the binding's language gives its type
    /// (`"list"`, `"object"`): never valid, named in the error.
    Other(&'a str),
}

impl OptionValue<'_> {
    pub(crate) fn describe(&self) -> String {
        match self {
            OptionValue::Bool(b) => b.to_string(),
            OptionValue::Int(n) => n.to_string(),
            // Whole numbers as integers; no float formatting in the core (it costs the wasm build
            // kilobytes).
            OptionValue::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => (*f as i64).to_string(),
            OptionValue::Float(f) if f.is_nan() => "NaN".to_owned(),
            OptionValue::Float(f) if f.is_infinite() && *f > 0.0 => "infinity".to_owned(),
            OptionValue::Float(f) if f.is_infinite() => "-infinity".to_owned(),
            OptionValue::Float(f) if f.fract() == 0.0 => "a whole number beyond 9e15".to_owned(),
            OptionValue::Float(_) => "a number with a fraction".to_owned(),
            OptionValue::Text(s) => format!("the string {}", excerpt(s)),
            OptionValue::Other(type_name) => format!("a value of type {}", crate::error::clipped_str(type_name)),
        }
    }

    /// A number (as opposed to a flag or a text).
    #[cfg(feature = "fixtures")]
    pub(crate) fn is_number(&self) -> bool {
        matches!(self, OptionValue::Int(_) | OptionValue::Float(_))
    }

    /// A whole number within `i64`, exactly.
    #[cfg(feature = "fixtures")]
    pub(crate) fn int(&self) -> Option<i64> {
        match *self {
            OptionValue::Int(n) => i64::try_from(n).ok(),
            // -2^63 and 2^63 as f64; every whole f64 in between converts exactly.
            OptionValue::Float(f)
                if f.fract() == 0.0 && (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&f) =>
            {
                Some(f as i64)
            }
            _ => None,
        }
    }

    /// A whole number from 0 to `u64::MAX`, exactly.
    pub(crate) fn count(&self) -> Option<u64> {
        match *self {
            OptionValue::Int(n) => u64::try_from(n).ok(),
            // 2^64 as f64; every whole f64 below it converts exactly.
            OptionValue::Float(f) if f.fract() == 0.0 && (0.0..18_446_744_073_709_551_616.0).contains(&f) => {
                Some(f as u64)
            }
            _ => None,
        }
    }
}

impl Options {
    /// The value of the option called `name` (snake_case or camelCase, see [`OPTIONS`]):
    /// `Bool` for flags, `Int` for counts; `None` for an unknown name.
    pub fn get(&self, name: &str) -> Option<OptionValue<'static>> {
        let spec = OptionSpec::find(&OPTIONS, name)?;
        Some(match spec.name {
            "tolerance_ms" => OptionValue::Int(self.tolerance_ms.into()),
            "max_future_ms" => OptionValue::Int(self.max_future_ms.into()),
            "require_v3" => OptionValue::Bool(self.require_v3),
            "max_body_bytes" => OptionValue::Int(self.max_body_bytes as i128),
            "partial" => OptionValue::Bool(self.partial),
            "max_events" => OptionValue::Int(self.max_events as i128),
            _ => OptionValue::Bool(self.diagnose),
        })
    }

    /// Sets the option called `name` (snake_case or camelCase, see [`OPTIONS`]).
    /// `invalid_argument` naming the option for an unknown name or an ill-typed value (a
    /// string, a negative or fractional number, a boolean for a count or a number for a flag).
    pub fn set(&mut self, name: &str, value: OptionValue<'_>) -> Result<()> {
        let spec = option_named(&OPTIONS, name, "option")?;
        let ill_typed = || {
            Error::new(
                ErrorCode::InvalidArgument,
                format!(
                    "option {} takes {}, not {}",
                    excerpt(name),
                    spec.kind.wanted(),
                    value.describe()
                ),
            )
        };
        match spec.kind {
            OptionKind::Bool => {
                let OptionValue::Bool(flag) = value else {
                    return Err(ill_typed());
                };
                match spec.name {
                    "require_v3" => self.require_v3 = flag,
                    "diagnose" => self.diagnose = flag,
                    _ => self.partial = flag,
                }
            }
            _ => {
                let n = value.count().ok_or_else(ill_typed)?;
                let size = || usize::try_from(n).map_err(|_| ill_typed());
                match spec.name {
                    "tolerance_ms" => self.tolerance_ms = n,
                    "max_future_ms" => self.max_future_ms = n,
                    "max_body_bytes" => self.max_body_bytes = size()?,
                    _ => self.max_events = size()?,
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_of_another_type_are_named() {
        let mut o = Options::default();
        let e = o.set("max_future_ms", OptionValue::Other("list")).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidArgument);
        assert!(
            e.message()
                .contains(r#"option "max_future_ms" takes a whole number, 0 or more, not a value of type list"#),
            "{e}"
        );
        let e = o.set("partial", OptionValue::Other("dict")).unwrap_err();
        assert!(e.message().ends_with("not a value of type dict"), "{e}");
        // An unknown name is named first, whatever the value.
        let e = o.set("tolerance", OptionValue::Other("list")).unwrap_err();
        assert!(e.message().starts_with(r#"unknown option "tolerance""#), "{e}");
        assert_eq!(o, Options::default());
    }

    #[test]
    fn numbers_no_option_takes_are_named() {
        let mut o = Options::default();
        for (value, named) in [
            (f64::INFINITY, "not infinity"),
            (f64::NEG_INFINITY, "not -infinity"),
            (f64::NAN, "not NaN"),
            (1e20, "not a whole number beyond 9e15"),
            (0.5, "not a number with a fraction"),
            (-3.0, "not -3"),
        ] {
            let e = o.set("tolerance_ms", OptionValue::Float(value)).unwrap_err();
            assert!(e.message().ends_with(named), "{value}: {}", e.message());
        }
    }

    #[test]
    fn fixed_answers_by_name() {
        for name in Response::FIXED {
            let r = Response::fixed(name).unwrap();
            assert!(
                r.status == 204 || r.body.as_deref().is_some_and(|b| b.contains(name)),
                "{name}"
            );
        }
        assert_eq!(Response::fixed("accepted"), Some(Response::accepted()));
        assert_eq!(Response::fixed("nope"), None);
    }

    fn event(body: &str) -> Event {
        crate::parse_batch(body.as_bytes(), &Options::default())
            .unwrap()
            .events
            .remove(0)
    }

    #[test]
    fn statuses_and_families() {
        assert_eq!(ErrorCode::SignatureMismatch.http_status(), 401);
        assert_eq!(ErrorCode::TimestampTooOld.http_status(), 401);
        assert_eq!(ErrorCode::BodyTooLarge.http_status(), 413);
        assert_eq!(ErrorCode::InvalidJson.http_status(), 400);
        assert_eq!(ErrorCode::InvalidArgument.http_status(), 500);
        for code in ErrorCode::ALL {
            let family = code.family();
            assert_eq!(family as u32 + 1, code.number() / 100, "{code}");
        }
    }

    #[test]
    fn responses() {
        let error = Error::new(ErrorCode::SignatureMismatch, "the v3 signature does not match \"x\"");
        let r = Response::for_error(&error);
        assert_eq!(r.status, 401);
        let body: serde_json::Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
        assert_eq!(body["code"], "signature_mismatch");
        assert_eq!(body["message"], "the v3 signature does not match \"x\"");
        assert_eq!(Response::method_not_allowed().status, 405);
        assert!(Response::method_not_allowed()
            .headers
            .contains(&("Allow", "POST".to_owned())));
        assert_eq!(Response::accepted().body, None);
        assert_eq!(Response::handler_failed().status, 500);
    }

    #[test]
    #[cfg(feature = "diagnose")]
    fn a_diagnosis_is_logged_never_answered() {
        let url = "https://hooks.example.com/webhook";
        let body = "[]";
        let headers = crate::signed_headers(b"secret", b"POST", url.as_bytes(), body.as_bytes(), 1_700_000_000_000);
        let mut request = crate::Request::new("POST", "http://hooks.example.com/webhook", body);
        for (name, value) in &headers {
            request = request.header(*name, value.as_str());
        }
        let options = Options {
            diagnose: true,
            ..Options::default()
        };
        let error = crate::verify(&request, &["secret"], 1_700_000_000_000, &options).unwrap_err();
        assert_eq!(error.code(), ErrorCode::SignatureMismatch);
        assert_eq!(error.diagnosis().unwrap().codes(), ["url_scheme"]);
        assert!(error.detailed_message().contains("https://hooks.example.com/webhook"));
        assert!(error.to_string().contains("Diagnosis:"));
        let answer = Response::for_error(&error);
        assert!(!answer.body.unwrap().contains("Diagnosis"));
        // Off by default: no digests spent on advice.
        let plain = crate::verify(&request, &["secret"], 1_700_000_000_000, &Options::default()).unwrap_err();
        assert!(plain.diagnosis().is_none());
    }

    #[test]
    fn patterns() {
        let base = r#""eventId":1,"portalId":2,"appId":3,"occurredAt":4,"attemptNumber":0"#;
        let classic = event(&format!(r#"[{{{base},"subscriptionType":"contact.creation"}}]"#));
        let generic = event(&format!(
            r#"[{{{base},"subscriptionType":"object.creation","objectTypeId":"0-1"}}]"#
        ));
        let deal = event(&format!(r#"[{{{base},"subscriptionType":"deal.propertyChange"}}]"#));
        for (pattern, c, g, d) in [
            ("*", true, true, true),
            ("contact.creation", true, true, false),
            ("contact.*", true, true, false),
            ("*.creation", true, true, false),
            ("object.creation", false, true, false),
            ("object.*", false, true, false),
            ("*.propertyChange", false, false, true),
            ("deal.creation", false, false, false),
            ("contact", false, false, false),
        ] {
            check_pattern(pattern).unwrap();
            assert_eq!(
                (
                    pattern_matches(pattern, &classic),
                    pattern_matches(pattern, &generic),
                    pattern_matches(pattern, &deal)
                ),
                (c, g, d),
                "{pattern}"
            );
        }
        for bad in [
            "",
            ".",
            "contact.",
            ".creation",
            "a.b.c",
            "contact creation",
            "contact.*x",
        ] {
            assert_eq!(
                check_pattern(bad).unwrap_err().code(),
                ErrorCode::InvalidArgument,
                "{bad:?}"
            );
        }
    }

    #[test]
    fn options_by_name() {
        let mut o = Options::default();
        o.set("tolerance_ms", OptionValue::Int(1000)).unwrap();
        o.set("maxFutureMs", OptionValue::Float(2000.0)).unwrap();
        o.set("requireV3", OptionValue::Bool(true)).unwrap();
        o.set("partial", OptionValue::Bool(true)).unwrap();
        o.set("max_body_bytes", OptionValue::Int(10)).unwrap();
        o.set("maxEvents", OptionValue::Int(5)).unwrap();
        assert_eq!(
            o,
            Options {
                tolerance_ms: 1000,
                max_future_ms: 2000,
                require_v3: true,
                max_body_bytes: 10,
                partial: true,
                max_events: 5,
                diagnose: false,
            }
        );
        for spec in &OPTIONS {
            let value = o.get(spec.name).unwrap();
            assert_eq!(o.get(spec.camel), Some(value));
            let mut copy = o.clone();
            copy.set(spec.name, value).unwrap();
            assert_eq!(copy, o, "{} reads back what it set", spec.name);
        }
        assert_eq!(o.get("tolerance_ms"), Some(OptionValue::Int(1000)));
        assert_eq!(o.get("nope"), None);
        for (name, value) in [
            ("tolerance", OptionValue::Int(1)),
            ("tolerance_ms", OptionValue::Int(-1)),
            ("tolerance_ms", OptionValue::Float(1.5)),
            ("tolerance_ms", OptionValue::Float(f64::NAN)),
            ("tolerance_ms", OptionValue::Float(1e20)),
            ("tolerance_ms", OptionValue::Bool(true)),
            ("tolerance_ms", OptionValue::Text("5")),
            ("partial", OptionValue::Int(1)),
            ("max_events", OptionValue::Int(i128::MAX)),
        ] {
            let err = o.set(name, value).unwrap_err();
            assert_eq!(err.code(), ErrorCode::InvalidArgument, "{name} {value:?}");
            assert!(err.message().contains(name), "{}", err.message());
        }
    }
}
