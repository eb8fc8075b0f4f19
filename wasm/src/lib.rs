//! JavaScript bindings of `hubspot-webhooks`, for Cloudflare Workers and Node (wasm-bindgen).
//!
//! Conversion only: the JavaScript package (`wasm/pkg-src`) turns requests, bodies and options
//! into flat arguments (a request's strings as one text), and builds plain objects from the
//! answers (nothing to `.free()`). Verification and parsing answer with a compact description of
//! the delivery (see "Events" below; no JSON for the events); the small answers (signed
//! headers, error codes) are JSON texts written directly, without serde. IDs are decimal
//! strings, so nothing goes through a float; times and counts are numbers, or `bigint`s beyond
//! 2^53. Errors come back as `{"error": {...}}` with the core's code, family and message; the
//! package throws them as `Error` subclasses.
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
    DIGEST_HOST.with(|slot| {
        if let Ok(mut slot) = slot.try_borrow_mut() {
            *slot = host;
        }
    });
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

/// Parts up to this size in all are copied into one, to be hashed in one call of the host
/// (each call costs more than copying a few kilobytes).
const JOIN_BELOW: usize = 8 * 1024;

/// `[address, length, ...]` of `parts` (joined into `joined` when small).
fn ranges(parts: &[&[u8]], joined: &mut Vec<u8>) -> Vec<u32> {
    let total: usize = parts.iter().map(|p| p.len()).sum();
    if parts.len() > 1 && total < JOIN_BELOW {
        joined.reserve_exact(total);
        for p in parts {
            joined.extend_from_slice(p);
        }
        return vec![address(joined), length(joined)];
    }
    parts.iter().flat_map(|p| [address(p), length(p)]).collect()
}

/// The host's digests; any failure there (an exception) falls back to the Rust ones.
struct HostDigests<'a>(&'a DigestHost);

impl Digests for HostDigests<'_> {
    fn sha256(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut out = [0u8; 32];
        let mut joined = Vec::new();
        match self.0.host_sha256(&ranges(parts, &mut joined), &mut out) {
            Ok(()) => out,
            Err(_) => RustDigests.sha256(parts),
        }
    }

    fn hmac_sha256(&self, key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
        let mut out = [0u8; 32];
        let mut joined = Vec::new();
        let key_range = [address(key), length(key)];
        match self
            .0
            .host_hmac_sha256(&key_range, &ranges(parts, &mut joined), &mut out)
        {
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
        let mut digits = Digits::default();
        self.raw(digits.of(v));
    }

    fn uint(&mut self, v: usize) {
        self.int(i64::try_from(v).unwrap_or(i64::MAX));
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
//
// Events cross the boundary as a compact description rather than JSON: one text holding every
// string (IDs as their decimal digits, repeated values written once) and a list of numbers, from
// which the package builds the plain objects directly (`decodeDelivery` in pkg-src/api.js).
// Writing and parsing JSON for the events cost several times the parse itself.
//
// Numbers (`f64`, exact for every integer written): a header
// `[status, version, secretIndex, rejected, events, strings]` (status 0; -1 for an absent
// value; `version` and `rejected` are string indexes, `rejected` a JSON text), then the UTF-16
// end offset of each string in the text, then the events: for each member an opcode
// `field * 16 + kind` and its values, an event ending with END.

/// Kinds of member (the low 4 bits of an opcode) and their values.
mod kind {
    /// A string: its index.
    pub const STR: u8 = 0;
    /// A number: its value.
    pub const NUM: u8 = 1;
    /// `true` (no value).
    pub const TRUE: u8 = 2;
    /// `false` (no value).
    pub const FALSE: u8 = 3;
    /// A `bigint`: the index of its decimal text (a time or count beyond 2^53).
    pub const BIG: u8 = 4;
    /// A JSON value: the index of its text (a `propertyValue` that is not a string).
    pub const JSON: u8 = 5;
    /// An array of strings: the count, then each index.
    pub const STRS: u8 = 6;
    /// A nested object follows, up to its END.
    pub const OBJ: u8 = 7;
    /// The end of a nested object or of an event (field 0).
    pub const END: u8 = 8;
    /// A slice of the body's text: UTF-16 start and end.
    pub const RAW: u8 = 9;
    /// The members every event has, first (one object literal on the JavaScript side): the
    /// subscription type (as TEXT: UTF-16 start and end in the body's text, or -1 and its index), the
    /// indexes of the object type, action, event ID, subscription ID (-1: absent), portal ID
    /// and app ID, the occurrence time (the number and -1, or 0 and the index of a `bigint`'s
    /// text) and the attempt number.
    pub const HEAD: u8 = 10;
    /// A string field that stands unescaped in the body: UTF-16 start and end in the body's
    /// text as the core read it (where a string body had a lone surrogate, U+FFFD: RAW keeps
    /// the caller's own text, a field the core's value).
    pub const TEXT: u8 = 11;
}

macro_rules! fields {
    ($($id:ident = $name:literal,)*) => {
        /// The members of an event, by their code (the high bits of an opcode).
        #[derive(Clone, Copy)]
        // Some members are only written in an event's HEAD (by position, not by code).
        #[allow(clippy::upper_case_acronyms, dead_code)]
        enum F { $($id,)* }
        /// Their JavaScript names (`eventFieldNames`), by code.
        const FIELD_NAMES: &[&str] = &[$($name,)*];
    };
}

fields! {
    SubscriptionType = "subscriptionType",
    ObjectType = "objectType",
    Action = "action",
    EventId = "eventId",
    SubscriptionId = "subscriptionId",
    PortalId = "portalId",
    AppId = "appId",
    OccurredAt = "occurredAt",
    AttemptNumber = "attemptNumber",
    ObjectId = "objectId",
    ObjectTypeId = "objectTypeId",
    ChangeSource = "changeSource",
    SourceId = "sourceId",
    ChangeFlag = "changeFlag",
    EventTypeName = "eventTypeName",
    PropertyName = "propertyName",
    PropertyValue = "propertyValue",
    IsSensitive = "isSensitive",
    PrimaryObjectId = "primaryObjectId",
    MergedObjectIds = "mergedObjectIds",
    NewObjectId = "newObjectId",
    NumberOfPropertiesMoved = "numberOfPropertiesMoved",
    AssociationType = "associationType",
    FromObjectId = "fromObjectId",
    ToObjectId = "toObjectId",
    AssociationRemoved = "associationRemoved",
    IsPrimaryAssociation = "isPrimaryAssociation",
    FromObjectTypeId = "fromObjectTypeId",
    ToObjectTypeId = "toObjectTypeId",
    AssociationTypeId = "associationTypeId",
    AssociationCategory = "associationCategory",
    MessageId = "messageId",
    MessageType = "messageType",
    EffectiveObjectTypeId = "effectiveObjectTypeId",
    Conversation = "conversation",
    DedupKey = "dedupKey",
    RawJson = "rawJson",
    ThreadId = "threadId",
    Change = "change",
    Assignee = "assignee",
    Status = "status",
    Archived = "archived",
}

const HEADER: usize = 6;

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

#[allow(clippy::cast_precision_loss)] // counts and offsets, far below 2^53
fn num(v: usize) -> f64 {
    v as f64
}

/// A delivery being described.
struct Encoder {
    /// Every string, one after the other.
    text: String,
    /// UTF-16 length of `text`.
    units: usize,
    /// The end of each string in `text`: UTF-16 (for the package) and bytes (for reuse).
    ends: Vec<f64>,
    byte_ends: Vec<usize>,
    ops: Vec<f64>,
    /// Per field, the index of its last string: an equal value reuses it.
    last: [Option<usize>; FIELD_NAMES.len()],
}

impl Encoder {
    fn new(events: usize) -> Self {
        Encoder {
            text: String::with_capacity(events * 160),
            units: 0,
            ends: Vec::with_capacity(events * 8),
            byte_ends: Vec::with_capacity(events * 8),
            ops: Vec::with_capacity(events * 48),
            last: [None; FIELD_NAMES.len()],
        }
    }

    fn string_bytes(&self, index: usize) -> &str {
        let start = match index.checked_sub(1) {
            Some(prev) => self.byte_ends.get(prev).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.byte_ends.get(index).copied().unwrap_or(0);
        self.text.get(start..end).unwrap_or_default()
    }

    /// The index of `s` in the string table (the field's last one when equal).
    fn intern(&mut self, field: F, s: &str) -> usize {
        let slot = field as usize;
        if let Some(Some(index)) = self.last.get(slot) {
            if self.string_bytes(*index) == s {
                return *index;
            }
        }
        self.text.push_str(s);
        self.units += utf16_units(s.as_bytes());
        self.ends.push(num(self.units));
        self.byte_ends.push(self.text.len());
        let index = self.ends.len() - 1;
        if let Some(last) = self.last.get_mut(slot) {
            *last = Some(index);
        }
        index
    }

    fn op(&mut self, field: F, kind: u8) {
        self.ops.push(f64::from(field as u8) * 16.0 + f64::from(kind));
    }

    fn str(&mut self, field: F, s: &str) {
        let index = self.intern(field, s);
        self.op(field, kind::STR);
        self.ops.push(num(index));
    }

    fn opt_str(&mut self, field: F, s: Option<&str>) {
        if let Some(s) = s {
            self.str(field, s);
        }
    }

    /// The members every event has, in one HEAD (see `kind::HEAD`).
    fn head(&mut self, e: &Event, at: &EventUnits) {
        self.op(F::SubscriptionType, kind::HEAD);
        let subscription_type = match e.body_range(&e.subscription_type) {
            Some(range) => [num(at.at(range.start)), num(at.at(range.end))],
            None => [-1.0, num(self.intern(F::SubscriptionType, &e.subscription_type))],
        };
        let object_type = num(self.intern(F::ObjectType, e.object_type.as_str()));
        let action = num(self.intern(F::Action, e.action.as_str()));
        let event_id = num(self.id_index(F::EventId, e.event_id));
        let subscription_id = e
            .subscription_id
            .map_or(-1.0, |v| num(self.id_index(F::SubscriptionId, v)));
        let portal_id = num(self.id_index(F::PortalId, e.portal_id));
        let app_id = num(self.id_index(F::AppId, e.app_id));
        let occurred_at = if (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&e.occurred_at) {
            #[allow(clippy::cast_precision_loss)] // within ±2^53: exact
            let v = e.occurred_at as f64;
            [v, -1.0]
        } else {
            [0.0, num(self.id_index(F::OccurredAt, e.occurred_at))]
        };
        self.ops.extend(subscription_type);
        self.ops
            .extend([object_type, action, event_id, subscription_id, portal_id, app_id]);
        self.ops.extend(occurred_at);
        self.ops.push(f64::from(e.attempt_number));
    }

    /// The index of an integer's decimal digits in the table.
    fn id_index(&mut self, field: F, v: i64) -> usize {
        let mut digits = Digits::default();
        self.intern(field, digits.of(v))
    }

    /// `dedupKey`, written straight into the table (always new: no reuse).
    fn dedup_key(&mut self, e: &Event) {
        let before = self.text.len();
        e.write_dedup_key(&mut self.text);
        self.units += utf16_units(self.text.as_bytes().get(before..).unwrap_or_default());
        self.ends.push(num(self.units));
        self.byte_ends.push(self.text.len());
        self.op(F::DedupKey, kind::STR);
        self.ops.push(num(self.ends.len() - 1));
    }

    /// A string field of `e`: a slice of the body's text when it stands there unescaped (no
    /// copy through the module), else a string of the table.
    fn text(&mut self, field: F, e: &Event, t: &hs::Text, at: &EventUnits) {
        match e.body_range(t) {
            Some(range) => {
                self.op(field, kind::TEXT);
                self.ops.extend([num(at.at(range.start)), num(at.at(range.end))]);
            }
            None => self.str(field, t),
        }
    }

    fn opt_text(&mut self, field: F, e: &Event, t: Option<&hs::Text>, at: &EventUnits) {
        if let Some(t) = t {
            self.text(field, e, t, at);
        }
    }

    /// An ID: its exact decimal digits, as a string.
    fn id(&mut self, field: F, v: i64) {
        let mut digits = Digits::default();
        self.str(field, digits.of(v));
    }

    fn opt_id(&mut self, field: F, v: Option<i64>) {
        if let Some(v) = v {
            self.id(field, v);
        }
    }

    /// A time or count: a number while a JavaScript number holds it exactly, else a `bigint`.
    fn time(&mut self, field: F, v: i64) {
        if (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&v) {
            self.op(field, kind::NUM);
            #[allow(clippy::cast_precision_loss)] // within ±2^53: exact
            self.ops.push(v as f64);
        } else {
            let mut digits = Digits::default();
            let index = self.intern(field, digits.of(v));
            self.op(field, kind::BIG);
            self.ops.push(num(index));
        }
    }

    fn opt_bool(&mut self, field: F, v: Option<bool>) {
        if let Some(v) = v {
            self.op(field, if v { kind::TRUE } else { kind::FALSE });
        }
    }

    fn event(&mut self, e: &Event, body_units: &mut BodyUnits<'_>) {
        let span = e.raw_span();
        let at = body_units.event(span.start, span.end);
        self.head(e, &at);
        self.opt_id(F::ObjectId, e.object_id);
        self.opt_text(F::ObjectTypeId, e, e.object_type_id.as_ref(), &at);
        self.opt_text(F::ChangeSource, e, e.change_source.as_ref(), &at);
        self.opt_text(F::SourceId, e, e.source_id.as_ref(), &at);
        self.opt_text(F::ChangeFlag, e, e.change_flag.as_ref(), &at);
        self.opt_text(F::EventTypeName, e, e.event_type_name.as_ref(), &at);
        self.opt_text(F::PropertyName, e, e.property_name.as_ref(), &at);
        match &e.property_value {
            // As sent: a string, or other JSON (`false`, `3`, ...) from its original text.
            Some(hs::PropertyValue::String(s)) => self.text(F::PropertyValue, e, s, &at),
            Some(hs::PropertyValue::Json(text)) => {
                let index = self.intern(F::PropertyValue, text);
                self.op(F::PropertyValue, kind::JSON);
                self.ops.push(num(index));
            }
            None => {}
        }
        self.opt_bool(F::IsSensitive, e.is_sensitive);
        self.opt_id(F::PrimaryObjectId, e.primary_object_id);
        if let Some(ids) = &e.merged_object_ids {
            let indexes: Vec<usize> = ids
                .iter()
                .map(|id| {
                    let mut digits = Digits::default();
                    self.intern(F::MergedObjectIds, digits.of(*id))
                })
                .collect();
            self.op(F::MergedObjectIds, kind::STRS);
            self.ops.push(num(indexes.len()));
            self.ops.extend(indexes.into_iter().map(num));
        }
        self.opt_id(F::NewObjectId, e.new_object_id);
        if let Some(n) = e.number_of_properties_moved {
            self.time(F::NumberOfPropertiesMoved, n);
        }
        self.opt_text(F::AssociationType, e, e.association_type.as_ref(), &at);
        self.opt_id(F::FromObjectId, e.from_object_id);
        self.opt_id(F::ToObjectId, e.to_object_id);
        self.opt_bool(F::AssociationRemoved, e.association_removed);
        self.opt_bool(F::IsPrimaryAssociation, e.is_primary_association);
        self.opt_text(F::FromObjectTypeId, e, e.from_object_type_id.as_ref(), &at);
        self.opt_text(F::ToObjectTypeId, e, e.to_object_type_id.as_ref(), &at);
        self.opt_id(F::AssociationTypeId, e.association_type_id);
        self.opt_text(F::AssociationCategory, e, e.association_category.as_ref(), &at);
        self.opt_text(F::MessageId, e, e.message_id.as_ref(), &at);
        self.opt_str(F::MessageType, e.message_type.as_ref().map(hs::MessageType::as_str));
        self.opt_str(F::EffectiveObjectTypeId, e.effective_object_type_id());
        self.conversation(e);
        self.dedup_key(e);
        self.op(F::RawJson, kind::RAW);
        self.ops.extend([num(at.at(span.start)), num(at.at(span.end))]);
        self.op(F::SubscriptionType, kind::END);
    }

    /// `conversation`: the typed view of a `conversation.*` event; `change` names what changed.
    fn conversation(&mut self, e: &Event) {
        let Some(view) = e.conversation() else {
            return;
        };
        self.op(F::Conversation, kind::OBJ);
        self.opt_id(F::ThreadId, view.thread_id);
        self.str(F::Change, view.change.name());
        match view.change {
            ConversationChange::AssigneeChanged { assignee } => self.opt_str(F::Assignee, assignee),
            ConversationChange::StatusChanged { status } => {
                self.opt_str(F::Status, status.as_ref().map(|s| s.as_str()));
            }
            ConversationChange::ArchivedChanged { archived } => self.opt_bool(F::Archived, archived),
            ConversationChange::PropertyChanged { name, value } => {
                self.opt_str(F::PropertyName, name);
                self.opt_str(F::PropertyValue, value);
            }
            ConversationChange::NewMessage {
                message_id,
                message_type,
            } => {
                self.opt_str(F::MessageId, message_id);
                self.opt_str(F::MessageType, message_type.map(hs::MessageType::as_str));
            }
            _ => {}
        }
        self.op(F::SubscriptionType, kind::END);
    }

    /// The numbers, header first.
    fn finish(
        mut self,
        verified: Option<hs::Verified>,
        rejected: &[RejectedEvent],
        events: usize,
    ) -> (String, Vec<f64>) {
        let version = verified.map_or(-1.0, |v| num(self.intern(F::Change, v.version.as_str())));
        let secret_index = verified.map_or(-1.0, |v| num(v.secret_index));
        let rejected = if rejected.is_empty() {
            -1.0
        } else {
            let mut out = Json::with_capacity(256);
            out.byte(b'[');
            for (i, r) in rejected.iter().enumerate() {
                if i > 0 {
                    out.byte(b',');
                }
                write_rejected(&mut out, r);
            }
            out.byte(b']');
            num(self.intern(F::Change, &out.finish()))
        };
        let mut numbers = Vec::with_capacity(HEADER + self.ends.len() + self.ops.len());
        numbers.extend([0.0, version, secret_index, rejected, num(events), num(self.ends.len())]);
        numbers.extend_from_slice(&self.ends);
        numbers.extend_from_slice(&self.ops);
        (self.text, numbers)
    }
}

/// Decimal digits of an i64, without allocating.
#[derive(Default)]
struct Digits([u8; 20]);

impl Digits {
    fn of(&mut self, v: i64) -> &str {
        let mut n = v.unsigned_abs();
        let mut at = self.0.len();
        for slot in self.0.iter_mut().rev() {
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
            // i64::MIN has 19 digits: there is room for the sign.
            at -= 1;
            if let Some(slot) = self.0.get_mut(at) {
                *slot = b'-';
            }
        }
        std::str::from_utf8(self.0.get(at..).unwrap_or_default()).unwrap_or_default()
    }
}

/// UTF-16 offsets into the body's text, for byte offsets given in increasing order.
struct BodyUnits<'a> {
    body: &'a [u8],
    ascii: bool,
    byte_at: usize,
    unit_at: usize,
}

impl<'a> BodyUnits<'a> {
    fn new(body: &'a [u8]) -> Self {
        BodyUnits {
            body,
            ascii: body.is_ascii(),
            byte_at: 0,
            unit_at: 0,
        }
    }

    /// The offsets within the event whose raw JSON is `start..end` (events in order).
    fn event(&mut self, start: usize, end: usize) -> EventUnits<'a> {
        let raw = self.body.get(start..end).unwrap_or_default();
        EventUnits {
            raw,
            start,
            unit_start: self.at(start),
            ascii: self.ascii || raw.is_ascii(),
        }
    }

    fn at(&mut self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        if byte < self.byte_at {
            // Not in order (never expected): count from the start.
            self.byte_at = 0;
            self.unit_at = 0;
        }
        self.unit_at += utf16_units(self.body.get(self.byte_at..byte).unwrap_or_default());
        self.byte_at = byte;
        self.unit_at
    }
}

/// UTF-16 offsets into the body's text of byte offsets within one event's raw JSON.
struct EventUnits<'a> {
    /// The event's raw JSON, and the UTF-16 offset of its start in the body's text.
    raw: &'a [u8],
    start: usize,
    unit_start: usize,
    /// The raw JSON is ASCII: a byte is a unit.
    ascii: bool,
}

impl EventUnits<'_> {
    fn at(&self, byte: usize) -> usize {
        let within = byte.saturating_sub(self.start);
        if self.ascii {
            return self.unit_start + within;
        }
        self.unit_start + utf16_units(self.raw.get(..within).unwrap_or_default())
    }
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

thread_local! {
    /// The numbers of the last answer, until the package takes them (`takeNumbers`).
    static NUMBERS: RefCell<Vec<f64>> = const { RefCell::new(Vec::new()) };
}

fn set_numbers(numbers: Vec<f64>) {
    NUMBERS.with(|slot| {
        if let Ok(mut slot) = slot.try_borrow_mut() {
            *slot = numbers;
        }
    });
}

/// The answer of a call: the text of the description (see above), its numbers kept for
/// `takeNumbers`; or, for an error, `{"error": ...}` with the numbers `[1]`.
fn delivery(verified: Option<hs::Verified>, batch: &hs::Batch, body: &[u8]) -> String {
    let mut enc = Encoder::new(batch.events.len());
    let mut units = BodyUnits::new(body);
    for e in &batch.events {
        enc.event(e, &mut units);
    }
    let (text, numbers) = enc.finish(verified, &batch.rejected, batch.events.len());
    set_numbers(numbers);
    text
}

fn failure(text: String) -> String {
    set_numbers(vec![1.0]);
    text
}

/// The numbers of the last answer (taken: a second call gives none).
#[wasm_bindgen(js_name = takeNumbers)]
pub fn take_numbers() -> Vec<f64> {
    NUMBERS.with(|slot| {
        slot.try_borrow_mut()
            .map(|mut n| std::mem::take(&mut *n))
            .unwrap_or_default()
    })
}

/// The names of the event members, by code (see `F`), as a JSON array.
#[wasm_bindgen(js_name = eventFieldNames)]
pub fn event_field_names() -> String {
    let mut out = Json::with_capacity(1024);
    out.byte(b'[');
    for (i, name) in FIELD_NAMES.iter().enumerate() {
        if i > 0 {
            out.byte(b',');
        }
        out.string(name);
    }
    out.byte(b']');
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

/// Splits `text` into pieces of the given UTF-16 lengths (JavaScript string lengths: the
/// package passes a request's strings as one text, one crossing instead of one per string).
/// `None` when the lengths do not add up.
fn split_utf16<'a>(text: &'a str, lengths: &[u32]) -> Option<Vec<&'a str>> {
    let mut pieces = Vec::with_capacity(lengths.len());
    let mut rest = text;
    let ascii = text.is_ascii();
    for &units in lengths {
        let units = usize::try_from(units).ok()?;
        let bytes = if ascii {
            units
        } else {
            let mut seen = 0;
            let mut end = 0;
            for c in rest.chars() {
                if seen == units {
                    break;
                }
                seen += c.len_utf16();
                end += c.len_utf8();
            }
            if seen != units {
                return None;
            }
            end
        };
        let (piece, tail) = (rest.get(..bytes)?, rest.get(bytes..)?);
        pieces.push(piece);
        rest = tail;
    }
    rest.is_empty().then_some(pieces)
}

/// A request from its strings, `[method, url, secret × secret_count, name, value, ...]`: the
/// request and the secrets.
fn request<'a>(strings: &'a [&'a str], secret_count: u32, body: &'a [u8]) -> Option<(Request<'a>, &'a [&'a str])> {
    let secret_count = usize::try_from(secret_count).ok()?;
    let (method, rest) = strings.split_first()?;
    let (url, rest) = rest.split_first()?;
    let secrets = rest.get(..secret_count)?;
    let headers = rest.get(secret_count..)?;
    let mut r = Request::new(*method, *url, body);
    for pair in headers.chunks_exact(2) {
        if let [name, value] = pair {
            r = r.header(*name, *value);
        }
    }
    Some((r, secrets))
}

const BAD_STRINGS: &str = "the request's strings do not add up (mismatched package files?)";

// ---------------------------------------------------------------------------------------------
// Exports (called by the package's JavaScript, not by users directly)

/// Verifies a request. `strings` holds, one after the other, the method, the URL,
/// `secret_count` secrets and the headers' names and values; `lengths` their JavaScript
/// lengths. Answers the delivery (no events) or `{"error"}` (see `delivery`).
#[wasm_bindgen(js_name = verifyRequest)]
#[allow(clippy::too_many_arguments)]
pub fn verify_request(
    strings: &str,
    lengths: &[u32],
    secret_count: u32,
    body: &[u8],
    now_ms: i64,
    tolerance_ms: Option<f64>,
    max_future_ms: Option<f64>,
    require_v3: bool,
    max_body_bytes: Option<f64>,
) -> String {
    let opts = match options(tolerance_ms, max_future_ms, require_v3, max_body_bytes, false, None) {
        Ok(o) => o,
        Err(message) => return failure(usage_json(&message)),
    };
    let Some(strings) = split_utf16(strings, lengths) else {
        return failure(usage_json(BAD_STRINGS));
    };
    let Some((req, secrets)) = request(&strings, secret_count, body) else {
        return failure(usage_json(BAD_STRINGS));
    };
    match with_digests(|d| hs::verify_with(&req, secrets, now_ms, &opts, d)) {
        Ok(v) => delivery(Some(v), &hs::Batch::default(), &[]),
        Err(e) => failure(core_error_json(&e)),
    }
}

/// Verifies a request and parses its body (arguments as for `verifyRequest`). Answers the
/// delivery or `{"error"}`.
#[wasm_bindgen(js_name = verifyAndParseRequest)]
#[allow(clippy::too_many_arguments)]
pub fn verify_and_parse_request(
    strings: &str,
    lengths: &[u32],
    secret_count: u32,
    body: &[u8],
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
        Err(message) => return failure(usage_json(&message)),
    };
    let Some(strings) = split_utf16(strings, lengths) else {
        return failure(usage_json(BAD_STRINGS));
    };
    let Some((req, secrets)) = request(&strings, secret_count, body) else {
        return failure(usage_json(BAD_STRINGS));
    };
    match with_digests(|d| hs::verify_and_parse_with(&req, secrets, now_ms, &opts, d)) {
        Ok(out) => delivery(Some(out.verified), &out.batch, body),
        Err(e) => failure(core_error_json(&e)),
    }
}

/// Parses a body without verifying it. Answers the delivery (no version) or `{"error"}`.
#[wasm_bindgen(js_name = parseBody)]
pub fn parse_body(body: &[u8], partial: bool, max_body_bytes: Option<f64>, max_events: Option<f64>) -> String {
    let opts = match options(None, None, false, max_body_bytes, partial, max_events) {
        Ok(o) => o,
        Err(message) => return failure(usage_json(&message)),
    };
    match hs::parse_batch(body, &opts) {
        Ok(batch) => delivery(None, &batch, body),
        Err(e) => failure(core_error_json(&e)),
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
    let headers = with_digests(|d| {
        hs::signed_headers_with(
            d,
            secret.as_bytes(),
            method.as_bytes(),
            url.as_bytes(),
            body,
            timestamp_ms,
        )
    });
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
