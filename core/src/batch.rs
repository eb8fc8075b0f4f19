//! Batch parsing: the request body (a JSON array of events) into typed [`Event`]s.
//!
//! One pass over the body: each element of the array is deserialised straight into an
//! [`Event`] (no intermediate `serde_json::Value`), and its raw JSON is the range of the body the
//! reader covered (all events share one copy of the body). Strict parsing fails on the first bad
//! event; partial parsing keeps every good event and returns each bad one with its index, error
//! and raw JSON, so nothing is lost.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::error::{excerpt_quotes, Error, ErrorCode, Result};
use crate::event::PropertyValue;
use crate::schema::{Event, Fields, Input, SetError};
use crate::text::Text;
use crate::Options;

/// The events of a batch.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Batch {
    /// The events that parsed, in body order.
    pub events: Vec<Event>,
    /// With partial parsing: the events that did not, in body order. Always empty when strict.
    pub rejected: Vec<RejectedEvent>,
}

/// An event that partial parsing could not type.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RejectedEvent {
    /// Its index in the body's array, from 0.
    pub index: usize,
    /// Why (code `invalid_event`, with the field where one is at fault).
    pub error: Error,
    /// Its JSON text exactly as it stood in the body.
    pub raw: String,
}

/// Parses a request body into a batch of typed events (no signature check: use
/// [`crate::verify_and_parse`] for requests). Honours `max_body_bytes`, `max_events` and
/// `partial` of `options`.
pub fn parse_batch(body: &[u8], options: &Options) -> Result<Batch> {
    scan_batch(body_text(body, options)?, options)
}

/// The body as text: within the size limit and valid UTF-8.
pub(crate) fn body_text<'a>(body: &'a [u8], options: &Options) -> Result<&'a str> {
    check_body_size(body, options)?;
    std::str::from_utf8(body).map_err(|e| {
        Error::new(
            ErrorCode::InvalidJson,
            format!(
                "the body is not valid UTF-8 (invalid byte at offset {}): HubSpot sends UTF-8 JSON; pass the raw bytes as received",
                e.valid_up_to()
            ),
        )
    })
}

/// JSON whitespace.
pub(crate) fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while matches!(bytes.get(pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        pos += 1;
    }
    pos
}

fn invalid_json(detail: impl fmt::Display, at: usize) -> Error {
    Error::new(
        ErrorCode::InvalidJson,
        format!("the body is not valid JSON ({detail}, near byte {at}); pass the raw request body, not a parsed or re-encoded one"),
    )
}

/// Reads one JSON value of any kind at the start of `rest`; returns its length.
fn skip_value(rest: &str, at: usize) -> Result<usize> {
    let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<&RawValue>();
    match stream.next() {
        Some(Ok(_)) => Ok(stream.byte_offset()),
        Some(Err(e)) => Err(invalid_json(e, at)),
        None => Err(invalid_json("unexpected end of input", at)),
    }
}

/// One pass over the batch: each event is typed as it is read, and its raw text is the slice
/// the reader covered. The outcome is the same as checking, in order, that the body is JSON,
/// that it is an array of at most `max_events` objects, and then typing each event.
pub(crate) fn scan_batch(text: &str, options: &Options) -> Result<Batch> {
    scan_batch_with(text, options, true)
}

/// [`parse_batch`] by the full reader alone, reading every value with serde, without the
/// plain reader ([`crate::plain`]) at all: for the tests and the fuzz target that check the two
/// agree. Not part of the API.
#[doc(hidden)]
pub fn parse_batch_full_reader(body: &[u8], options: &Options) -> Result<Batch> {
    scan_batch_with(body_text(body, options)?, options, false)
}

/// [`scan_batch`], with or without the plain-event fast path.
fn scan_batch_with(text: &str, options: &Options, fast: bool) -> Result<Batch> {
    let bytes = text.as_bytes();
    let mut pos = skip_ws(bytes, 0);
    if bytes.get(pos) != Some(&b'[') {
        return Err(not_an_array(text, pos));
    }
    pos = skip_ws(bytes, pos + 1);
    // HubSpot sends at most 100 events; reserve for the common case, grow past it.
    let mut batch = Batch {
        events: Vec::with_capacity((text.len() / 128).clamp(1, 128)),
        rejected: Vec::new(),
    };
    // The events' raw texts are ranges of one shared copy of the body.
    let shared: Arc<str> = Arc::from(text);
    let mut first_error: Option<Error> = None;
    let mut non_object: Option<usize> = None;
    let mut index = 0usize;
    // One reader's fields for every event (each event takes its values out of it).
    let mut fields = Fields::default();
    if bytes.get(pos) == Some(&b']') {
        pos += 1;
    } else {
        loop {
            if index == options.max_events {
                return Err(Error::new(
                    ErrorCode::InvalidBatch,
                    format!(
                        "the batch has more than {} events (HubSpot sends at most 100); raise max_events if you expect more",
                        options.max_events
                    ),
                ));
            }
            let rest = text.get(pos..).unwrap_or_default();
            // Once the outcome is decided (strict mode with an error, or a non-object), the
            // remaining elements are only read for syntax.
            let typing = non_object.is_none() && (options.partial || first_error.is_none());
            let len = if rest.starts_with('{') && typing {
                let source = Source::new(&shared, text);
                // The plain reader first; when it gives up, the full reader reads the event again,
                // from an empty reader.
                let plain = if fast {
                    let end = crate::plain::read_event(text, pos, &mut fields, source);
                    if end.is_none() {
                        fields = Fields::default();
                    }
                    end.map(|end| end - pos)
                } else {
                    None
                };
                let (len, error) = match plain.map_or_else(|| read_full(rest, &mut fields, source, fast), Ok) {
                    Ok(len) => {
                        let raw = Text::shared(&shared, pos, pos + len);
                        (len, fields.take_event(index, raw, &mut batch.events).err())
                    }
                    Err((e, failed_field)) => {
                        fields = Fields::default();
                        // Find the element's extent; a syntax error makes the body invalid JSON.
                        let len = skip_value(rest, pos)?;
                        (len, Some(event_error(index, failed_field.as_deref(), &e)))
                    }
                };
                if let Some(error) = error {
                    reject(
                        &mut batch,
                        &mut first_error,
                        index,
                        error,
                        rest.get(..len).unwrap_or_default(),
                    );
                }
                len
            } else {
                if !rest.starts_with('{') && non_object.is_none() {
                    non_object = Some(index);
                }
                skip_value(rest, pos)?
            };
            index += 1;
            pos = skip_ws(bytes, pos + len);
            match bytes.get(pos) {
                Some(b',') => pos = skip_ws(bytes, pos + 1),
                Some(b']') => {
                    pos += 1;
                    break;
                }
                Some(_) => return Err(invalid_json("expected ',' or ']' after an element of the array", pos)),
                None => return Err(invalid_json("unexpected end of input inside the array", pos)),
            }
        }
    }
    if skip_ws(bytes, pos) != bytes.len() {
        return Err(invalid_json("trailing characters after the array", pos));
    }
    // The batch must be an array of objects before any event is looked at (in both modes:
    // an element that is not an object means the body is not a HubSpot batch).
    if let Some(index) = non_object {
        return Err(Error::new(
            ErrorCode::InvalidBatch,
            format!("element {index} of the batch is not a JSON object: HubSpot sends an array of event objects"),
        )
        .with_index(index));
    }
    match first_error {
        Some(error) if !options.partial => Err(error),
        _ => Ok(batch),
    }
}

/// The full reader on the event object at the start of `rest`: its length, or the reader's error
/// and the field it was reading. `plain`: values are read plainly when they can be.
fn read_full(
    rest: &str,
    fields: &mut Fields,
    source: Source<'_>,
    plain: bool,
) -> Result<usize, (serde_json::Error, Option<String>)> {
    let mut de = serde_json::Deserializer::from_str(rest);
    let mut failed_field: Option<String> = None;
    let read = EventSeed {
        failed_field: &mut failed_field,
        source,
        fields,
        plain,
    }
    .deserialize(&mut de);
    match read {
        Ok(()) => Ok(de.into_iter::<IgnoredAny>().byte_offset()),
        Err(e) => Err((e, failed_field)),
    }
}

/// Records a bad event: kept with its raw text in partial mode, remembered in strict mode.
fn reject(batch: &mut Batch, first_error: &mut Option<Error>, index: usize, error: Error, raw: &str) {
    if first_error.is_none() {
        *first_error = Some(error.clone());
    }
    batch.rejected.push(RejectedEvent {
        index,
        error,
        raw: raw.to_owned(),
    });
}

pub(crate) fn check_body_size(body: &[u8], options: &Options) -> Result<()> {
    check_body_length(body.len() as u64, options)
}

/// `body_too_large` when a body of `length` bytes is over `options.max_body_bytes`. For
/// receivers that read the body as a stream: call it with the declared `Content-Length`
/// before reading, and with the count read so far while reading (stop at the first error), so
/// a body over the limit is never buffered. The error is the one verification gives.
pub fn check_body_length(length: u64, options: &Options) -> Result<()> {
    if length > options.max_body_bytes as u64 {
        return Err(Error::new(
            ErrorCode::BodyTooLarge,
            format!(
                "the body is {} bytes, over the limit of {} bytes (HubSpot sends at most 100 events); raise max_body_bytes if you expect more",
                length, options.max_body_bytes
            ),
        ));
    }
    Ok(())
}

/// The error for a body that does not start with `[`: invalid JSON, or JSON of another kind.
pub(crate) fn not_an_array(text: &str, at: usize) -> Error {
    let mut de = serde_json::Deserializer::from_str(text);
    // Reading any value can only fail on syntax (or the end of the input).
    if let Err(e) = IgnoredAny::deserialize(&mut de).and_then(|_| de.end()) {
        return invalid_json(e, at);
    }
    let message = if text.as_bytes().get(at) == Some(&b'{') {
        "the body is a JSON object without a string `type`: HubSpot sends Webhooks API deliveries as an array of events \
         and Custom Channels events as one object with a `type`; pass the whole raw body (not one event, not a wrapper object)"
    } else {
        "the body is JSON, but neither an array of events nor a Custom Channels event object: pass the raw request body as HubSpot sent it"
    };
    Error::new(ErrorCode::InvalidBatch, message)
}

/// Parses one event from its JSON text.
pub fn parse_event(index: usize, raw: &str) -> Result<Event> {
    if !raw.starts_with('{') {
        return Err(Error::event(index, None, format!("event {index} is not a JSON object")));
    }
    let shared: Arc<str> = Arc::from(raw);
    let mut failed_field: Option<String> = None;
    let mut de = serde_json::Deserializer::from_str(raw);
    let mut fields = Fields::default();
    EventSeed {
        failed_field: &mut failed_field,
        source: Source::new(&shared, raw),
        fields: &mut fields,
        plain: true,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end())
    .map_err(|e| event_error(index, failed_field.as_deref(), &e))?;
    let end = raw.len();
    let mut events = Vec::with_capacity(1);
    fields.take_event(index, Text::shared(&shared, 0, end), &mut events)?;
    events
        .pop()
        .ok_or_else(|| Error::event(index, None, format!("event {index} could not be read")))
}

/// An `invalid_event` error from the reader's error, naming the field being read, if any.
/// serde_json's message without its position, each quoted value cut ([`excerpt_quotes`]).
pub(crate) fn serde_message(e: &serde_json::Error) -> String {
    excerpt_quotes(e.to_string().split(" at line ").next().unwrap_or_default())
}

fn event_error(index: usize, field: Option<&str>, e: &serde_json::Error) -> Error {
    let message = serde_message(e);
    match field {
        Some(field) => Error::event(index, Some(field), format!("event {index}: field `{field}`: {message}")),
        None => Error::event(index, None, format!("event {index}: {message}")),
    }
}

/// The text being read and its shared copy: a string borrowed from the text becomes a range
/// of the copy ([`Text`]) instead of an allocation.
#[derive(Clone, Copy)]
pub(crate) struct Source<'a> {
    shared: &'a Arc<str>,
    /// The address of the first byte of the text being read (the copy has the same bytes).
    base: usize,
}

impl<'a> Source<'a> {
    fn new(shared: &'a Arc<str>, text: &str) -> Source<'a> {
        Source {
            shared,
            base: text.as_ptr() as usize,
        }
    }

    /// `s` as a range of the shared copy when `s` lies within the text being read, else a copy.
    pub(crate) fn text(self, s: &str) -> Text {
        let start = (s.as_ptr() as usize).wrapping_sub(self.base);
        match start.checked_add(s.len()) {
            Some(end) if end <= self.shared.len() => Text::shared(self.shared, start, end),
            _ => Text::from(s),
        }
    }
}

/// Deserialises an event object into [`Fields`] (in place: the struct is large), remembering
/// which field failed.
struct EventSeed<'s> {
    failed_field: &'s mut Option<String>,
    source: Source<'s>,
    fields: &'s mut Fields,
    /// Values are read plainly when they can be (false: by serde alone).
    plain: bool,
}

impl<'de> DeserializeSeed<'de> for EventSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for EventSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an event object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let f = self.fields;
        while let Some(key) = map.next_key::<KeyText<'de>>()? {
            let raw: &'de RawValue = map.next_value()?;
            let input = if self.plain {
                Input::Raw(raw.get())
            } else {
                Input::Json(raw.get())
            };
            let read = match f.set(&key.0, input, self.source) {
                Ok(true) => Ok(()),
                // Not a typed field: any JSON, read fully (see `CheckedAny`).
                Ok(false) => serde_json::from_str::<CheckedAny>(raw.get()).map(|_| ()),
                Err(SetError::Json(error)) => Err(error),
                // Raw input is never given up on.
                Err(SetError::NotPlain) => Ok(()),
            };
            if let Err(error) = read {
                *self.failed_field = Some(key.0.into_owned());
                return Err(de::Error::custom(error));
            }
        }
        Ok(())
    }
}

/// `propertyValue` kept as sent: strings decoded, anything else as its JSON text (checked
/// like any other value, so that it can always be turned into a `serde_json::Value`).
pub(crate) fn property_value(text: &str, src: Source<'_>) -> Result<PropertyValue, serde_json::Error> {
    if let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        if !inner.contains('\\') {
            // No escapes: the value is the text between the quotes, as sent.
            return Ok(PropertyValue::String(src.text(inner)));
        }
        return serde_json::from_str::<String>(text).map(|s| PropertyValue::String(Text::from(s)));
    }
    serde_json::from_str::<CheckedAny>(text)?;
    Ok(PropertyValue::Json(src.text(text)))
}

/// The members of a JSON object's text, in order: each key decoded, each value as its exact
/// JSON text (a range of `object`'s source, no copy).
pub(crate) fn object_members(object: &Text) -> Result<Vec<(String, Text)>> {
    let text = object.as_str();
    let members = raw_members(text).map_err(not_an_object)?;
    let base = text.as_ptr() as usize;
    Ok(members
        .into_iter()
        .map(|(key, value)| {
            let start = (value.get().as_ptr() as usize).wrapping_sub(base);
            (key, object.slice(start..start + value.get().len()))
        })
        .collect())
}

/// The error for an event text that is not a JSON object (which the reader rules out).
pub(crate) fn not_an_object(e: serde_json::Error) -> Error {
    Error::new(
        ErrorCode::InvalidEvent,
        format!("the event's JSON is not an object: {e}"),
    )
}

/// The members of a JSON object's text, in order, each value as raw JSON borrowed from `text`.
pub(crate) fn raw_members(text: &str) -> serde_json::Result<Vec<(String, &RawValue)>> {
    struct Members<'de>(Vec<(String, &'de RawValue)>);
    impl<'de> serde::Deserialize<'de> for Members<'de> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Members<'de>, D::Error> {
            struct MembersVisitor;
            impl<'de> Visitor<'de> for MembersVisitor {
                type Value = Members<'de>;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a JSON object")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'de>, A::Error> {
                    let mut members = Vec::new();
                    while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                        members.push(entry);
                    }
                    Ok(Members(members))
                }
            }
            deserializer.deserialize_map(MembersVisitor)
        }
    }
    serde_json::from_str::<Members<'_>>(text).map(|m| m.0)
}

/// A JSON string (kept as a [`Text`] of the source) or null.
pub(crate) struct OptText<'a>(pub(crate) Source<'a>);

impl<'de> DeserializeSeed<'de> for OptText<'_> {
    type Value = Option<Text>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<Text>, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for OptText<'_> {
    type Value = Option<Text>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_none<E>(self) -> Result<Option<Text>, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Option<Text>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<Text>, D::Error> {
        deserializer.deserialize_str(self)
    }
    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Option<Text>, E> {
        Ok(Some(self.0.text(s)))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Option<Text>, E> {
        // Decoded from escapes: its own copy.
        Ok(Some(Text::from(s)))
    }
}

/// Skips a value like `IgnoredAny`, but reads it fully: numbers must fit a float, and nesting
/// is limited by serde_json's recursion limit (128). So every event that parses can also be
/// read back member by member ([`Event::json_fields`]), and deep nesting is an error
/// rather than work.
pub(crate) struct CheckedAny;

impl<'de> serde::Deserialize<'de> for CheckedAny {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<CheckedAny, D::Error> {
        deserializer.deserialize_any(CheckedAnyVisitor)
    }
}

struct CheckedAnyVisitor;

impl<'de> Visitor<'de> for CheckedAnyVisitor {
    type Value = CheckedAny;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<CheckedAny, E> {
        Ok(CheckedAny)
    }
    fn visit_i64<E>(self, _: i64) -> Result<CheckedAny, E> {
        Ok(CheckedAny)
    }
    fn visit_u64<E>(self, _: u64) -> Result<CheckedAny, E> {
        Ok(CheckedAny)
    }
    fn visit_f64<E>(self, _: f64) -> Result<CheckedAny, E> {
        Ok(CheckedAny)
    }
    fn visit_str<E>(self, _: &str) -> Result<CheckedAny, E> {
        Ok(CheckedAny)
    }
    fn visit_unit<E>(self) -> Result<CheckedAny, E> {
        Ok(CheckedAny)
    }
    fn visit_none<E>(self) -> Result<CheckedAny, E> {
        Ok(CheckedAny)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CheckedAny, A::Error> {
        while seq.next_element::<CheckedAny>()?.is_some() {}
        Ok(CheckedAny)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CheckedAny, A::Error> {
        while map.next_entry::<IgnoredAny, CheckedAny>()?.is_some() {}
        Ok(CheckedAny)
    }
}

/// An object key, borrowed from the body when it has no escapes.
struct KeyText<'de>(Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for KeyText<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<KeyText<'de>, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = KeyText<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<KeyText<'de>, E> {
                Ok(KeyText(Cow::Borrowed(key)))
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<KeyText<'de>, E> {
                Ok(KeyText(Cow::Owned(key.to_owned())))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Action, ObjectType};

    fn strict() -> Options {
        Options::default()
    }

    #[test]
    fn no_event_inherits_a_value_from_the_one_before() {
        // One reader's fields serve the whole batch: whether an event is typed, rejected while
        // being read, or rejected for a missing field, the next one starts empty.
        let head = r#""eventId":1,"portalId":2,"appId":3,"occurredAt":4,"attemptNumber":0"#;
        let body = format!(
            "[{{{head},\"subscriptionType\":\"contact.creation\",\"objectId\":7,\"changeSource\":\"A\"}},\
              {{\"objectId\":8,\"sourceId\":\"s\",\"changeFlag\":5,{head},\"subscriptionType\":\"contact.creation\"}},\
              {{{head},\"eventType\":\"contact.deletion\"}},\
              {{\"objectId\":9,\"propertyName\":\"p\",\"eventId\":1}},\
              {{{head},\"subscriptionType\":\"contact.restore\"}}]"
        );
        let partial = Options {
            partial: true,
            ..Options::default()
        };
        let batch = parse_batch(body.as_bytes(), &partial).unwrap();
        assert_eq!(batch.rejected.iter().map(|r| r.index).collect::<Vec<_>>(), [1, 3]);
        let kinds: Vec<&str> = batch.events.iter().map(|e| e.subscription_type.as_str()).collect();
        assert_eq!(kinds, ["contact.creation", "contact.deletion", "contact.restore"]);
        assert_eq!(batch.events[0].object_id, Some(7));
        for event in &batch.events[1..] {
            assert_eq!(event.fields().count(), 6, "{:?}", event.fields().collect::<Vec<_>>());
        }
    }

    #[test]
    fn parses_the_docs_example_with_legacy_event_type() {
        let body = br#"[{"objectId": 1246965, "propertyName": "lifecyclestage", "propertyValue": "subscriber", "changeSource": "ACADEMY", "eventId": 3816279340, "subscriptionId": 25, "portalId": 33, "appId": 1160452, "occurredAt": 1462216307945, "eventType": "contact.propertyChange", "attemptNumber": 0},
  {"objectId": 1246978, "changeSource": "IMPORT", "eventId": 3816279480, "subscriptionId": 22, "portalId": 33, "appId": 1160452, "occurredAt": 1462216307945, "eventType": "contact.creation", "attemptNumber": 0}]"#;
        let batch = parse_batch(body, &strict()).unwrap();
        assert_eq!(batch.events.len(), 2);
        let e = &batch.events[0];
        assert_eq!(e.subscription_type, "contact.propertyChange");
        assert_eq!(
            (e.object_type.clone(), e.action.clone()),
            (ObjectType::Contact, Action::PropertyChange)
        );
        assert_eq!(e.property_value_str(), Some("subscriber"));
        assert_eq!(e.event_id, 3816279340);
        assert!(e.raw_json().starts_with("{\"objectId\": 1246965"));
    }

    #[test]
    fn errors_name_the_index_and_field() {
        let body = br#"[{"subscriptionType":"contact.creation","eventId":1,"portalId":1,"appId":1,"occurredAt":1,"attemptNumber":0},
                         {"subscriptionType":"contact.creation","eventId":"1","portalId":1,"appId":1,"occurredAt":1,"attemptNumber":0}]"#;
        let err = parse_batch(body, &strict()).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidEvent);
        assert_eq!(err.index(), Some(1));
        assert_eq!(err.field(), Some("eventId"));
        let partial = parse_batch(
            body,
            &Options {
                partial: true,
                ..Options::default()
            },
        )
        .unwrap();
        assert_eq!(partial.events.len(), 1);
        assert_eq!(partial.rejected.len(), 1);
        assert_eq!(partial.rejected[0].index, 1);
        assert!(partial.rejected[0].raw.contains("\"eventId\":\"1\""));
    }

    #[test]
    fn batch_shapes() {
        assert!(parse_batch(b"[]", &strict()).unwrap().events.is_empty());
        assert_eq!(
            parse_batch(b"{}", &strict()).unwrap_err().code(),
            ErrorCode::InvalidBatch
        );
        assert_eq!(
            parse_batch(b"[1]", &strict()).unwrap_err().code(),
            ErrorCode::InvalidBatch
        );
        assert_eq!(parse_batch(b"", &strict()).unwrap_err().code(), ErrorCode::InvalidJson);
        assert_eq!(
            parse_batch(b"[] x", &strict()).unwrap_err().code(),
            ErrorCode::InvalidJson
        );
        assert_eq!(
            parse_batch(b"[\xff]", &strict()).unwrap_err().code(),
            ErrorCode::InvalidJson
        );
        assert_eq!(
            parse_batch(b"[{}]", &strict()).unwrap_err().code(),
            ErrorCode::InvalidEvent
        );
        // Nesting is skipped without recursion, so depth cannot overflow the stack.
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(
            parse_batch(deep.as_bytes(), &strict()).unwrap_err().code(),
            ErrorCode::InvalidBatch
        );
        let deep_field = format!("[{{\"x\":{}{}}}]", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(
            parse_batch(deep_field.as_bytes(), &strict()).unwrap_err().code(),
            ErrorCode::InvalidEvent
        );
        let many = format!("[{}]", ["{}"; 11].join(","));
        let err = parse_batch(
            many.as_bytes(),
            &Options {
                max_events: 10,
                ..Options::default()
            },
        )
        .unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidBatch);
    }

    #[test]
    fn every_accepted_event_converts_to_a_json_map() {
        let base = r#""subscriptionType":"contact.creation","eventId":1,"portalId":1,"appId":1,"occurredAt":1,"attemptNumber":0"#;
        let deep = format!("\"x\":{}1{}", "[".repeat(200), "]".repeat(200));
        for extra in [r#""x":5e4321"#, r#""propertyValue":-1e999"#, deep.as_str()] {
            let body = format!("[{{{base},{extra}}}]");
            let err = parse_batch(body.as_bytes(), &strict()).unwrap_err();
            assert_eq!(err.code(), ErrorCode::InvalidEvent, "{extra}");
        }
        let body = format!("[{{{base},\"x\":[1.5e300,{{\"y\":null}}],\"propertyValue\":12500.50}}]");
        let batch = parse_batch(body.as_bytes(), &strict()).unwrap();
        let event = &batch.events[0];
        assert_eq!(event.property_value_str(), Some("12500.50"));
        let members = event.json_fields().unwrap();
        assert_eq!(members.len(), 8);
        assert_eq!(members[6].0, "x");
        assert_eq!(members[6].1, "[1.5e300,{\"y\":null}]");
        assert_eq!(members[7].1, "12500.50");
        // Big numbers stay exact, in unknown fields and in propertyValue alike.
        let body = format!("[{{{base},\"x\":98765432109876543210,\"propertyValue\":12345678901234567890123}}]");
        let batch = parse_batch(body.as_bytes(), &strict()).unwrap();
        let event = &batch.events[0];
        let unknown = event.unknown_fields().unwrap();
        assert_eq!(unknown.len(), 1);
        assert_eq!(
            (unknown[0].0.as_str(), unknown[0].1.as_str()),
            ("x", "98765432109876543210")
        );
        assert_eq!(
            event.property_value.as_ref().unwrap().to_json(),
            "12345678901234567890123"
        );
    }
}
