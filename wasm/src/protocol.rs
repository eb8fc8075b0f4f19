//! The batch protocol: how a delivery crosses from the module to JavaScript.
//!
//! Events cross as a compact description rather than JSON or JavaScript objects made here: one
//! text holding every string (IDs as their decimal digits, a repeated value written once) and a
//! list of numbers, from which the package builds plain objects directly
//! (`pkg-src/decoding.js`). Measured against serde-wasm-bindgen on the same batches in
//! `bench/protocol.mjs` (figures in README.md, "Performance").
//!
//! # Version [`PROTOCOL_VERSION`]
//!
//! The package checks the version, the header, the member names and the tags at start-up
//! ([`crate::exports`]'s `layout()`), so mismatched files fail loudly instead of decoding garbage.
//! It reads the numbers in place, in this module's memory (`numbersAt`), until its next call.
//!
//! **Members.** A member code names what a value is: codes `0..FIELDS.len()` are the core's
//! [`FIELDS`] (by [`FieldId::index`], HubSpot's JSON names), then [`DERIVED`] (members the core
//! derives, by their JavaScript names). The package reads every name from the exported table.
//!
//! **Numbers** (`f64`, exact for every integer written):
//! - a header, [`HEADER`] by name: `[status, length, version, secretIndex, rejected, events,
//!   strings]`: status 0 (1: the text is `{"error": ...}`; 2: a Custom Channels delivery, the
//!   text is `{"version","secretIndex","event","rejected"}` ([`crate::channel`]: the event as the core
//!   serialises it, IDs as text); with 1 and 2 the header ends there); `length`
//!   the count of numbers, header included; `version` and `rejected` are string indexes or -1
//!   (the rejected events are a JSON text: `[{"index","error","rawJson"}]`); `secretIndex` -1
//!   when nothing was verified; `events` the count of events, `strings` of strings;
//! - the UTF-16 end offset of each string in the text (`strings` of them);
//! - the events, each `START`, then its members, then `END`. A member is an opcode
//!   `code * 16 + tag` and the tag's payload:
//!
//! | tag | payload | value |
//! |---|---|---|
//! | `STR` 0 | string index | that string |
//! | `NUM` 1 | the number | a number (an integer within ±(2^53 - 1)) |
//! | `TRUE` 2, `FALSE` 3 | none | a boolean |
//! | `BIG` 4 | string index | a `bigint` of those decimal digits |
//! | `JSON` 5 | string index | exact JSON text (a non-string `propertyValue`) |
//! | `LIST` 6 | count, then each element as a tag and its payload | an array |
//! | `OBJ` 7 | members up to their `END` | a nested object (`conversation`) |
//! | `END` 8 | none | the end of a nested object or of an event |
//! | `SLICE` 9 | UTF-16 start and end | a slice of the caller's body text (`rawJson`) |
//! | `TEXT` 10 | UTF-16 start and end | a slice of the body text as the core read it (an unescaped string field; a lone surrogate of a string body is U+FFFD there) |
//! | `START` 11 | the head: two numbers per member of [`head`], read by its [`form`] | a new event: its head (the members every event has, always in this order), then its other members |
//!
//! **Values by kind** ([`FieldKind`]): text as `TEXT` (unescaped in the body) or `STR`; enum as
//! `STR`; bool as `TRUE`/`FALSE`; an integer that is an ID (`FieldSpec::is_id`) as `STR` of its digits,
//! any other integer as `NUM`, or `BIG` beyond 2^53 - 1; an integer list as `LIST` of those;
//! `propertyValue` as a string (`TEXT`/`STR`) or, for other JSON, `JSON`.

use hubspot_webhooks::{
    ChangeValue, Event, FieldId, FieldKind, FieldSpec, FieldValue, PropertyValue, RejectedEvent, Text, Verified, FIELDS,
};

use crate::json;
use crate::units::{utf16_units, BodyUnits, EventUnits};

/// The version of this layout; the package refuses a module of another version.
pub const PROTOCOL_VERSION: u32 = 1;

/// The header's numbers, by name, in order (the package reads them by these names).
pub const HEADER: [&str; 7] = [
    "status",
    "length",
    "version",
    "secretIndex",
    "rejected",
    "events",
    "strings",
];

/// The numbers of a failure: status 1 and the length.
pub const FAILURE: [f64; 2] = [1.0, 2.0];

/// Names given once: an enum numbered in their order, and the names by number.
macro_rules! named {
    ($(#[$doc:meta])* $enum:ident, $names:ident: $($variant:ident $name:literal,)*) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug)]
        pub enum $enum {
            $($variant,)*
        }

        /// The names, by number.
        pub const $names: [&str; [$($name),*].len()] = [$($name),*];
    };
}

named! {
    /// Value tags (the low 4 bits of an opcode), exported by name for the package's check.
    Tag, TAGS:
    Str "str",
    Num "num",
    True "true",
    False "false",
    Big "big",
    Json "json",
    List "list",
    Obj "obj",
    End "end",
    Slice "slice",
    Text "text",
    Start "start",
}

named! {
    /// Members derived by the core (not fields), by their JavaScript names; their codes follow
    /// the fields'. The last five are members of `conversation`.
    D, DERIVED:
    ObjectType "objectType",
    Action "action",
    EffectiveObjectTypeId "effectiveObjectTypeId",
    DedupKey "dedupKey",
    RawJson "rawJson",
    Conversation "conversation",
    ThreadId "threadId",
    Change "change",
    Assignee "assignee",
    Status "status",
    Archived "archived",
}

/// The code of a derived member.
const fn derived(d: D) -> usize {
    FIELDS.len() + d as usize
}

/// The member code of a field's JSON name or a derived member's name.
fn member_named(name: &str) -> Option<usize> {
    let derived_code = || DERIVED.iter().position(|d| *d == name).map(|i| FIELDS.len() + i);
    FieldId::from_json(name).map(FieldId::index).or_else(derived_code)
}

/// Every member code.
pub const MEMBERS: usize = FIELDS.len() + DERIVED.len();

/// Whether a field is in an event's head: the fields every event carries (required, not an
/// alias), in the table's order.
fn in_head(spec: &FieldSpec) -> bool {
    spec.required && spec.alias_of.is_none() && head_form(spec).is_some()
}

/// How a head member is written: two numbers each, read by their form (see `START`).
pub mod form {
    /// A string: UTF-16 start and end in the body's text as the core read it, or -1 and a
    /// string index (an escaped string).
    pub const TEXT: &str = "text";
    /// A string index (and 0).
    pub const STR: &str = "str";
    /// An integer: the number and -1, or 0 and the index of a bigint's digits (beyond 2^53).
    pub const INT: &str = "int";
    /// A boolean: 1 or 0 (and 0).
    pub const BOOL: &str = "bool";
    /// UTF-16 start and end in the caller's body text.
    pub const SLICE: &str = "slice";
}

/// The head form of a field (IDs are strings); `None` for kinds that stay out of the head.
fn head_form(spec: &FieldSpec) -> Option<&'static str> {
    match spec.kind {
        FieldKind::Text => Some(form::TEXT),
        FieldKind::Enum => Some(form::STR),
        FieldKind::Int if spec.is_id => Some(form::STR),
        FieldKind::Int => Some(form::INT),
        FieldKind::Bool => Some(form::BOOL),
        _ => None,
    }
}

/// The member codes of an event's head, in order: the fields every event carries, then
/// `objectType`, `action`, `dedupKey` and `rawJson` (see `START`).
pub fn head() -> Vec<(usize, &'static str)> {
    let mut members: Vec<(usize, &'static str)> = FIELDS
        .iter()
        .filter_map(|s| Some((s.id.index(), head_form(s).filter(|_| in_head(s))?)))
        .collect();
    members.extend([
        (derived(D::ObjectType), form::STR),
        (derived(D::Action), form::STR),
        (derived(D::DedupKey), form::STR),
        (derived(D::RawJson), form::SLICE),
    ]);
    members
}

/// The largest integer a JavaScript number holds exactly.
const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

#[allow(clippy::cast_precision_loss)] // counts and offsets, far below 2^53
fn num(v: usize) -> f64 {
    v as f64
}

/// A delivery being described.
pub(crate) struct Encoder {
    /// Every string, one after the other.
    text: String,
    /// UTF-16 length of `text`.
    units: usize,
    /// The end of each string in `text`: UTF-16 (for the package) and bytes (for reuse).
    ends: Vec<f64>,
    byte_ends: Vec<usize>,
    ops: Vec<f64>,
    /// Per member, the index of its last string: an equal value reuses it.
    last: [Option<usize>; MEMBERS],
    fields: &'static Fields,
}

/// The table's fields by place, worked out once: the head's and the others (aliases left out).
struct Fields {
    head: Vec<&'static FieldSpec>,
    rest: Vec<&'static FieldSpec>,
}

static TABLES: std::sync::OnceLock<Fields> = std::sync::OnceLock::new();

fn fields() -> &'static Fields {
    TABLES.get_or_init(|| Fields {
        head: FIELDS.iter().filter(|s| in_head(s)).collect(),
        rest: FIELDS.iter().filter(|s| !in_head(s) && s.alias_of.is_none()).collect(),
    })
}

impl Encoder {
    pub fn new(events: usize) -> Self {
        Encoder {
            text: String::with_capacity(events * 160),
            units: 0,
            ends: Vec::with_capacity(events * 8),
            byte_ends: Vec::with_capacity(events * 8),
            ops: Vec::with_capacity(events * 56),
            last: [None; MEMBERS],
            fields: fields(),
        }
    }

    fn string_at(&self, index: usize) -> &str {
        let start = match index.checked_sub(1) {
            Some(prev) => self.byte_ends.get(prev).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.byte_ends.get(index).copied().unwrap_or(0);
        self.text.get(start..end).unwrap_or_default()
    }

    /// Ends the string that `text` now ends with; its index.
    fn close_string(&mut self, before: usize) -> usize {
        self.units += utf16_units(self.text.as_bytes().get(before..).unwrap_or_default());
        self.ends.push(num(self.units));
        self.byte_ends.push(self.text.len());
        self.ends.len() - 1
    }

    /// The index of `s` in the string table (the member's last one when equal).
    fn intern(&mut self, member: usize, s: &str) -> usize {
        if let Some(Some(index)) = self.last.get(member) {
            if self.string_at(*index) == s {
                return *index;
            }
        }
        let before = self.text.len();
        self.text.push_str(s);
        let index = self.close_string(before);
        if let Some(last) = self.last.get_mut(member) {
            *last = Some(index);
        }
        index
    }

    fn op(&mut self, member: usize, tag: Tag) {
        self.ops.push(num(member) * 16.0 + f64::from(tag as u8));
    }

    fn str(&mut self, member: usize, s: &str) {
        let index = self.intern(member, s);
        self.op(member, Tag::Str);
        self.ops.push(num(index));
    }

    /// A string of the event: a slice of the body's text when it stands there unescaped (no
    /// copy through the module), else a string of the table.
    fn text(&mut self, member: usize, t: &Text, at: &EventUnits, e: &Event) {
        match e.body_range(t) {
            Some(range) => {
                self.op(member, Tag::Text);
                self.ops.extend([num(at.at(range.start)), num(at.at(range.end))]);
            }
            None => self.str(member, t),
        }
    }

    /// A head member's two numbers (see [`form`]).
    fn head_value(&mut self, spec: &FieldSpec, value: Option<FieldValue<'_>>, at: &EventUnits, e: &Event) -> [f64; 2] {
        let member = spec.id.index();
        match value {
            Some(FieldValue::Text(t)) => match e.body_range(t) {
                Some(range) => [num(at.at(range.start)), num(at.at(range.end))],
                None => [-1.0, num(self.intern(member, t))],
            },
            Some(FieldValue::Enum(s)) => [num(self.intern(member, s)), 0.0],
            Some(FieldValue::Bool(b)) => [f64::from(u8::from(b)), 0.0],
            Some(FieldValue::Int(v)) => match self.int_value(member, spec.is_id, v) {
                (Tag::Num, n) => [n, -1.0],
                (Tag::Str, index) => [index, 0.0],
                (_, index) => [0.0, index],
            },
            // Never: a head field is required, of a kind with a form.
            _ => [0.0, 0.0],
        }
    }

    /// An integer's tag and payload (see the module's doc).
    fn int_value(&mut self, member: usize, id: bool, v: i64) -> (Tag, f64) {
        if !id && (-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&v) {
            #[allow(clippy::cast_precision_loss)] // within ±2^53: exact
            return (Tag::Num, v as f64);
        }
        let index = num(self.intern(member, itoa::Buffer::new().format(v)));
        (if id { Tag::Str } else { Tag::Big }, index)
    }

    fn field(&mut self, spec: &FieldSpec, value: FieldValue<'_>, at: &EventUnits, e: &Event) {
        let member = spec.id.index();
        match value {
            FieldValue::Text(t) | FieldValue::Value(PropertyValue::String(t)) => self.text(member, t, at, e),
            FieldValue::Value(PropertyValue::Json(t)) => {
                let index = self.intern(member, t);
                self.op(member, Tag::Json);
                self.ops.push(num(index));
            }
            FieldValue::Enum(s) => self.str(member, s),
            FieldValue::Bool(b) => self.op(member, if b { Tag::True } else { Tag::False }),
            FieldValue::Int(v) => {
                let (t, payload) = self.int_value(member, spec.is_id, v);
                self.op(member, t);
                self.ops.push(payload);
            }
            FieldValue::IntList(list) => {
                self.op(member, Tag::List);
                self.ops.push(num(list.len()));
                for &v in list {
                    let (t, payload) = self.int_value(member, spec.is_id, v);
                    self.ops.extend([f64::from(t as u8), payload]);
                }
            }
            // A kind this version of the protocol does not know: a string view if it has one.
            other => {
                if let Some(s) = other.as_str() {
                    self.str(member, s);
                }
            }
        }
    }

    /// One event: `START`, every field the core's table lists that the event carries, the
    /// derived members, `END`.
    pub fn event(&mut self, e: &Event, body_units: &mut BodyUnits<'_>) {
        let span = e.raw_span();
        let at = body_units.event(span.start, span.end);
        self.op(0, Tag::Start);
        // The head: the fields every event carries, its object type, action, dedup key and JSON.
        for &spec in &self.fields.head {
            let pair = self.head_value(spec, e.field(spec.id), &at, e);
            self.ops.extend(pair);
        }
        let object_type = num(self.intern(derived(D::ObjectType), e.object_type.as_str()));
        let action = num(self.intern(derived(D::Action), e.action.as_str()));
        // The dedup key, written straight into the table (always new: no reuse).
        let before = self.text.len();
        e.write_dedup_key(&mut self.text);
        let dedup_key = num(self.close_string(before));
        let raw = [num(at.at(span.start)), num(at.at(span.end))];
        self.ops.extend([object_type, 0.0, action, 0.0, dedup_key, 0.0]);
        self.ops.extend(raw);
        for &spec in &self.fields.rest {
            if let Some(value) = e.field(spec.id) {
                self.field(spec, value, &at, e);
            }
        }
        if let Some(id) = e.effective_object_type_id() {
            self.str(derived(D::EffectiveObjectTypeId), id);
        }
        self.conversation(e);
        self.op(0, Tag::End);
    }

    /// `conversation`: the typed view of a `conversation.*` event; `change` names what changed,
    /// then its values (the core's `ConversationChange::values`), each as the field or derived
    /// member of its name.
    fn conversation(&mut self, e: &Event) {
        let Some(view) = e.conversation() else {
            return;
        };
        self.op(derived(D::Conversation), Tag::Obj);
        if let Some(thread) = view.thread_id {
            self.str(derived(D::ThreadId), itoa::Buffer::new().format(thread));
        }
        self.str(derived(D::Change), view.change.name());
        for (name, value) in view.change.values() {
            // Every name is a member's (the package checks `changeValues` at start-up); a new
            // one needs a new member.
            let Some(member) = member_named(name) else {
                continue;
            };
            match value {
                ChangeValue::Text(s) => self.str(member, s),
                ChangeValue::Bool(b) => self.op(member, if b { Tag::True } else { Tag::False }),
                // A kind this version of the protocol does not know.
                _ => {}
            }
        }
        self.op(0, Tag::End);
    }

    /// The text and the numbers, header first (or a failure's, see [`FAILURE`]).
    pub fn finish(
        mut self,
        verified: Option<Verified>,
        rejected: &[RejectedEvent],
        events: usize,
    ) -> (String, Vec<f64>) {
        let scratch = derived(D::Change);
        let version = verified.map_or(-1.0, |v| num(self.intern(scratch, v.version.as_str())));
        let secret_index = verified.map_or(-1.0, |v| num(v.secret_index));
        let rejected = if rejected.is_empty() {
            -1.0
        } else {
            // Strings and integers (never fails); were it to, the call fails rather than hand
            // over an error where the package reads a list.
            match serde_json::to_string(&json::rejected(rejected)) {
                Ok(text) => num(self.intern(scratch, &text)),
                Err(e) => return (json::usage_answer(&e.to_string()), FAILURE.to_vec()),
            }
        };
        let length = HEADER.len() + self.ends.len() + self.ops.len();
        let mut numbers = Vec::with_capacity(length);
        let strings = num(self.ends.len());
        numbers.extend([0.0, num(length), version, secret_index, rejected, num(events), strings]);
        numbers.extend_from_slice(&self.ends);
        numbers.extend_from_slice(&self.ops);
        (self.text, numbers)
    }
}
