//! Python bindings of `hubspot-webhooks`: the private native module `hubspot_webhooks._native`.
//!
//! Conversion code only: Python values in, core calls, Python values out. Every HubSpot rule
//! (headers, signatures, timestamps, parsing) lives in the core crate.
#![cfg(not(target_family = "wasm"))]

mod api;
mod arguments;
mod delivery;
mod errors;
mod event_list;
mod events;
mod tools;

use pyo3::prelude::*;

#[pymodule]
mod _native {
    use hubspot_webhooks as hw;
    use pyo3::prelude::*;

    #[pymodule_export]
    use super::api::{answer, error, error_codes, parse_batch, parse_delivery, sign_v1, sign_v2, sign_v3};
    #[pymodule_export]
    use super::api::{signed_headers, verify, verify_and_parse, OptionField, Verifier};
    #[pymodule_export]
    use super::delivery::{Batch, ChannelDelivery, ChannelEventCore, Verified, VerifiedBatch, VerifiedChannelDelivery};
    #[pymodule_export]
    use super::event_list::{EventIterator, EventList, RejectedEvent};
    #[pymodule_export]
    use super::events::RestoreEvent;
    #[pymodule_export]
    use super::events::{AssociationChangeEvent, ConversationPropertyChangeEvent, CreationEvent, DeletionEvent};
    #[pymodule_export]
    use super::events::{Event, Field, MergeEvent, NewMessageEvent, PrivacyDeletionEvent, PropertyChangeEvent};
    #[pymodule_export]
    use super::tools::{check_pattern, diagnose, fixture_delivery, fixture_types, pattern_flags};

    /// The version and the defaults, and core's tables: the options (`Verifier`'s attributes)
    /// and the fields (`Event`'s attributes).
    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        // The package's version is the crate's (one version everywhere: tests/check_versions.py).
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        m.add("DEFAULT_TOLERANCE_MS", hw::DEFAULT_TOLERANCE_MS)?;
        m.add("DEFAULT_MAX_FUTURE_MS", hw::DEFAULT_MAX_FUTURE_MS)?;
        m.add("DEFAULT_MAX_BODY_BYTES", hw::DEFAULT_MAX_BODY_BYTES)?;
        m.add("DEFAULT_MAX_EVENTS", hw::DEFAULT_MAX_EVENTS)?;
        super::api::add_options(m)?;
        super::events::add_fields(m)
    }
}
