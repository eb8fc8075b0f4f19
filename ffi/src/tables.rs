// Generated from the core's tables (ErrorCode::ALL, FIELDS) and this library's own statuses
// (status.rs) by tests/header.rs: do not edit. Regenerate with `make ffi-header` after a
// table changes, then record the new enum values with `make ffi-abi` (values are only ever
// appended: an ABI-compatible addition).

use hubspot_webhooks::ErrorCode;

/// The result of every fallible function.
///
/// `HUBSPOT_STATUS_OK` is 0. Values 1..99 are this C library's own (NULL argument, panic, buffer
/// too small, index out of range). Values from 101 up are the core's stable error numbers, one
/// per error code of the conformance format; `hubspot_status_family_of` says which kind
/// (signature, payload, usage) and `hubspot_status_http_status` what to answer. Numbers are
/// never reused. `hubspot_status_code` gives the snake_case code.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum hubspot_status {
    /// Success.
    Ok = 0,
    /// A required pointer argument was NULL (or a `(ptr, len)` had a NULL ptr and len > 0).
    NullArgument = 1,
    /// A bug: the library panicked. The message says where; please report it.
    Panic = 2,
    /// The caller's buffer is too small; `*out_len` says how long the text is (the buffer needs
    /// `*out_len + 1` bytes).
    BufferTooSmall = 3,
    /// An index is not below the count (events, rejected events, headers), or a field or name is
    /// not one this library knows.
    OutOfRange = 4,
    /// `missing_signature`: the request carries no HubSpot signature header.
    MissingSignature = 101,
    /// `unsupported_signature_version`: unsupported X-HubSpot-Signature-Version.
    UnsupportedSignatureVersion = 102,
    /// `v3_required`: a v3 signature is required but the request has none.
    V3Required = 103,
    /// `missing_timestamp`: a v3 signature without X-HubSpot-Request-Timestamp.
    MissingTimestamp = 104,
    /// `invalid_timestamp`: the request timestamp is not an integer of milliseconds.
    InvalidTimestamp = 105,
    /// `timestamp_too_old`: the request timestamp is older than the tolerance.
    TimestampTooOld = 106,
    /// `timestamp_in_future`: the request timestamp is too far in the future.
    TimestampInFuture = 107,
    /// `malformed_signature`: the signature header cannot be a signature of its version.
    MalformedSignature = 108,
    /// `signature_mismatch`: the signature does not match any secret.
    SignatureMismatch = 109,
    /// `body_too_large`: the request body is larger than allowed.
    BodyTooLarge = 201,
    /// `invalid_json`: the request body is not valid UTF-8 JSON.
    InvalidJson = 202,
    /// `invalid_batch`: the request body is not a JSON array of event objects.
    InvalidBatch = 203,
    /// `invalid_event`: an event lacks a required field or has a field of the wrong type.
    InvalidEvent = 204,
    /// `invalid_argument`: invalid argument.
    InvalidArgument = 301,
}

/// The status of a core error code (the same number).
pub(crate) fn status_of(code: ErrorCode) -> hubspot_status {
    match code {
        ErrorCode::MissingSignature => hubspot_status::MissingSignature,
        ErrorCode::UnsupportedSignatureVersion => hubspot_status::UnsupportedSignatureVersion,
        ErrorCode::V3Required => hubspot_status::V3Required,
        ErrorCode::MissingTimestamp => hubspot_status::MissingTimestamp,
        ErrorCode::InvalidTimestamp => hubspot_status::InvalidTimestamp,
        ErrorCode::TimestampTooOld => hubspot_status::TimestampTooOld,
        ErrorCode::TimestampInFuture => hubspot_status::TimestampInFuture,
        ErrorCode::MalformedSignature => hubspot_status::MalformedSignature,
        ErrorCode::SignatureMismatch => hubspot_status::SignatureMismatch,
        ErrorCode::BodyTooLarge => hubspot_status::BodyTooLarge,
        ErrorCode::InvalidJson => hubspot_status::InvalidJson,
        ErrorCode::InvalidBatch => hubspot_status::InvalidBatch,
        ErrorCode::InvalidEvent => hubspot_status::InvalidEvent,
        ErrorCode::InvalidArgument => hubspot_status::InvalidArgument,
        // A code a newer core adds before this file is regenerated (the drift test fails
        // then); the message still carries the core's code.
        _ => hubspot_status::InvalidArgument,
    }
}

/// A typed event field, by HubSpot's JSON name: the value of each constant is the field's
/// position in the core's `FIELDS` table (new fields are appended). `hubspot_field_name`
/// gives the JSON name and `hubspot_field_kind_of` which accessor reads it.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum hubspot_field {
    /// `subscriptionType`: The subscription type, e.g. `contact.propertyChange`. Read with
    /// hubspot_event_str.
    SubscriptionType = 0,
    /// `eventType`: The legacy name of `subscriptionType` (HubSpot's oldest examples use it). Read
    /// with hubspot_event_str.
    EventType = 1,
    /// `eventId` (not guaranteed unique; see `Event::dedup_key`). Read with hubspot_event_i64.
    EventId = 2,
    /// `subscriptionId`: the subscription that produced the event. Read with hubspot_event_i64.
    SubscriptionId = 3,
    /// `portalId`: the HubSpot account. Read with hubspot_event_i64.
    PortalId = 4,
    /// `appId`: the app the subscription belongs to. Read with hubspot_event_i64.
    AppId = 5,
    /// `occurredAt`: when the event happened, Unix milliseconds. Read with hubspot_event_i64.
    OccurredAt = 6,
    /// `attemptNumber`: which delivery attempt this is, from 0. Read with hubspot_event_i64.
    AttemptNumber = 7,
    /// `objectId`: the record; for conversations, the thread id. Read with hubspot_event_i64.
    ObjectId = 8,
    /// `objectTypeId` of generic `object.*` events, e.g. `"0-1"` or `"2-143967026"`. Read with
    /// hubspot_event_str.
    ObjectTypeId = 9,
    /// `changeSource`, e.g. `"CRM_UI"`. Read with hubspot_event_str.
    ChangeSource = 10,
    /// `sourceId`, e.g. `"userId:882761034"`. Read with hubspot_event_str.
    SourceId = 11,
    /// `changeFlag`, e.g. `"CREATED"`, `"NEW_MESSAGE"`. Read with hubspot_event_str.
    ChangeFlag = 12,
    /// `eventTypeName` (custom event types). Read with hubspot_event_str.
    EventTypeName = 13,
    /// `propertyName` (property changes). Read with hubspot_event_str.
    PropertyName = 14,
    /// `propertyValue` (property changes), kept as sent. Read with hubspot_event_str, or
    /// hubspot_event_property_value.
    PropertyValue = 15,
    /// `isSensitive` (generic property changes). Read with hubspot_event_bool.
    IsSensitive = 16,
    /// `primaryObjectId` (merges): the record that won. Read with hubspot_event_i64.
    PrimaryObjectId = 17,
    /// `mergedObjectIds` (merges): the records merged into it. Read with
    /// hubspot_event_merged_object_ids.
    MergedObjectIds = 18,
    /// `newObjectId` (merges). Read with hubspot_event_i64.
    NewObjectId = 19,
    /// `numberOfPropertiesMoved` (merges). Read with hubspot_event_i64.
    NumberOfPropertiesMoved = 20,
    /// `associationType` (association changes), e.g. `"CONTACT_TO_COMPANY"`. Read with
    /// hubspot_event_str.
    AssociationType = 21,
    /// `fromObjectId` (association changes). Read with hubspot_event_i64.
    FromObjectId = 22,
    /// `toObjectId` (association changes). Read with hubspot_event_i64.
    ToObjectId = 23,
    /// `associationRemoved`: `true` when removed, `false` when created. Read with
    /// hubspot_event_bool.
    AssociationRemoved = 24,
    /// `isPrimaryAssociation` Read with hubspot_event_bool.
    IsPrimaryAssociation = 25,
    /// `fromObjectTypeId` (generic association changes). Read with hubspot_event_str.
    FromObjectTypeId = 26,
    /// `toObjectTypeId` (generic association changes). Read with hubspot_event_str.
    ToObjectTypeId = 27,
    /// `associationTypeId` (generic association changes). Read with hubspot_event_i64.
    AssociationTypeId = 28,
    /// `associationCategory` (generic association changes), e.g. `"HUBSPOT_DEFINED"`. Read with
    /// hubspot_event_str.
    AssociationCategory = 29,
    /// `messageId` (`conversation.newMessage`). Read with hubspot_event_str.
    MessageId = 30,
    /// `messageType` (`conversation.newMessage`): `MESSAGE`, `COMMENT`, `WELCOME_MESSAGE` or
    /// another value as sent. Read with hubspot_event_str.
    MessageType = 31,
}
