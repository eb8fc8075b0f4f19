// Generated from the core's FIELDS table by tests/header.rs: do not edit. Regenerate with
// `make ffi-header` after the table changes (then `make ffi-abi`: new fields are appended,
// an ABI-compatible addition).

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
