//! Python bindings of `hubspot-webhooks`: the private native module `hubspot_webhooks._native`.
//!
//! Conversion code only: Python values in, core calls, Python values out. Every HubSpot rule
//! (headers, signatures, timestamps, parsing) lives in the core crate.
#![cfg(not(target_family = "wasm"))]

mod api;
mod arguments;
mod channel;
mod errors;
mod event_list;
mod events;
mod tools;

use hubspot_webhooks as hw;
use pyo3::prelude::*;

#[pymodule]
#[pyo3(name = "_native")]
fn native_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // The package's version is the crate's (one version everywhere: tests/check_versions.py).
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(api::verify, m)?)?;
    m.add_function(wrap_pyfunction!(api::verify_and_parse, m)?)?;
    m.add_function(wrap_pyfunction!(api::parse_batch, m)?)?;
    m.add_function(wrap_pyfunction!(api::parse_delivery, m)?)?;
    m.add_function(wrap_pyfunction!(tools::check_pattern, m)?)?;
    m.add_function(wrap_pyfunction!(tools::pattern_flags, m)?)?;
    m.add_function(wrap_pyfunction!(tools::diagnose, m)?)?;
    m.add_function(wrap_pyfunction!(tools::fixture_types, m)?)?;
    m.add_function(wrap_pyfunction!(tools::fixture_delivery, m)?)?;
    m.add_function(wrap_pyfunction!(api::sign_v1, m)?)?;
    m.add_function(wrap_pyfunction!(api::sign_v2, m)?)?;
    m.add_function(wrap_pyfunction!(api::sign_v3, m)?)?;
    m.add_function(wrap_pyfunction!(api::signed_headers, m)?)?;
    m.add_function(wrap_pyfunction!(api::error_codes, m)?)?;
    m.add_function(wrap_pyfunction!(api::error, m)?)?;
    m.add_function(wrap_pyfunction!(api::answer, m)?)?;
    m.add("OPTIONS", api::options_table(m.py())?)?;
    api::add_verifier(m)?;
    m.add_class::<event_list::Verified>()?;
    m.add_class::<event_list::VerifiedBatch>()?;
    m.add_class::<event_list::Batch>()?;
    m.add_class::<event_list::RejectedEvent>()?;
    m.add_class::<event_list::EventList>()?;
    m.add_class::<event_list::EventIterator>()?;
    m.add_class::<channel::ChannelDelivery>()?;
    m.add_class::<channel::VerifiedChannelDelivery>()?;
    m.add_class::<channel::ChannelEventCore>()?;
    events::add_classes(m)?;
    m.add("DEFAULT_TOLERANCE_MS", hw::DEFAULT_TOLERANCE_MS)?;
    m.add("DEFAULT_MAX_FUTURE_MS", hw::DEFAULT_MAX_FUTURE_MS)?;
    m.add("DEFAULT_MAX_BODY_BYTES", hw::DEFAULT_MAX_BODY_BYTES)?;
    m.add("DEFAULT_MAX_EVENTS", hw::DEFAULT_MAX_EVENTS)?;
    Ok(())
}
