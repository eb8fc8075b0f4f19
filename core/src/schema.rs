//! The event schema: every typed field of a Webhooks API event, named once.
//!
//! The table at the end of this file ([`event_schema!`]) is the one place that lists the
//! fields. From it come the [`Event`] struct, the batch reader's field match, the required
//! checks, [`FieldId`], [`FIELDS`] and [`Event::field`]. Bindings loop over [`FIELDS`] and read
//! values through [`Event::field`]; none of them lists fields itself. Adding a field is one line
//! in the table (plus its vectors).

use serde::de::DeserializeSeed;

use crate::batch::{property_value, OptText, Source};
use crate::error::{Error, Result};
use crate::event::{classify, Action, MessageType, ObjectType, PropertyValue};
use crate::plain::{Plain, PlainValue};
use crate::text::Text;

/// How a field's value is typed. [`FieldKind::code`] is stable (bindings may use it on the wire).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FieldKind {
    /// A JSON string: [`FieldValue::Text`].
    Text,
    /// An exact 64-bit integer: [`FieldValue::Int`].
    Int,
    /// `true` / `false`: [`FieldValue::Bool`].
    Bool,
    /// An array of exact 64-bit integers: [`FieldValue::IntList`].
    IntList,
    /// Any JSON value kept as sent (`propertyValue`): [`FieldValue::Value`].
    Value,
    /// A string from an open set of values (`messageType`): [`FieldValue::Enum`].
    Enum,
}

impl FieldKind {
    /// Every kind, in code order.
    pub const ALL: [FieldKind; 6] = [
        FieldKind::Text,
        FieldKind::Int,
        FieldKind::Bool,
        FieldKind::IntList,
        FieldKind::Value,
        FieldKind::Enum,
    ];

    /// `"text"`, `"int"`, `"bool"`, `"int_list"`, `"value"` or `"enum"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Int => "int",
            FieldKind::Bool => "bool",
            FieldKind::IntList => "int_list",
            FieldKind::Value => "value",
            FieldKind::Enum => "enum",
        }
    }

    /// The stable code: Text 1, Int 2, Bool 3, IntList 4, Value 5, Enum 6.
    pub const fn code(self) -> u8 {
        match self {
            FieldKind::Text => 1,
            FieldKind::Int => 2,
            FieldKind::Bool => 3,
            FieldKind::IntList => 4,
            FieldKind::Value => 5,
            FieldKind::Enum => 6,
        }
    }
}

/// A typed field's value, borrowed from its [`Event`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FieldValue<'a> {
    /// A string field (see [`Event::body_range`] for where it stands in the body).
    Text(&'a Text),
    /// An integer field, exact.
    Int(i64),
    /// A boolean field.
    Bool(bool),
    /// An integer array field, exact.
    IntList(&'a [i64]),
    /// `propertyValue`, kept as sent.
    Value(&'a PropertyValue),
    /// An open enum, as sent (`"MESSAGE"`).
    Enum(&'a str),
}

impl<'a> FieldValue<'a> {
    /// The kind of this value (always the [`FieldSpec::kind`] of its field).
    pub fn kind(&self) -> FieldKind {
        match self {
            FieldValue::Text(_) => FieldKind::Text,
            FieldValue::Int(_) => FieldKind::Int,
            FieldValue::Bool(_) => FieldKind::Bool,
            FieldValue::IntList(_) => FieldKind::IntList,
            FieldValue::Value(_) => FieldKind::Value,
            FieldValue::Enum(_) => FieldKind::Enum,
        }
    }

    /// The integer of an `Int` field; `None` for other kinds.
    pub fn as_int(&self) -> Option<i64> {
        match *self {
            FieldValue::Int(n) => Some(n),
            _ => None,
        }
    }

    /// The boolean of a `Bool` field; `None` for other kinds.
    pub fn as_bool(&self) -> Option<bool> {
        match *self {
            FieldValue::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The integers of an `IntList` field; `None` for other kinds.
    pub fn as_int_list(&self) -> Option<&'a [i64]> {
        match *self {
            FieldValue::IntList(list) => Some(list),
            _ => None,
        }
    }

    /// The string view of a text, enum or value field (a non-string `propertyValue` gives its
    /// JSON text); `None` for other kinds.
    pub fn as_str(&self) -> Option<&'a str> {
        match *self {
            FieldValue::Text(t) => Some(t.as_str()),
            FieldValue::Enum(s) => Some(s),
            FieldValue::Value(v) => Some(v.as_str()),
            _ => None,
        }
    }
}

/// One typed field, as the table describes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldSpec {
    /// Its id (its position in [`FIELDS`]).
    pub id: FieldId,
    /// HubSpot's JSON name, e.g. `"objectId"` (also the JavaScript name).
    pub json: &'static str,
    /// The Rust (and Python) name, e.g. `"object_id"`.
    pub name: &'static str,
    /// How the value is typed.
    pub kind: FieldKind,
    /// Every event must carry it (`invalid_event` otherwise).
    pub required: bool,
    /// An identifier (of a record, an event, an account, ...), not a quantity or a time: an
    /// `Int` or `IntList` field that bindings without exact 64-bit numbers hand over as text.
    pub is_id: bool,
    /// An `Int` field whose values always fit in 32 bits (`attemptNumber`): bindings hand it
    /// over as a plain number, never as a big integer or text.
    pub small_int: bool,
    /// A legacy name read as another field (`eventType` for `subscriptionType`); bindings skip
    /// aliases when they build attributes.
    pub alias_of: Option<FieldId>,
    /// The subscription types that carry it, as a pattern ([`crate::pattern_matches`]):
    /// `"*"`, `"*.propertyChange"`, `"object.*"`, `"conversation.newMessage"`.
    pub carried_by: &'static str,
    /// What it is.
    pub doc: &'static str,
}

/// Reads and views one field type. Implemented by every type the table uses.
pub(crate) trait FieldType: Sized {
    const KIND: FieldKind;
    /// The values always fit in 32 bits ([`FieldSpec::small_int`]).
    const SMALL_INT: bool = false;
    /// A value the plain reader understood ([`crate::plain`]), never `null` (absent for every
    /// field: [`FieldType::from_input`] says so once); `None` for a value of another kind.
    fn from_plain(plain: Plain<'_>, src: Source<'_>) -> Option<Self>;
    /// Any other JSON value (the full reader's path, with its errors).
    fn from_json(raw: &str, src: Source<'_>) -> serde_json::Result<Option<Self>>;
    fn view(&self) -> FieldValue<'_>;

    /// A member's value: a plain value of the wrong kind gives up ([`SetError::NotPlain`]);
    /// raw JSON is read plainly when it can be, else by [`FieldType::from_json`]. Not inlined:
    /// one copy per type rather than one per field of the table.
    #[inline(never)]
    fn from_input(input: Input<'_>, src: Source<'_>) -> Result<Option<Self>, SetError> {
        let plain = |plain: Plain<'_>| match plain.value {
            PlainValue::Null => Some(None),
            _ => Self::from_plain(plain, src).map(Some),
        };
        match input {
            Input::Plain(value) => plain(value).ok_or(SetError::NotPlain),
            Input::Raw(raw) => match crate::plain::value_of(raw).and_then(plain) {
                Some(value) => Ok(value),
                None => Self::from_json(raw, src).map_err(SetError::Json),
            },
            Input::Json(raw) => Self::from_json(raw, src).map_err(SetError::Json),
        }
    }
}

/// A member's value for [`Fields::set`].
pub(crate) enum Input<'a> {
    /// Read by the plain reader.
    Plain(Plain<'a>),
    /// The exact JSON text the full reader captured.
    Raw(&'a str),
    /// The same, read by serde alone: the full reader with no plain reading at all, for the
    /// tests that compare it with the fast path ([`crate::parse_batch_full_reader`]).
    Json(&'a str),
}

/// Why [`Fields::set`] did not set a field.
pub(crate) enum SetError {
    /// A plain value of another kind than the field's: the plain reader gives up.
    NotPlain,
    /// The value does not fit the field (the full reader's error).
    Json(serde_json::Error),
}

impl FieldType for i64 {
    const KIND: FieldKind = FieldKind::Int;
    fn from_json(raw: &str, _: Source<'_>) -> serde_json::Result<Option<i64>> {
        serde_json::from_str(raw)
    }
    fn from_plain(plain: Plain<'_>, _: Source<'_>) -> Option<i64> {
        match plain.value {
            PlainValue::Int(n) => Some(n),
            _ => None,
        }
    }
    fn view(&self) -> FieldValue<'_> {
        FieldValue::Int(*self)
    }
}

impl FieldType for u32 {
    const KIND: FieldKind = FieldKind::Int;
    const SMALL_INT: bool = true;
    fn from_json(raw: &str, _: Source<'_>) -> serde_json::Result<Option<u32>> {
        serde_json::from_str(raw)
    }
    fn from_plain(plain: Plain<'_>, _: Source<'_>) -> Option<u32> {
        match plain.value {
            PlainValue::Int(n) => u32::try_from(n).ok(),
            _ => None,
        }
    }
    fn view(&self) -> FieldValue<'_> {
        FieldValue::Int(i64::from(*self))
    }
}

impl FieldType for bool {
    const KIND: FieldKind = FieldKind::Bool;
    fn from_json(raw: &str, _: Source<'_>) -> serde_json::Result<Option<bool>> {
        serde_json::from_str(raw)
    }
    fn from_plain(plain: Plain<'_>, _: Source<'_>) -> Option<bool> {
        match plain.value {
            PlainValue::Bool(b) => Some(b),
            _ => None,
        }
    }
    fn view(&self) -> FieldValue<'_> {
        FieldValue::Bool(*self)
    }
}

impl FieldType for Vec<i64> {
    const KIND: FieldKind = FieldKind::IntList;
    fn from_json(raw: &str, _: Source<'_>) -> serde_json::Result<Option<Vec<i64>>> {
        serde_json::from_str(raw)
    }
    fn from_plain(plain: Plain<'_>, _: Source<'_>) -> Option<Vec<i64>> {
        match plain.value {
            PlainValue::IntList(list) => Some(list),
            _ => None,
        }
    }
    fn view(&self) -> FieldValue<'_> {
        FieldValue::IntList(self)
    }
}

impl FieldType for Text {
    const KIND: FieldKind = FieldKind::Text;
    fn from_json(raw: &str, src: Source<'_>) -> serde_json::Result<Option<Text>> {
        let mut de = serde_json::Deserializer::from_str(raw);
        OptText(src).deserialize(&mut de)
    }
    fn from_plain(plain: Plain<'_>, src: Source<'_>) -> Option<Text> {
        match plain.value {
            PlainValue::Str(s) => Some(src.text(s)),
            _ => None,
        }
    }
    fn view(&self) -> FieldValue<'_> {
        FieldValue::Text(self)
    }
}

impl FieldType for MessageType {
    const KIND: FieldKind = FieldKind::Enum;
    fn from_json(raw: &str, src: Source<'_>) -> serde_json::Result<Option<MessageType>> {
        Ok(Text::from_json(raw, src)?.map(|t| MessageType::from_name(&t)))
    }
    fn from_plain(plain: Plain<'_>, src: Source<'_>) -> Option<MessageType> {
        Text::from_plain(plain, src).map(|t| MessageType::from_name(&t))
    }
    fn view(&self) -> FieldValue<'_> {
        FieldValue::Enum(self.as_str())
    }
}

impl FieldType for PropertyValue {
    const KIND: FieldKind = FieldKind::Value;
    fn from_json(raw: &str, src: Source<'_>) -> serde_json::Result<Option<PropertyValue>> {
        if raw == "null" {
            return Ok(None);
        }
        property_value(raw, src).map(Some)
    }
    fn from_plain(plain: Plain<'_>, src: Source<'_>) -> Option<PropertyValue> {
        Some(match plain.value {
            PlainValue::Str(s) => PropertyValue::String(src.text(s)),
            // Other JSON, kept as its text (as `property_value` does).
            _ => PropertyValue::Json(src.text(plain.raw)),
        })
    }
    fn view(&self) -> FieldValue<'_> {
        FieldValue::Value(self)
    }
}

/// The type of a field in [`Event`]: the value itself when required, else an `Option`.
macro_rules! presence_type {
    (required $t:ty) => { $t };
    (optional $t:ty) => { Option<$t> };
}

/// The value of a field for [`Event`], from what the reader found.
macro_rules! presence_take {
    (required $index:ident $json:literal $value:expr) => {
        required($index, $json, $value)?
    };
    (optional $index:ident $json:literal $value:expr) => {
        $value
    };
}

/// A field's [`FieldValue`], if present.
macro_rules! presence_view {
    (required $value:expr) => {
        Some(FieldType::view(&$value))
    };
    (optional $value:expr) => {
        $value.as_ref().map(FieldType::view)
    };
}

macro_rules! presence_is_required {
    (required) => {
        true
    };
    (optional) => {
        false
    };
}

macro_rules! is_id {
    (id) => {
        true
    };
    () => {
        false
    };
}

/// Generates the event struct, the field ids, the table and the reader's field handling from
/// one list. `subscriptionType` and its legacy alias `eventType` come first and are written out
/// here: the event's object type and action derive from them.
macro_rules! event_schema {
    ($(
        $(#[doc = $doc:literal])*
        $id:ident $field:ident: $presence:ident $ty:ty = $json:literal $(as $role:ident)?, carried_by $carried:literal;
    )*) => {
        /// One HubSpot webhook event.
        ///
        /// The six fields every event must carry are plain values; everything else is an
        /// `Option`, `None` when the event does not carry it (or carries `null`). Integers are
        /// exact `i64`. Every typed field is also readable by id ([`Event::field`]) and listed in
        /// [`FIELDS`].
        #[derive(Clone, Debug, PartialEq, Eq)]
        #[non_exhaustive]
        pub struct Event {
            /// `subscriptionType` (or the legacy key `eventType`), e.g. `"contact.propertyChange"`.
            pub subscription_type: Text,
            /// Derived from the subscription type (and `objectTypeId` for `object.*` events).
            pub object_type: ObjectType,
            /// Derived from the subscription type.
            pub action: Action,
            $(
                $(#[doc = $doc])*
                pub $field: presence_type!($presence $ty),
            )*
            /// The event's JSON text exactly as it stood in the body.
            pub(crate) raw: Text,
        }

        /// A typed field. The number of each is its position in [`FIELDS`], stable across
        /// versions (the C ABI's `hubspot_field`); new fields are appended.
        #[repr(u16)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum FieldId {
            /// `subscriptionType`
            SubscriptionType,
            /// `eventType`: the legacy name of `subscriptionType`.
            EventType,
            $(
                $(#[doc = $doc])*
                $id,
            )*
        }

        /// Every typed field, in [`FieldId`] order.
        pub static FIELDS: [FieldSpec; 2 + [$($json),*].len()] = [
            FieldSpec {
                id: FieldId::SubscriptionType,
                json: "subscriptionType",
                name: "subscription_type",
                kind: FieldKind::Text,
                required: true,
                is_id: false,
                small_int: false,
                alias_of: None,
                carried_by: "*",
                doc: "The subscription type, e.g. `contact.propertyChange`.",
            },
            FieldSpec {
                id: FieldId::EventType,
                json: "eventType",
                name: "event_type",
                kind: FieldKind::Text,
                required: false,
                is_id: false,
                small_int: false,
                alias_of: Some(FieldId::SubscriptionType),
                carried_by: "*",
                doc: "The legacy name of `subscriptionType` (HubSpot's oldest examples use it).",
            },
            $(
                FieldSpec {
                    id: FieldId::$id,
                    json: $json,
                    name: stringify!($field),
                    kind: <$ty as FieldType>::KIND,
                    required: presence_is_required!($presence),
                    is_id: is_id!($($role)?),
                    small_int: <$ty as FieldType>::SMALL_INT,
                    alias_of: None,
                    carried_by: $carried,
                    doc: concat!($($doc),*),
                },
            )*
        ];

        impl Event {
            /// The value of a typed field; `None` when the event does not carry it (or carries
            /// `null`). An alias reads its target (`EventType` reads the subscription type).
            pub fn field(&self, id: FieldId) -> Option<FieldValue<'_>> {
                match id {
                    FieldId::SubscriptionType | FieldId::EventType => Some(FieldValue::Text(&self.subscription_type)),
                    $(FieldId::$id => presence_view!($presence self.$field),)*
                }
            }
        }

        /// What the reader found in one event object, before the required checks.
        #[derive(Default)]
        pub(crate) struct Fields {
            subscription_type: Option<Text>,
            event_type: Option<Text>,
            $($field: Option<$ty>,)*
        }

        impl Fields {
            /// Sets the field called `key` from one member's value; `Ok(false)` for a key that
            /// is not a typed field. The one place a member reaches its field, for the plain
            /// reader and the full reader alike. One string match per key.
            pub(crate) fn set(&mut self, key: &str, input: Input<'_>, src: Source<'_>) -> Result<bool, SetError> {
                match key {
                    "subscriptionType" => self.subscription_type = Text::from_input(input, src)?,
                    "eventType" => self.event_type = Text::from_input(input, src)?,
                    $($json => self.$field = <$ty as FieldType>::from_input(input, src)?,)*
                    _ => return Ok(false),
                }
                Ok(true)
            }

            /// The event, once every required field is there (in table order, so the first
            /// missing one is named). Takes the values, leaving `self` empty for the next event
            /// (on an error too), so that one `Fields` serves a whole batch.
            pub(crate) fn take_event(&mut self, index: usize, raw: Text, events: &mut Vec<Event>) -> Result<()> {
                let taken = self.take_event_into(index, raw, events);
                if taken.is_err() {
                    *self = Fields::default();
                }
                taken
            }

            /// Pushes the event (built in place in `events`, not moved through a `Result`).
            fn take_event_into(&mut self, index: usize, raw: Text, events: &mut Vec<Event>) -> Result<()> {
                let event_type = self.event_type.take();
                let Some(subscription_type) = self.subscription_type.take().or(event_type) else {
                    return Err(missing(index, "subscriptionType"));
                };
                let (object_type, action) = classify(
                    &subscription_type,
                    self.object_type_id.as_deref(),
                    self.from_object_type_id.as_deref(),
                );
                events.push(Event {
                    subscription_type,
                    object_type,
                    action,
                    $($field: presence_take!($presence index $json self.$field.take()),)*
                    raw,
                });
                Ok(())
            }
        }
    };
}

fn missing(index: usize, field: &'static str) -> Error {
    Error::event(
        index,
        Some(field),
        format!("event {index}: required field `{field}` is missing or null"),
    )
}

fn required<T>(index: usize, field: &'static str, value: Option<T>) -> Result<T> {
    value.ok_or_else(|| missing(index, field))
}

impl FieldId {
    /// The field's position in [`FIELDS`] (its stable number).
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The field at `index` in [`FIELDS`].
    pub fn from_index(index: usize) -> Option<FieldId> {
        FIELDS.get(index).map(|spec| spec.id)
    }

    /// The field whose HubSpot JSON name is `json` (exact, case-sensitive).
    pub fn from_json(json: &str) -> Option<FieldId> {
        FIELDS.iter().find(|spec| spec.json == json).map(|spec| spec.id)
    }

    /// The field's row of the table.
    #[allow(clippy::indexing_slicing)] // every id indexes the table: it is made from the same list
    pub fn spec(self) -> &'static FieldSpec {
        &FIELDS[self.index()]
    }
}

/// HubSpot's JSON names of the typed fields (and the legacy `eventType`), in [`FieldId`] order.
#[allow(clippy::indexing_slicing)] // a const loop within the bounds of both arrays
pub static KNOWN_FIELDS: [&str; FIELDS.len()] = {
    let mut names = [""; FIELDS.len()];
    let mut i = 0;
    while i < FIELDS.len() {
        names[i] = FIELDS[i].json;
        i += 1;
    }
    names
};

impl Event {
    /// The typed fields this event carries, in table order, aliases left out.
    pub fn fields(&self) -> impl Iterator<Item = (&'static FieldSpec, FieldValue<'_>)> + '_ {
        FIELDS
            .iter()
            .filter(|spec| spec.alias_of.is_none())
            .filter_map(move |spec| self.field(spec.id).map(|value| (spec, value)))
    }
}

event_schema! {
    /// `eventId` (not guaranteed unique; see [`Event::dedup_key`]).
    EventId event_id: required i64 = "eventId" as id, carried_by "*";
    /// `subscriptionId`: the subscription that produced the event.
    SubscriptionId subscription_id: optional i64 = "subscriptionId" as id, carried_by "*";
    /// `portalId`: the HubSpot account.
    PortalId portal_id: required i64 = "portalId" as id, carried_by "*";
    /// `appId`: the app the subscription belongs to.
    AppId app_id: required i64 = "appId" as id, carried_by "*";
    /// `occurredAt`: when the event happened, Unix milliseconds.
    OccurredAt occurred_at: required i64 = "occurredAt", carried_by "*";
    /// `attemptNumber`: which delivery attempt this is, from 0.
    AttemptNumber attempt_number: required u32 = "attemptNumber", carried_by "*";
    /// `objectId`: the record; for conversations, the thread id.
    ObjectId object_id: optional i64 = "objectId" as id, carried_by "*";
    /// `objectTypeId` of generic `object.*` events, e.g. `"0-1"` or `"2-143967026"`.
    ObjectTypeId object_type_id: optional Text = "objectTypeId", carried_by "object.*";
    /// `changeSource`, e.g. `"CRM_UI"`.
    ChangeSource change_source: optional Text = "changeSource", carried_by "*";
    /// `sourceId`, e.g. `"userId:882761034"`.
    SourceId source_id: optional Text = "sourceId", carried_by "*";
    /// `changeFlag`, e.g. `"CREATED"`, `"NEW_MESSAGE"`.
    ChangeFlag change_flag: optional Text = "changeFlag", carried_by "*";
    /// `eventTypeName` (custom event types).
    EventTypeName event_type_name: optional Text = "eventTypeName", carried_by "*";
    /// `propertyName` (property changes).
    PropertyName property_name: optional Text = "propertyName", carried_by "*.propertyChange";
    /// `propertyValue` (property changes), kept as sent.
    PropertyValue property_value: optional PropertyValue = "propertyValue", carried_by "*.propertyChange";
    /// `isSensitive` (generic property changes).
    IsSensitive is_sensitive: optional bool = "isSensitive", carried_by "object.propertyChange";
    /// `primaryObjectId` (merges): the record that won.
    PrimaryObjectId primary_object_id: optional i64 = "primaryObjectId" as id, carried_by "*.merge";
    /// `mergedObjectIds` (merges): the records merged into it.
    MergedObjectIds merged_object_ids: optional Vec<i64> = "mergedObjectIds" as id, carried_by "*.merge";
    /// `newObjectId` (merges).
    NewObjectId new_object_id: optional i64 = "newObjectId" as id, carried_by "*.merge";
    /// `numberOfPropertiesMoved` (merges).
    NumberOfPropertiesMoved number_of_properties_moved: optional i64 = "numberOfPropertiesMoved", carried_by "*.merge";
    /// `associationType` (association changes), e.g. `"CONTACT_TO_COMPANY"`.
    AssociationType association_type: optional Text = "associationType", carried_by "*.associationChange";
    /// `fromObjectId` (association changes).
    FromObjectId from_object_id: optional i64 = "fromObjectId" as id, carried_by "*.associationChange";
    /// `toObjectId` (association changes).
    ToObjectId to_object_id: optional i64 = "toObjectId" as id, carried_by "*.associationChange";
    /// `associationRemoved`: `true` when removed, `false` when created.
    AssociationRemoved association_removed: optional bool = "associationRemoved", carried_by "*.associationChange";
    /// `isPrimaryAssociation`
    IsPrimaryAssociation is_primary_association: optional bool = "isPrimaryAssociation", carried_by "*.associationChange";
    /// `fromObjectTypeId` (generic association changes).
    FromObjectTypeId from_object_type_id: optional Text = "fromObjectTypeId", carried_by "object.associationChange";
    /// `toObjectTypeId` (generic association changes).
    ToObjectTypeId to_object_type_id: optional Text = "toObjectTypeId", carried_by "object.associationChange";
    /// `associationTypeId` (generic association changes).
    AssociationTypeId association_type_id: optional i64 = "associationTypeId" as id, carried_by "object.associationChange";
    /// `associationCategory` (generic association changes), e.g. `"HUBSPOT_DEFINED"`.
    AssociationCategory association_category: optional Text = "associationCategory", carried_by "object.associationChange";
    /// `messageId` (`conversation.newMessage`).
    MessageId message_id: optional Text = "messageId", carried_by "conversation.newMessage";
    /// `messageType` (`conversation.newMessage`): `MESSAGE`, `COMMENT`, `WELCOME_MESSAGE` or another value as sent.
    MessageType message_type: optional MessageType = "messageType", carried_by "conversation.newMessage";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_id_order_and_names_are_unique() {
        for (i, spec) in FIELDS.iter().enumerate() {
            assert_eq!(spec.id.index(), i, "{}", spec.json);
            assert_eq!(FieldId::from_index(i), Some(spec.id));
            assert_eq!(FieldId::from_json(spec.json), Some(spec.id));
            assert_eq!(spec.id.spec().json, spec.json);
            assert!(!spec.doc.is_empty(), "{}", spec.json);
            crate::check_pattern(spec.carried_by).unwrap();
            assert!(
                !spec.is_id || matches!(spec.kind, FieldKind::Int | FieldKind::IntList),
                "{}",
                spec.json
            );
            assert!(
                !spec.small_int || (spec.kind == FieldKind::Int && !spec.is_id),
                "{}",
                spec.json
            );
        }
        let mut names: Vec<&str> = FIELDS.iter().map(|s| s.json).collect();
        names.extend(FIELDS.iter().map(|s| s.name));
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
    }

    #[test]
    fn every_field_reads_back_with_its_kind() {
        // One event carrying every field: each is read through the table with the kind it declares.
        let mut members = Vec::new();
        for spec in FIELDS.iter().filter(|s| s.alias_of.is_none()) {
            let value = match spec.kind {
                FieldKind::Text | FieldKind::Enum => format!("\"{}-text\"", spec.json),
                FieldKind::Int => "7".to_owned(),
                FieldKind::Bool => "true".to_owned(),
                FieldKind::IntList => "[1,2]".to_owned(),
                FieldKind::Value => "12345678901234567890123".to_owned(),
            };
            members.push(format!("\"{}\":{value}", spec.json));
        }
        let body = format!("[{{{}}}]", members.join(","));
        let batch = crate::parse_batch(body.as_bytes(), &crate::Options::default()).unwrap();
        let event = &batch.events[0];
        for spec in FIELDS.iter() {
            let value = event.field(spec.id).unwrap_or_else(|| panic!("{} not read", spec.json));
            assert_eq!(value.kind(), spec.kind, "{}", spec.json);
        }
        assert_eq!(event.fields().count(), FIELDS.len() - 1);
        assert_eq!(
            event.field(FieldId::PropertyValue).and_then(|v| v.as_str()),
            Some("12345678901234567890123")
        );
        assert_eq!(event.field(FieldId::EventType), event.field(FieldId::SubscriptionType));
        assert_eq!(event.field(FieldId::EventId).and_then(|v| v.as_int()), Some(7));
        assert_eq!(event.field(FieldId::IsSensitive).and_then(|v| v.as_bool()), Some(true));
        assert_eq!(
            event.field(FieldId::MergedObjectIds).and_then(|v| v.as_int_list()),
            Some(&[1, 2][..])
        );
        assert_eq!(event.field(FieldId::EventId).and_then(|v| v.as_bool()), None);
        assert_eq!(event.field(FieldId::IsSensitive).and_then(|v| v.as_int_list()), None);
        assert_eq!(event.field(FieldId::MergedObjectIds).and_then(|v| v.as_int()), None);
    }
}
