//! Conversations Custom Channels events: the one JSON object HubSpot POSTs to a channel's
//! `webhookUrl` for each message an agent sends and each channel-account change
//! (docs/hubspot.md, "Custom Channels"; docs/decisions.md, items 13-15).
//!
//! IDs are text (a JSON integer is accepted and kept as its exact decimal text); times keep
//! their ISO-8601 text and give exact Unix milliseconds when they parse as RFC 3339; unknown
//! `type` values, identifier types and fields are kept; the original JSON is kept.
//!
//! The structs serialise (serde) to the shape bindings hand to their users: HubSpot's JSON
//! names, `type` for the event and identifier types, each time as its text plus a sibling
//! `…Ms` with the milliseconds, and `rawJson` for the event's and each attachment's JSON.

use serde::Serialize;
use serde_json::value::RawValue;

use crate::error::{excerpt, Error, Result};
use crate::text::Text;

/// The Custom Channels event types HubSpot documents; any other `type` is kept as sent.
pub const CHANNEL_EVENT_TYPES: [&str; 4] = [
    "OUTGOING_CHANNEL_MESSAGE_CREATED",
    "CHANNEL_ACCOUNT_CREATED",
    "CHANNEL_ACCOUNT_UPDATED",
    "CHANNEL_ACCOUNT_PURGED",
];

/// The delivery identifier types HubSpot documents; any other is kept as sent.
pub const DELIVERY_IDENTIFIER_TYPES: [&str; 4] = [
    "HS_EMAIL_ADDRESS",
    "HS_PHONE_NUMBER",
    "CHANNEL_SPECIFIC_OPAQUE_ID",
    "HS_SHORT_CODE",
];

/// An ISO-8601 time as sent, with its Unix milliseconds when it parses as RFC 3339.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IsoTime {
    /// The text as sent, e.g. `"2026-05-14T09:21:07.482Z"`.
    pub text: Text,
    /// Unix milliseconds (a fraction finer than a millisecond is cut off, never rounded up);
    /// `None` when the text is not RFC 3339. A time that does not parse is not an error.
    pub unix_ms: Option<i64>,
}

impl IsoTime {
    fn new(text: Text) -> IsoTime {
        let unix_ms = rfc3339_ms(&text);
        IsoTime { text, unix_ms }
    }
}

/// `{type, value}`: an address in the channel (a phone number, an email address, an opaque
/// id). A bare string is accepted as the value, with no type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DeliveryIdentifier {
    /// `HS_EMAIL_ADDRESS`, `HS_PHONE_NUMBER`, `CHANNEL_SPECIFIC_OPAQUE_ID`, `HS_SHORT_CODE` or
    /// another type as sent; `None` when HubSpot sent a bare string.
    #[serde(rename = "type")]
    pub identifier_type: Option<Text>,
    /// The address itself.
    pub value: Text,
}

/// A sender or recipient of a message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Participant {
    /// `A-<userId>` for HubSpot users, `V-<contactId>` for contacts, ...
    pub actor_id: Option<Text>,
    /// The display name.
    pub name: Option<Text>,
    /// Where the message goes to or comes from.
    pub delivery_identifier: Option<DeliveryIdentifier>,
}

/// `message.status`: a string (`"SENT"`) or an object (`{"statusType": "FAILED", ...}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct MessageStatus {
    /// `SENT`, `FAILED`, `READ`, `RECEIVED` or another value as sent.
    pub status_type: Text,
    /// `failureDetails` of the object form, as its exact JSON text.
    pub failure_details_json: Option<Text>,
}

/// One element of `message.attachments`: its JSON kept whole, the documented `FILE` shape typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Attachment {
    /// `type`, e.g. `"FILE"`.
    #[serde(rename = "type")]
    pub attachment_type: Option<Text>,
    /// `fileId` (FILE).
    pub file_id: Option<Text>,
    /// `fileUsageType` (FILE).
    pub file_usage_type: Option<Text>,
    /// `name` (FILE).
    pub name: Option<Text>,
    /// `url` (FILE).
    pub url: Option<Text>,
    /// The attachment's JSON exactly as sent.
    pub raw_json: Text,
}

/// `message` of `OUTGOING_CHANNEL_MESSAGE_CREATED`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ChannelMessage {
    /// `id`: the message id.
    pub id: Option<Text>,
    /// `type`: `MESSAGE`.
    #[serde(rename = "type")]
    pub message_type: Option<Text>,
    /// `channelId`
    pub channel_id: Option<Text>,
    /// `channelAccountId`: the channel account the message leaves through.
    pub channel_account_id: Option<Text>,
    /// `conversationsThreadId`: the inbox thread.
    pub conversations_thread_id: Option<Text>,
    /// `createdAt`
    #[serde(skip)]
    pub created_at: Option<IsoTime>,
    /// `createdBy`: the sender's actor id.
    pub created_by: Option<Text>,
    /// `senders`
    pub senders: Option<Vec<Participant>>,
    /// `recipients`
    pub recipients: Option<Vec<Participant>>,
    /// `text`: plain text.
    pub text: Option<Text>,
    /// `richText`: HTML.
    pub rich_text: Option<Text>,
    /// `direction`: `OUTGOING`.
    pub direction: Option<Text>,
    /// `inReplyToId`: the message replied to.
    pub in_reply_to_id: Option<Text>,
    /// `truncationStatus`: `NOT_TRUNCATED`, `TRUNCATED`, ...
    pub truncation_status: Option<Text>,
    /// `status`
    pub status: Option<MessageStatus>,
    /// `attachments`
    pub attachments: Option<Vec<Attachment>>,
}

/// One Custom Channels event.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ChannelEvent {
    /// `type`: one of [`CHANNEL_EVENT_TYPES`] or another value as sent.
    pub event_type: Text,
    /// `portalId`: the HubSpot account, as text.
    pub portal_id: Text,
    /// `channelId`
    pub channel_id: Text,
    /// `eventTimestamp`
    pub event_timestamp: Option<IsoTime>,
    /// `eventId`: a per-event reference (format undocumented).
    pub event_id: Option<Text>,
    /// `channelIntegrationThreadIds`: the app's thread ids for the message.
    pub channel_integration_thread_ids: Option<Vec<Text>>,
    /// `channelAccountId` (channel-account events).
    pub channel_account_id: Option<Text>,
    /// `channelAccountDeliveryIdentifier` (channel-account events).
    pub channel_account_delivery_identifier: Option<DeliveryIdentifier>,
    /// `message` (`OUTGOING_CHANNEL_MESSAGE_CREATED`).
    pub message: Option<ChannelMessage>,
    raw: Text,
}

impl ChannelEvent {
    /// The event's JSON text exactly as it stood in the body.
    pub fn raw_json(&self) -> &str {
        self.raw.as_str()
    }

    /// Every member of the event's JSON object, with its exact JSON text.
    pub fn json_fields(&self) -> Result<Vec<(String, Text)>> {
        crate::batch::object_members(&self.raw)
    }

    /// The event as the JSON bindings hand to their users (see the `Serialize` impl): HubSpot's
    /// names, IDs as text, times as text with a sibling `…Ms`, `dedupKey`, `rawJson`.
    /// `invalid_event` if it cannot be written (never, for the plain strings, numbers and
    /// options it holds; were it to fail, the failure is said rather than a `null` given).
    pub fn to_value(&self) -> Result<serde_json::Value> {
        serde_json::to_value(self).map_err(ChannelEvent::unwritable)
    }

    /// [`ChannelEvent::to_value`] as JSON text, written directly; the same error.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(self).map_err(ChannelEvent::unwritable)
    }

    /// The error of an event that cannot be written as JSON (`invalid_event`), for
    /// [`ChannelEvent::to_value`], [`ChannelEvent::to_json`] and bindings that write the event
    /// inside an answer of their own.
    pub fn unwritable(e: serde_json::Error) -> Error {
        Error::new(
            crate::ErrorCode::InvalidEvent,
            format!("the Custom Channels event could not be written as JSON: {e}"),
        )
    }

    /// One value of [`ChannelEvent::to_value`] by JSON Pointer (RFC 6901, see [`check_pointer`]), e.g.
    /// `/message/senders/0/deliveryIdentifier/value`; `None` when absent or `null`;
    /// `invalid_argument` for a text that is not a JSON Pointer. For bindings that read fields
    /// by path (C, which keeps the serialised event and reads it with [`value_at`]).
    pub fn pointer(&self, pointer: &str) -> Result<Option<serde_json::Value>> {
        Ok(value_at(&self.to_value()?, pointer)?.cloned())
    }

    /// A key that identifies this event for deduplication: `hscc1:` followed by portalId,
    /// channelId, type, the message id (or for channel-account events the channel account
    /// id) and eventTimestamp as sent, joined by `:` (absent ones as `-`).
    pub fn dedup_key(&self) -> String {
        let subject = self
            .message
            .as_ref()
            .and_then(|m| m.id.as_deref())
            .or(self.channel_account_id.as_deref())
            .unwrap_or("-");
        let time = self.event_timestamp.as_ref().map_or("-", |t| t.text.as_str());
        format!(
            "hscc1:{}:{}:{}:{subject}:{time}",
            self.portal_id, self.channel_id, self.event_type
        )
    }
}

/// The event as bindings hand it over: [`ChannelEvent`]'s fields under HubSpot's names, each
/// time as its text with a sibling `…Ms`, plus `dedupKey` and `rawJson`.
impl Serialize for ChannelEvent {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("type", &self.event_type)?;
        map.serialize_entry("portalId", &self.portal_id)?;
        map.serialize_entry("channelId", &self.channel_id)?;
        map.serialize_entry("eventTimestamp", &self.event_timestamp.as_ref().map(|t| &t.text))?;
        map.serialize_entry(
            "eventTimestampMs",
            &self.event_timestamp.as_ref().and_then(|t| t.unix_ms),
        )?;
        map.serialize_entry("eventId", &self.event_id)?;
        map.serialize_entry("channelIntegrationThreadIds", &self.channel_integration_thread_ids)?;
        map.serialize_entry("channelAccountId", &self.channel_account_id)?;
        map.serialize_entry(
            "channelAccountDeliveryIdentifier",
            &self.channel_account_delivery_identifier,
        )?;
        map.serialize_entry("message", &self.message.as_ref().map(MessageView))?;
        map.serialize_entry("dedupKey", &self.dedup_key())?;
        map.serialize_entry("rawJson", &self.raw)?;
        map.end()
    }
}

/// [`ChannelMessage`] with its `createdAt` time split into text and milliseconds.
struct MessageView<'a>(&'a ChannelMessage);

impl Serialize for MessageView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Times<'a> {
            #[serde(flatten)]
            message: &'a ChannelMessage,
            created_at: Option<&'a Text>,
            created_at_ms: Option<i64>,
        }
        let m = self.0;
        Times {
            message: m,
            created_at: m.created_at.as_ref().map(|t| &t.text),
            created_at_ms: m.created_at.as_ref().and_then(|t| t.unix_ms),
        }
        .serialize(serializer)
    }
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

fn wrong(path: &str, problem: &str) -> Error {
    Error::invalid_field(path, format!("Custom Channels event: field `{path}` {problem}"))
}

/// The members of a JSON object, values borrowed as raw JSON.
fn members<'a>(raw: &'a str, path: &str) -> Result<Vec<(String, &'a RawValue)>> {
    crate::batch::raw_members(raw).map_err(|_| wrong(path, "must be an object"))
}

fn is_null(raw: &RawValue) -> bool {
    raw.get() == "null"
}

fn string(raw: &RawValue, path: &str) -> Result<Option<Text>> {
    if is_null(raw) {
        return Ok(None);
    }
    if !raw.get().starts_with('"') {
        return Err(wrong(path, "must be a string"));
    }
    serde_json::from_str::<String>(raw.get())
        .map(|s| Some(Text::from(s)))
        .map_err(|e| wrong(path, &format!("is not a readable string ({e})")))
}

/// An ID: a string, or a JSON integer kept as its exact decimal text.
fn id(raw: &RawValue, path: &str) -> Result<Option<Text>> {
    let text = raw.get();
    let digits = text.strip_prefix('-').unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(Some(Text::from(text)));
    }
    string(raw, path).map_err(|_| wrong(path, "must be a string or an integer (an ID)"))
}

fn time(raw: &RawValue, path: &str) -> Result<Option<IsoTime>> {
    Ok(string(raw, path)?.map(IsoTime::new))
}

fn array<'a>(raw: &'a RawValue, path: &str) -> Result<Option<Vec<&'a RawValue>>> {
    if is_null(raw) {
        return Ok(None);
    }
    serde_json::from_str::<Vec<&'a RawValue>>(raw.get())
        .map(Some)
        .map_err(|_| wrong(path, "must be an array"))
}

fn list<T>(raw: &RawValue, path: &str, item: impl Fn(&RawValue, &str) -> Result<Option<T>>) -> Result<Option<Vec<T>>> {
    let Some(elements) = array(raw, path)? else {
        return Ok(None);
    };
    let mut out = Vec::with_capacity(elements.len());
    for (i, element) in elements.into_iter().enumerate() {
        let at = format!("{path}[{i}]");
        out.push(item(element, &at)?.ok_or_else(|| wrong(&at, "must not be null"))?);
    }
    Ok(Some(out))
}

fn delivery_identifier(raw: &RawValue, path: &str) -> Result<Option<DeliveryIdentifier>> {
    if raw.get().starts_with('"') {
        return Ok(string(raw, path)?.map(|value| DeliveryIdentifier {
            identifier_type: None,
            value,
        }));
    }
    if is_null(raw) {
        return Ok(None);
    }
    let (mut identifier_type, mut value) = (None, None);
    for (key, v) in members(raw.get(), path)? {
        match key.as_str() {
            "type" => identifier_type = string(v, &format!("{path}.type"))?,
            "value" => value = id(v, &format!("{path}.value"))?,
            _ => {}
        }
    }
    let value = value.ok_or_else(|| wrong(&format!("{path}.value"), "is missing"))?;
    Ok(Some(DeliveryIdentifier { identifier_type, value }))
}

fn participant(raw: &RawValue, path: &str) -> Result<Option<Participant>> {
    if is_null(raw) {
        return Ok(None);
    }
    let mut p = Participant {
        actor_id: None,
        name: None,
        delivery_identifier: None,
    };
    for (key, v) in members(raw.get(), path)? {
        let at = format!("{path}.{key}");
        match key.as_str() {
            "actorId" => p.actor_id = id(v, &at)?,
            "name" => p.name = string(v, &at)?,
            // The guide's prose misspells it; accept both.
            "deliveryIdentifier" | "deliverIdentifier" => p.delivery_identifier = delivery_identifier(v, &at)?,
            _ => {}
        }
    }
    Ok(Some(p))
}

fn status(raw: &RawValue, path: &str) -> Result<Option<MessageStatus>> {
    if let Some(status_type) = string(raw, path).ok().flatten() {
        return Ok(Some(MessageStatus {
            status_type,
            failure_details_json: None,
        }));
    }
    if is_null(raw) {
        return Ok(None);
    }
    let (mut status_type, mut failure_details_json) = (None, None);
    for (key, v) in members(raw.get(), path)? {
        match key.as_str() {
            "statusType" => status_type = string(v, &format!("{path}.statusType"))?,
            "failureDetails" if !is_null(v) => failure_details_json = Some(Text::from(v.get())),
            _ => {}
        }
    }
    let status_type = status_type.ok_or_else(|| wrong(&format!("{path}.statusType"), "is missing"))?;
    Ok(Some(MessageStatus {
        status_type,
        failure_details_json,
    }))
}

fn attachment(raw: &RawValue, path: &str) -> Result<Option<Attachment>> {
    if is_null(raw) {
        return Ok(None);
    }
    let mut a = Attachment {
        attachment_type: None,
        file_id: None,
        file_usage_type: None,
        name: None,
        url: None,
        raw_json: Text::from(raw.get()),
    };
    for (key, v) in members(raw.get(), path)? {
        let at = format!("{path}.{key}");
        match key.as_str() {
            "type" => a.attachment_type = string(v, &at)?,
            "fileId" => a.file_id = id(v, &at)?,
            "fileUsageType" => a.file_usage_type = string(v, &at)?,
            "name" => a.name = string(v, &at)?,
            "url" => a.url = string(v, &at)?,
            _ => {}
        }
    }
    Ok(Some(a))
}

fn message(raw: &RawValue, path: &str) -> Result<Option<ChannelMessage>> {
    if is_null(raw) {
        return Ok(None);
    }
    let mut m = ChannelMessage {
        id: None,
        message_type: None,
        channel_id: None,
        channel_account_id: None,
        conversations_thread_id: None,
        created_at: None,
        created_by: None,
        senders: None,
        recipients: None,
        text: None,
        rich_text: None,
        direction: None,
        in_reply_to_id: None,
        truncation_status: None,
        status: None,
        attachments: None,
    };
    for (key, v) in members(raw.get(), path)? {
        let at = format!("{path}.{key}");
        match key.as_str() {
            "id" => m.id = id(v, &at)?,
            "type" => m.message_type = string(v, &at)?,
            "channelId" => m.channel_id = id(v, &at)?,
            "channelAccountId" => m.channel_account_id = id(v, &at)?,
            "conversationsThreadId" => m.conversations_thread_id = id(v, &at)?,
            "createdAt" => m.created_at = time(v, &at)?,
            "createdBy" => m.created_by = id(v, &at)?,
            "senders" => m.senders = list(v, &at, participant)?,
            "recipients" => m.recipients = list(v, &at, participant)?,
            "text" => m.text = string(v, &at)?,
            "richText" => m.rich_text = string(v, &at)?,
            "direction" => m.direction = string(v, &at)?,
            "inReplyToId" => m.in_reply_to_id = id(v, &at)?,
            "truncationStatus" => m.truncation_status = string(v, &at)?,
            "status" => m.status = status(v, &at)?,
            "attachments" => m.attachments = list(v, &at, attachment)?,
            _ => {}
        }
    }
    Ok(Some(m))
}

/// Types one Custom Channels event from its JSON text (an object whose `type` is a string).
#[cfg(test)]
fn parse_channel_event(raw: Text) -> Result<ChannelEvent> {
    let members = members(raw.as_str(), "")?;
    parse_channel_members(raw.clone(), members)
}

/// Types one Custom Channels event from its JSON text `raw` and its members, read already
/// ([`channel_members`]).
pub(crate) fn parse_channel_members(raw: Text, members: Vec<(String, &RawValue)>) -> Result<ChannelEvent> {
    // Every member read fully, as a batch event's are (`CheckedAny`): nesting deeper than 128
    // levels, or a number beyond a float, is an error here rather than in every later reader.
    for (key, v) in &members {
        serde_json::from_str::<crate::batch::CheckedAny>(v.get())
            .map_err(|e| wrong(key, &format!("cannot be read: {}", crate::batch::serde_message(&e))))?;
    }
    let mut event_type = None;
    let mut portal_id = None;
    let mut channel_id = None;
    let mut event = ChannelEvent {
        event_type: Text::from(""),
        portal_id: Text::from(""),
        channel_id: Text::from(""),
        event_timestamp: None,
        event_id: None,
        channel_integration_thread_ids: None,
        channel_account_id: None,
        channel_account_delivery_identifier: None,
        message: None,
        raw: raw.clone(),
    };
    for (key, v) in members {
        let at = key.as_str();
        match at {
            "type" => event_type = string(v, at)?,
            "portalId" => portal_id = id(v, at)?,
            "channelId" => channel_id = id(v, at)?,
            "eventTimestamp" => event.event_timestamp = time(v, at)?,
            "eventId" => event.event_id = id(v, at)?,
            "channelIntegrationThreadIds" => event.channel_integration_thread_ids = list(v, at, id)?,
            "channelAccountId" => event.channel_account_id = id(v, at)?,
            "channelAccountDeliveryIdentifier" => {
                event.channel_account_delivery_identifier = delivery_identifier(v, at)?
            }
            "message" => event.message = message(v, at)?,
            _ => {}
        }
    }
    let required =
        |value: Option<Text>, name: &str| value.ok_or_else(|| wrong(name, "is required but missing or null"));
    event.event_type = required(event_type, "type")?;
    event.portal_id = required(portal_id, "portalId")?;
    event.channel_id = required(channel_id, "channelId")?;
    Ok(event)
}

/// The members of a body's JSON object when it is a Custom Channels event (its `type` member is
/// a string), for [`parse_channel_members`]; `None` otherwise.
pub(crate) fn channel_members(object: &str) -> Option<Vec<(String, &RawValue)>> {
    let members = members(object, "").ok()?;
    members
        .iter()
        .any(|(key, v)| key == "type" && v.get().starts_with('"'))
        .then_some(members)
}

// ---------------------------------------------------------------------------------------------
// RFC 3339
// ---------------------------------------------------------------------------------------------

/// Unix milliseconds of an RFC 3339 date-time (`2026-05-14T09:21:07.482Z`,
/// `2026-05-14T11:21:07+02:00`; `T`/`Z` in either case; any number of fraction digits, cut
/// to milliseconds); `None` for anything else.
pub(crate) fn rfc3339_ms(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = b.get(range)?;
        digits
            .iter()
            .try_fold(0i64, |n, d| d.is_ascii_digit().then(|| n * 10 + i64::from(d - b'0')))
    };
    let sep = |i: usize, c: &[u8]| b.get(i).is_some_and(|x| c.contains(x));
    if b.len() < 20 || !sep(4, b"-") || !sep(7, b"-") || !sep(10, b"Tt") || !sep(13, b":") || !sep(16, b":") {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let max_day = *month_days.get(usize::try_from(month).ok()?.checked_sub(1)?)?;
    if day < 1 || day > max_day || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut at = 19;
    let mut millis = 0i64;
    if sep(at, b".") {
        let start = at + 1;
        at = start;
        while b.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        if at == start {
            return None;
        }
        for i in 0..3 {
            millis = millis * 10
                + b.get(start + i)
                    .filter(|_| start + i < at)
                    .map_or(0, |d| i64::from(d - b'0'));
        }
    }
    let offset_minutes = match b.get(at..)? {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let h = num(at + 1..at + 3)?;
            let m = num(at + 4..at + 6)?;
            if h > 23 || m > 59 {
                return None;
            }
            if *sign == b'+' {
                h * 60 + m
            } else {
                -(h * 60 + m)
            }
        }
        _ => return None,
    };
    // Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second.min(59) - offset_minutes * 60;
    Some(seconds * 1000 + millis)
}

/// `Ok` for a JSON Pointer (RFC 6901): `""` (the whole event) or text starting with `/`; else
/// `invalid_argument` saying so. For bindings that take a pointer from their caller
/// ([`ChannelEvent::pointer`] and [`value_at`] answer this error for any other text).
pub fn check_pointer(pointer: &str) -> Result<()> {
    if pointer.is_empty() || pointer.starts_with('/') {
        return Ok(());
    }
    Err(Error::new(
        crate::ErrorCode::InvalidArgument,
        format!(
            "{} is not a JSON Pointer: it starts with '/', e.g. \"/message/text\"",
            excerpt(pointer)
        ),
    ))
}

/// The value at JSON Pointer `pointer` of a serialised event ([`ChannelEvent::to_value`]), as
/// [`ChannelEvent::pointer`] reads it but borrowed, for bindings that keep the serialised event:
/// `None` when absent or `null`; `invalid_argument` ([`check_pointer`]) for a text that is not a
/// JSON Pointer.
pub fn value_at<'v>(value: &'v serde_json::Value, pointer: &str) -> Result<Option<&'v serde_json::Value>> {
    check_pointer(pointer)?;
    Ok(value.pointer(pointer).filter(|v| !v.is_null()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn pointers_start_with_a_slash() {
        for ok in ["", "/", "/message/text", "/a~1b"] {
            check_pointer(ok).unwrap();
        }
        for bad in ["message", " /x", "#/message"] {
            let e = check_pointer(bad).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidArgument);
            assert!(e.message().contains("is not a JSON Pointer"), "{}", e.message());
        }
    }

    #[test]
    fn rfc3339() {
        assert_eq!(rfc3339_ms("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(rfc3339_ms("2023-11-07T05:31:56Z"), Some(1_699_335_116_000));
        assert_eq!(rfc3339_ms("2026-05-14T09:21:07.482Z"), Some(1_778_750_467_482));
        assert_eq!(rfc3339_ms("2026-05-14T11:21:07.4829999+02:00"), Some(1_778_750_467_482));
        assert_eq!(rfc3339_ms("2026-05-14t09:21:07.4z"), Some(1_778_750_467_400));
        assert_eq!(rfc3339_ms("1969-12-31T23:59:59.999Z"), Some(-1));
        assert_eq!(rfc3339_ms("2024-02-29T00:00:00Z"), Some(1_709_164_800_000));
        for bad in [
            "",
            "2026-05-14",
            "2026-05-14T09:21:07",
            "2026-05-14 09:21:07Z",
            "2025-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-05-14T24:00:00Z",
            "2026-05-14T09:21:07.Z",
            "2026-05-14T09:21:07+0200",
            "2026-05-14T09:21:07Z ",
            "２026-05-14T09:21:07Z",
        ] {
            assert_eq!(rfc3339_ms(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn documented_message_event() {
        let body = r#"{"type":"OUTGOING_CHANNEL_MESSAGE_CREATED","portalId":"146002871","channelId":1207734,"eventTimestamp":"2026-05-14T09:21:07.482Z","eventId":"8e1f","channelIntegrationThreadIds":["t-1"],"message":{"id":"a3f1","type":"MESSAGE","channelAccountId":"2984410573","createdAt":"2026-05-14T09:21:06.913Z","createdBy":"A-61827340","senders":[{"actorId":"A-61827340","name":"Dana","deliveryIdentifier":{"type":"HS_PHONE_NUMBER","value":"+15550100999"}}],"recipients":[{"actorId":"V-9","deliveryIdentifier":"+15550100123"}],"text":"Hi","status":{"statusType":"FAILED","failureDetails":{"errorMessage":"x"}},"attachments":[{"type":"FILE","fileId":123456789012345678901234,"url":"https://f"}],"x":1},"future":98765432109876543210}"#;
        let event = parse_channel_event(Text::from(body)).unwrap();
        assert_eq!(event.channel_id, "1207734");
        assert_eq!(event.event_timestamp.as_ref().unwrap().unix_ms, Some(1_778_750_467_482));
        let m = event.message.as_ref().unwrap();
        assert_eq!(
            m.senders.as_ref().unwrap()[0]
                .delivery_identifier
                .as_ref()
                .unwrap()
                .identifier_type
                .as_deref(),
            Some("HS_PHONE_NUMBER")
        );
        assert_eq!(
            m.recipients.as_ref().unwrap()[0]
                .delivery_identifier
                .as_ref()
                .unwrap()
                .identifier_type,
            None
        );
        assert_eq!(m.status.as_ref().unwrap().status_type, "FAILED");
        assert_eq!(
            m.status.as_ref().unwrap().failure_details_json.as_deref(),
            Some(r#"{"errorMessage":"x"}"#)
        );
        assert_eq!(
            m.attachments.as_ref().unwrap()[0].file_id.as_deref(),
            Some("123456789012345678901234")
        );
        assert_eq!(
            event.dedup_key(),
            "hscc1:146002871:1207734:OUTGOING_CHANNEL_MESSAGE_CREATED:a3f1:2026-05-14T09:21:07.482Z"
        );
        let json = event.to_value().unwrap();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&event.to_json().unwrap()).unwrap(),
            json
        );
        assert_eq!(json["message"]["createdAtMs"], 1_778_750_466_913i64);
        assert_eq!(
            json["message"]["senders"][0]["deliveryIdentifier"]["value"],
            "+15550100999"
        );
        assert_eq!(json["rawJson"], body);
        assert_eq!(
            event.pointer("/message/senders/0/deliveryIdentifier/value").unwrap(),
            Some(serde_json::json!("+15550100999"))
        );
        assert_eq!(
            event.pointer("/message/recipients/0/deliveryIdentifier/type").unwrap(),
            None
        );
        assert_eq!(event.pointer("message").unwrap_err().code(), ErrorCode::InvalidArgument);
        assert_eq!(
            value_at(&json, "/message/senders/0/deliveryIdentifier/value").unwrap(),
            Some(&json["message"]["senders"][0]["deliveryIdentifier"]["value"])
        );
        assert_eq!(
            value_at(&json, "/message/recipients/0/deliveryIdentifier/type").unwrap(),
            None
        );
        assert_eq!(value_at(&json, "/nothing").unwrap(), None);
        assert_eq!(
            value_at(&json, "message").unwrap_err().code(),
            ErrorCode::InvalidArgument
        );
        assert_eq!(
            event.pointer("/eventTimestampMs").unwrap(),
            Some(serde_json::json!(1_778_750_467_482i64))
        );
        let unknown: Vec<String> = event.json_fields().unwrap().into_iter().map(|(k, _)| k).collect();
        assert!(unknown.contains(&"future".to_owned()));
    }

    #[test]
    fn required_and_wrong_types() {
        for (body, field) in [
            (r#"{"type":"CHANNEL_ACCOUNT_UPDATED","channelId":"1"}"#, "portalId"),
            (r#"{"type":"CHANNEL_ACCOUNT_UPDATED","portalId":"1"}"#, "channelId"),
            (r#"{"type":"X","portalId":1.5,"channelId":"1"}"#, "portalId"),
            (
                r#"{"type":"X","portalId":"1","channelId":"1","message":{"senders":{}}}"#,
                "message.senders",
            ),
            (
                r#"{"type":"X","portalId":"1","channelId":"1","message":{"text":5}}"#,
                "message.text",
            ),
            (
                r#"{"type":"X","portalId":"1","channelId":"1","channelAccountDeliveryIdentifier":{"type":"HS_EMAIL_ADDRESS"}}"#,
                "channelAccountDeliveryIdentifier.value",
            ),
        ] {
            let err = parse_channel_event(Text::from(body)).unwrap_err();
            assert_eq!(err.code(), ErrorCode::InvalidEvent, "{body}");
            assert_eq!(err.field(), Some(field), "{body}");
        }
    }
}
