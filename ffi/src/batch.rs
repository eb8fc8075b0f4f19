//! A parsed delivery (`hubspot_batch`): a batch's events (in body order) or one Custom Channels
//! event (see `channel`), and with partial parsing the rejected ones; the event accessors that
//! are not typed fields (see `fields` for those).

use std::ffi::c_char;

use hubspot_webhooks::{Delivery, Event, PropertyValue};

use crate::pointers::{free, handle, hubspot_str, input, item, out, peek, text, write_str, Handle};
use crate::status::{hubspot_status, run, status_of, Fail};

/// A parsed delivery: a Webhooks API batch (its events in body order) or one Custom Channels
/// event (`hubspot_batch_kind` says which; a Custom Channels delivery has no batch events, so
/// `hubspot_batch_count` is 0 for it) and, with partial parsing, the rejected events.
/// Immutable: several threads may read one at once. Every `hubspot_str` taken from it stays
/// valid until `hubspot_batch_free`.
#[derive(Debug)]
pub struct hubspot_batch {
    pub(crate) inner: Delivery,
    /// The Custom Channels event as the core serialises it (`ChannelEvent::to_value`), made
    /// once so that views into it live as long as the handle.
    pub(crate) channel: Option<serde_json::Value>,
}

impl Handle for hubspot_batch {}

impl hubspot_batch {
    /// The handle of a delivery, with its Custom Channels event serialised once.
    pub(crate) fn new(inner: Delivery) -> hubspot_webhooks::Result<Self> {
        let channel = inner.channel_event().map(|event| event.to_value()).transpose()?;
        Ok(hubspot_batch { inner, channel })
    }
}

/// Frees a batch and every view taken from it. NULL is accepted and ignored.
#[no_mangle]
pub unsafe extern "C" fn hubspot_batch_free(batch: *mut hubspot_batch) {
    free!(batch);
}

/// The number of (good) events of a batch; 0 for a Custom Channels delivery and for NULL.
#[no_mangle]
pub unsafe extern "C" fn hubspot_batch_count(batch: *const hubspot_batch) -> usize {
    peek!(batch, 0, |b| b.inner.events().len())
}

/// The number of rejected events (partial parsing only; for a Custom Channels delivery, 1 when
/// its event was rejected); 0 for NULL.
#[no_mangle]
pub unsafe extern "C" fn hubspot_batch_rejected_count(batch: *const hubspot_batch) -> usize {
    peek!(batch, 0, |b| b.inner.rejected().len())
}

/// An event that partial parsing could not type. Views valid until the batch is freed.
/// Frozen (ABI rule: see README "ABI").
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct hubspot_rejected {
    /// Its index in the body's array, from 0.
    pub index: usize,
    /// Why: a status such as `HUBSPOT_STATUS_INVALID_EVENT`.
    pub error: hubspot_status,
    /// The detailed message.
    pub message: hubspot_str,
    /// The field (HubSpot's JSON name) at fault; NULL `ptr` when none is.
    pub field: hubspot_str,
    /// Its JSON text exactly as it stood in the body.
    pub raw_json: hubspot_str,
}

/// The rejected event number `i` (0 <= i < `hubspot_batch_rejected_count`).
#[no_mangle]
pub unsafe extern "C" fn hubspot_batch_rejected(
    batch: *const hubspot_batch,
    i: usize,
    out_rejected: *mut hubspot_rejected,
) -> hubspot_status {
    run(|| {
        let (b, out_rejected) = (handle!(batch), out!(out_rejected));
        let r = item(b.inner.rejected(), i, "rejected event")?;
        out_rejected.write(hubspot_rejected {
            index: r.index,
            error: status_of(r.error.code()),
            message: hubspot_str::of(r.error.message()),
            field: hubspot_str::of_opt(r.error.field()),
            raw_json: hubspot_str::of(&r.raw),
        });
        Ok(())
    })
}

/// `on_event!(batch, i, |e| ...)`: the body of an accessor of event `i` of an export's `batch`
/// (behind the boundary, the last error set); the closure writes the outputs.
macro_rules! on_event {
    ($batch:ident, $i:expr, $read:expr) => {
        $crate::status::run(|| $crate::batch::event_of($crate::pointers::handle!($batch), $i, $read))
    };
}

pub(crate) use on_event;

/// Runs `read` on event `i` of a batch (`out_of_range` when there is none).
pub(crate) fn event_of(b: &hubspot_batch, i: usize, read: impl FnOnce(&Event) -> Result<(), Fail>) -> Result<(), Fail> {
    read(item(b.inner.events(), i, "event")?)
}

/// `subscriptionType` of event `i`, e.g. `"contact.propertyChange"`.
#[no_mangle]
pub unsafe extern "C" fn hubspot_event_subscription_type(
    batch: *const hubspot_batch,
    i: usize,
    out: *mut hubspot_str,
) -> hubspot_status {
    on_event!(batch, i, |e| write_str(out!(out), e.subscription_type.as_str()))
}

/// The object type of event `i`: `"contact"`, `"company"`, `"deal"`, `"ticket"`,
/// `"product"`, `"line_item"`, `"conversation"`, or another name or type id as sent. Generic
/// `object.*` events with a known `objectTypeId` give the same names as classic events.
#[no_mangle]
pub unsafe extern "C" fn hubspot_event_object_type(
    batch: *const hubspot_batch,
    i: usize,
    out: *mut hubspot_str,
) -> hubspot_status {
    on_event!(batch, i, |e| write_str(out!(out), e.object_type.as_str()))
}

/// The action of event `i`: `"creation"`, `"deletion"`, `"propertyChange"`,
/// `"associationChange"`, `"merge"`, `"restore"`, `"privacyDeletion"`, `"newMessage"`, or
/// another action as sent.
#[no_mangle]
pub unsafe extern "C" fn hubspot_event_action(
    batch: *const hubspot_batch,
    i: usize,
    out: *mut hubspot_str,
) -> hubspot_status {
    on_event!(batch, i, |e| write_str(out!(out), e.action.as_str()))
}

/// The JSON text of event `i` exactly as it stood in the body (every field, known or not).
#[no_mangle]
pub unsafe extern "C" fn hubspot_event_raw_json(
    batch: *const hubspot_batch,
    i: usize,
    out: *mut hubspot_str,
) -> hubspot_status {
    on_event!(batch, i, |e| write_str(out!(out), e.raw_json()))
}

/// `propertyValue` of event `i`, kept as sent: for a JSON string, its decoded text and
/// `*out_is_string` true; for any other JSON value (`false`, `3`), its JSON text exactly as
/// sent and `*out_is_string` false. `out_text->ptr` is NULL when absent.
#[no_mangle]
pub unsafe extern "C" fn hubspot_event_property_value(
    batch: *const hubspot_batch,
    i: usize,
    out_text: *mut hubspot_str,
    out_is_string: *mut bool,
) -> hubspot_status {
    on_event!(batch, i, |e| {
        let out_text = out!(out_text);
        out!(out_is_string).write(e.property_value.as_ref().is_some_and(PropertyValue::is_string));
        write_str(out_text, e.property_value_str())
    })
}

/// A key identifying event `i` for deduplication (stable across versions and languages; a
/// retry has the same key), copied NUL-terminated into `buf`. `*out_len` gets its length;
/// `HUBSPOT_STATUS_BUFFER_TOO_SMALL` when `buf_len < *out_len + 1` (128 bytes always suffice).
#[no_mangle]
pub unsafe extern "C" fn hubspot_event_dedup_key(
    batch: *const hubspot_batch,
    i: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> hubspot_status {
    on_event!(batch, i, |e| text!(e.dedup_key().as_bytes(), buf, buf_len, out_len))
}

/// The exact JSON text of member `name` (HubSpot's JSON key, exact and case-sensitive) of
/// event `i`'s original JSON object, typed or not: a field this library does not type keeps
/// every digit of its numbers (`98765432109876543210`), a string its quotes and escapes.
/// `out->ptr` is NULL when the event has no such member (the last one when a key repeats).
/// The view is part of the body, valid until the batch is freed.
#[no_mangle]
pub unsafe extern "C" fn hubspot_event_json_member(
    batch: *const hubspot_batch,
    i: usize,
    name: *const u8,
    name_len: usize,
    out: *mut hubspot_str,
) -> hubspot_status {
    on_event!(batch, i, |e| {
        let (name, out) = (input!(name, name_len), out!(out));
        // A slice of the event's raw JSON, which the batch keeps: the view lives as long.
        write_str(out, e.json_member(name)?)
    })
}
