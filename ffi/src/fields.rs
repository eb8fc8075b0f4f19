//! Typed event fields: `hubspot_field` (one constant per field the core types), which
//! accessor reads each, and the accessors.

use std::ffi::{c_char, CString};
use std::sync::OnceLock;

use hubspot_webhooks::{Event, KNOWN_FIELDS};

use crate::batch::{hubspot_batch, on_event};
use crate::panic::boundary;
use crate::pointers::{hubspot_str, input, out_ref};
use crate::status::{hubspot_status, run, Fail};

/// A typed event field, by HubSpot's JSON name. The value of each constant is the field's
/// position in the core's `KNOWN_FIELDS`; `hubspot_field_name` gives the JSON name and
/// `hubspot_field_kind` which accessor reads it.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum hubspot_field {
    /// `subscriptionType` (string)
    SubscriptionType = 0,
    /// `eventType`: the legacy key; reads the subscription type (string)
    EventType = 1,
    /// `eventId` (int)
    EventId = 2,
    /// `subscriptionId` (int)
    SubscriptionId = 3,
    /// `portalId` (int)
    PortalId = 4,
    /// `appId` (int)
    AppId = 5,
    /// `occurredAt`, Unix milliseconds (int)
    OccurredAt = 6,
    /// `attemptNumber` (int)
    AttemptNumber = 7,
    /// `objectId`; for conversations the thread id (int)
    ObjectId = 8,
    /// `objectTypeId`, e.g. `"0-1"` (string)
    ObjectTypeId = 9,
    /// `changeSource` (string)
    ChangeSource = 10,
    /// `sourceId` (string)
    SourceId = 11,
    /// `changeFlag` (string)
    ChangeFlag = 12,
    /// `eventTypeName` (string)
    EventTypeName = 13,
    /// `propertyName` (string)
    PropertyName = 14,
    /// `propertyValue` (string: the text of a string, else the JSON text; see
    /// `hubspot_event_property_value`)
    PropertyValue = 15,
    /// `isSensitive` (bool)
    IsSensitive = 16,
    /// `primaryObjectId` (int)
    PrimaryObjectId = 17,
    /// `mergedObjectIds` (int array: `hubspot_event_merged_object_ids`)
    MergedObjectIds = 18,
    /// `newObjectId` (int)
    NewObjectId = 19,
    /// `numberOfPropertiesMoved` (int)
    NumberOfPropertiesMoved = 20,
    /// `associationType` (string)
    AssociationType = 21,
    /// `fromObjectId` (int)
    FromObjectId = 22,
    /// `toObjectId` (int)
    ToObjectId = 23,
    /// `associationRemoved` (bool)
    AssociationRemoved = 24,
    /// `isPrimaryAssociation` (bool)
    IsPrimaryAssociation = 25,
    /// `fromObjectTypeId` (string)
    FromObjectTypeId = 26,
    /// `toObjectTypeId` (string)
    ToObjectTypeId = 27,
    /// `associationTypeId` (int)
    AssociationTypeId = 28,
    /// `associationCategory` (string)
    AssociationCategory = 29,
    /// `messageId` (string)
    MessageId = 30,
    /// `messageType`, e.g. `"MESSAGE"` (string)
    MessageType = 31,
}
/// Every field, in value order (`FIELDS[n] as u32 == n`, tested).
const FIELDS: [hubspot_field; 32] = {
    use hubspot_field::*;
    [
        SubscriptionType,
        EventType,
        EventId,
        SubscriptionId,
        PortalId,
        AppId,
        OccurredAt,
        AttemptNumber,
        ObjectId,
        ObjectTypeId,
        ChangeSource,
        SourceId,
        ChangeFlag,
        EventTypeName,
        PropertyName,
        PropertyValue,
        IsSensitive,
        PrimaryObjectId,
        MergedObjectIds,
        NewObjectId,
        NumberOfPropertiesMoved,
        AssociationType,
        FromObjectId,
        ToObjectId,
        AssociationRemoved,
        IsPrimaryAssociation,
        FromObjectTypeId,
        ToObjectTypeId,
        AssociationTypeId,
        AssociationCategory,
        MessageId,
        MessageType,
    ]
};

/// Which accessor reads a field.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum hubspot_field_kind {
    /// Not a field.
    None = 0,
    /// `hubspot_event_str`
    String = 1,
    /// `hubspot_event_i64`
    Int = 2,
    /// `hubspot_event_bool`
    Bool = 3,
    /// `hubspot_event_merged_object_ids`
    IntArray = 4,
}

enum FieldValue<'a> {
    Str(Option<&'a str>),
    Int(Option<i64>),
    Bool(Option<bool>),
    IntArray(Option<&'a [i64]>),
}

fn field_value(e: &Event, field: hubspot_field) -> FieldValue<'_> {
    use hubspot_field as F;
    use FieldValue::{Bool, Int, IntArray, Str};
    match field {
        F::SubscriptionType | F::EventType => Str(Some(&e.subscription_type)),
        F::EventId => Int(Some(e.event_id)),
        F::SubscriptionId => Int(e.subscription_id),
        F::PortalId => Int(Some(e.portal_id)),
        F::AppId => Int(Some(e.app_id)),
        F::OccurredAt => Int(Some(e.occurred_at)),
        F::AttemptNumber => Int(Some(i64::from(e.attempt_number))),
        F::ObjectId => Int(e.object_id),
        F::ObjectTypeId => Str(e.object_type_id.as_deref()),
        F::ChangeSource => Str(e.change_source.as_deref()),
        F::SourceId => Str(e.source_id.as_deref()),
        F::ChangeFlag => Str(e.change_flag.as_deref()),
        F::EventTypeName => Str(e.event_type_name.as_deref()),
        F::PropertyName => Str(e.property_name.as_deref()),
        F::PropertyValue => Str(e.property_value_str()),
        F::IsSensitive => Bool(e.is_sensitive),
        F::PrimaryObjectId => Int(e.primary_object_id),
        F::MergedObjectIds => IntArray(e.merged_object_ids.as_deref()),
        F::NewObjectId => Int(e.new_object_id),
        F::NumberOfPropertiesMoved => Int(e.number_of_properties_moved),
        F::AssociationType => Str(e.association_type.as_deref()),
        F::FromObjectId => Int(e.from_object_id),
        F::ToObjectId => Int(e.to_object_id),
        F::AssociationRemoved => Bool(e.association_removed),
        F::IsPrimaryAssociation => Bool(e.is_primary_association),
        F::FromObjectTypeId => Str(e.from_object_type_id.as_deref()),
        F::ToObjectTypeId => Str(e.to_object_type_id.as_deref()),
        F::AssociationTypeId => Int(e.association_type_id),
        F::AssociationCategory => Str(e.association_category.as_deref()),
        F::MessageId => Str(e.message_id.as_deref()),
        F::MessageType => Str(e.message_type.as_ref().map(|m| m.as_str())),
    }
}

fn kind_name(kind: hubspot_field_kind) -> &'static str {
    match kind {
        hubspot_field_kind::None => "none",
        hubspot_field_kind::String => "a string (hubspot_event_str)",
        hubspot_field_kind::Int => "an integer (hubspot_event_i64)",
        hubspot_field_kind::Bool => "a boolean (hubspot_event_bool)",
        hubspot_field_kind::IntArray => "an integer array (hubspot_event_merged_object_ids)",
    }
}

fn kind_of(value: &FieldValue<'_>) -> hubspot_field_kind {
    match value {
        FieldValue::Str(_) => hubspot_field_kind::String,
        FieldValue::Int(_) => hubspot_field_kind::Int,
        FieldValue::Bool(_) => hubspot_field_kind::Bool,
        FieldValue::IntArray(_) => hubspot_field_kind::IntArray,
    }
}

fn field_of(field: u32) -> Result<hubspot_field, Fail> {
    usize::try_from(field)
        .ok()
        .and_then(|n| FIELDS.get(n).copied())
        .ok_or_else(|| {
            Fail::new(
                hubspot_status::OutOfRange,
                format_args!("{field} is not a hubspot_field"),
            )
        })
}

fn wrong_kind(field: hubspot_field, value: &FieldValue<'_>, wanted: hubspot_field_kind) -> Fail {
    Fail::new(
        hubspot_status::InvalidArgument,
        format_args!(
            "field {} is {}, not {}",
            field_json_name(field),
            kind_name(kind_of(value)),
            kind_name(wanted)
        ),
    )
}

fn field_json_name(field: hubspot_field) -> &'static str {
    KNOWN_FIELDS.get(field as usize).copied().unwrap_or("?")
}

/// HubSpot's JSON name of a field (`"objectId"` for `HUBSPOT_FIELD_OBJECT_ID`), NUL-terminated
/// and static; NULL for a value that is no field.
#[no_mangle]
pub extern "C" fn hubspot_field_name(field: u32) -> *const c_char {
    static NAMES: OnceLock<Vec<CString>> = OnceLock::new();
    boundary(|| {
        let names = NAMES.get_or_init(|| KNOWN_FIELDS.iter().filter_map(|n| CString::new(*n).ok()).collect());
        field_of(field)
            .ok()
            .and_then(|f| names.get(f as usize))
            .map_or(std::ptr::null(), |c| c.as_ptr())
    })
}

/// The field whose HubSpot JSON name is `name` (exact, case-sensitive, e.g. `"objectId"`).
/// `HUBSPOT_STATUS_OUT_OF_RANGE` when this library does not type such a field (read it from
/// `hubspot_event_raw_json` then).
#[no_mangle]
pub unsafe extern "C" fn hubspot_field_from_name(
    name: *const u8,
    name_len: usize,
    out_field: *mut u32,
) -> hubspot_status {
    run(|| {
        // SAFETY (both): the arguments are as documented, per the crate's contract.
        let out_field = unsafe { out_ref(out_field, "out_field") }?;
        let name = unsafe { input(name, name_len, "name") }?;
        let field = FIELDS
            .iter()
            .find(|f| field_json_name(**f).as_bytes() == name)
            .ok_or_else(|| {
                Fail::new(
                    hubspot_status::OutOfRange,
                    format_args!(
                        "{:?} is not a field this library types; read it from the event's raw JSON",
                        String::from_utf8_lossy(name)
                    ),
                )
            })?;
        out_field.write(*field as u32);
        Ok(())
    })
}

/// Which accessor reads `field` (`HUBSPOT_FIELD_KIND_NONE` for a value that is no field).
#[no_mangle]
pub extern "C" fn hubspot_field_kind_of(field: u32) -> hubspot_field_kind {
    boundary(|| match field_of(field) {
        // The kind of a field never depends on the event (`field_value` agrees: tested).
        Ok(f) => match f {
            hubspot_field::EventId
            | hubspot_field::SubscriptionId
            | hubspot_field::PortalId
            | hubspot_field::AppId
            | hubspot_field::OccurredAt
            | hubspot_field::AttemptNumber
            | hubspot_field::ObjectId
            | hubspot_field::PrimaryObjectId
            | hubspot_field::NewObjectId
            | hubspot_field::NumberOfPropertiesMoved
            | hubspot_field::FromObjectId
            | hubspot_field::ToObjectId
            | hubspot_field::AssociationTypeId => hubspot_field_kind::Int,
            hubspot_field::IsSensitive | hubspot_field::AssociationRemoved | hubspot_field::IsPrimaryAssociation => {
                hubspot_field_kind::Bool
            }
            hubspot_field::MergedObjectIds => hubspot_field_kind::IntArray,
            _ => hubspot_field_kind::String,
        },
        Err(_) => hubspot_field_kind::None,
    })
}

/// Reads field `field` of event `i` as the kind `wanted`; `write` gets the value (None: absent).
///
/// # Safety
/// `batch` NULL or live.
unsafe fn read_field(
    batch: *const hubspot_batch,
    i: usize,
    field: u32,
    wanted: hubspot_field_kind,
    write: impl FnOnce(FieldValue<'_>) -> Result<(), Fail>,
) -> hubspot_status {
    // SAFETY: forwarded from this function's contract.
    unsafe {
        on_event(batch, i, |e| {
            let field = field_of(field)?;
            let value = field_value(e, field);
            if kind_of(&value) != wanted {
                return Err(wrong_kind(field, &value, wanted));
            }
            write(value)
        })
    }
}

/// Writes an optional value as C's (value, present) pair: absent is (default, false).
///
/// # Safety
/// Both pointers NULL or writable.
unsafe fn write_optional<T: Default>(value: Option<T>, out_value: *mut T, out_present: *mut bool) -> Result<(), Fail> {
    // SAFETY (both): forwarded from this function's contract.
    let out_value = unsafe { out_ref(out_value, "out_value") }?;
    unsafe { out_ref(out_present, "out_present") }?.write(value.is_some());
    out_value.write(value.unwrap_or_default());
    Ok(())
}

/// A string field of event `i`; `out->ptr` is NULL when the event does not carry it (or
/// carries `null`). `HUBSPOT_STATUS_INVALID_ARGUMENT` for a field of another kind.
#[no_mangle]
pub unsafe extern "C" fn hubspot_event_str(
    batch: *const hubspot_batch,
    i: usize,
    field: u32,
    out: *mut hubspot_str,
) -> hubspot_status {
    // SAFETY (both): forwarded from the contract.
    unsafe {
        read_field(batch, i, field, hubspot_field_kind::String, |value| {
            let FieldValue::Str(s) = value else { return Ok(()) };
            out_ref(out, "out")?.write(hubspot_str::of_opt(s));
            Ok(())
        })
    }
}

/// An integer field of event `i` (exact 64-bit). `*out_present` is false (and `*out_value`
/// 0) when the event does not carry it. `HUBSPOT_STATUS_INVALID_ARGUMENT` for a field of
/// another kind.
#[no_mangle]
pub unsafe extern "C" fn hubspot_event_i64(
    batch: *const hubspot_batch,
    i: usize,
    field: u32,
    out_value: *mut i64,
    out_present: *mut bool,
) -> hubspot_status {
    // SAFETY (all): forwarded from the contract.
    unsafe {
        read_field(batch, i, field, hubspot_field_kind::Int, |value| {
            let FieldValue::Int(v) = value else { return Ok(()) };
            write_optional(v, out_value, out_present)
        })
    }
}

/// A boolean field of event `i`. `*out_present` is false (and `*out_value` false) when the
/// event does not carry it.
#[no_mangle]
pub unsafe extern "C" fn hubspot_event_bool(
    batch: *const hubspot_batch,
    i: usize,
    field: u32,
    out_value: *mut bool,
    out_present: *mut bool,
) -> hubspot_status {
    // SAFETY (all): forwarded from the contract.
    unsafe {
        read_field(batch, i, field, hubspot_field_kind::Bool, |value| {
            let FieldValue::Bool(v) = value else { return Ok(()) };
            write_optional(v, out_value, out_present)
        })
    }
}

/// `mergedObjectIds` of event `i` (merges): `*out_ids` points to `*out_len` integers owned
/// by the batch (valid until it is freed). `*out_present` is false (`*out_ids` NULL,
/// `*out_len` 0) when the event does not carry it.
#[no_mangle]
pub unsafe extern "C" fn hubspot_event_merged_object_ids(
    batch: *const hubspot_batch,
    i: usize,
    out_ids: *mut *const i64,
    out_len: *mut usize,
    out_present: *mut bool,
) -> hubspot_status {
    let field = hubspot_field::MergedObjectIds as u32;
    // SAFETY (all): forwarded from the contract.
    unsafe {
        read_field(batch, i, field, hubspot_field_kind::IntArray, |value| {
            let FieldValue::IntArray(ids) = value else {
                return Ok(());
            };
            let out_ids = out_ref(out_ids, "out_ids")?;
            let out_len = out_ref(out_len, "out_len")?;
            out_ref(out_present, "out_present")?.write(ids.is_some());
            out_ids.write(ids.map_or(std::ptr::null(), <[i64]>::as_ptr));
            out_len.write(ids.map_or(0, <[i64]>::len));
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hubspot_webhooks::{parse_batch, Options};

    #[test]
    fn fields_follow_known_fields() {
        assert_eq!(FIELDS.len(), KNOWN_FIELDS.len());
        for (n, f) in FIELDS.iter().enumerate() {
            assert_eq!(*f as usize, n);
        }
    }

    /// Every typed accessor reads the JSON field its name says (a cross-check of the field
    /// numbers against the core's KNOWN_FIELDS).
    #[test]
    fn accessors_read_the_named_json_field() {
        let body = r#"[{"subscriptionType":"object.associationChange","eventId":1,"subscriptionId":2,"portalId":3,"appId":4,"occurredAt":5,"attemptNumber":6,"objectId":7,"objectTypeId":"0-1","changeSource":"CS","sourceId":"SI","changeFlag":"CF","eventTypeName":"ETN","propertyName":"PN","propertyValue":"PV","isSensitive":true,"primaryObjectId":8,"mergedObjectIds":[9,10],"newObjectId":11,"numberOfPropertiesMoved":12,"associationType":"AT","fromObjectId":13,"toObjectId":14,"associationRemoved":false,"isPrimaryAssociation":true,"fromObjectTypeId":"0-2","toObjectTypeId":"0-3","associationTypeId":15,"associationCategory":"AC","messageId":"MI","messageType":"COMMENT"}]"#;
        let batch = parse_batch(body.as_bytes(), &Options::default()).unwrap();
        let e = &batch.events[0];
        let raw: serde_json::Value = serde_json::from_str(e.raw_json()).unwrap();
        for f in FIELDS {
            if f == hubspot_field::EventType {
                continue;
            }
            let expected = &raw[field_json_name(f)];
            assert!(!expected.is_null(), "{f:?}");
            let actual = match field_value(e, f) {
                FieldValue::Str(s) => serde_json::Value::from(s.unwrap()),
                FieldValue::Int(v) => serde_json::Value::from(v.unwrap()),
                FieldValue::Bool(v) => serde_json::Value::from(v.unwrap()),
                FieldValue::IntArray(v) => serde_json::Value::from(v.unwrap().to_vec()),
            };
            assert_eq!(&actual, expected, "{f:?}");
            assert_eq!(hubspot_field_kind_of(f as u32), kind_of(&field_value(e, f)), "{f:?}");
        }
    }
}
