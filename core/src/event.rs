//! The typed event schema.
//!
//! One [`Event`] struct serves every subscription type: the common fields of every HubSpot
//! event, the type-specific fields as `Option`s, an [`ObjectType`] and an [`Action`] to match
//! on, and the event's original JSON text. Conversations events have a typed view,
//! [`Event::conversation`]. Nothing unknown is an error: an unknown subscription type becomes
//! [`ObjectType::Other`] / [`Action::Other`], unknown enum values become `Other(..)`, and unknown
//! fields stay in the original JSON ([`Event::raw_json`], [`Event::json_fields`], [`Event::unknown_fields`]).

use std::fmt;

use crate::schema::{Event, FieldId};
use crate::text::Text;

/// The kind of record an event is about.
///
/// Classic events (`contact.creation`) and generic events (`object.creation` with
/// `objectTypeId: "0-1"`) give the same object type, so one handler serves both.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ObjectType {
    /// `contact.*`, or `object.*` with `objectTypeId` `0-1`.
    Contact,
    /// `company.*`, or `0-2`.
    Company,
    /// `deal.*`, or `0-3`.
    Deal,
    /// `ticket.*`, or `0-5`.
    Ticket,
    /// `product.*`, or `0-7`.
    Product,
    /// `line_item.*`, or `0-8`.
    LineItem,
    /// `conversation.*`: the object is a Conversations thread (`objectId` is the thread id).
    Conversation,
    /// Anything else: a known HubSpot object from its type id (`"quote"`, `"call"`, ...), an
    /// unknown type id as sent (`"2-143967026"` for a custom object), or the prefix of an
    /// unknown subscription type (`"event"` for `event.completed`).
    Other(String),
}

/// Object type ids documented by HubSpot, with the names this library gives them.
const KNOWN_TYPE_IDS: [(&str, &str); 32] = [
    ("0-1", "contact"),
    ("0-2", "company"),
    ("0-3", "deal"),
    ("0-5", "ticket"),
    ("0-7", "product"),
    ("0-8", "line_item"),
    ("0-14", "quote"),
    ("0-18", "communication"),
    ("0-19", "feedback_submission"),
    ("0-27", "task"),
    ("0-46", "note"),
    ("0-47", "meeting"),
    ("0-48", "call"),
    ("0-49", "email"),
    ("0-53", "invoice"),
    ("0-54", "marketing_event"),
    ("0-69", "subscription"),
    ("0-74", "goal"),
    ("0-84", "discount"),
    ("0-85", "fee"),
    ("0-86", "tax"),
    ("0-101", "payment"),
    ("0-115", "user"),
    ("0-116", "postal_mail"),
    ("0-123", "order"),
    ("0-136", "lead"),
    ("0-142", "cart"),
    ("0-162", "service"),
    ("0-410", "course"),
    ("0-420", "listing"),
    ("0-421", "appointment"),
    ("0-970", "project"),
];

/// Every object type name this library knows: the classic prefixes and the names of the known
/// type ids (for checking router patterns).
pub(crate) fn known_object_names() -> impl Iterator<Item = &'static str> + Clone {
    [
        "contact",
        "company",
        "deal",
        "ticket",
        "product",
        "line_item",
        "conversation",
    ]
    .into_iter()
    .chain(KNOWN_TYPE_IDS.iter().map(|(_, name)| *name))
}

/// Every action HubSpot documents (the part of a subscription type after the dot).
pub(crate) const KNOWN_ACTIONS: [&str; 9] = [
    "creation",
    "deletion",
    "propertyChange",
    "associationChange",
    "merge",
    "restore",
    "privacyDeletion",
    "newMessage",
    "completed",
];

impl ObjectType {
    /// The object type of a classic subscription type's prefix (`"contact"`, `"line_item"`...).
    pub fn from_name(name: &str) -> ObjectType {
        match name {
            "contact" => ObjectType::Contact,
            "company" => ObjectType::Company,
            "deal" => ObjectType::Deal,
            "ticket" => ObjectType::Ticket,
            "product" => ObjectType::Product,
            "line_item" => ObjectType::LineItem,
            "conversation" => ObjectType::Conversation,
            other => ObjectType::Other(other.to_owned()),
        }
    }

    /// The object type of an `objectTypeId` (`"0-1"` is [`ObjectType::Contact`]); an unknown
    /// id is kept as [`ObjectType::Other`] with the id itself.
    pub fn from_type_id(type_id: &str) -> ObjectType {
        match KNOWN_TYPE_IDS.iter().find(|(id, _)| *id == type_id) {
            Some((_, name)) => ObjectType::from_name(name),
            None => ObjectType::Other(type_id.to_owned()),
        }
    }

    /// The name: `"contact"`, `"company"`, `"deal"`, `"ticket"`, `"product"`, `"line_item"`,
    /// `"conversation"`, or the text of [`ObjectType::Other`].
    pub fn as_str(&self) -> &str {
        match self {
            ObjectType::Contact => "contact",
            ObjectType::Company => "company",
            ObjectType::Deal => "deal",
            ObjectType::Ticket => "ticket",
            ObjectType::Product => "product",
            ObjectType::LineItem => "line_item",
            ObjectType::Conversation => "conversation",
            ObjectType::Other(name) => name,
        }
    }

    /// HubSpot's object type id for a known object type (`"0-1"` for contacts).
    pub fn type_id(&self) -> Option<&'static str> {
        let name = self.as_str();
        KNOWN_TYPE_IDS.iter().find(|(_, n)| *n == name).map(|(id, _)| *id)
    }
}

impl fmt::Display for ObjectType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What happened to the object: the part of the subscription type after the dot.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// `*.creation`
    Creation,
    /// `*.deletion` (for conversations: the thread was archived)
    Deletion,
    /// `*.propertyChange`
    PropertyChange,
    /// `*.associationChange`
    AssociationChange,
    /// `*.merge`
    Merge,
    /// `*.restore`
    Restore,
    /// `*.privacyDeletion` (permanent, privacy-compliant deletion)
    PrivacyDeletion,
    /// `conversation.newMessage`
    NewMessage,
    /// Any other action, as sent (`"completed"` for `event.completed`).
    Other(String),
}

impl Action {
    /// The action of a subscription type's suffix.
    pub fn from_name(name: &str) -> Action {
        match name {
            "creation" => Action::Creation,
            "deletion" => Action::Deletion,
            "propertyChange" => Action::PropertyChange,
            "associationChange" => Action::AssociationChange,
            "merge" => Action::Merge,
            "restore" => Action::Restore,
            "privacyDeletion" => Action::PrivacyDeletion,
            "newMessage" => Action::NewMessage,
            other => Action::Other(other.to_owned()),
        }
    }

    /// HubSpot's spelling: `"creation"`, `"propertyChange"`, `"newMessage"`, ...
    pub fn as_str(&self) -> &str {
        match self {
            Action::Creation => "creation",
            Action::Deletion => "deletion",
            Action::PropertyChange => "propertyChange",
            Action::AssociationChange => "associationChange",
            Action::Merge => "merge",
            Action::Restore => "restore",
            Action::PrivacyDeletion => "privacyDeletion",
            Action::NewMessage => "newMessage",
            Action::Other(name) => name,
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The `messageType` of a `conversation.newMessage` event.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MessageType {
    /// `MESSAGE`: a message to or from the visitor.
    Message,
    /// `COMMENT`: an internal comment on the thread.
    Comment,
    /// `WELCOME_MESSAGE`: the chat's automatic welcome message.
    WelcomeMessage,
    /// Any other value, as sent.
    Other(String),
}

impl MessageType {
    /// Parses HubSpot's value; unknown values are kept.
    pub fn from_name(name: &str) -> MessageType {
        match name {
            "MESSAGE" => MessageType::Message,
            "COMMENT" => MessageType::Comment,
            "WELCOME_MESSAGE" => MessageType::WelcomeMessage,
            other => MessageType::Other(other.to_owned()),
        }
    }

    /// HubSpot's value: `"MESSAGE"`, `"COMMENT"`, `"WELCOME_MESSAGE"` or the value as sent.
    pub fn as_str(&self) -> &str {
        match self {
            MessageType::Message => "MESSAGE",
            MessageType::Comment => "COMMENT",
            MessageType::WelcomeMessage => "WELCOME_MESSAGE",
            MessageType::Other(name) => name,
        }
    }
}

impl fmt::Display for MessageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The status of a Conversations thread (`conversation.propertyChange` on `status`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ConversationStatus {
    /// `OPEN`
    Open,
    /// `CLOSED`
    Closed,
    /// Any other value, as sent.
    Other(String),
}

impl ConversationStatus {
    /// Parses HubSpot's value; unknown values are kept.
    pub fn from_name(name: &str) -> ConversationStatus {
        match name {
            "OPEN" => ConversationStatus::Open,
            "CLOSED" => ConversationStatus::Closed,
            other => ConversationStatus::Other(other.to_owned()),
        }
    }

    /// `"OPEN"`, `"CLOSED"` or the value as sent.
    pub fn as_str(&self) -> &str {
        match self {
            ConversationStatus::Open => "OPEN",
            ConversationStatus::Closed => "CLOSED",
            ConversationStatus::Other(name) => name,
        }
    }
}

/// A `propertyValue`, kept as sent.
///
/// HubSpot documents it as a string, and sends numbers, dates and ids as strings; a few events
/// send other JSON (`isArchived: false`). [`PropertyValue::as_str`] gives a string either way.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PropertyValue {
    /// A JSON string, decoded.
    String(Text),
    /// Any other JSON value (`false`, `3`, ...), as its JSON text exactly as sent.
    Json(Text),
}

impl PropertyValue {
    /// The value as a string: the string itself, or the JSON text of a non-string value
    /// (`"false"` for `false`).
    pub fn as_str(&self) -> &str {
        match self {
            PropertyValue::String(s) | PropertyValue::Json(s) => s.as_str(),
        }
    }

    /// The value as exact JSON text: a string quoted and escaped, any other value as it
    /// stood in the body (`12345678901234567890123` stays those digits).
    pub fn to_json(&self) -> String {
        match self {
            // Serialising a string into a String cannot fail; the fallback keeps this total.
            PropertyValue::String(s) => serde_json::to_string(s.as_str()).unwrap_or_default(),
            PropertyValue::Json(text) => text.to_string(),
        }
    }

    /// True for a JSON string (`as_str` is then the decoded string, not JSON text).
    pub fn is_string(&self) -> bool {
        matches!(self, PropertyValue::String(_))
    }
}

/// What changed on a Conversations thread: the typed view of a `conversation.*` event.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConversationChange<'a> {
    /// `conversation.creation`: a new thread.
    Created,
    /// `conversation.deletion`: the thread was archived (a soft delete).
    Deleted,
    /// `conversation.privacyDeletion`: the thread was permanently deleted.
    PrivacyDeleted,
    /// `conversation.propertyChange` on `assignedTo`: the new assignee's user id, `None` when
    /// the thread was unassigned (an empty or missing value).
    AssigneeChanged {
        /// The new assignee, as sent.
        assignee: Option<&'a str>,
    },
    /// `conversation.propertyChange` on `status`.
    StatusChanged {
        /// `OPEN`, `CLOSED` or another value as sent; `None` when no value was sent.
        status: Option<ConversationStatus>,
    },
    /// `conversation.propertyChange` on `isArchived` (sent with `false` when a thread is
    /// restored). `None` when the value is neither true nor false in any spelling.
    ArchivedChanged {
        /// The new value.
        archived: Option<bool>,
    },
    /// `conversation.propertyChange` on another property.
    PropertyChanged {
        /// `propertyName`
        name: Option<&'a str>,
        /// `propertyValue` as a string.
        value: Option<&'a str>,
    },
    /// `conversation.newMessage`: a message was added to the thread.
    NewMessage {
        /// `messageId`
        message_id: Option<&'a str>,
        /// `messageType`
        message_type: Option<&'a MessageType>,
    },
    /// Another `conversation.*` action, as sent.
    Other(&'a str),
}

impl<'a> ConversationChange<'a> {
    /// The name of the change, the same in every binding: `"created"`, `"deleted"`,
    /// `"privacyDeleted"`, `"assigneeChanged"`, `"statusChanged"`, `"archivedChanged"`,
    /// `"propertyChanged"`, `"newMessage"` or `"other"`.
    pub fn name(&self) -> &'static str {
        match self {
            ConversationChange::Created => "created",
            ConversationChange::Deleted => "deleted",
            ConversationChange::PrivacyDeleted => "privacyDeleted",
            ConversationChange::AssigneeChanged { .. } => "assigneeChanged",
            ConversationChange::StatusChanged { .. } => "statusChanged",
            ConversationChange::ArchivedChanged { .. } => "archivedChanged",
            ConversationChange::PropertyChanged { .. } => "propertyChanged",
            ConversationChange::NewMessage { .. } => "newMessage",
            ConversationChange::Other(_) => "other",
        }
    }

    /// The new assignee of an `AssigneeChanged`; `None` for another change or when unassigned.
    pub fn assignee(&self) -> Option<&'a str> {
        match self {
            ConversationChange::AssigneeChanged { assignee } => *assignee,
            _ => None,
        }
    }

    /// The status of a `StatusChanged`; `None` for another change or when no value was sent.
    pub fn status(&self) -> Option<&ConversationStatus> {
        match self {
            ConversationChange::StatusChanged { status } => status.as_ref(),
            _ => None,
        }
    }

    /// The new value of an `ArchivedChanged`; `None` for another change or when unreadable.
    pub fn archived(&self) -> Option<bool> {
        match self {
            ConversationChange::ArchivedChanged { archived } => *archived,
            _ => None,
        }
    }

    /// Every name [`ConversationChange::values`] gives, for bindings that map each to a member
    /// of their own (a test there can check that none is left without one).
    pub const VALUE_NAMES: [&'static str; 7] = [
        "assignee",
        "status",
        "archived",
        "propertyName",
        "propertyValue",
        "messageId",
        "messageType",
    ];

    /// The change's values by their JSON names ([`ConversationChange::VALUE_NAMES`]), for
    /// bindings whose enums carry no data; absent ones are left out, in this order: `assignee`;
    /// `status`; `archived`; `propertyName`, `propertyValue`; `messageId`, `messageType`.
    pub fn values(&self) -> impl Iterator<Item = (&'static str, ChangeValue<'_>)> {
        use ChangeValue::{Bool, Text};
        fn pair<'v>(name: &'static str, value: Option<ChangeValue<'v>>) -> Option<(&'static str, ChangeValue<'v>)> {
            value.map(|v| (name, v))
        }
        let values = match self {
            ConversationChange::AssigneeChanged { assignee } => [pair("assignee", assignee.map(Text)), None],
            ConversationChange::StatusChanged { status } => {
                [pair("status", status.as_ref().map(|s| Text(s.as_str()))), None]
            }
            ConversationChange::ArchivedChanged { archived } => [pair("archived", archived.map(Bool)), None],
            ConversationChange::PropertyChanged { name, value } => [
                pair("propertyName", name.map(Text)),
                pair("propertyValue", value.map(Text)),
            ],
            ConversationChange::NewMessage {
                message_id,
                message_type,
            } => [
                pair("messageId", message_id.map(Text)),
                pair("messageType", message_type.map(|t| Text(t.as_str()))),
            ],
            _ => [None, None],
        };
        values.into_iter().flatten()
    }
}

/// A value of a conversation change ([`ConversationChange::values`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChangeValue<'a> {
    /// Text as sent (an enum by its name as sent).
    Text(&'a str),
    /// A boolean.
    Bool(bool),
}

/// A `conversation.*` event seen through its typed view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conversation<'a> {
    /// The thread id (`objectId`).
    pub thread_id: Option<i64>,
    /// What changed.
    pub change: ConversationChange<'a>,
}

impl Event {
    /// The event's JSON text exactly as it stood in the request body.
    pub fn raw_json(&self) -> &str {
        self.raw.as_str()
    }

    /// Where [`Event::raw_json`] stands in the body it was parsed from: a byte range of the
    /// body (of the text given to [`crate::parse_event`], for an event parsed alone).
    pub fn raw_span(&self) -> std::ops::Range<usize> {
        self.raw.range()
    }

    /// Where `text`, one of this event's string fields, stands in the body it was parsed from
    /// (the same body as [`Event::raw_span`]): `Some` when the JSON string had no escapes, so
    /// its text is exactly that byte range of the body (without the quotes). For bindings that
    /// can hand over positions in the body instead of copies.
    pub fn body_range(&self, text: &Text) -> Option<std::ops::Range<usize>> {
        text.range_in(&self.raw)
    }

    /// Every member of the event's original JSON object, known or not, in body order: the key
    /// (decoded) and the value's exact JSON text, as it stood in the body (numbers keep every
    /// digit). An error only if the raw text were not a JSON object, which the reader rules out.
    pub fn json_fields(&self) -> crate::Result<Vec<(String, Text)>> {
        crate::batch::object_members(&self.raw)
    }

    /// The exact JSON text of the member called `name` (HubSpot's key, exact and
    /// case-sensitive) of the event's original object, typed or not: the last one when a key
    /// repeats (as the reader does), `None` when absent. A slice of [`Event::raw_json`], never a
    /// copy. An error only if the raw text were not a JSON object, which the reader rules out.
    pub fn json_member(&self, name: &[u8]) -> crate::Result<Option<&str>> {
        let members = crate::batch::raw_members(self.raw.as_str()).map_err(crate::batch::not_an_object)?;
        Ok(members
            .into_iter()
            .rev()
            .find(|(key, _)| key.as_bytes() == name)
            .map(|(_, value)| value.get()))
    }

    /// The members of the original JSON that are not typed fields ([`crate::FIELDS`]): new
    /// fields HubSpot may add, with their exact JSON text.
    pub fn unknown_fields(&self) -> crate::Result<Vec<(String, Text)>> {
        let mut members = self.json_fields()?;
        members.retain(|(key, _)| crate::FieldId::from_json(key).is_none());
        Ok(members)
    }

    /// `propertyValue` as a string (see [`PropertyValue::as_str`]).
    pub fn property_value_str(&self) -> Option<&str> {
        self.property_value.as_ref().map(PropertyValue::as_str)
    }

    /// The object type id: `objectTypeId` as sent, or for a classic event of a known object
    /// type, HubSpot's id for it (`"0-1"` for `contact.creation`).
    pub fn effective_object_type_id(&self) -> Option<&str> {
        self.object_type_id.as_deref().or_else(|| self.object_type.type_id())
    }

    /// The typed view of a `conversation.*` event; `None` for other events.
    pub fn conversation(&self) -> Option<Conversation<'_>> {
        if self.object_type != ObjectType::Conversation {
            return None;
        }
        let value = self.property_value_str();
        let change = match &self.action {
            Action::Creation => ConversationChange::Created,
            Action::Deletion => ConversationChange::Deleted,
            Action::PrivacyDeletion => ConversationChange::PrivacyDeleted,
            Action::NewMessage => ConversationChange::NewMessage {
                message_id: self.message_id.as_deref(),
                message_type: self.message_type.as_ref(),
            },
            Action::PropertyChange => match self.property_name.as_deref() {
                Some("assignedTo") => ConversationChange::AssigneeChanged {
                    assignee: value.filter(|v| !v.trim().is_empty()),
                },
                Some("status") => ConversationChange::StatusChanged {
                    status: value.map(ConversationStatus::from_name),
                },
                Some("isArchived") => ConversationChange::ArchivedChanged {
                    archived: value.and_then(|v| {
                        if v.eq_ignore_ascii_case("true") {
                            Some(true)
                        } else if v.eq_ignore_ascii_case("false") {
                            Some(false)
                        } else {
                            None
                        }
                    }),
                },
                name => ConversationChange::PropertyChanged { name, value },
            },
            other => ConversationChange::Other(other.as_str()),
        };
        Some(Conversation {
            thread_id: self.object_id,
            change,
        })
    }

    /// A key that identifies this notification for deduplication.
    ///
    /// HubSpot may deliver a notification more than once and says `eventId` is not unique, so
    /// the key combines `appId`, `portalId`, `subscriptionId`, `subscriptionType`, `eventId`,
    /// `objectId`, `fromObjectId`, `toObjectId` and `occurredAt` (absent ones as `-`), and
    /// leaves out `attemptNumber`, so a retry has the same key as the first attempt. The format
    /// is `hs1:` followed by those values joined by `:`; it is stable across versions and
    /// languages.
    pub fn dedup_key(&self) -> String {
        let mut key = String::with_capacity(96 + self.subscription_type.len());
        self.write_dedup_key(&mut key);
        key
    }

    /// Appends [`Event::dedup_key`] to `out` (no allocation when `out` has room; this is on the
    /// hot path of bindings that hand every event's key over). [`DEDUP_KEY_PARTS`] written out
    /// (a test checks they agree): a lookup by field id per part costs half as much again.
    pub fn write_dedup_key(&self, out: &mut String) {
        fn push_int(out: &mut String, v: i64) {
            // Without the formatting machinery: two digits a step (serde_json's own formatter).
            out.push_str(itoa::Buffer::new().format(v));
        }
        fn push_opt(out: &mut String, v: Option<i64>) {
            match v {
                Some(v) => push_int(out, v),
                None => out.push('-'),
            }
        }
        out.push_str("hs1:");
        push_int(out, self.app_id);
        out.push(':');
        push_int(out, self.portal_id);
        out.push(':');
        push_opt(out, self.subscription_id);
        out.push(':');
        out.push_str(&self.subscription_type);
        out.push(':');
        push_int(out, self.event_id);
        out.push(':');
        push_opt(out, self.object_id);
        out.push(':');
        push_opt(out, self.from_object_id);
        out.push(':');
        push_opt(out, self.to_object_id);
        out.push(':');
        push_int(out, self.occurred_at);
    }
}

/// One piece of [`Event::dedup_key`]: literal text, or a field's value as text (an integer in
/// decimal; `-` when the event does not carry it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DedupKeyPart {
    /// Text as it stands.
    Text(&'static str),
    /// A field's value.
    Field(FieldId),
}

/// [`Event::dedup_key`], piece by piece: a binding that holds an event's fields already (the
/// JavaScript package) builds the same key from them, on first read, without a call into the
/// core.
pub static DEDUP_KEY_PARTS: [DedupKeyPart; 18] = {
    use DedupKeyPart::{Field, Text};
    [
        Text("hs1:"),
        Field(FieldId::AppId),
        Text(":"),
        Field(FieldId::PortalId),
        Text(":"),
        Field(FieldId::SubscriptionId),
        Text(":"),
        Field(FieldId::SubscriptionType),
        Text(":"),
        Field(FieldId::EventId),
        Text(":"),
        Field(FieldId::ObjectId),
        Text(":"),
        Field(FieldId::FromObjectId),
        Text(":"),
        Field(FieldId::ToObjectId),
        Text(":"),
        Field(FieldId::OccurredAt),
    ]
};

/// Splits a subscription type into its object type and action. For `object.*` events the
/// object type comes from `objectTypeId` (or `fromObjectTypeId` for association changes).
pub(crate) fn classify(
    subscription_type: &str,
    object_type_id: Option<&str>,
    from_object_type_id: Option<&str>,
) -> (ObjectType, Action) {
    let (prefix, action) = subscription_type.split_once('.').unwrap_or((subscription_type, ""));
    let object_type = if prefix == "object" {
        match object_type_id.or(from_object_type_id) {
            Some(id) => ObjectType::from_type_id(id),
            None => ObjectType::Other("object".to_owned()),
        }
    } else {
        ObjectType::from_name(prefix)
    };
    (object_type, Action::from_name(action))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_member_is_the_last_of_a_key_as_sent() {
        let body = r#"[{"eventId":1,"portalId":2,"appId":3,"occurredAt":4,"attemptNumber":0,"subscriptionType":"a.b","x":1,"n":98765432109876543210,"x":{"y":[1,"\u00e9"]}}]"#;
        let batch = crate::parse_batch(body.as_bytes(), &crate::Options::default()).unwrap();
        let e = &batch.events[0];
        assert_eq!(e.json_member(b"x").unwrap(), Some(r#"{"y":[1,"\u00e9"]}"#));
        assert_eq!(e.json_member(b"n").unwrap(), Some("98765432109876543210"));
        assert_eq!(e.json_member(b"eventId").unwrap(), Some("1"));
        assert_eq!(e.json_member(b"X").unwrap(), None);
        let member = e.json_member(b"n").unwrap().unwrap();
        let raw = e.raw_json();
        assert!(
            raw.as_ptr() <= member.as_ptr() && member.as_ptr() < raw[raw.len()..].as_ptr(),
            "a slice of raw_json"
        );
    }

    #[test]
    fn conversation_change_values_by_name() {
        use ChangeValue::{Bool, Text};
        let status = ConversationStatus::Open;
        let message_type = MessageType::Message;
        let cases: [(ConversationChange<'_>, Vec<(&str, ChangeValue<'_>)>); 7] = [
            (
                ConversationChange::AssigneeChanged { assignee: Some("7") },
                vec![("assignee", Text("7"))],
            ),
            (ConversationChange::AssigneeChanged { assignee: None }, vec![]),
            (
                ConversationChange::StatusChanged {
                    status: Some(status.clone()),
                },
                vec![("status", Text("OPEN"))],
            ),
            (
                ConversationChange::ArchivedChanged { archived: Some(false) },
                vec![("archived", Bool(false))],
            ),
            (
                ConversationChange::PropertyChanged {
                    name: Some("p"),
                    value: Some("v"),
                },
                vec![("propertyName", Text("p")), ("propertyValue", Text("v"))],
            ),
            (
                ConversationChange::NewMessage {
                    message_id: None,
                    message_type: Some(&message_type),
                },
                vec![("messageType", Text("MESSAGE"))],
            ),
            (ConversationChange::Created, vec![]),
        ];
        for (change, want) in cases {
            let values: Vec<_> = change.values().collect();
            assert!(values
                .iter()
                .all(|(name, _)| ConversationChange::VALUE_NAMES.contains(name)));
            assert_eq!(values, want, "{change:?}");
        }
        let assigned = ConversationChange::AssigneeChanged { assignee: Some("7") };
        assert_eq!(
            (assigned.assignee(), assigned.status(), assigned.archived()),
            (Some("7"), None, None)
        );
        let status_changed = ConversationChange::StatusChanged {
            status: Some(status.clone()),
        };
        assert_eq!(status_changed.status(), Some(&status));
        assert_eq!(
            ConversationChange::ArchivedChanged { archived: Some(true) }.archived(),
            Some(true)
        );
    }

    #[test]
    fn classification() {
        assert_eq!(
            classify("contact.creation", None, None),
            (ObjectType::Contact, Action::Creation)
        );
        assert_eq!(
            classify("object.creation", Some("0-1"), None),
            (ObjectType::Contact, Action::Creation)
        );
        assert_eq!(
            classify("object.associationChange", None, Some("0-3")),
            (ObjectType::Deal, Action::AssociationChange)
        );
        assert_eq!(classify("object.merge", Some("0-48"), None).0.as_str(), "call");
        assert_eq!(
            classify("object.merge", Some("2-99"), None).0,
            ObjectType::Other("2-99".into())
        );
        assert_eq!(
            classify("event.completed", None, None),
            (ObjectType::Other("event".into()), Action::Other("completed".into()))
        );
        assert_eq!(
            classify("weird", None, None),
            (ObjectType::Other("weird".into()), Action::Other(String::new()))
        );
        assert_eq!(ObjectType::LineItem.type_id(), Some("0-8"));
        assert_eq!(ObjectType::Conversation.type_id(), None);
    }

    #[test]
    fn dedup_key_follows_its_table() {
        use crate::FieldValue;
        // The key written out by write_dedup_key is DEDUP_KEY_PARTS, for events with and without
        // each optional part.
        let bodies = [
            r#"[{"subscriptionType":"deal.associationChange","eventId":-9223372036854775808,"portalId":0,"appId":9223372036854775807,"occurredAt":1769081993375,"attemptNumber":3,"fromObjectId":64058987777,"toObjectId":58061514894}]"#,
            r#"[{"subscriptionType":"contact.creation","eventId":1,"subscriptionId":2,"portalId":3,"appId":4,"occurredAt":5,"attemptNumber":0,"objectId":6}]"#,
        ];
        for body in bodies {
            let batch = crate::parse_batch(body.as_bytes(), &crate::Options::default()).unwrap();
            let event = &batch.events[0];
            let mut from_table = String::new();
            for part in &DEDUP_KEY_PARTS {
                match *part {
                    DedupKeyPart::Text(text) => from_table.push_str(text),
                    DedupKeyPart::Field(id) => match event.field(id) {
                        Some(FieldValue::Int(n)) => from_table.push_str(&n.to_string()),
                        Some(value) => from_table.push_str(value.as_str().unwrap()),
                        None => from_table.push('-'),
                    },
                }
            }
            assert_eq!(event.dedup_key(), from_table);
        }
    }

    #[test]
    fn dedup_key_format() {
        let body = br#"[{"subscriptionType":"deal.associationChange","eventId":-9223372036854775808,"portalId":0,"appId":9223372036854775807,"occurredAt":1769081993375,"attemptNumber":3,"fromObjectId":64058987777,"toObjectId":58061514894}]"#;
        let batch = crate::parse_batch(body, &crate::Options::default()).unwrap();
        let event = &batch.events[0];
        assert_eq!(
            event.dedup_key(),
            "hs1:9223372036854775807:0:-:deal.associationChange:-9223372036854775808:-:64058987777:58061514894:1769081993375"
        );
        let mut out = String::from("x");
        event.write_dedup_key(&mut out);
        assert_eq!(out, format!("x{}", event.dedup_key()));
    }

    #[test]
    fn body_ranges_of_string_fields() {
        let body = br#"[{"subscriptionType":"contact.propertyChange","eventId":1,"portalId":2,"appId":3,"occurredAt":4,"attemptNumber":0,"propertyName":"first\u006eame","changeSource":"CRM_UI"}]"#;
        let batch = crate::parse_batch(body, &crate::Options::default()).unwrap();
        let event = &batch.events[0];
        let range = event.body_range(&event.subscription_type).unwrap();
        assert_eq!(&body[range], b"contact.propertyChange");
        let range = event.body_range(event.change_source.as_ref().unwrap()).unwrap();
        assert_eq!(&body[range], b"CRM_UI");
        // Escaped: decoded into its own text, not a range of the body.
        assert_eq!(event.property_name.as_deref(), Some("firstname"));
        assert_eq!(event.body_range(event.property_name.as_ref().unwrap()), None);
    }
}
