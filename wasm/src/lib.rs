//! JavaScript bindings of `hubspot-webhooks`, for Cloudflare Workers and Node (wasm-bindgen).
//!
//! Conversion only: the JavaScript package (`wasm/pkg-src`) turns requests, bodies and options
//! into flat arguments, and every function here answers with one JSON text that the package
//! turns into plain objects with a single `JSON.parse` (one boundary crossing per call, nothing
//! to `.free()`). The text is written directly (no serde machinery: it was most of the cost of
//! a call). IDs are written as decimal strings, so nothing goes through a float; times and
//! counts are numbers. Errors come back as `{"error": {...}}` with the core's code, family and
//! message; the package throws them as `Error` subclasses.
//!
//! Digests: where the host has synchronous native crypto (Node's `node:crypto`), the package
//! registers it with [`set_digest_host`] and the core's [`hs::Digests`] hook computes SHA-256
//! and HMAC-SHA256 there, on views of this module's memory (no copies); elsewhere (workerd,
//! browsers: WebCrypto is asynchronous) the core's own `RustDigests` do. Every rule of what is
//! hashed stays in the core.
#![cfg(target_family = "wasm")]

use std::cell::RefCell;

use hs::{ConversationChange, Digests, ErrorCode, Event, Options, RejectedEvent, Request, RustDigests};
use hubspot_webhooks as hs;
use wasm_bindgen::prelude::*;

/// The largest integer a JavaScript number holds exactly.
const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

// ---------------------------------------------------------------------------------------------
// Digests from the host

#[wasm_bindgen]
extern "C" {
    /// The host's digests (see `pkg-src/api.js`): `sha256(parts, out)` and
    /// `hmacSha256(key, parts, out)`, where `key` and `parts` are `[address, length, ...]` of
    /// byte ranges of this module's memory (read in place) and `out` a view of the 32 bytes to
    /// write.
    #[derive(Debug)]
    pub type DigestHost;

    #[wasm_bindgen(method, catch, js_name = sha256)]
    fn host_sha256(this: &DigestHost, parts: &[u32], out: &mut [u8]) -> Result<(), JsValue>;

    #[wasm_bindgen(method, catch, js_name = hmacSha256)]
    fn host_hmac_sha256(this: &DigestHost, key: &[u32], parts: &[u32], out: &mut [u8]) -> Result<(), JsValue>;
}

thread_local! {
    static DIGEST_HOST: RefCell<Option<DigestHost>> = const { RefCell::new(None) };
}

/// Registers the host's digests (`undefined` to go back to the Rust ones).
#[wasm_bindgen(js_name = setDigestHost)]
pub fn set_digest_host(host: Option<DigestHost>) {
    DIGEST_HOST.with(|slot| *slot.borrow_mut() = host);
}

/// The address of a byte range of this module's memory, as the host reads it.
fn address(bytes: &[u8]) -> u32 {
    // wasm32: addresses and lengths are 32-bit.
    #[allow(clippy::cast_possible_truncation)]
    let ptr = bytes.as_ptr() as usize as u32;
    ptr
}

fn length(bytes: &[u8]) -> u32 {
    u32::try_from(bytes.len()).unwrap_or(u32::MAX)
}

fn ranges(parts: &[&[u8]]) -> Vec<u32> {
    parts.iter().flat_map(|p| [address(p), length(p)]).collect()
}

/// The host's digests; any failure there (an exception) falls back to the Rust ones.
struct HostDigests<'a>(&'a DigestHost);

impl Digests for HostDigests<'_> {
    fn sha256(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut out = [0u8; 32];
        match self.0.host_sha256(&ranges(parts), &mut out) {
            Ok(()) => out,
            Err(_) => RustDigests.sha256(parts),
        }
    }

    fn hmac_sha256(&self, key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
        let mut out = [0u8; 32];
        match self.0.host_hmac_sha256(&ranges(&[key]), &ranges(parts), &mut out) {
            Ok(()) => out,
            Err(_) => RustDigests.hmac_sha256(key, parts),
        }
    }
}

/// Runs `f` with the host's digests when registered, else the Rust ones.
fn with_digests<T>(f: impl FnOnce(&dyn Digests) -> T) -> T {
    DIGEST_HOST.with(|slot| match slot.try_borrow() {
        Ok(host) => match host.as_ref() {
            Some(host) => f(&HostDigests(host)),
            None => f(&RustDigests),
        },
        Err(_) => f(&RustDigests),
    })
}

// ---------------------------------------------------------------------------------------------
// JSON writing

/// A JSON text being written.
struct Json(Vec<u8>);

impl Json {
    fn with_capacity(n: usize) -> Self {
        Json(Vec::with_capacity(n))
    }

    fn finish(self) -> String {
        // Only valid UTF-8 is ever written (str slices and ASCII).
        String::from_utf8(self.0).unwrap_or_default()
    }

    fn raw(&mut self, text: &str) {
        self.0.extend_from_slice(text.as_bytes());
    }

    fn byte(&mut self, b: u8) {
        self.0.push(b);
    }

    /// A JSON string.
    fn string(&mut self, s: &str) {
        self.byte(b'"');
        let bytes = s.as_bytes();
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let escape: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0..=0x1f => b"",
                _ => continue,
            };
            self.0.extend_from_slice(bytes.get(start..i).unwrap_or_default());
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.0.extend_from_slice(b"\\u00");
                self.byte(HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'));
                self.byte(HEX.get(usize::from(b & 15)).copied().unwrap_or(b'0'));
            } else {
                self.0.extend_from_slice(escape);
            }
            start = i + 1;
        }
        self.0.extend_from_slice(bytes.get(start..).unwrap_or_default());
        self.byte(b'"');
    }

    /// An integer as a JSON number.
    fn int(&mut self, v: i64) {
        let mut digits = [0u8; 20];
        let mut n = v.unsigned_abs();
        let mut at = digits.len();
        for slot in digits.iter_mut().rev() {
            // `n % 10` is a digit.
            #[allow(clippy::cast_possible_truncation)]
            let digit = (n % 10) as u8;
            *slot = b'0' + digit;
            at -= 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        if v < 0 {
            self.byte(b'-');
        }
        self.0.extend_from_slice(digits.get(at..).unwrap_or_default());
    }

    fn uint(&mut self, v: usize) {
        self.int(i64::try_from(v).unwrap_or(i64::MAX));
    }

    /// An ID: its exact decimal digits as a string.
    fn id(&mut self, v: i64) {
        self.byte(b'"');
        self.int(v);
        self.byte(b'"');
    }

    /// A time or count: a number while a JavaScript number holds it exactly, else its decimal
    /// text (the package turns that into a `bigint`, so nothing is ever rounded).
    fn time(&mut self, v: i64) {
        if (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&v) {
            self.int(v);
        } else {
            self.id(v);
        }
    }

    fn bool(&mut self, v: bool) {
        self.raw(if v { "true" } else { "false" });
    }

    // Optional members: `key` is the text before the value, e.g. `,"objectId":`.

    fn opt_str(&mut self, key: &str, v: Option<&str>) {
        if let Some(v) = v {
            self.raw(key);
            self.string(v);
        }
    }

    fn opt_id(&mut self, key: &str, v: Option<i64>) {
        if let Some(v) = v {
            self.raw(key);
            self.id(v);
        }
    }

    fn opt_bool(&mut self, key: &str, v: Option<bool>) {
        if let Some(v) = v {
            self.raw(key);
            self.bool(v);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Errors

/// `{"code","family","message"[,"index"][,"field"]}`.
fn write_error(out: &mut Json, code: ErrorCode, message: &str, index: Option<usize>, field: Option<&str>) {
    out.raw("{\"code\":");
    out.string(code.as_str());
    out.raw(",\"family\":");
    out.string(code.family());
    out.raw(",\"message\":");
    out.string(message);
    if let Some(index) = index {
        out.raw(",\"index\":");
        out.uint(index);
    }
    out.opt_str(",\"field\":", field);
    out.byte(b'}');
}

fn write_core_error(out: &mut Json, e: &hs::Error) {
    write_error(out, e.code(), e.message(), e.index(), e.field());
}

/// `{"error": {...}}` for a core error.
fn core_error_json(e: &hs::Error) -> String {
    let mut out = Json::with_capacity(64 + e.message().len());
    out.raw("{\"error\":");
    write_core_error(&mut out, e);
    out.byte(b'}');
    out.finish()
}

/// `{"error": {...}}` for a caller's mistake (`invalid_argument`).
fn usage_json(message: &str) -> String {
    let mut out = Json::with_capacity(64 + message.len());
    out.raw("{\"error\":");
    write_error(&mut out, ErrorCode::InvalidArgument, message, None, None);
    out.byte(b'}');
    out.finish()
}

// ---------------------------------------------------------------------------------------------
// Events

/// One event as a plain JavaScript object: HubSpot's camelCase names, IDs as strings, absent
/// fields left out. The original JSON text is not written: the package slices it from the body
/// (see `rawSpans`).
fn write_event(out: &mut Json, e: &Event) {
    out.raw("{\"subscriptionType\":");
    out.string(&e.subscription_type);
    out.raw(",\"objectType\":");
    out.string(e.object_type.as_str());
    out.raw(",\"action\":");
    out.string(e.action.as_str());
    out.raw(",\"eventId\":");
    out.id(e.event_id);
    out.opt_id(",\"subscriptionId\":", e.subscription_id);
    out.raw(",\"portalId\":");
    out.id(e.portal_id);
    out.raw(",\"appId\":");
    out.id(e.app_id);
    out.raw(",\"occurredAt\":");
    out.time(e.occurred_at);
    out.raw(",\"attemptNumber\":");
    out.int(i64::from(e.attempt_number));
    out.opt_id(",\"objectId\":", e.object_id);
    out.opt_str(",\"objectTypeId\":", e.object_type_id.as_deref());
    out.opt_str(",\"changeSource\":", e.change_source.as_deref());
    out.opt_str(",\"sourceId\":", e.source_id.as_deref());
    out.opt_str(",\"changeFlag\":", e.change_flag.as_deref());
    out.opt_str(",\"eventTypeName\":", e.event_type_name.as_deref());
    out.opt_str(",\"propertyName\":", e.property_name.as_deref());
    match &e.property_value {
        // As sent: a string, or other JSON (`false`, `3`, ...) as its original text.
        Some(hs::PropertyValue::String(s)) => {
            out.raw(",\"propertyValue\":");
            out.string(s);
        }
        Some(hs::PropertyValue::Json(text)) => {
            out.raw(",\"propertyValue\":");
            out.raw(text);
        }
        None => {}
    }
    out.opt_bool(",\"isSensitive\":", e.is_sensitive);
    out.opt_id(",\"primaryObjectId\":", e.primary_object_id);
    if let Some(ids) = &e.merged_object_ids {
        out.raw(",\"mergedObjectIds\":[");
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                out.byte(b',');
            }
            out.id(*id);
        }
        out.byte(b']');
    }
    out.opt_id(",\"newObjectId\":", e.new_object_id);
    if let Some(n) = e.number_of_properties_moved {
        out.raw(",\"numberOfPropertiesMoved\":");
        out.time(n);
    }
    out.opt_str(",\"associationType\":", e.association_type.as_deref());
    out.opt_id(",\"fromObjectId\":", e.from_object_id);
    out.opt_id(",\"toObjectId\":", e.to_object_id);
    out.opt_bool(",\"associationRemoved\":", e.association_removed);
    out.opt_bool(",\"isPrimaryAssociation\":", e.is_primary_association);
    out.opt_str(",\"fromObjectTypeId\":", e.from_object_type_id.as_deref());
    out.opt_str(",\"toObjectTypeId\":", e.to_object_type_id.as_deref());
    out.opt_id(",\"associationTypeId\":", e.association_type_id);
    out.opt_str(",\"associationCategory\":", e.association_category.as_deref());
    out.opt_str(",\"messageId\":", e.message_id.as_deref());
    out.opt_str(",\"messageType\":", e.message_type.as_ref().map(hs::MessageType::as_str));
    out.opt_str(",\"effectiveObjectTypeId\":", e.effective_object_type_id());
    write_conversation(out, e);
    out.raw(",\"dedupKey\":");
    out.string(&e.dedup_key());
    out.byte(b'}');
}

/// `conversation`: the typed view of a `conversation.*` event; `change` names what changed.
fn write_conversation(out: &mut Json, e: &Event) {
    let Some(view) = e.conversation() else {
        return;
    };
    out.raw(",\"conversation\":{");
    let mut thread = false;
    if let Some(id) = view.thread_id {
        out.raw("\"threadId\":");
        out.id(id);
        thread = true;
    }
    out.raw(if thread { ",\"change\":" } else { "\"change\":" });
    match view.change {
        ConversationChange::Created => out.string("created"),
        ConversationChange::Deleted => out.string("deleted"),
        ConversationChange::PrivacyDeleted => out.string("privacyDeleted"),
        ConversationChange::AssigneeChanged { assignee } => {
            out.string("assigneeChanged");
            out.opt_str(",\"assignee\":", assignee);
        }
        ConversationChange::StatusChanged { status } => {
            out.string("statusChanged");
            out.opt_str(",\"status\":", status.as_ref().map(|s| s.as_str()));
        }
        ConversationChange::ArchivedChanged { archived } => {
            out.string("archivedChanged");
            out.opt_bool(",\"archived\":", archived);
        }
        ConversationChange::PropertyChanged { name, value } => {
            out.string("propertyChanged");
            out.opt_str(",\"propertyName\":", name);
            out.opt_str(",\"propertyValue\":", value);
        }
        ConversationChange::NewMessage {
            message_id,
            message_type,
        } => {
            out.string("newMessage");
            out.opt_str(",\"messageId\":", message_id);
            out.opt_str(",\"messageType\":", message_type.map(hs::MessageType::as_str));
        }
        _ => out.string("other"),
    }
    out.byte(b'}');
}

fn write_rejected(out: &mut Json, r: &RejectedEvent) {
    out.raw("{\"index\":");
    out.uint(r.index);
    out.raw(",\"error\":");
    write_core_error(out, &r.error);
    out.raw(",\"rawJson\":");
    out.string(&r.raw);
    out.byte(b'}');
}

/// Counts UTF-16 code units of valid UTF-8: one per character, two for those beyond U+FFFF
/// (a lead byte of four bytes).
fn utf16_units(bytes: &[u8]) -> usize {
    if bytes.is_ascii() {
        return bytes.len();
    }
    bytes
        .iter()
        .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

/// The answer of a successful call:
/// `{"version","secretIndex","events":[...],"rejected":[...],"rawSpans":[start,end,...]}`.
/// `rawSpans` are the events' original texts as UTF-16 offsets into the body decoded as text, so
/// the package slices them from the body (never copied, escaped and parsed again).
fn delivery_json(verified: Option<hs::Verified>, batch: &hs::Batch, body: &[u8]) -> String {
    let mut out = Json::with_capacity(128 + batch.events.len() * 640);
    out.byte(b'{');
    if let Some(v) = verified {
        out.raw("\"version\":");
        out.string(v.version.as_str());
        out.raw(",\"secretIndex\":");
        out.uint(v.secret_index);
        out.byte(b',');
    }
    out.raw("\"events\":[");
    for (i, e) in batch.events.iter().enumerate() {
        if i > 0 {
            out.byte(b',');
        }
        write_event(&mut out, e);
    }
    out.raw("],\"rejected\":[");
    for (i, r) in batch.rejected.iter().enumerate() {
        if i > 0 {
            out.byte(b',');
        }
        write_rejected(&mut out, r);
    }
    out.raw("],\"rawSpans\":[");
    let ascii = body.is_ascii();
    let (mut byte_at, mut unit_at) = (0usize, 0usize);
    for (i, e) in batch.events.iter().enumerate() {
        let span = e.raw_span();
        let mut units = |to: usize| {
            if ascii {
                return to;
            }
            unit_at += utf16_units(body.get(byte_at..to).unwrap_or_default());
            byte_at = to;
            unit_at
        };
        let start = units(span.start);
        let end = units(span.end);
        if i > 0 {
            out.byte(b',');
        }
        out.uint(start);
        out.byte(b',');
        out.uint(end);
    }
    out.raw("]}");
    out.finish()
}

// ---------------------------------------------------------------------------------------------
// Arguments

/// A JavaScript number that must be a non-negative integer (an option value).
fn non_negative_integer(name: &str, value: Option<f64>) -> Result<Option<u64>, String> {
    match value {
        None => Ok(None),
        #[allow(clippy::cast_precision_loss)] // MAX_SAFE_INTEGER is exact in an f64
        Some(v) if v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= MAX_SAFE_INTEGER as f64 => {
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
/// `{"version","secretIndex",...}` or `{"error"}`.
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
        Err(message) => return usage_json(&message),
    };
    let req = request(method, url, &headers, body);
    match with_digests(|d| hs::verify_with(&req, &secrets, now_ms, &opts, d)) {
        Ok(v) => delivery_json(Some(v), &hs::Batch::default(), &[]),
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
        Err(message) => return usage_json(&message),
    };
    let req = request(method, url, &headers, body);
    match with_digests(|d| hs::verify_and_parse_with(&req, &secrets, now_ms, &opts, d)) {
        Ok(out) => delivery_json(Some(out.verified), &out.batch, body),
        Err(e) => core_error_json(&e),
    }
}

/// Parses a body without verifying it. Answers the delivery (no version) or `{"error"}`.
#[wasm_bindgen(js_name = parseBody)]
pub fn parse_body(body: &[u8], partial: bool, max_body_bytes: Option<f64>, max_events: Option<f64>) -> String {
    let opts = match options(None, None, false, max_body_bytes, partial, max_events) {
        Ok(o) => o,
        Err(message) => return usage_json(&message),
    };
    match hs::parse_batch(body, &opts) {
        Ok(batch) => delivery_json(None, &batch, body),
        Err(e) => core_error_json(&e),
    }
}

/// The v1 signature of `body`.
#[wasm_bindgen(js_name = signV1)]
pub fn sign_v1(secret: &str, body: &[u8]) -> String {
    with_digests(|d| hs::signature::sign_v1_with(d, secret.as_bytes(), body))
}

/// The v2 signature.
#[wasm_bindgen(js_name = signV2)]
pub fn sign_v2(secret: &str, method: &str, url: &str, body: &[u8]) -> String {
    with_digests(|d| hs::signature::sign_v2_with(d, secret.as_bytes(), method.as_bytes(), url.as_bytes(), body))
}

/// The v3 signature; `timestamp` is the header text.
#[wasm_bindgen(js_name = signV3)]
pub fn sign_v3(secret: &str, method: &str, url: &str, body: &[u8], timestamp: &str) -> String {
    with_digests(|d| {
        hs::signature::sign_v3_with(
            d,
            secret.as_bytes(),
            method.as_bytes(),
            url.as_bytes(),
            body,
            timestamp.as_bytes(),
        )
    })
}

/// The headers HubSpot would send, as a JSON object.
#[wasm_bindgen(js_name = signedHeaders)]
pub fn signed_headers(secret: &str, method: &str, url: &str, body: &[u8], timestamp_ms: i64) -> String {
    let headers = hs::signed_headers(secret.as_bytes(), method.as_bytes(), url.as_bytes(), body, timestamp_ms);
    let mut out = Json::with_capacity(256);
    out.byte(b'{');
    for (i, (name, value)) in headers.iter().enumerate() {
        if i > 0 {
            out.byte(b',');
        }
        out.string(name);
        out.byte(b':');
        out.string(value);
    }
    out.byte(b'}');
    out.finish()
}

/// Every error code with its family, number and description, as JSON.
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> String {
    let mut out = Json::with_capacity(2048);
    out.byte(b'[');
    for (i, c) in ErrorCode::ALL.iter().enumerate() {
        if i > 0 {
            out.byte(b',');
        }
        out.raw("{\"code\":");
        out.string(c.as_str());
        out.raw(",\"family\":");
        out.string(c.family());
        out.raw(",\"number\":");
        out.int(i64::from(c.number()));
        out.raw(",\"description\":");
        out.string(c.description());
        out.byte(b'}');
    }
    out.byte(b']');
    out.finish()
}

/// A usage error built from the core's `invalid_argument` code, for the package's own argument
/// checks (so the code string is never retyped in JavaScript).
#[wasm_bindgen(js_name = usageError)]
pub fn usage_error(message: &str) -> String {
    usage_json(message)
}

/// The core's default options, as JSON (`toleranceMs`, `maxFutureMs`, `maxBodyBytes`, ...).
#[wasm_bindgen(js_name = defaultOptions)]
pub fn default_options() -> String {
    let o = Options::default();
    let mut out = Json::with_capacity(160);
    out.raw("{\"toleranceMs\":");
    out.int(i64::try_from(o.tolerance_ms).unwrap_or(i64::MAX));
    out.raw(",\"maxFutureMs\":");
    out.int(i64::try_from(o.max_future_ms).unwrap_or(i64::MAX));
    out.raw(",\"requireV3\":");
    out.bool(o.require_v3);
    out.raw(",\"maxBodyBytes\":");
    out.uint(o.max_body_bytes);
    out.raw(",\"partial\":");
    out.bool(o.partial);
    out.raw(",\"maxEvents\":");
    out.uint(o.max_events);
    out.byte(b'}');
    out.finish()
}
