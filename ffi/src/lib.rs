//! C ABI for `hubspot-webhooks`: verify HubSpot webhook signatures (v1, v2, v3) and parse
//! webhook deliveries (batches and Custom Channels events) into typed events from C and C++.
//!
//! This crate only converts: C pointers and lengths into slices, core results into a status
//! and out-parameters, core errors into a thread-local message. Every HubSpot rule lives in the
//! core crate. The header `include/hubspot_webhooks.h` is generated from these modules by
//! cbindgen (see `tests/header.rs`), one file per concept after rustls-ffi's `librustls` (the
//! modules below, in the header's order; README "Layout of the Rust side" says what each holds).
//!
//! Conventions (after rustls-ffi; README "Conventions"): a `hubspot_status` from every
//! fallible function, outputs written only on success; opaque handles freed by `*_free`
//! (NULL accepted); inputs as `(ptr, len)`; every pointer checked; every export behind the
//! panic boundary.
//!
//! # Safety
//! One contract covers every `unsafe extern "C"` function here, so it is stated once: each
//! non-NULL pointer argument points to valid memory of its type (for `(ptr, len)` inputs, `len`
//! readable bytes; for buffers, `buf_len` writable bytes) that no other thread writes during the
//! call, and each handle argument is NULL or a live handle made by this library and not yet
//! freed. The functions check NULL themselves.
#![cfg(not(target_family = "wasm"))]
// The contract above applies to every export; repeating it on each function adds nothing.
#![allow(clippy::missing_safety_doc)]
// The one crate of the workspace that needs `unsafe`: it reads C pointers. Every unsafe block
// says why it is sound.
#![allow(unsafe_code)]
#![allow(non_camel_case_types)]
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

use std::ffi::c_char;

// In the order of the header: cbindgen follows the modules in this order (the blank lines keep
// rustfmt from sorting them).
pub mod abi_version;

pub mod tables;

pub mod status;

pub mod panic;

pub mod pointers;

pub mod options;

pub mod verifier;

pub mod batch;

pub mod fields;

pub mod conversation;

pub mod channel;

pub mod diagnosis;

pub mod fixtures;

pub mod signing;

pub use abi_version::HUBSPOT_ABI_VERSION;

/// The library version, e.g. `"0.1.0"`. Static: never free it.
#[no_mangle]
pub extern "C" fn hubspot_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// The system clock in Unix milliseconds, the usual `now_ms` argument (0 if the clock is
/// before 1970).
#[no_mangle]
pub extern "C" fn hubspot_now_ms() -> i64 {
    panic::boundary(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
    })
}
