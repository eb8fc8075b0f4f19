//! C ABI for `hubspot-webhooks`: verify HubSpot webhook signatures (v1, v2, v3) and parse
//! webhook batches into typed events from C and C++.
//!
//! This crate only converts: C pointers and lengths into slices, core results into a status
//! and out-parameters, core errors into a thread-local message. Every HubSpot rule lives in the
//! core crate. The header `include/hubspot_webhooks.h` is generated from this file by cbindgen
//! (see `tests/header.rs`).
//!
//! Conventions (after rustls-ffi):
//! - Every fallible function returns a `hubspot_status`; `HUBSPOT_STATUS_OK` (0) is success.
//!   Other outputs go to out-parameters, written only on success.
//! - Opaque handles (`hubspot_verifier`, `hubspot_batch`, `hubspot_signed_headers`) are made by
//!   `*_new` / parse functions and freed by `*_free`, which accept NULL.
//! - Inputs are `(const uint8_t *ptr, size_t len)`; `ptr` may be NULL only when `len` is 0.
//! - Every pointer is checked; every export runs behind `catch_unwind`, a panic becomes
//!   `HUBSPOT_STATUS_PANIC` (or a neutral value for functions that return no status).
//!
//! # Safety
//! One contract covers every `unsafe extern "C"` function here, so it is stated once: each
//! non-NULL pointer argument points to valid memory of its type (for `(ptr, len)` inputs, `len`
//! readable bytes; for buffers, `buf_len` writable bytes) that no other thread writes during the
//! call, and each handle argument is NULL or a live handle made by this library and not yet
//! freed. The functions check NULL themselves.
#![cfg(not(target_family = "wasm"))]
// The contract above applies to every export; repeating it on 31 functions adds nothing.
#![allow(clippy::missing_safety_doc)]
// The one crate of the workspace that needs `unsafe`: it reads C pointers. Every unsafe block
// says why it is sound.
#![allow(unsafe_code)]
#![allow(non_camel_case_types)]
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

use std::borrow::Cow;
use std::cell::Cell;
use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

use hubspot_webhooks::{
    parse_batch, signature, signed_headers, Batch, ConversationChange, Error, ErrorCode, Event, Options, Request,
    SignatureVersion, Verifier, KNOWN_FIELDS,
};

// ---------------------------------------------------------------------------------------------
// Status

/// The result of every fallible function.
///
/// `HUBSPOT_STATUS_OK` is 0. Values 1..99 are this C library's own (NULL argument, panic, buffer
/// too small, index out of range). Values from 101 up are the core's stable error numbers, one
/// per error code of the conformance format: 101..109 signature problems (the request is not
/// authentic or not fresh: answer 401), 201..204 body problems (answer 400), 301 caller
/// mistakes. Numbers are never reused. `hubspot_status_code` gives the snake_case code.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum hubspot_status {
    /// Success.
    Ok = 0,
    /// A required pointer argument was NULL (or a `(ptr, len)` had a NULL ptr and len > 0).
    NullArgument = 1,
    /// A bug: the library panicked. The message says where; please report it.
    Panic = 2,
    /// The caller's buffer is too small; `*out_len` says how long the text is (the buffer
    /// needs `*out_len + 1` bytes).
    BufferTooSmall = 3,
    /// An index is not below the count (events, rejected events, headers), or a field or
    /// name is not one this library knows.
    OutOfRange = 4,
    /// `missing_signature`: neither `X-HubSpot-Signature-v3` nor `X-HubSpot-Signature`.
    MissingSignature = 101,
    /// `unsupported_signature_version`
    UnsupportedSignatureVersion = 102,
    /// `v3_required`
    V3Required = 103,
    /// `missing_timestamp`
    MissingTimestamp = 104,
    /// `invalid_timestamp`
    InvalidTimestamp = 105,
    /// `timestamp_too_old`
    TimestampTooOld = 106,
    /// `timestamp_in_future`
    TimestampInFuture = 107,
    /// `malformed_signature`
    MalformedSignature = 108,
    /// `signature_mismatch`
    SignatureMismatch = 109,
    /// `body_too_large`
    BodyTooLarge = 201,
    /// `invalid_json`
    InvalidJson = 202,
    /// `invalid_batch`
    InvalidBatch = 203,
    /// `invalid_event`
    InvalidEvent = 204,
    /// `invalid_argument`: no secret, an empty secret, a field of another kind.
    InvalidArgument = 301,
}

/// The status of a core error code (same number: see the test `statuses_are_core_numbers`).
fn status_of(code: ErrorCode) -> hubspot_status {
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
        // InvalidArgument, and any code a newer core adds before this table learns it (the
        // message still carries the core's code string).
        _ => hubspot_status::InvalidArgument,
    }
}

/// The codes and descriptions of this library's own statuses (the core's come from the core).
const OWN_STATUSES: [(hubspot_status, &CStr, &CStr); 5] = [
    (hubspot_status::Ok, c"ok", c"success"),
    (
        hubspot_status::NullArgument,
        c"null_argument",
        c"a required pointer argument was NULL",
    ),
    (
        hubspot_status::Panic,
        c"panic",
        c"internal error: the library panicked (please report it)",
    ),
    (
        hubspot_status::BufferTooSmall,
        c"buffer_too_small",
        c"the buffer is too small for the text",
    ),
    (
        hubspot_status::OutOfRange,
        c"out_of_range",
        c"an index or field is out of range",
    ),
];

/// The core's codes and descriptions as NUL-terminated strings, made once.
fn core_statuses() -> &'static [(u32, CString, CString)] {
    static TABLE: OnceLock<Vec<(u32, CString, CString)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        ErrorCode::ALL
            .iter()
            .filter_map(|code| {
                let name = CString::new(code.as_str()).ok()?;
                let description = CString::new(code.description()).ok()?;
                Some((code.number(), name, description))
            })
            .collect()
    })
}

fn status_texts(status: u32) -> Option<(&'static CStr, &'static CStr)> {
    if let Some((_, code, description)) = OWN_STATUSES.iter().find(|(s, _, _)| *s as u32 == status) {
        return Some((code, description));
    }
    core_statuses()
        .iter()
        .find(|(n, _, _)| *n == status)
        .map(|(_, code, description)| (code.as_c_str(), description.as_c_str()))
}

/// The stable snake_case code of a status (`"ok"`, `"null_argument"`, `"signature_mismatch"`,
/// ...), the same string as in every other language binding; `"unknown"` for a value that is
/// no status. The string is static: never free it.
#[no_mangle]
pub extern "C" fn hubspot_status_code(status: u32) -> *const c_char {
    boundary_or(c"unknown".as_ptr(), || {
        status_texts(status).map_or(c"unknown".as_ptr(), |(code, _)| code.as_ptr())
    })
}

/// A short, generic English description of a status. The string is static: never free it.
/// For the detailed message of the last failure, use `hubspot_last_error_message`.
#[no_mangle]
pub extern "C" fn hubspot_status_message(status: u32) -> *const c_char {
    boundary_or(c"unknown status".as_ptr(), || {
        status_texts(status).map_or(c"unknown status".as_ptr(), |(_, description)| description.as_ptr())
    })
}

// ---------------------------------------------------------------------------------------------
// Last error (thread-local), panic boundary, pointer helpers

/// A failure on its way out: its status and its detailed message.
struct Fail {
    status: hubspot_status,
    message: Cow<'static, str>,
}

impl Fail {
    fn new(status: hubspot_status, message: impl Into<Cow<'static, str>>) -> Fail {
        Fail {
            status,
            message: message.into(),
        }
    }

    fn null(what: &str) -> Fail {
        Fail::new(hubspot_status::NullArgument, format!("null_argument: {what} is NULL"))
    }
}

impl From<Error> for Fail {
    fn from(error: Error) -> Fail {
        Fail::new(status_of(error.code()), error.to_string())
    }
}

thread_local! {
    /// The status and message of the last failed call on this thread; `None` after a success.
    static LAST_ERROR: Cell<Option<(hubspot_status, String)>> = const { Cell::new(None) };
}

fn set_last_error(value: Option<(hubspot_status, String)>) {
    // `try_with`: during thread teardown the slot may be gone; then there is nothing to keep.
    let _ = LAST_ERROR.try_with(|slot| slot.set(value));
}

/// Runs a fallible export: records the outcome as the thread's last error and turns a panic
/// into `HUBSPOT_STATUS_PANIC` (unwinding into C is undefined behaviour).
fn boundary<F: FnOnce() -> Result<(), Fail>>(body: F) -> hubspot_status {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => {
            set_last_error(None);
            hubspot_status::Ok
        }
        Ok(Err(fail)) => {
            set_last_error(Some((fail.status, fail.message.into_owned())));
            fail.status
        }
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            set_last_error(Some((
                hubspot_status::Panic,
                format!("panic: the library panicked ({what}); this is a bug, please report it"),
            )));
            hubspot_status::Panic
        }
    }
}

/// Runs an infallible export; a panic gives `fallback`.
fn boundary_or<T, F: FnOnce() -> T>(fallback: T, body: F) -> T {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(fallback)
}

/// Checks that an out-parameter is not NULL.
fn check_out<T>(ptr: *mut T, what: &str) -> Result<(), Fail> {
    if ptr.is_null() {
        Err(Fail::null(what))
    } else {
        Ok(())
    }
}

/// Writes an out-parameter.
///
/// # Safety
/// `ptr` must be non-NULL (checked before with `check_out`), aligned and valid for writes.
unsafe fn put<T>(ptr: *mut T, value: T) {
    // SAFETY: the caller guarantees `ptr` is a valid, aligned, non-NULL pointer for a `T`
    // (the C caller's out-parameter); `write` does not read or drop the old contents.
    unsafe { ptr.write(value) }
}

/// The bytes of a `(ptr, len)` input. `ptr` may be NULL when `len` is 0.
///
/// # Safety
/// When `len > 0`, `ptr` must point to `len` readable bytes that stay unchanged during the call.
unsafe fn input<'a>(ptr: *const u8, len: usize, what: &str) -> Result<&'a [u8], Fail> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(Fail::new(
            hubspot_status::NullArgument,
            format!("null_argument: {what} is NULL but its length is {len}"),
        ));
    }
    if len > isize::MAX as usize {
        return Err(Fail::new(
            hubspot_status::InvalidArgument,
            format!("invalid_argument: the length of {what} ({len}) is not a valid size"),
        ));
    }
    // SAFETY: `ptr` is non-NULL and, per this function's contract, points to `len` readable
    // bytes; `len` fits in `isize`.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// A C array of `len` items (`ptr` may be NULL when `len` is 0).
///
/// # Safety
/// When `len > 0`, `ptr` must point to `len` initialised, aligned `T`s.
unsafe fn input_array<'a, T>(ptr: *const T, len: usize, what: &str) -> Result<&'a [T], Fail> {
    if len == 0 {
        return Ok(&[]);
    }
    if ptr.is_null() {
        return Err(Fail::new(
            hubspot_status::NullArgument,
            format!("null_argument: {what} is NULL but its count is {len}"),
        ));
    }
    if len > isize::MAX as usize / std::mem::size_of::<T>().max(1) {
        return Err(Fail::new(
            hubspot_status::InvalidArgument,
            format!("invalid_argument: the count of {what} ({len}) is not a valid size"),
        ));
    }
    // SAFETY: non-NULL, and per the contract it points to `len` initialised `T`s.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

// ---------------------------------------------------------------------------------------------
// Options may grow (ABI rule: see README "ABI")
//
// `hubspot_options` starts with `size_t struct_size`, the caller's `sizeof`, set by
// `hubspot_options_init`; later versions only append fields. The library reads or writes only
// the caller's `struct_size` bytes: an older caller's shorter options get the defaults for the
// fields it does not know. A size below the first published layout (0: never initialised) is
// `HUBSPOT_STATUS_INVALID_ARGUMENT`; so is one larger than this library knows (a program built
// against a newer header: its settings cannot be honoured). The output structs
// (`hubspot_verified`, `hubspot_rejected`, `hubspot_conversation`) and the (ptr, len) pairs are
// frozen instead: new information comes through new functions.

/// The end of the last field of the options' first published layout (ABI 0). Frozen: later
/// fields go after it.
const OPTIONS_V0_END: usize = std::mem::offset_of!(hubspot_options, max_events) + std::mem::size_of::<usize>();

// `struct_size` is the first field.
const _: () = assert!(std::mem::offset_of!(hubspot_options, struct_size) == 0);

/// Checks a caller's `struct_size` for an input (or `hubspot_options_init`).
fn sized_in_range<T>(struct_size: usize, v0_end: usize, what: &str) -> Result<(), Fail> {
    let known = std::mem::size_of::<T>();
    if struct_size < v0_end {
        return Err(Fail::new(
            hubspot_status::InvalidArgument,
            format!(
                "invalid_argument: {what}.struct_size is {struct_size}, below the smallest {what} ({v0_end} bytes): set it to sizeof(struct {what})"
            ),
        ));
    }
    if struct_size > known {
        return Err(Fail::new(
            hubspot_status::InvalidArgument,
            format!(
                "invalid_argument: {what}.struct_size is {struct_size}, but this library ({}) knows a {known}-byte {what}: the program was built against a newer header than the library it runs with",
                env!("CARGO_PKG_VERSION")
            ),
        ));
    }
    Ok(())
}

/// Reads a caller's input struct of `struct_size` bytes over `defaults`.
///
/// # Safety
/// `ptr` must be non-NULL, aligned, and point to at least `size_of::<usize>()` readable bytes
/// holding `struct_size`, then `struct_size` readable bytes in all.
unsafe fn read_sized<T: Copy>(ptr: *const T, v0_end: usize, what: &str, defaults: T) -> Result<T, Fail> {
    // SAFETY: `struct_size` is the first field (asserted above) and always present.
    let struct_size = unsafe { ptr.cast::<usize>().read() };
    sized_in_range::<T>(struct_size, v0_end, what)?;
    let mut value = defaults;
    // SAFETY: the caller's struct has `struct_size` readable bytes, at most `size_of::<T>()`
    // (checked), so the copy stays inside both; they cannot overlap (`value` is local).
    unsafe {
        std::ptr::copy_nonoverlapping(
            ptr.cast::<u8>(),
            std::ptr::addr_of_mut!(value).cast::<u8>(),
            struct_size,
        )
    };
    Ok(value)
}

/// Checks an output struct: non-NULL and a `struct_size` of at least the first layout.
/// Returns how many bytes to write (at most what this library knows).
///
/// # Safety
/// `ptr` must be NULL, or aligned with its `struct_size` field readable.
unsafe fn sized_out<T>(ptr: *mut T, v0_end: usize, what: &str) -> Result<usize, Fail> {
    check_out(ptr, what)?;
    // SAFETY: non-NULL; `struct_size` is the first field.
    let struct_size = unsafe { ptr.cast::<usize>().read() };
    if struct_size < v0_end {
        return Err(Fail::new(
            hubspot_status::InvalidArgument,
            format!(
                "invalid_argument: {what}->struct_size is {struct_size}, below the smallest such struct ({v0_end} bytes): initialise it with hubspot_options_init first"
            ),
        ));
    }
    Ok(struct_size.min(std::mem::size_of::<T>()))
}

/// Writes the first `n` bytes of `value` to `ptr` and sets its `struct_size` to `n`.
///
/// # Safety
/// `ptr` non-NULL, aligned, with `n` writable bytes; `n` at least the first layout's size and
/// at most `size_of::<T>()` (as `sized_out` returns).
unsafe fn put_prefix<T: Copy>(ptr: *mut T, value: &T, n: usize) {
    // SAFETY: per this function's contract; `value` is the library's, no overlap.
    unsafe {
        std::ptr::copy_nonoverlapping(std::ptr::from_ref(value).cast::<u8>(), ptr.cast::<u8>(), n);
        ptr.cast::<usize>().write(n);
    }
}

/// Borrows a handle.
///
/// # Safety
/// `ptr` must be NULL or a live handle made by this library.
unsafe fn handle<'a, T>(ptr: *const T, what: &str) -> Result<&'a T, Fail> {
    // SAFETY: per the contract, a non-NULL `ptr` is a live handle of this library.
    unsafe { ptr.as_ref() }.ok_or_else(|| Fail::null(what))
}

/// Copies `text` plus a NUL into the caller's buffer; `*out_len` gets the length of `text`.
///
/// # Safety
/// `buf` must be NULL or point to `buf_len` writable bytes; `out_len` NULL or valid for writes.
unsafe fn write_text(text: &[u8], buf: *mut c_char, buf_len: usize, out_len: *mut usize) -> Result<(), Fail> {
    check_out(out_len, "out_len")?;
    let needed = text.len().saturating_add(1);
    if buf_len < needed {
        // The needed size is reported even though the call fails: that is what the length
        // is for (documented on every function that takes a buffer).
        // SAFETY: `out_len` is non-NULL (checked) and valid for writes per the contract.
        unsafe { put(out_len, text.len()) };
        return Err(Fail::new(
            hubspot_status::BufferTooSmall,
            format!(
                "buffer_too_small: the text is {} bytes and needs a buffer of {needed} bytes (with its NUL); the buffer has {buf_len}",
                text.len()
            ),
        ));
    }
    check_out(buf, "buf")?;
    // SAFETY: `buf` is non-NULL and has room for `needed` bytes (checked above); it cannot
    // overlap `text`, which the library owns.
    unsafe {
        std::ptr::copy_nonoverlapping(text.as_ptr(), buf.cast::<u8>(), text.len());
        buf.add(text.len()).write(0);
        put(out_len, text.len());
    }
    Ok(())
}

/// The status of the last failed call on this thread, or `HUBSPOT_STATUS_OK` when the last
/// call succeeded (or none was made). Every fallible function sets it.
#[no_mangle]
pub extern "C" fn hubspot_last_error_status() -> hubspot_status {
    boundary_or(hubspot_status::Panic, || {
        LAST_ERROR
            .try_with(|slot| {
                let value = slot.take();
                let status = value.as_ref().map_or(hubspot_status::Ok, |(s, _)| *s);
                slot.set(value);
                status
            })
            .unwrap_or(hubspot_status::Ok)
    })
}

/// Copies the detailed message of the last failed call on this thread (`"code: what went
/// wrong and what to do"`, `""` when the last call succeeded) into `buf`, NUL-terminated.
///
/// `*out_len` gets the message length without the NUL. When `buf_len` is too small (pass
/// `buf = NULL, buf_len = 0` to ask), returns `HUBSPOT_STATUS_BUFFER_TOO_SMALL`, leaves `buf`
/// alone and still sets `*out_len`: allocate `*out_len + 1` bytes and call again. This call
/// does not change the last error.
#[no_mangle]
pub unsafe extern "C" fn hubspot_last_error_message(
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> hubspot_status {
    let result = catch_unwind(AssertUnwindSafe(|| {
        let message = LAST_ERROR
            .try_with(|slot| {
                let value = slot.take();
                let text = value.as_ref().map(|(_, m)| m.clone()).unwrap_or_default();
                slot.set(value);
                text
            })
            .unwrap_or_default();
        // SAFETY: the caller passes a buffer of `buf_len` bytes (or NULL) and a valid or NULL
        // `out_len`, as documented.
        unsafe { write_text(message.as_bytes(), buf, buf_len, out_len) }
    }));
    // Deliberately not `boundary`: reading the last error must not replace it.
    match result {
        Ok(Ok(())) => hubspot_status::Ok,
        Ok(Err(fail)) => fail.status,
        Err(_) => hubspot_status::Panic,
    }
}

/// The ABI version: the number in the shared library's SONAME (`libhubspot_webhooks_c.so.0`).
/// It changes only when a published function, struct field or enum value changes or goes
/// away; additions (functions, fields appended after `struct_size`, enum values) keep it.
pub const HUBSPOT_ABI_VERSION: u32 = 0;

/// The library version, e.g. `"0.1.0"`. Static: never free it.
#[no_mangle]
pub extern "C" fn hubspot_version() -> *const c_char {
    static VERSION: &CStr = match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
        Ok(v) => v,
        Err(_) => c"unknown",
    };
    VERSION.as_ptr()
}

/// The system clock in Unix milliseconds, the usual `now_ms` argument (0 if the clock is
/// before 1970).
#[no_mangle]
pub extern "C" fn hubspot_now_ms() -> i64 {
    boundary_or(0, || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
    })
}

// ---------------------------------------------------------------------------------------------
// Plain data types

/// An input byte string: `ptr` may be NULL only when `len` is 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct hubspot_bytes {
    /// The first byte.
    pub ptr: *const u8,
    /// The number of bytes.
    pub len: usize,
}

/// A borrowed, read-only view of UTF-8 text owned by the library; NOT NUL-terminated (use
/// `%.*s` with `(int)len`). `ptr == NULL` means absent (a field the event does not carry);
/// an empty string has a non-NULL `ptr` and `len == 0`. Valid until the object it came from
/// (batch or signed headers) is freed.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct hubspot_str {
    /// The first byte, or NULL when absent.
    pub ptr: *const c_char,
    /// The length in bytes.
    pub len: usize,
}

impl hubspot_str {
    const ABSENT: hubspot_str = hubspot_str {
        ptr: std::ptr::null(),
        len: 0,
    };

    fn of(text: &str) -> hubspot_str {
        hubspot_str {
            ptr: text.as_ptr().cast::<c_char>(),
            len: text.len(),
        }
    }

    fn of_opt(text: Option<&str>) -> hubspot_str {
        text.map_or(hubspot_str::ABSENT, hubspot_str::of)
    }
}

/// One request header: name and value as bytes (names in any case; a header given several
/// times counts as its values joined by `", "`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct hubspot_header {
    /// The name, e.g. `"X-HubSpot-Signature-v3"`.
    pub name: *const u8,
    /// Its length.
    pub name_len: usize,
    /// The value.
    pub value: *const u8,
    /// Its length.
    pub value_len: usize,
}

/// What the receiver accepts. Fill it with `hubspot_options_init(&options, sizeof options)`
/// (the defaults), then change fields.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct hubspot_options {
    /// `sizeof(struct hubspot_options)` as the caller compiled it (set by
    /// `hubspot_options_init`): the struct may grow at its end in later versions.
    pub struct_size: usize,
    /// A v3 timestamp older than this is rejected (`timestamp_too_old`). Default 300000.
    pub tolerance_ms: u64,
    /// A v3 timestamp further ahead than this is rejected (`timestamp_in_future`). Default 300000.
    pub max_future_ms: u64,
    /// Reject requests without a v3 signature (`v3_required`). Default false.
    pub require_v3: bool,
    /// Larger bodies are rejected before any hashing or parsing (`body_too_large`). Default 10 MiB.
    pub max_body_bytes: usize,
    /// Partial parsing: keep good events, return bad ones as rejected. Default false (strict).
    pub partial: bool,
    /// Batches with more events are rejected (`invalid_batch`). Default 10000.
    pub max_events: usize,
}

impl From<&Options> for hubspot_options {
    fn from(o: &Options) -> Self {
        hubspot_options {
            struct_size: std::mem::size_of::<hubspot_options>(),
            tolerance_ms: o.tolerance_ms,
            max_future_ms: o.max_future_ms,
            require_v3: o.require_v3,
            max_body_bytes: o.max_body_bytes,
            partial: o.partial,
            max_events: o.max_events,
        }
    }
}

impl From<&hubspot_options> for Options {
    fn from(o: &hubspot_options) -> Self {
        Options {
            tolerance_ms: o.tolerance_ms,
            max_future_ms: o.max_future_ms,
            require_v3: o.require_v3,
            max_body_bytes: o.max_body_bytes,
            partial: o.partial,
            max_events: o.max_events,
        }
    }
}

/// Fills `*options` with the defaults (HubSpot's documented behaviour: 5 minutes tolerance,
/// strict parsing) and sets `options->struct_size`. Pass `sizeof *options`:
/// `hubspot_options_init(&options, sizeof options)`.
///
/// `HUBSPOT_STATUS_INVALID_ARGUMENT` when `struct_size` is not the size of a
/// `hubspot_options` this library knows (see `struct_size` in README "ABI").
#[no_mangle]
pub unsafe extern "C" fn hubspot_options_init(options: *mut hubspot_options, struct_size: usize) -> hubspot_status {
    boundary(|| {
        check_out(options, "options")?;
        sized_in_range::<hubspot_options>(struct_size, OPTIONS_V0_END, "hubspot_options")?;
        let mut defaults = hubspot_options::from(&Options::default());
        defaults.struct_size = struct_size;
        // SAFETY: non-NULL (checked); the caller's struct has `struct_size` writable bytes.
        unsafe { put_prefix(options, &defaults, struct_size) };
        Ok(())
    })
}

/// # Safety
/// `options` must be NULL or point to a `hubspot_options` of `options->struct_size` bytes.
unsafe fn options_or_default(options: *const hubspot_options) -> Result<Options, Fail> {
    if options.is_null() {
        return Ok(Options::default());
    }
    // SAFETY: forwarded; fields the caller's (older) struct lacks keep their defaults.
    let full = unsafe {
        read_sized(
            options,
            OPTIONS_V0_END,
            "hubspot_options",
            hubspot_options::from(&Options::default()),
        )
    }?;
    Ok(Options::from(&full))
}

/// A HubSpot signature version.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum hubspot_signature_version {
    /// `X-HubSpot-Signature` with version `v1`.
    V1 = 1,
    /// `X-HubSpot-Signature` with version `v2`.
    V2 = 2,
    /// `X-HubSpot-Signature-v3`.
    V3 = 3,
}

fn version_of(v: SignatureVersion) -> hubspot_signature_version {
    match v {
        SignatureVersion::V1 => hubspot_signature_version::V1,
        SignatureVersion::V2 => hubspot_signature_version::V2,
        SignatureVersion::V3 => hubspot_signature_version::V3,
    }
}

/// `"v1"`, `"v2"`, `"v3"`, or `"unknown"`. Static: never free it.
#[no_mangle]
pub extern "C" fn hubspot_signature_version_str(version: u32) -> *const c_char {
    match version {
        1 => c"v1".as_ptr(),
        2 => c"v2".as_ptr(),
        3 => c"v3".as_ptr(),
        _ => c"unknown".as_ptr(),
    }
}

/// The outcome of a successful verification. Frozen (ABI rule: see README "ABI").
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct hubspot_verified {
    /// The signature version that was checked.
    pub version: hubspot_signature_version,
    /// Which secret matched, from 0, in the order given to `hubspot_verifier_new`.
    pub secret_index: usize,
}

// ---------------------------------------------------------------------------------------------
// Verifier

/// A verifier: the app's client secret(s) and the options. Immutable once made, so one
/// verifier may be used from any number of threads at once. Free it with
/// `hubspot_verifier_free` once no thread uses it.
#[derive(Debug)]
pub struct hubspot_verifier {
    inner: Verifier,
}

/// Makes a verifier from `secrets_len` client secrets (tried in order; several during a
/// rotation) and `options` (NULL: the defaults). The secrets are copied.
///
/// Fails with `HUBSPOT_STATUS_INVALID_ARGUMENT` when there is no secret or one is empty.
/// On success `*out_verifier` owns a new verifier: free it with `hubspot_verifier_free`.
#[no_mangle]
pub unsafe extern "C" fn hubspot_verifier_new(
    secrets: *const hubspot_bytes,
    secrets_len: usize,
    options: *const hubspot_options,
    out_verifier: *mut *mut hubspot_verifier,
) -> hubspot_status {
    boundary(|| {
        check_out(out_verifier, "out_verifier")?;
        // SAFETY: the caller passes an array of `secrets_len` items (or NULL with 0).
        let items = unsafe { input_array(secrets, secrets_len, "secrets") }?;
        let mut keys: Vec<&[u8]> = Vec::with_capacity(items.len());
        for (i, s) in items.iter().enumerate() {
            // SAFETY: each item's `(ptr, len)` describes readable bytes, per the contract.
            keys.push(unsafe { input(s.ptr, s.len, &format!("secrets[{i}].ptr")) }?);
        }
        // SAFETY: NULL or a valid struct, per the contract.
        let options = unsafe { options_or_default(options) }?;
        let inner = Verifier::new(&keys, options)?;
        let boxed = Box::into_raw(Box::new(hubspot_verifier { inner }));
        // SAFETY: `out_verifier` is non-NULL (checked) and valid for writes.
        unsafe { put(out_verifier, boxed) };
        Ok(())
    })
}

/// Frees a verifier. NULL is accepted and ignored. No thread may use it afterwards.
#[no_mangle]
pub unsafe extern "C" fn hubspot_verifier_free(verifier: *mut hubspot_verifier) {
    boundary_or((), || {
        if !verifier.is_null() {
            // SAFETY: a non-NULL `verifier` came from `hubspot_verifier_new` (Box::into_raw)
            // and is freed once, per the contract.
            drop(unsafe { Box::from_raw(verifier) });
        }
    });
}

/// The options a verifier was made with, into `*out_options` (set
/// `out_options->struct_size = sizeof *out_options` first).
#[no_mangle]
pub unsafe extern "C" fn hubspot_verifier_options(
    verifier: *const hubspot_verifier,
    out_options: *mut hubspot_options,
) -> hubspot_status {
    boundary(|| {
        // SAFETY: NULL or a live verifier, per the contract.
        let v = unsafe { handle(verifier, "verifier") }?;
        // SAFETY: NULL or a struct of `struct_size` bytes, per the contract.
        let n = unsafe { sized_out(out_options, OPTIONS_V0_END, "out_options") }?;
        // SAFETY: checked by `sized_out`.
        unsafe { put_prefix(out_options, &hubspot_options::from(v.inner.options()), n) };
        Ok(())
    })
}

/// Builds the core request from C arguments.
///
/// # Safety
/// Each `(ptr, len)` must describe readable bytes; `headers` an array of `headers_len` items.
#[allow(clippy::too_many_arguments)]
unsafe fn request<'a>(
    method: *const u8,
    method_len: usize,
    url: *const u8,
    url_len: usize,
    headers: *const hubspot_header,
    headers_len: usize,
    body: *const u8,
    body_len: usize,
) -> Result<Request<'a>, Fail> {
    // SAFETY (all four): forwarded from this function's contract.
    let method = unsafe { input(method, method_len, "method") }?;
    let url = unsafe { input(url, url_len, "url") }?;
    let body = unsafe { input(body, body_len, "body") }?;
    let items = unsafe { input_array(headers, headers_len, "headers") }?;
    let mut request = Request::new(method, url, body);
    request.headers.reserve(items.len());
    for (i, h) in items.iter().enumerate() {
        // SAFETY: each header's `(ptr, len)` pairs describe readable bytes, per the contract.
        let name = unsafe { input(h.name, h.name_len, &format!("headers[{i}].name")) }?;
        let value = unsafe { input(h.value, h.value_len, &format!("headers[{i}].value")) }?;
        request.headers.push((name, value));
    }
    Ok(request)
}

/// Verifies a request's HubSpot signature: finds the headers (names in any case), picks the
/// version, checks the v3 timestamp against `now_ms` (Unix milliseconds, e.g.
/// `hubspot_now_ms()`) and the signature against the secrets.
///
/// `url` is the full public URL HubSpot called (`https://host/path?query`), not the path.
/// `body` is the raw body bytes as received. On success writes `*out_verified`.
#[no_mangle]
pub unsafe extern "C" fn hubspot_verifier_verify(
    verifier: *const hubspot_verifier,
    method: *const u8,
    method_len: usize,
    url: *const u8,
    url_len: usize,
    headers: *const hubspot_header,
    headers_len: usize,
    body: *const u8,
    body_len: usize,
    now_ms: i64,
    out_verified: *mut hubspot_verified,
) -> hubspot_status {
    boundary(|| {
        // SAFETY: NULL or a live verifier, per the contract.
        let v = unsafe { handle(verifier, "verifier") }?;
        check_out(out_verified, "out_verified")?;
        // SAFETY: the inputs are described by the caller, per the contract.
        let req = unsafe { request(method, method_len, url, url_len, headers, headers_len, body, body_len) }?;
        let verified = v.inner.verify(&req, now_ms)?;
        let out = hubspot_verified {
            version: version_of(verified.version),
            secret_index: verified.secret_index,
        };
        // SAFETY: non-NULL (checked), valid for writes.
        unsafe { put(out_verified, out) };
        Ok(())
    })
}

/// Verifies a request (as `hubspot_verifier_verify`) and parses its body into a batch of
/// typed events, in one call. `out_verified` may be NULL when the caller does not need it.
/// On success `*out_batch` owns a new batch: free it with `hubspot_batch_free`.
#[no_mangle]
pub unsafe extern "C" fn hubspot_verifier_verify_and_parse(
    verifier: *const hubspot_verifier,
    method: *const u8,
    method_len: usize,
    url: *const u8,
    url_len: usize,
    headers: *const hubspot_header,
    headers_len: usize,
    body: *const u8,
    body_len: usize,
    now_ms: i64,
    out_verified: *mut hubspot_verified,
    out_batch: *mut *mut hubspot_batch,
) -> hubspot_status {
    boundary(|| {
        // SAFETY: NULL or a live verifier, per the contract.
        let v = unsafe { handle(verifier, "verifier") }?;
        check_out(out_batch, "out_batch")?;
        // SAFETY: the inputs are described by the caller, per the contract.
        let req = unsafe { request(method, method_len, url, url_len, headers, headers_len, body, body_len) }?;
        let delivery = v.inner.verify_and_parse(&req, now_ms)?;
        let verified = hubspot_verified {
            version: version_of(delivery.verified.version),
            secret_index: delivery.verified.secret_index,
        };
        let boxed = Box::into_raw(Box::new(hubspot_batch { inner: delivery.batch }));
        // SAFETY: `out_batch` is non-NULL (checked); `out_verified` is optional and written
        // only when non-NULL; both valid for writes per the contract.
        unsafe {
            if !out_verified.is_null() {
                put(out_verified, verified);
            }
            put(out_batch, boxed);
        }
        Ok(())
    })
}

/// Parses a body with the verifier's options, without any signature check.
#[no_mangle]
pub unsafe extern "C" fn hubspot_verifier_parse(
    verifier: *const hubspot_verifier,
    body: *const u8,
    body_len: usize,
    out_batch: *mut *mut hubspot_batch,
) -> hubspot_status {
    boundary(|| {
        // SAFETY: NULL or a live verifier, per the contract.
        let v = unsafe { handle(verifier, "verifier") }?;
        check_out(out_batch, "out_batch")?;
        // SAFETY: readable bytes, per the contract.
        let body = unsafe { input(body, body_len, "body") }?;
        let batch = v.inner.parse(body)?;
        // SAFETY: non-NULL (checked), valid for writes.
        unsafe { put(out_batch, Box::into_raw(Box::new(hubspot_batch { inner: batch }))) };
        Ok(())
    })
}

/// Parses a body (a JSON array of events) with `options` (NULL: the defaults), without any
/// signature check: for bodies whose request was verified elsewhere, or for tests.
/// On success `*out_batch` owns a new batch: free it with `hubspot_batch_free`.
#[no_mangle]
pub unsafe extern "C" fn hubspot_parse(
    body: *const u8,
    body_len: usize,
    options: *const hubspot_options,
    out_batch: *mut *mut hubspot_batch,
) -> hubspot_status {
    boundary(|| {
        check_out(out_batch, "out_batch")?;
        // SAFETY: readable bytes / NULL or a valid struct, per the contract.
        let body = unsafe { input(body, body_len, "body") }?;
        let options = unsafe { options_or_default(options) }?;
        let batch = parse_batch(body, &options)?;
        // SAFETY: non-NULL (checked), valid for writes.
        unsafe { put(out_batch, Box::into_raw(Box::new(hubspot_batch { inner: batch }))) };
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------------
// Batch and events

/// A parsed batch: the events in body order and, with partial parsing, the rejected ones.
/// Immutable: several threads may read one batch at once. Every `hubspot_str` taken from it
/// stays valid until `hubspot_batch_free`.
#[derive(Debug)]
pub struct hubspot_batch {
    inner: Batch,
}

/// Frees a batch and every view taken from it. NULL is accepted and ignored.
#[no_mangle]
pub unsafe extern "C" fn hubspot_batch_free(batch: *mut hubspot_batch) {
    boundary_or((), || {
        if !batch.is_null() {
            // SAFETY: a non-NULL `batch` came from this library (Box::into_raw) and is freed
            // once, per the contract.
            drop(unsafe { Box::from_raw(batch) });
        }
    });
}

/// The number of (good) events; 0 for NULL.
#[no_mangle]
pub unsafe extern "C" fn hubspot_batch_count(batch: *const hubspot_batch) -> usize {
    // SAFETY: NULL or a live batch, per the contract.
    boundary_or(0, || unsafe { batch.as_ref() }.map_or(0, |b| b.inner.events.len()))
}

/// The number of rejected events (partial parsing only); 0 for NULL.
#[no_mangle]
pub unsafe extern "C" fn hubspot_batch_rejected_count(batch: *const hubspot_batch) -> usize {
    // SAFETY: NULL or a live batch, per the contract.
    boundary_or(0, || unsafe { batch.as_ref() }.map_or(0, |b| b.inner.rejected.len()))
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
    boundary(|| {
        // SAFETY: NULL or a live batch, per the contract.
        let b = unsafe { handle(batch, "batch") }?;
        check_out(out_rejected, "out_rejected")?;
        let r = b.inner.rejected.get(i).ok_or_else(|| {
            Fail::new(
                hubspot_status::OutOfRange,
                format!(
                    "out_of_range: rejected event {i} asked for, but the batch has {}",
                    b.inner.rejected.len()
                ),
            )
        })?;
        let out = hubspot_rejected {
            index: r.index,
            error: status_of(r.error.code()),
            message: hubspot_str::of(r.error.message()),
            field: hubspot_str::of_opt(r.error.field()),
            raw_json: hubspot_str::of(&r.raw),
        };
        // SAFETY: non-NULL (checked), valid for writes.
        unsafe { put(out_rejected, out) };
        Ok(())
    })
}

/// # Safety
/// `batch` must be NULL or a live batch.
unsafe fn event<'a>(batch: *const hubspot_batch, i: usize) -> Result<&'a Event, Fail> {
    // SAFETY: forwarded from this function's contract.
    let b = unsafe { handle(batch, "batch") }?;
    b.inner.events.get(i).ok_or_else(|| {
        Fail::new(
            hubspot_status::OutOfRange,
            format!(
                "out_of_range: event {i} asked for, but the batch has {} events",
                b.inner.events.len()
            ),
        )
    })
}

/// Runs an accessor that produces one value from one event and writes it.
///
/// # Safety
/// `batch` NULL or live; `out` NULL or valid for writes.
unsafe fn with_event<T>(
    batch: *const hubspot_batch,
    i: usize,
    out: *mut T,
    get: impl FnOnce(&Event) -> Result<T, Fail>,
) -> hubspot_status {
    boundary(|| {
        // SAFETY: forwarded from the contract.
        let e = unsafe { event(batch, i) }?;
        check_out(out, "out")?;
        let value = get(e)?;
        // SAFETY: non-NULL (checked), valid for writes.
        unsafe { put(out, value) };
        Ok(())
    })
}

/// `subscriptionType` of event `i`, e.g. `"contact.propertyChange"`.
#[no_mangle]
pub unsafe extern "C" fn hubspot_event_subscription_type(
    batch: *const hubspot_batch,
    i: usize,
    out: *mut hubspot_str,
) -> hubspot_status {
    // SAFETY: forwarded from the contract.
    unsafe { with_event(batch, i, out, |e| Ok(hubspot_str::of(&e.subscription_type))) }
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
    // SAFETY: forwarded from the contract.
    unsafe { with_event(batch, i, out, |e| Ok(hubspot_str::of(e.object_type.as_str()))) }
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
    // SAFETY: forwarded from the contract.
    unsafe { with_event(batch, i, out, |e| Ok(hubspot_str::of(e.action.as_str()))) }
}

/// The JSON text of event `i` exactly as it stood in the body (every field, known or not).
#[no_mangle]
pub unsafe extern "C" fn hubspot_event_raw_json(
    batch: *const hubspot_batch,
    i: usize,
    out: *mut hubspot_str,
) -> hubspot_status {
    // SAFETY: forwarded from the contract.
    unsafe { with_event(batch, i, out, |e| Ok(hubspot_str::of(e.raw_json()))) }
}

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
                format!("out_of_range: {field} is not a hubspot_field"),
            )
        })
}

fn wrong_kind(field: hubspot_field, value: &FieldValue<'_>, wanted: hubspot_field_kind) -> Fail {
    Fail::new(
        hubspot_status::InvalidArgument,
        format!(
            "invalid_argument: field {} is {}, not {}",
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
    boundary_or(std::ptr::null(), || {
        let names = NAMES.get_or_init(|| KNOWN_FIELDS.iter().filter_map(|n| CString::new(*n).ok()).collect());
        usize::try_from(field)
            .ok()
            .filter(|n| *n < FIELDS.len())
            .and_then(|n| names.get(n))
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
    boundary(|| {
        check_out(out_field, "out_field")?;
        // SAFETY: readable bytes, per the contract.
        let name = unsafe { input(name, name_len, "name") }?;
        let position = KNOWN_FIELDS
            .iter()
            .position(|n| n.as_bytes() == name)
            .filter(|n| *n < FIELDS.len())
            .ok_or_else(|| {
                Fail::new(
                    hubspot_status::OutOfRange,
                    format!(
                        "out_of_range: {:?} is not a field this library types; read it from the event's raw JSON",
                        String::from_utf8_lossy(name)
                    ),
                )
            })?;
        let value =
            u32::try_from(position).map_err(|_| Fail::new(hubspot_status::OutOfRange, "out_of_range: field number"))?;
        // SAFETY: non-NULL (checked), valid for writes.
        unsafe { put(out_field, value) };
        Ok(())
    })
}

/// Which accessor reads `field` (`HUBSPOT_FIELD_KIND_NONE` for a value that is no field).
#[no_mangle]
pub extern "C" fn hubspot_field_kind_of(field: u32) -> hubspot_field_kind {
    boundary_or(hubspot_field_kind::None, || match field_of(field) {
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

/// A string field of event `i`; `out->ptr` is NULL when the event does not carry it (or
/// carries `null`). `HUBSPOT_STATUS_INVALID_ARGUMENT` for a field of another kind.
#[no_mangle]
pub unsafe extern "C" fn hubspot_event_str(
    batch: *const hubspot_batch,
    i: usize,
    field: u32,
    out: *mut hubspot_str,
) -> hubspot_status {
    // SAFETY: forwarded from the contract.
    unsafe {
        with_event(batch, i, out, |e| {
            let field = field_of(field)?;
            match field_value(e, field) {
                FieldValue::Str(s) => Ok(hubspot_str::of_opt(s)),
                other => Err(wrong_kind(field, &other, hubspot_field_kind::String)),
            }
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
    boundary(|| {
        // SAFETY: forwarded from the contract.
        let e = unsafe { event(batch, i) }?;
        check_out(out_value, "out_value")?;
        check_out(out_present, "out_present")?;
        let field = field_of(field)?;
        let value = match field_value(e, field) {
            FieldValue::Int(v) => v,
            other => return Err(wrong_kind(field, &other, hubspot_field_kind::Int)),
        };
        // SAFETY: both non-NULL (checked), valid for writes.
        unsafe {
            put(out_value, value.unwrap_or(0));
            put(out_present, value.is_some());
        }
        Ok(())
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
    boundary(|| {
        // SAFETY: forwarded from the contract.
        let e = unsafe { event(batch, i) }?;
        check_out(out_value, "out_value")?;
        check_out(out_present, "out_present")?;
        let field = field_of(field)?;
        let value = match field_value(e, field) {
            FieldValue::Bool(v) => v,
            other => return Err(wrong_kind(field, &other, hubspot_field_kind::Bool)),
        };
        // SAFETY: both non-NULL (checked), valid for writes.
        unsafe {
            put(out_value, value.unwrap_or(false));
            put(out_present, value.is_some());
        }
        Ok(())
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
    boundary(|| {
        // SAFETY: forwarded from the contract.
        let e = unsafe { event(batch, i) }?;
        check_out(out_ids, "out_ids")?;
        check_out(out_len, "out_len")?;
        check_out(out_present, "out_present")?;
        let FieldValue::IntArray(ids) = field_value(e, hubspot_field::MergedObjectIds) else {
            return Err(Fail::new(
                hubspot_status::Panic,
                "panic: mergedObjectIds is not an integer array",
            ));
        };
        // SAFETY: all non-NULL (checked), valid for writes.
        unsafe {
            put(out_ids, ids.map_or(std::ptr::null(), <[i64]>::as_ptr));
            put(out_len, ids.map_or(0, <[i64]>::len));
            put(out_present, ids.is_some());
        }
        Ok(())
    })
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
    boundary(|| {
        // SAFETY: forwarded from the contract.
        let e = unsafe { event(batch, i) }?;
        check_out(out_text, "out_text")?;
        check_out(out_is_string, "out_is_string")?;
        let is_string = matches!(e.property_value, Some(hubspot_webhooks::PropertyValue::String(_)));
        // SAFETY: both non-NULL (checked), valid for writes.
        unsafe {
            put(out_text, hubspot_str::of_opt(e.property_value_str()));
            put(out_is_string, is_string);
        }
        Ok(())
    })
}

/// What changed on a Conversations thread.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum hubspot_conversation_change {
    /// `conversation.creation`
    Created = 1,
    /// `conversation.deletion` (archived)
    Deleted = 2,
    /// `conversation.privacyDeletion` (permanently deleted)
    PrivacyDeleted = 3,
    /// `conversation.propertyChange` on `assignedTo`: see `assignee`.
    AssigneeChanged = 4,
    /// `conversation.propertyChange` on `status`: see `status`.
    StatusChanged = 5,
    /// `conversation.propertyChange` on `isArchived`: see `archived`.
    ArchivedChanged = 6,
    /// `conversation.propertyChange` on another property: see `property_name`/`property_value`.
    PropertyChanged = 7,
    /// `conversation.newMessage`: see `message_id`/`message_type`.
    NewMessage = 8,
    /// Another `conversation.*` action: see `other_action`.
    Other = 9,
}

/// The typed view of a `conversation.*` event. Only the members named by `change` are set;
/// the other views have a NULL `ptr`. Views valid until the batch is freed. Frozen (ABI
/// rule: see README "ABI"): a new kind of change gets a new `hubspot_conversation_change`
/// value, and any data of its own a new function.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct hubspot_conversation {
    /// The thread id (`objectId`); see `has_thread_id`.
    pub thread_id: i64,
    /// Whether the event carries a thread id.
    pub has_thread_id: bool,
    /// What changed.
    pub change: hubspot_conversation_change,
    /// ASSIGNEE_CHANGED: the new assignee's user id; NULL `ptr` when unassigned.
    pub assignee: hubspot_str,
    /// STATUS_CHANGED: `"OPEN"`, `"CLOSED"` or another value as sent; NULL when none was sent.
    pub status: hubspot_str,
    /// ARCHIVED_CHANGED: the new value, when `has_archived`.
    pub archived: bool,
    /// ARCHIVED_CHANGED: whether the value was true or false in some spelling.
    pub has_archived: bool,
    /// PROPERTY_CHANGED: `propertyName`.
    pub property_name: hubspot_str,
    /// PROPERTY_CHANGED: `propertyValue` as a string.
    pub property_value: hubspot_str,
    /// NEW_MESSAGE: `messageId`.
    pub message_id: hubspot_str,
    /// NEW_MESSAGE: `messageType` (`"MESSAGE"`, `"COMMENT"`, `"WELCOME_MESSAGE"`, or as sent).
    pub message_type: hubspot_str,
    /// OTHER: the action as sent.
    pub other_action: hubspot_str,
}

/// The Conversations view of event `i`. `*out_is_conversation` is false for events that are
/// not `conversation.*` (then `*out` is left unwritten).
#[no_mangle]
pub unsafe extern "C" fn hubspot_event_conversation(
    batch: *const hubspot_batch,
    i: usize,
    out: *mut hubspot_conversation,
    out_is_conversation: *mut bool,
) -> hubspot_status {
    boundary(|| {
        // SAFETY: forwarded from the contract.
        let e = unsafe { event(batch, i) }?;
        check_out(out, "out")?;
        check_out(out_is_conversation, "out_is_conversation")?;
        let Some(conv) = e.conversation() else {
            // SAFETY: non-NULL (checked), valid for writes.
            unsafe { put(out_is_conversation, false) };
            return Ok(());
        };
        let mut view = hubspot_conversation {
            thread_id: conv.thread_id.unwrap_or(0),
            has_thread_id: conv.thread_id.is_some(),
            change: hubspot_conversation_change::Other,
            assignee: hubspot_str::ABSENT,
            status: hubspot_str::ABSENT,
            archived: false,
            has_archived: false,
            property_name: hubspot_str::ABSENT,
            property_value: hubspot_str::ABSENT,
            message_id: hubspot_str::ABSENT,
            message_type: hubspot_str::ABSENT,
            other_action: hubspot_str::ABSENT,
        };
        match conv.change {
            ConversationChange::Created => view.change = hubspot_conversation_change::Created,
            ConversationChange::Deleted => view.change = hubspot_conversation_change::Deleted,
            ConversationChange::PrivacyDeleted => view.change = hubspot_conversation_change::PrivacyDeleted,
            ConversationChange::AssigneeChanged { assignee } => {
                view.change = hubspot_conversation_change::AssigneeChanged;
                view.assignee = hubspot_str::of_opt(assignee);
            }
            ConversationChange::StatusChanged { status } => {
                view.change = hubspot_conversation_change::StatusChanged;
                // The core's status is parsed from the property value, whose text it keeps
                // exactly; the view borrows that text from the batch.
                view.status = hubspot_str::of_opt(status.as_ref().and(e.property_value_str()));
            }
            ConversationChange::ArchivedChanged { archived } => {
                view.change = hubspot_conversation_change::ArchivedChanged;
                view.archived = archived.unwrap_or(false);
                view.has_archived = archived.is_some();
            }
            ConversationChange::PropertyChanged { name, value } => {
                view.change = hubspot_conversation_change::PropertyChanged;
                view.property_name = hubspot_str::of_opt(name);
                view.property_value = hubspot_str::of_opt(value);
            }
            ConversationChange::NewMessage {
                message_id,
                message_type,
            } => {
                view.change = hubspot_conversation_change::NewMessage;
                view.message_id = hubspot_str::of_opt(message_id);
                view.message_type = hubspot_str::of_opt(message_type.map(|m| m.as_str()));
            }
            ConversationChange::Other(action) => view.other_action = hubspot_str::of(action),
            // A change kind a newer core adds: reported as OTHER with the action as sent.
            _ => view.other_action = hubspot_str::of(e.action.as_str()),
        }
        // SAFETY: both non-NULL (checked), valid for writes.
        unsafe {
            put(out, view);
            put(out_is_conversation, true);
        }
        Ok(())
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
    boundary(|| {
        // SAFETY: forwarded from the contract.
        let e = unsafe { event(batch, i) }?;
        let key = e.dedup_key();
        // SAFETY: forwarded from the contract.
        unsafe { write_text(key.as_bytes(), buf, buf_len, out_len) }
    })
}

// ---------------------------------------------------------------------------------------------
// Signing helpers (for testing your own handler)

/// The v1 signature of `body` (64 lower-case hex chars), NUL-terminated into `buf`
/// (65 bytes suffice). `*out_len` gets its length; see `hubspot_last_error_message` for the
/// buffer rules.
#[no_mangle]
pub unsafe extern "C" fn hubspot_sign_v1(
    secret: *const u8,
    secret_len: usize,
    body: *const u8,
    body_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> hubspot_status {
    boundary(|| {
        // SAFETY: readable bytes, per the contract.
        let secret = unsafe { input(secret, secret_len, "secret") }?;
        let body = unsafe { input(body, body_len, "body") }?;
        let sig = signature::sign_v1(secret, body);
        // SAFETY: forwarded from the contract.
        unsafe { write_text(sig.as_bytes(), buf, buf_len, out_len) }
    })
}

/// The v2 signature of a request (64 lower-case hex chars), NUL-terminated into `buf`
/// (65 bytes suffice).
#[no_mangle]
pub unsafe extern "C" fn hubspot_sign_v2(
    secret: *const u8,
    secret_len: usize,
    method: *const u8,
    method_len: usize,
    url: *const u8,
    url_len: usize,
    body: *const u8,
    body_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> hubspot_status {
    boundary(|| {
        // SAFETY: readable bytes, per the contract.
        let secret = unsafe { input(secret, secret_len, "secret") }?;
        let method = unsafe { input(method, method_len, "method") }?;
        let url = unsafe { input(url, url_len, "url") }?;
        let body = unsafe { input(body, body_len, "body") }?;
        let sig = signature::sign_v2(secret, method, url, body);
        // SAFETY: forwarded from the contract.
        unsafe { write_text(sig.as_bytes(), buf, buf_len, out_len) }
    })
}

/// The v3 signature of a request (44 chars of padded base64), NUL-terminated into `buf`
/// (45 bytes suffice). `timestamp` is the text of `X-HubSpot-Request-Timestamp`.
#[no_mangle]
pub unsafe extern "C" fn hubspot_sign_v3(
    secret: *const u8,
    secret_len: usize,
    method: *const u8,
    method_len: usize,
    url: *const u8,
    url_len: usize,
    body: *const u8,
    body_len: usize,
    timestamp: *const u8,
    timestamp_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> hubspot_status {
    boundary(|| {
        // SAFETY: readable bytes, per the contract.
        let secret = unsafe { input(secret, secret_len, "secret") }?;
        let method = unsafe { input(method, method_len, "method") }?;
        let url = unsafe { input(url, url_len, "url") }?;
        let body = unsafe { input(body, body_len, "body") }?;
        let timestamp = unsafe { input(timestamp, timestamp_len, "timestamp") }?;
        let sig = signature::sign_v3(secret, method, url, body, timestamp);
        // SAFETY: forwarded from the contract.
        unsafe { write_text(sig.as_bytes(), buf, buf_len, out_len) }
    })
}

/// The headers HubSpot would send with a delivery, owned by the library.
#[derive(Debug)]
pub struct hubspot_signed_headers {
    headers: Vec<(CString, CString)>,
}

/// The headers HubSpot would send with a delivery of `body` to `url` at `timestamp_ms`:
/// `Content-Type`, `X-HubSpot-Signature` (v1), `X-HubSpot-Signature-Version`,
/// `X-HubSpot-Signature-v3`, `X-HubSpot-Request-Timestamp`. For testing your own handler.
/// On success `*out_headers` owns them: free with `hubspot_signed_headers_free`.
#[no_mangle]
pub unsafe extern "C" fn hubspot_signed_headers_new(
    secret: *const u8,
    secret_len: usize,
    method: *const u8,
    method_len: usize,
    url: *const u8,
    url_len: usize,
    body: *const u8,
    body_len: usize,
    timestamp_ms: i64,
    out_headers: *mut *mut hubspot_signed_headers,
) -> hubspot_status {
    boundary(|| {
        check_out(out_headers, "out_headers")?;
        // SAFETY: readable bytes, per the contract.
        let secret = unsafe { input(secret, secret_len, "secret") }?;
        let method = unsafe { input(method, method_len, "method") }?;
        let url = unsafe { input(url, url_len, "url") }?;
        let body = unsafe { input(body, body_len, "body") }?;
        let mut headers = Vec::new();
        for (name, value) in signed_headers(secret, method, url, body, timestamp_ms) {
            let pair = CString::new(name).and_then(|n| CString::new(value).map(|v| (n, v)));
            headers.push(pair.map_err(|_| Fail::new(hubspot_status::Panic, "panic: a header contains NUL"))?);
        }
        let boxed = Box::into_raw(Box::new(hubspot_signed_headers { headers }));
        // SAFETY: non-NULL (checked), valid for writes.
        unsafe { put(out_headers, boxed) };
        Ok(())
    })
}

/// The number of headers; 0 for NULL.
#[no_mangle]
pub unsafe extern "C" fn hubspot_signed_headers_count(headers: *const hubspot_signed_headers) -> usize {
    // SAFETY: NULL or live, per the contract.
    boundary_or(0, || unsafe { headers.as_ref() }.map_or(0, |h| h.headers.len()))
}

/// Header number `i`: name and value (both also NUL-terminated), valid until the headers are
/// freed.
#[no_mangle]
pub unsafe extern "C" fn hubspot_signed_headers_get(
    headers: *const hubspot_signed_headers,
    i: usize,
    out_name: *mut hubspot_str,
    out_value: *mut hubspot_str,
) -> hubspot_status {
    boundary(|| {
        // SAFETY: NULL or live, per the contract.
        let h = unsafe { handle(headers, "headers") }?;
        check_out(out_name, "out_name")?;
        check_out(out_value, "out_value")?;
        let (name, value) = h.headers.get(i).ok_or_else(|| {
            Fail::new(
                hubspot_status::OutOfRange,
                format!("out_of_range: header {i} asked for, but there are {}", h.headers.len()),
            )
        })?;
        let view = |c: &CString| hubspot_str {
            ptr: c.as_ptr(),
            len: c.as_bytes().len(),
        };
        // SAFETY: both non-NULL (checked), valid for writes.
        unsafe {
            put(out_name, view(name));
            put(out_value, view(value));
        }
        Ok(())
    })
}

/// Frees signed headers. NULL is accepted and ignored.
#[no_mangle]
pub unsafe extern "C" fn hubspot_signed_headers_free(headers: *mut hubspot_signed_headers) {
    boundary_or((), || {
        if !headers.is_null() {
            // SAFETY: came from `hubspot_signed_headers_new` (Box::into_raw), freed once.
            drop(unsafe { Box::from_raw(headers) });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_core_numbers() {
        for code in ErrorCode::ALL {
            assert_eq!(status_of(code) as u32, code.number(), "{code}");
            let name = unsafe { CStr::from_ptr(hubspot_status_code(code.number())) };
            assert_eq!(name.to_str().unwrap(), code.as_str());
        }
        for (status, _, _) in OWN_STATUSES {
            assert!((status as u32) < 100);
        }
    }

    #[test]
    fn fields_follow_known_fields() {
        assert_eq!(FIELDS.len(), KNOWN_FIELDS.len());
        for (n, f) in FIELDS.iter().enumerate() {
            assert_eq!(*f as usize, n);
        }
    }

    #[test]
    fn panics_become_a_status() {
        let status = boundary(|| panic!("boom"));
        assert_eq!(status, hubspot_status::Panic);
        assert_eq!(hubspot_last_error_status(), hubspot_status::Panic);
        assert_eq!(boundary_or(7, || panic!("boom")), 7);
        assert_eq!(boundary(|| Ok(())), hubspot_status::Ok);
        assert_eq!(hubspot_last_error_status(), hubspot_status::Ok);
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
