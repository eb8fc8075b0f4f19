//! The batch path through serde-wasm-bindgen, built only with the `serde-events` feature for
//! `bench/protocol.mjs`, which measures it against the batch protocol ([`crate::protocol`]) in
//! one run (figures in README.md, "Performance"). It gives the same members as the protocol:
//! every field of the core's table the event carries (IDs as strings), the derived members and
//! `rawJson` (copied here, where the protocol slices the caller's text). [`parse_only`] is the
//! floor of both: the core's parse with nothing handed over.

use hs::{Event, FieldValue, PropertyValue};
use hubspot_webhooks as hs;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use wasm_bindgen::prelude::*;

/// The largest integer a JavaScript number holds exactly.
const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// An integer as the package gives it: an ID's digits, else a number (its digits beyond 2^53).
struct Int(bool, i64);

impl Serialize for Int {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 || !(-MAX_SAFE_INTEGER..=MAX_SAFE_INTEGER).contains(&self.1) {
            s.serialize_str(itoa::Buffer::new().format(self.1))
        } else {
            s.serialize_i64(self.1)
        }
    }
}

struct Ints<'a>(bool, &'a [i64]);

impl Serialize for Ints<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.1.len()))?;
        for &v in self.1 {
            seq.serialize_element(&Int(self.0, v))?;
        }
        seq.end()
    }
}

struct EventOut<'a>(&'a Event);

impl Serialize for EventOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.0;
        let mut map = s.serialize_map(None)?;
        for (spec, value) in e.fields() {
            match value {
                FieldValue::Text(t) | FieldValue::Value(PropertyValue::String(t)) => {
                    map.serialize_entry(spec.json, t.as_str())?;
                }
                FieldValue::Value(PropertyValue::Json(t)) => map.serialize_entry(spec.json, t.as_str())?,
                FieldValue::Int(v) => map.serialize_entry(spec.json, &Int(spec.is_id, v))?,
                FieldValue::IntList(v) => map.serialize_entry(spec.json, &Ints(spec.is_id, v))?,
                FieldValue::Bool(b) => map.serialize_entry(spec.json, &b)?,
                other => map.serialize_entry(spec.json, &other.as_str())?,
            }
        }
        map.serialize_entry("objectType", e.object_type.as_str())?;
        map.serialize_entry("action", e.action.as_str())?;
        if let Some(id) = e.effective_object_type_id() {
            map.serialize_entry("effectiveObjectTypeId", id)?;
        }
        if let Some(view) = e.conversation() {
            map.serialize_entry("conversation", &Conversation(view))?;
        }
        map.serialize_entry("dedupKey", &e.dedup_key())?;
        map.serialize_entry("rawJson", e.raw_json())?;
        map.end()
    }
}

struct Conversation<'a>(hs::Conversation<'a>);

impl Serialize for Conversation<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        if let Some(thread) = self.0.thread_id {
            map.serialize_entry("threadId", &Int(true, thread))?;
        }
        map.serialize_entry("change", self.0.change.name())?;
        for (name, value) in self.0.change.values() {
            match value {
                hs::ChangeValue::Bool(b) => map.serialize_entry(name, &b)?,
                hs::ChangeValue::Text(t) => map.serialize_entry(name, t)?,
                _ => {}
            }
        }
        map.end()
    }
}

/// Parses a body and answers its events through serde-wasm-bindgen (an array of objects).
#[wasm_bindgen(js_name = parseBodySerde)]
pub fn parse_body_serde(body: &[u8]) -> Result<JsValue, JsValue> {
    let batch = hs::parse_batch(body, &hs::Options::default()).map_err(|e| JsValue::from_str(e.message()))?;
    let events: Vec<EventOut<'_>> = batch.events.iter().map(EventOut).collect();
    events
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(JsValue::from)
}

/// The floor of the batch path: the core's parse alone, nothing handed over (the count of
/// events, which the call cannot answer without parsing). `bench/protocol.mjs` times it against
/// `JSON.parse`, which builds the objects as well.
#[wasm_bindgen(js_name = parseOnly)]
pub fn parse_only(body: &[u8]) -> Result<usize, JsValue> {
    let batch = hs::parse_batch(body, &hs::Options::default()).map_err(|e| JsValue::from_str(e.message()))?;
    Ok(batch.events.len())
}
