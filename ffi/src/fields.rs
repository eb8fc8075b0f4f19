//! Typed event fields, read through the core's schema: a `hubspot_field` is a position in the
//! core's `FIELDS` table (the C enum is generated from it: `tables.rs`), its accessor kind
//! comes from the table's `FieldKind`, and values come from `Event::field`. Nothing here lists
//! fields.

use std::ffi::{c_char, CString};
use std::sync::OnceLock;

use hubspot_webhooks::{excerpt, Event, FieldId, FieldKind, FieldSpec, FieldValue, FIELDS};

use crate::batch::{hubspot_batch, on_event};
use crate::panic::boundary;
use crate::pointers::{hubspot_str, input, out, put, write_present, write_str};
use crate::status::{fail, hubspot_status, run, Fail};

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

impl hubspot_field_kind {
    /// The C accessor of a core kind: text, enum (as sent) and value (`propertyValue`'s string
    /// view: the string, or the JSON text of another value) fields read as strings.
    fn of(kind: FieldKind) -> hubspot_field_kind {
        match kind {
            FieldKind::Text | FieldKind::Enum | FieldKind::Value => hubspot_field_kind::String,
            FieldKind::Int => hubspot_field_kind::Int,
            FieldKind::Bool => hubspot_field_kind::Bool,
            FieldKind::IntList => hubspot_field_kind::IntArray,
            // A kind a newer core adds has no C accessor until this library learns it: the
            // accessors refuse it with a clear error rather than read it wrongly.
            _ => hubspot_field_kind::None,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            hubspot_field_kind::None => "not readable by this library's accessors",
            hubspot_field_kind::String => "a string (hubspot_event_str)",
            hubspot_field_kind::Int => "an integer (hubspot_event_i64)",
            hubspot_field_kind::Bool => "a boolean (hubspot_event_bool)",
            hubspot_field_kind::IntArray => "an integer array (hubspot_event_merged_object_ids)",
        }
    }
}

/// The table row of a `hubspot_field` value.
fn spec(field: u32) -> Result<&'static FieldSpec, Fail> {
    let row = usize::try_from(field).ok().and_then(|n| FIELDS.get(n));
    row.ok_or_else(|| fail!(OutOfRange, "{field} is not a hubspot_field"))
}

/// HubSpot's JSON name of a field (`"objectId"` for `HUBSPOT_FIELD_OBJECT_ID`), NUL-terminated
/// and static; NULL for a value that is no field.
#[no_mangle]
pub extern "C" fn hubspot_field_name(field: u32) -> *const c_char {
    static NAMES: OnceLock<Vec<CString>> = OnceLock::new();
    boundary(|| {
        let names = NAMES.get_or_init(|| FIELDS.iter().filter_map(|f| CString::new(f.json).ok()).collect());
        let name = usize::try_from(field).ok().and_then(|n| names.get(n));
        name.map_or(std::ptr::null(), |c| c.as_ptr())
    })
}

/// The field whose HubSpot JSON name is `name` (exact, case-sensitive, e.g. `"objectId"`).
/// `HUBSPOT_STATUS_OUT_OF_RANGE` when this library does not type such a field (read it with
/// `hubspot_event_json_member` then).
#[no_mangle]
pub unsafe extern "C" fn hubspot_field_from_name(
    name: *const u8,
    name_len: usize,
    out_field: *mut u32,
) -> hubspot_status {
    run(|| {
        let (out_field, name) = (out!(out_field), input!(name, name_len));
        let id = std::str::from_utf8(name).ok().and_then(FieldId::from_json);
        let number = id.and_then(|id| u32::try_from(id.index()).ok()).ok_or_else(|| {
            // The core's excerpt of the name: the message is kept per thread and logged.
            let name = excerpt(&String::from_utf8_lossy(name));
            let detail = format!("{name} is not a field this library types; read it with hubspot_event_json_member");
            Fail::new(hubspot_status::OutOfRange, detail)
        })?;
        put(out_field, number)
    })
}

/// Which accessor reads `field` (`HUBSPOT_FIELD_KIND_NONE` for a value that is no field).
#[no_mangle]
pub extern "C" fn hubspot_field_kind_of(field: u32) -> hubspot_field_kind {
    boundary(|| spec(field).map_or(hubspot_field_kind::None, |s| hubspot_field_kind::of(s.kind)))
}

/// Field `field` of an event, read with the accessor of kind `wanted` (`None`: absent or null).
fn read(e: &Event, field: u32, wanted: hubspot_field_kind) -> Result<Option<FieldValue<'_>>, Fail> {
    let spec = spec(field)?;
    let kind = hubspot_field_kind::of(spec.kind);
    if kind != wanted {
        let (found, wanted) = (kind.describe(), wanted.describe());
        return Err(fail!(InvalidArgument, "field {} is {found}, not {wanted}", spec.json));
    }
    Ok(e.field(spec.id))
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
    on_event!(batch, i, |e| {
        let text = read(e, field, hubspot_field_kind::String)?.and_then(|v| v.as_str());
        write_str(out!(out), text)
    })
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
    on_event!(batch, i, |e| {
        let n = read(e, field, hubspot_field_kind::Int)?.and_then(|v| v.as_int());
        write_present(out!(out_value), out!(out_present), n)
    })
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
    on_event!(batch, i, |e| {
        let flag = read(e, field, hubspot_field_kind::Bool)?.and_then(|v| v.as_bool());
        write_present(out!(out_value), out!(out_present), flag)
    })
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
    on_event!(batch, i, |e| {
        let field = FieldId::MergedObjectIds.index() as u32;
        let ids = read(e, field, hubspot_field_kind::IntArray)?.and_then(|v| v.as_int_list());
        let (out_ids, out_len, out_present) = (out!(out_ids), out!(out_len), out!(out_present));
        out_ids.write(ids.map_or(std::ptr::null(), <[i64]>::as_ptr));
        write_present(out_len, out_present, ids.map(<[i64]>::len))
    })
}
