//! JavaScript bindings of `hubspot-webhooks`, for Cloudflare Workers and Node (wasm-bindgen).
//!
//! Conversion only: the JavaScript package (`wasm/pkg-src`) turns requests, bodies and options
//! into flat arguments, and every function here answers with one JSON text that the package
//! turns into plain objects with a single `JSON.parse` (one boundary crossing per call, nothing
//! to `.free()`). IDs are written as decimal strings, so nothing goes through a float; times
//! and counts are numbers. Errors come back as `{"error": {...}}` with the core's code, family
//! and message; the package throws them as `Error` subclasses.
#![cfg(target_family = "wasm")]

use hs::{ConversationChange, ErrorCode, Event, Options, RejectedEvent, Request};
use hubspot_webhooks as hs;
use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;
use serde_json::value::RawValue;
use wasm_bindgen::prelude::*;

/// The largest integer a JavaScript number holds exactly.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// An error, as the package receives it.
#[derive(Serialize)]
struct JsError<'a> {
    code: &'static str,
    family: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
}

impl<'a> JsError<'a> {
    fn from_core(e: &'a hs::Error) -> Self {
        JsError {
            code: e.code().as_str(),
            family: e.code().family(),
            message: e.message(),
            index: e.index(),
            field: e.field(),
        }
    }

    fn usage(message: &'a str) -> Self {
        JsError {
            code: ErrorCode::InvalidArgument.as_str(),
            family: ErrorCode::InvalidArgument.family(),
            message,
            index: None,
            field: None,
        }
    }
}

#[derive(Serialize)]
struct ErrorOut<'a, 'b> {
    error: &'b JsError<'a>,
}

fn to_json<T: Serialize>(value: &T) -> String {
    match serde_json::to_string(value) {
        Ok(text) => text,
        // Serialising these borrowed structs cannot fail; answer with a typed error all the same.
        Err(e) => error_json(&JsError::usage(&format!("could not serialise the result: {e}"))),
    }
}

fn error_json(error: &JsError<'_>) -> String {
    serde_json::to_string(&ErrorOut { error }).unwrap_or_else(|_| {
        String::from("{\"error\":{\"code\":\"invalid_argument\",\"family\":\"usage\",\"message\":\"internal error\"}}")
    })
}

fn core_error_json(e: &hs::Error) -> String {
    error_json(&JsError::from_core(e))
}

// ---------------------------------------------------------------------------------------------
// Events

fn ser_id<S: Serializer>(v: &i64, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

/// A time or count: a number while a JavaScript number holds it exactly, else its decimal text
/// (the package turns that into a `bigint`, so nothing is ever rounded).
fn ser_time<S: Serializer>(v: &i64, s: S) -> Result<S::Ok, S::Error> {
    #[allow(clippy::cast_precision_loss)] // only to compare against the safe range
    if (*v as f64).abs() <= MAX_SAFE_INTEGER {
        s.serialize_i64(*v)
    } else {
        s.collect_str(v)
    }
}

#[allow(clippy::ref_option)]
fn ser_opt_time<S: Serializer>(v: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => ser_time(v, s),
        None => s.serialize_none(),
    }
}

#[allow(clippy::ref_option)] // serde's serialize_with passes &Option<T>
fn ser_opt_id<S: Serializer>(v: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.collect_str(v),
        None => s.serialize_none(),
    }
}

#[allow(clippy::ref_option)]
fn ser_opt_ids<S: Serializer>(v: &Option<&Vec<i64>>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(ids) => {
            let mut seq = s.serialize_seq(Some(ids.len()))?;
            for id in ids.iter() {
                seq.serialize_element(&id.to_string())?;
            }
            seq.end()
        }
        None => s.serialize_none(),
    }
}

/// One event as a plain JavaScript object: HubSpot's camelCase names, IDs as strings, absent
/// fields left out.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsEvent<'a> {
    subscription_type: &'a str,
    object_type: &'a str,
    action: &'a str,
    #[serde(serialize_with = "ser_id")]
    event_id: i64,
    #[serde(serialize_with = "ser_opt_id", skip_serializing_if = "Option::is_none")]
    subscription_id: Option<i64>,
    #[serde(serialize_with = "ser_id")]
    portal_id: i64,
    #[serde(serialize_with = "ser_id")]
    app_id: i64,
    #[serde(serialize_with = "ser_time")]
    occurred_at: i64,
    attempt_number: u32,
    #[serde(serialize_with = "ser_opt_id", skip_serializing_if = "Option::is_none")]
    object_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    object_type_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    change_source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    change_flag: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    event_type_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    property_name: Option<&'a str>,
    /// As sent (a string, or `false`, `3`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    property_value: Option<Box<RawValue>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_sensitive: Option<bool>,
    #[serde(serialize_with = "ser_opt_id", skip_serializing_if = "Option::is_none")]
    primary_object_id: Option<i64>,
    #[serde(serialize_with = "ser_opt_ids", skip_serializing_if = "Option::is_none")]
    merged_object_ids: Option<&'a Vec<i64>>,
    #[serde(serialize_with = "ser_opt_id", skip_serializing_if = "Option::is_none")]
    new_object_id: Option<i64>,
    #[serde(serialize_with = "ser_opt_time", skip_serializing_if = "Option::is_none")]
    number_of_properties_moved: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    association_type: Option<&'a str>,
    #[serde(serialize_with = "ser_opt_id", skip_serializing_if = "Option::is_none")]
    from_object_id: Option<i64>,
    #[serde(serialize_with = "ser_opt_id", skip_serializing_if = "Option::is_none")]
    to_object_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    association_removed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_primary_association: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from_object_type_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to_object_type_id: Option<&'a str>,
    #[serde(serialize_with = "ser_opt_id", skip_serializing_if = "Option::is_none")]
    association_type_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    association_category: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    effective_object_type_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    conversation: Option<JsConversation<'a>>,
    dedup_key: String,
    /// Only when the text could not be found in the body (never expected); otherwise the
    /// package reads it lazily from the body through `rawSpans`.
    #[serde(skip_serializing_if = "Option::is_none")]
    raw_json: Option<&'a str>,
}

/// The typed view of a `conversation.*` event; `change` names what changed.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsConversation<'a> {
    #[serde(serialize_with = "ser_opt_id", skip_serializing_if = "Option::is_none")]
    thread_id: Option<i64>,
    change: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    assignee: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    archived: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    property_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    property_value: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_type: Option<&'a str>,
}

impl<'a> JsConversation<'a> {
    fn new(thread_id: Option<i64>, change: &'a str) -> Self {
        JsConversation {
            thread_id,
            change,
            assignee: None,
            status: None,
            archived: None,
            property_name: None,
            property_value: None,
            message_id: None,
            message_type: None,
        }
    }
}

fn conversation_view(event: &Event) -> Option<JsConversation<'_>> {
    let view = event.conversation()?;
    let id = view.thread_id;
    Some(match view.change {
        ConversationChange::Created => JsConversation::new(id, "created"),
        ConversationChange::Deleted => JsConversation::new(id, "deleted"),
        ConversationChange::PrivacyDeleted => JsConversation::new(id, "privacyDeleted"),
        ConversationChange::AssigneeChanged { assignee } => JsConversation {
            assignee,
            ..JsConversation::new(id, "assigneeChanged")
        },
        ConversationChange::StatusChanged { status } => JsConversation {
            status: status.as_ref().map(|s| s.as_str().to_owned()),
            ..JsConversation::new(id, "statusChanged")
        },
        ConversationChange::ArchivedChanged { archived } => JsConversation {
            archived,
            ..JsConversation::new(id, "archivedChanged")
        },
        ConversationChange::PropertyChanged { name, value } => JsConversation {
            property_name: name,
            property_value: value,
            ..JsConversation::new(id, "propertyChanged")
        },
        ConversationChange::NewMessage {
            message_id,
            message_type,
        } => JsConversation {
            message_id,
            message_type: message_type.map(hs::MessageType::as_str),
            ..JsConversation::new(id, "newMessage")
        },
        _ => JsConversation::new(id, "other"),
    })
}

fn js_event(e: &Event) -> JsEvent<'_> {
    JsEvent {
        subscription_type: &e.subscription_type,
        object_type: e.object_type.as_str(),
        action: e.action.as_str(),
        event_id: e.event_id,
        subscription_id: e.subscription_id,
        portal_id: e.portal_id,
        app_id: e.app_id,
        occurred_at: e.occurred_at,
        attempt_number: e.attempt_number,
        object_id: e.object_id,
        object_type_id: e.object_type_id.as_deref(),
        change_source: e.change_source.as_deref(),
        source_id: e.source_id.as_deref(),
        change_flag: e.change_flag.as_deref(),
        event_type_name: e.event_type_name.as_deref(),
        property_name: e.property_name.as_deref(),
        property_value: e
            .property_value
            .as_ref()
            .and_then(|v| RawValue::from_string(v.to_json()).ok()),
        is_sensitive: e.is_sensitive,
        primary_object_id: e.primary_object_id,
        merged_object_ids: e.merged_object_ids.as_ref(),
        new_object_id: e.new_object_id,
        number_of_properties_moved: e.number_of_properties_moved,
        association_type: e.association_type.as_deref(),
        from_object_id: e.from_object_id,
        to_object_id: e.to_object_id,
        association_removed: e.association_removed,
        is_primary_association: e.is_primary_association,
        from_object_type_id: e.from_object_type_id.as_deref(),
        to_object_type_id: e.to_object_type_id.as_deref(),
        association_type_id: e.association_type_id,
        association_category: e.association_category.as_deref(),
        message_id: e.message_id.as_deref(),
        message_type: e.message_type.as_ref().map(hs::MessageType::as_str),
        effective_object_type_id: e.effective_object_type_id(),
        conversation: conversation_view(e),
        dedup_key: e.dedup_key(),
        raw_json: None,
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsRejected<'a> {
    index: usize,
    error: JsError<'a>,
    raw_json: &'a str,
}

fn js_rejected(r: &RejectedEvent) -> JsRejected<'_> {
    JsRejected {
        index: r.index,
        error: JsError::from_core(&r.error),
        raw_json: &r.raw,
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsDelivery<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    secret_index: Option<usize>,
    events: Vec<JsEvent<'a>>,
    rejected: Vec<JsRejected<'a>>,
    /// Byte offsets `[start, end, ...]` of each event's original JSON text in the body, so the
    /// text is not copied and escaped into the answer (it was most of the cost).
    raw_spans: Vec<usize>,
}

/// Where `raw` (a slice of the body, copied by the core) stands in `body`, searching from `from`.
fn find_span(body: &[u8], from: usize, raw: &str) -> Option<(usize, usize)> {
    let rest = body.get(from..)?;
    let needle = raw.as_bytes();
    let first = *needle.first()?;
    let mut offset = 0;
    while let Some(i) = rest.get(offset..)?.iter().position(|b| *b == first) {
        let start = offset + i;
        if rest.get(start..start + needle.len()) == Some(needle) {
            return Some((from + start, from + start + needle.len()));
        }
        offset = start + 1;
    }
    None
}

fn delivery_json(verified: Option<hs::Verified>, batch: &hs::Batch, body: &[u8]) -> String {
    let mut events: Vec<JsEvent<'_>> = batch.events.iter().map(js_event).collect();
    let mut raw_spans = Vec::with_capacity(events.len() * 2);
    let mut from = 0;
    for (js, event) in events.iter_mut().zip(&batch.events) {
        match find_span(body, from, event.raw_json()) {
            Some((start, end)) => {
                raw_spans.extend([start, end]);
                from = end;
            }
            None => {
                raw_spans.extend([0, 0]);
                js.raw_json = Some(event.raw_json());
            }
        }
    }
    to_json(&JsDelivery {
        version: verified.map(|v| v.version.as_str()),
        secret_index: verified.map(|v| v.secret_index),
        events,
        rejected: batch.rejected.iter().map(js_rejected).collect(),
        raw_spans,
    })
}

// ---------------------------------------------------------------------------------------------
// Arguments

/// A JavaScript number that must be a non-negative integer (an option value).
fn non_negative_integer(name: &str, value: Option<f64>) -> Result<Option<u64>, String> {
    match value {
        None => Ok(None),
        Some(v) if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= MAX_SAFE_INTEGER => {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // checked just above
            Ok(Some(v as u64))
        }
        Some(v) => Err(format!("option {name} must be a non-negative integer, got {v}")),
    }
}

#[allow(clippy::too_many_arguments)]
fn options(
    tolerance_ms: Option<f64>,
    max_future_ms: Option<f64>,
    require_v3: bool,
    max_body_bytes: Option<f64>,
    partial: bool,
    max_events: Option<f64>,
) -> Result<Options, String> {
    let mut o = Options::default();
    if let Some(v) = non_negative_integer("toleranceMs", tolerance_ms)? {
        o.tolerance_ms = v;
    }
    if let Some(v) = non_negative_integer("maxFutureMs", max_future_ms)? {
        o.max_future_ms = v;
    }
    if let Some(v) = non_negative_integer("maxBodyBytes", max_body_bytes)? {
        // A limit beyond the address space is no limit.
        o.max_body_bytes = usize::try_from(v).unwrap_or(usize::MAX);
    }
    if let Some(v) = non_negative_integer("maxEvents", max_events)? {
        o.max_events = usize::try_from(v).unwrap_or(usize::MAX);
    }
    o.require_v3 = require_v3;
    o.partial = partial;
    Ok(o)
}

fn request<'a>(method: &'a str, url: &'a str, headers: &'a [String], body: &'a [u8]) -> Request<'a> {
    let mut r = Request::new(method, url, body);
    for pair in headers.chunks_exact(2) {
        if let [name, value] = pair {
            r = r.header(name.as_str(), value.as_str());
        }
    }
    r
}

// ---------------------------------------------------------------------------------------------
// Exports (called by the package's JavaScript, not by users directly)

/// Verifies a request: `headers` is flat `[name, value, name, value, ...]`. Answers
/// `{"version","secretIndex"}` or `{"error"}`.
#[wasm_bindgen(js_name = verifyRequest)]
#[allow(clippy::too_many_arguments)]
pub fn verify_request(
    method: &str,
    url: &str,
    headers: Vec<String>,
    body: &[u8],
    secrets: Vec<String>,
    now_ms: i64,
    tolerance_ms: Option<f64>,
    max_future_ms: Option<f64>,
    require_v3: bool,
    max_body_bytes: Option<f64>,
) -> String {
    let opts = match options(tolerance_ms, max_future_ms, require_v3, max_body_bytes, false, None) {
        Ok(o) => o,
        Err(message) => return error_json(&JsError::usage(&message)),
    };
    let req = request(method, url, &headers, body);
    match hs::verify(&req, &secrets, now_ms, &opts) {
        Ok(v) => to_json(&JsDelivery {
            version: Some(v.version.as_str()),
            secret_index: Some(v.secret_index),
            events: Vec::new(),
            rejected: Vec::new(),
            raw_spans: Vec::new(),
        }),
        Err(e) => core_error_json(&e),
    }
}

/// Verifies a request and parses its body. Answers the delivery or `{"error"}`.
#[wasm_bindgen(js_name = verifyAndParseRequest)]
#[allow(clippy::too_many_arguments)]
pub fn verify_and_parse_request(
    method: &str,
    url: &str,
    headers: Vec<String>,
    body: &[u8],
    secrets: Vec<String>,
    now_ms: i64,
    tolerance_ms: Option<f64>,
    max_future_ms: Option<f64>,
    require_v3: bool,
    max_body_bytes: Option<f64>,
    partial: bool,
    max_events: Option<f64>,
) -> String {
    let opts = match options(
        tolerance_ms,
        max_future_ms,
        require_v3,
        max_body_bytes,
        partial,
        max_events,
    ) {
        Ok(o) => o,
        Err(message) => return error_json(&JsError::usage(&message)),
    };
    let req = request(method, url, &headers, body);
    match hs::verify_and_parse(&req, &secrets, now_ms, &opts) {
        Ok(out) => delivery_json(Some(out.verified), &out.batch, body),
        Err(e) => core_error_json(&e),
    }
}

/// Parses a body without verifying it. Answers the delivery (no version) or `{"error"}`.
#[wasm_bindgen(js_name = parseBody)]
pub fn parse_body(body: &[u8], partial: bool, max_body_bytes: Option<f64>, max_events: Option<f64>) -> String {
    let opts = match options(None, None, false, max_body_bytes, partial, max_events) {
        Ok(o) => o,
        Err(message) => return error_json(&JsError::usage(&message)),
    };
    match hs::parse_batch(body, &opts) {
        Ok(batch) => delivery_json(None, &batch, body),
        Err(e) => core_error_json(&e),
    }
}

/// The v1 signature of `body`.
#[wasm_bindgen(js_name = signV1)]
pub fn sign_v1(secret: &str, body: &[u8]) -> String {
    hs::sign_v1(secret.as_bytes(), body)
}

/// The v2 signature.
#[wasm_bindgen(js_name = signV2)]
pub fn sign_v2(secret: &str, method: &str, url: &str, body: &[u8]) -> String {
    hs::sign_v2(secret.as_bytes(), method.as_bytes(), url.as_bytes(), body)
}

/// The v3 signature; `timestamp` is the header text.
#[wasm_bindgen(js_name = signV3)]
pub fn sign_v3(secret: &str, method: &str, url: &str, body: &[u8], timestamp: &str) -> String {
    hs::sign_v3(
        secret.as_bytes(),
        method.as_bytes(),
        url.as_bytes(),
        body,
        timestamp.as_bytes(),
    )
}

/// The headers HubSpot would send, as a JSON object, or `{"error"}`.
#[wasm_bindgen(js_name = signedHeaders)]
pub fn signed_headers(secret: &str, method: &str, url: &str, body: &[u8], timestamp_ms: i64) -> String {
    let ts = timestamp_ms;
    let headers: serde_json::Map<String, serde_json::Value> =
        hs::signed_headers(secret.as_bytes(), method.as_bytes(), url.as_bytes(), body, ts)
            .into_iter()
            .map(|(name, value)| (name.to_owned(), serde_json::Value::String(value)))
            .collect();
    to_json(&headers)
}

/// Every error code with its family, number and description, as JSON.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> String {
    #[derive(Serialize)]
    struct Code {
        code: &'static str,
        family: &'static str,
        number: u32,
        description: &'static str,
    }
    let codes: Vec<Code> = ErrorCode::ALL
        .iter()
        .map(|c| Code {
            code: c.as_str(),
            family: c.family(),
            number: c.number(),
            description: c.description(),
        })
        .collect();
    to_json(&codes)
}

/// A usage error built from the core's `invalid_argument` code, for the package's own argument
/// checks (so the code string is never retyped in JavaScript).
#[wasm_bindgen(js_name = usageError)]
pub fn usage_error(message: &str) -> String {
    error_json(&JsError::usage(message))
}

/// The core's default options, as JSON (`toleranceMs`, `maxFutureMs`, `maxBodyBytes`, ...).
#[wasm_bindgen(js_name = defaultOptions)]
pub fn default_options() -> String {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Defaults {
        tolerance_ms: u64,
        max_future_ms: u64,
        require_v3: bool,
        max_body_bytes: usize,
        partial: bool,
        max_events: usize,
    }
    let o = Options::default();
    to_json(&Defaults {
        tolerance_ms: o.tolerance_ms,
        max_future_ms: o.max_future_ms,
        require_v3: o.require_v3,
        max_body_bytes: o.max_body_bytes,
        partial: o.partial,
        max_events: o.max_events,
    })
}
