//! One delivery, two shapes: `hubspot_batch_kind`, and the Custom Channels event of a channel
//! delivery read by JSON Pointer (RFC 6901) in the core's serialised form
//! (`ChannelEvent::to_value`, the JSON every binding hands to its users): `/type`,
//! `/message/text`, `/message/senders/0/deliveryIdentifier/value`, `/eventTimestampMs`.
//! No field is listed here: the paths are the core's names.

use std::ffi::c_char;

use hubspot_webhooks::{value_at, ChannelEvent, DeliveryKind};
use serde_json::Value;

use crate::batch::hubspot_batch;
use crate::pointers::{handle, hubspot_str, input, out, peek, put, text, utf8, write_present, write_str};
use crate::status::{fail, hubspot_status, run, Fail};

/// What a delivery holds (`hubspot_batch_kind`).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum hubspot_delivery_kind {
    /// NULL (no delivery).
    None = 0,
    /// A Webhooks API batch: `hubspot_batch_count` events, read with `hubspot_event_*`.
    Batch = 1,
    /// One Custom Channels event, read with `hubspot_channel_*` (`hubspot_batch_count` is 0).
    Channel = 2,
}

/// What a JSON Pointer designates in a Custom Channels event (`hubspot_channel_type`).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum hubspot_json_type {
    /// Nothing, or `null`: the event does not carry it.
    Absent = 0,
    /// Text (IDs and times too): `hubspot_channel_str`.
    String = 1,
    /// An integer (the `…Ms` times): `hubspot_channel_i64`.
    Int = 2,
    /// An array: `hubspot_channel_array_len`, then `/0`, `/1`, ...
    Array = 3,
    /// An object: read its members by their paths.
    Object = 4,
    /// Another JSON value (none in this version's events).
    Other = 5,
}

impl hubspot_json_type {
    /// The type of a value of the core's serialised form (`None`: absent).
    pub fn of(value: Option<&Value>) -> hubspot_json_type {
        match value {
            None | Some(Value::Null) => hubspot_json_type::Absent,
            Some(Value::String(_)) => hubspot_json_type::String,
            Some(Value::Number(n)) if n.is_i64() => hubspot_json_type::Int,
            Some(Value::Array(_)) => hubspot_json_type::Array,
            Some(Value::Object(_)) => hubspot_json_type::Object,
            Some(_) => hubspot_json_type::Other,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            hubspot_json_type::Absent => "absent",
            hubspot_json_type::String => "text (hubspot_channel_str)",
            hubspot_json_type::Int => "an integer (hubspot_channel_i64)",
            hubspot_json_type::Array => "an array (hubspot_channel_array_len)",
            hubspot_json_type::Object => "an object (read its members by their paths)",
            hubspot_json_type::Other => "another JSON value",
        }
    }
}

/// Which family a delivery belongs to; `HUBSPOT_DELIVERY_KIND_NONE` for NULL.
#[no_mangle]
pub unsafe extern "C" fn hubspot_batch_kind(batch: *const hubspot_batch) -> hubspot_delivery_kind {
    peek!(batch, hubspot_delivery_kind::None, |b| match b.inner.kind() {
        DeliveryKind::Batch => hubspot_delivery_kind::Batch,
        DeliveryKind::Channel => hubspot_delivery_kind::Channel,
        // A kind a newer core adds: not one this library can read.
        _ => hubspot_delivery_kind::None,
    })
}

/// The Custom Channels event of a delivery and its serialised form. A batch, or an event
/// partial parsing rejected, is `invalid_argument`.
fn channel_of(b: &hubspot_batch) -> Result<(&ChannelEvent, &Value), Fail> {
    match (b.inner.channel_event(), &b.channel) {
        (Some(event), Some(value)) => Ok((event, value)),
        _ if b.inner.kind() == DeliveryKind::Channel => Err(fail!(
            InvalidArgument,
            "the Custom Channels event was rejected (partial parsing): read it with hubspot_batch_rejected"
        )),
        _ => Err(fail!(
            InvalidArgument,
            "the delivery is a batch, not a Custom Channels event: read its events with hubspot_event_*"
        )),
    }
}

/// The value at JSON Pointer `path` of a serialised Custom Channels event (`channel_of`, called
/// first so that a batch is named before a bad pointer; the core's `value_at`: `None` when absent
/// or `null`) when it has type `wanted` (`Absent`: any type); another type is `invalid_argument`.
fn at<'v>(event: &'v Value, path: &[u8], wanted: hubspot_json_type) -> Result<Option<&'v Value>, Fail> {
    let path = utf8(path, "pointer")?;
    let value = value_at(event, path)?;
    match hubspot_json_type::of(value) {
        found if found == wanted || found == hubspot_json_type::Absent || wanted == hubspot_json_type::Absent => {
            Ok(value)
        }
        found => {
            let (found, wanted) = (found.describe(), wanted.describe());
            Err(fail!(InvalidArgument, "{path:?} is {found}, not {wanted}"))
        }
    }
}

/// The type of the value at JSON Pointer `pointer` of the Custom Channels event
/// (`HUBSPOT_JSON_TYPE_ABSENT` when the event does not carry it or carries `null`).
///
/// Every `hubspot_channel_*` function takes a delivery of kind `HUBSPOT_DELIVERY_KIND_CHANNEL`
/// whose event was typed (a batch, or an event partial parsing rejected, is
/// `HUBSPOT_STATUS_INVALID_ARGUMENT`) and a JSON Pointer as UTF-8 bytes: `""` is the event,
/// `/message/senders/0/name` a member; the names are HubSpot's, plus `eventTimestampMs` and
/// `message/createdAtMs` (Unix ms), `dedupKey` and `rawJson` (see README "Custom Channels").
#[no_mangle]
pub unsafe extern "C" fn hubspot_channel_type(
    batch: *const hubspot_batch,
    pointer: *const u8,
    pointer_len: usize,
    out_type: *mut hubspot_json_type,
) -> hubspot_status {
    run(|| {
        let (_, event) = channel_of(handle!(batch))?;
        let value = at(event, input!(pointer, pointer_len), hubspot_json_type::Absent)?;
        put(out!(out_type), hubspot_json_type::of(value))
    })
}

/// The text at `pointer` (IDs are text, exactly as sent): `out->ptr` is NULL when absent.
/// Another type is `HUBSPOT_STATUS_INVALID_ARGUMENT`. The view lives as long as the delivery.
#[no_mangle]
pub unsafe extern "C" fn hubspot_channel_str(
    batch: *const hubspot_batch,
    pointer: *const u8,
    pointer_len: usize,
    out: *mut hubspot_str,
) -> hubspot_status {
    run(|| {
        let (_, event) = channel_of(handle!(batch))?;
        let value = at(event, input!(pointer, pointer_len), hubspot_json_type::String)?;
        write_str(out!(out), value.and_then(Value::as_str))
    })
}

/// The integer at `pointer` (the `…Ms` times: Unix milliseconds). `*out_present` is false (and
/// `*out_value` 0) when absent. Another type is `HUBSPOT_STATUS_INVALID_ARGUMENT`.
#[no_mangle]
pub unsafe extern "C" fn hubspot_channel_i64(
    batch: *const hubspot_batch,
    pointer: *const u8,
    pointer_len: usize,
    out_value: *mut i64,
    out_present: *mut bool,
) -> hubspot_status {
    run(|| {
        let (_, event) = channel_of(handle!(batch))?;
        let value = at(event, input!(pointer, pointer_len), hubspot_json_type::Int)?;
        write_present(out!(out_value), out!(out_present), value.and_then(Value::as_i64))
    })
}

/// The number of elements of the array at `pointer` (`/message/senders`); its elements are
/// `/message/senders/0` ... `*out_present` is false (and `*out_len` 0) when absent. Another
/// type is `HUBSPOT_STATUS_INVALID_ARGUMENT`.
#[no_mangle]
pub unsafe extern "C" fn hubspot_channel_array_len(
    batch: *const hubspot_batch,
    pointer: *const u8,
    pointer_len: usize,
    out_len: *mut usize,
    out_present: *mut bool,
) -> hubspot_status {
    run(|| {
        let (_, event) = channel_of(handle!(batch))?;
        let value = at(event, input!(pointer, pointer_len), hubspot_json_type::Array)?;
        let len = value.and_then(Value::as_array).map(Vec::len);
        write_present(out!(out_len), out!(out_present), len)
    })
}

/// The Custom Channels event's JSON text exactly as it stood in the body (every member, known
/// or not). Valid until the delivery is freed.
#[no_mangle]
pub unsafe extern "C" fn hubspot_channel_raw_json(
    batch: *const hubspot_batch,
    out: *mut hubspot_str,
) -> hubspot_status {
    run(|| {
        let (event, _) = channel_of(handle!(batch))?;
        write_str(out!(out), event.raw_json())
    })
}

/// The Custom Channels event's deduplication key (`hscc1:...`, the same in every binding; a
/// retry has the same key), copied NUL-terminated into `buf` as `hubspot_event_dedup_key` does.
#[no_mangle]
pub unsafe extern "C" fn hubspot_channel_dedup_key(
    batch: *const hubspot_batch,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> hubspot_status {
    run(|| {
        let (event, _) = channel_of(handle!(batch))?;
        text!(event.dedup_key().as_bytes(), buf, buf_len, out_len)
    })
}
