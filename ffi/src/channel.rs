//! One delivery, two shapes: `hubspot_batch_kind`, and the Custom Channels event of a channel
//! delivery read by JSON Pointer (RFC 6901) in the core's serialised form
//! (`ChannelEvent::to_value`, the JSON every binding hands to its users): `/type`,
//! `/message/text`, `/message/senders/0/deliveryIdentifier/value`, `/eventTimestampMs`.
//! No field is listed here: the paths are the core's names.

use std::ffi::c_char;

use hubspot_webhooks::{ChannelEvent, DeliveryKind};
use serde_json::Value;

use crate::batch::hubspot_batch;
use crate::panic::boundary;
use crate::pointers::{hubspot_str, input, out_ref, write_text, Handle};
use crate::status::{hubspot_status, run, Fail};

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
    // SAFETY: NULL or a live delivery, per the contract.
    boundary(|| match unsafe { hubspot_batch::get(batch) }.map(|b| b.inner.kind()) {
        None => hubspot_delivery_kind::None,
        Some(DeliveryKind::Batch) => hubspot_delivery_kind::Batch,
        Some(DeliveryKind::Channel) => hubspot_delivery_kind::Channel,
        // A kind a newer core adds: not one this library can read.
        Some(_) => hubspot_delivery_kind::None,
    })
}

/// Runs an accessor of the Custom Channels event of `batch`: `read` gets the event and its
/// serialised form. A batch, or an event partial parsing rejected, is `invalid_argument`.
///
/// # Safety
/// `batch` NULL or live.
unsafe fn on_channel(
    batch: *const hubspot_batch,
    read: impl FnOnce(&ChannelEvent, &Value) -> Result<(), Fail>,
) -> hubspot_status {
    run(|| {
        // SAFETY: forwarded from this function's contract.
        let b = unsafe { hubspot_batch::borrow(batch, "batch") }?;
        match (b.inner.channel_event(), &b.channel) {
            (Some(event), Some(value)) => read(event, value),
            _ if b.inner.kind() == DeliveryKind::Channel => Err(Fail::new(
                hubspot_status::InvalidArgument,
                "the Custom Channels event was rejected (partial parsing): read it with hubspot_batch_rejected",
            )),
            _ => Err(Fail::new(
                hubspot_status::InvalidArgument,
                "the delivery is a batch, not a Custom Channels event: read its events with hubspot_event_*",
            )),
        }
    })
}

/// Runs an accessor of the value at JSON Pointer `(pointer, pointer_len)`; `read` gets its
/// path and the value (`None`: absent or `null`, as the core's `ChannelEvent::pointer`).
///
/// # Safety
/// `batch` NULL or live; `pointer` readable for `pointer_len` bytes.
unsafe fn at(
    batch: *const hubspot_batch,
    pointer: *const u8,
    pointer_len: usize,
    read: impl FnOnce(&str, Option<&Value>) -> Result<(), Fail>,
) -> hubspot_status {
    // SAFETY (both): forwarded from this function's contract.
    unsafe {
        on_channel(batch, |_, value| {
            let path = std::str::from_utf8(input(pointer, pointer_len, "pointer")?)
                .map_err(|_| Fail::new(hubspot_status::InvalidArgument, "pointer is not UTF-8"))?;
            if !path.is_empty() && !path.starts_with('/') {
                return Err(Fail::new(
                    hubspot_status::InvalidArgument,
                    format_args!("{path:?} is not a JSON Pointer: it starts with '/', e.g. \"/message/text\""),
                ));
            }
            read(path, value.pointer(path).filter(|v| !v.is_null()))
        })
    }
}

/// The value at `path` when it has type `wanted`; absent is `None`, another type an error.
fn typed<'v>(path: &str, value: Option<&'v Value>, wanted: hubspot_json_type) -> Result<Option<&'v Value>, Fail> {
    match hubspot_json_type::of(value) {
        hubspot_json_type::Absent => Ok(None),
        found if found == wanted => Ok(value),
        found => Err(Fail::new(
            hubspot_status::InvalidArgument,
            format_args!("{path:?} is {}, not {}", found.describe(), wanted.describe()),
        )),
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
    // SAFETY (all): forwarded from the contract.
    unsafe {
        at(batch, pointer, pointer_len, |_, value| {
            out_ref(out_type, "out_type")?.write(hubspot_json_type::of(value));
            Ok(())
        })
    }
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
    // SAFETY (all): forwarded from the contract.
    unsafe {
        at(batch, pointer, pointer_len, |path, value| {
            let text = typed(path, value, hubspot_json_type::String)?.and_then(Value::as_str);
            out_ref(out, "out")?.write(hubspot_str::of_opt(text));
            Ok(())
        })
    }
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
    // SAFETY (all): forwarded from the contract.
    unsafe {
        at(batch, pointer, pointer_len, |path, value| {
            let n = typed(path, value, hubspot_json_type::Int)?.and_then(Value::as_i64);
            let out_value = out_ref(out_value, "out_value")?;
            out_ref(out_present, "out_present")?.write(n.is_some());
            out_value.write(n.unwrap_or(0));
            Ok(())
        })
    }
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
    // SAFETY (all): forwarded from the contract.
    unsafe {
        at(batch, pointer, pointer_len, |path, value| {
            let items = typed(path, value, hubspot_json_type::Array)?.and_then(Value::as_array);
            let out_len = out_ref(out_len, "out_len")?;
            out_ref(out_present, "out_present")?.write(items.is_some());
            out_len.write(items.map_or(0, Vec::len));
            Ok(())
        })
    }
}

/// The Custom Channels event's JSON text exactly as it stood in the body (every member, known
/// or not). Valid until the delivery is freed.
#[no_mangle]
pub unsafe extern "C" fn hubspot_channel_raw_json(
    batch: *const hubspot_batch,
    out: *mut hubspot_str,
) -> hubspot_status {
    // SAFETY (both): forwarded from the contract.
    unsafe {
        on_channel(batch, |event, _| {
            out_ref(out, "out")?.write(hubspot_str::of(event.raw_json()));
            Ok(())
        })
    }
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
    // SAFETY (all): forwarded from the contract.
    unsafe {
        on_channel(batch, |event, _| {
            write_text(event.dedup_key().as_bytes(), buf, buf_len, out_ref(out_len, "out_len")?)
        })
    }
}
