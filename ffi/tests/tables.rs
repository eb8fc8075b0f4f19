//! The C surface follows the core's tables: statuses carry the core's numbers and codes, and
//! every row of `FIELDS` is a `hubspot_field` with its JSON name and a readable kind
//! (`tests/header.rs` checks the generated enums themselves).
#![allow(clippy::unwrap_used, unsafe_code)]

use std::ffi::CStr;

use hubspot_webhooks::{ErrorCode, FieldId, FIELDS};
use hubspot_webhooks_c::fields::{hubspot_field_kind, hubspot_field_kind_of, hubspot_field_name};
use hubspot_webhooks_c::status::{hubspot_status_code, OWN_STATUSES};
use hubspot_webhooks_c::tables::hubspot_field;

fn text(ptr: *const std::ffi::c_char) -> &'static str {
    // SAFETY: the library's static, NUL-terminated strings.
    unsafe { CStr::from_ptr(ptr) }.to_str().unwrap()
}

#[test]
fn statuses_are_core_numbers() {
    for code in ErrorCode::ALL {
        assert_eq!(text(hubspot_status_code(code.number())), code.as_str());
    }
    for (n, own) in OWN_STATUSES.iter().enumerate() {
        assert_eq!(own.number as usize, n);
        assert_eq!(text(hubspot_status_code(own.number)), own.code);
    }
}

#[test]
fn fields_are_table_positions() {
    assert_eq!(
        hubspot_field::SubscriptionType as usize,
        FieldId::SubscriptionType.index()
    );
    assert_eq!(hubspot_field::MessageType as usize, FieldId::MessageType.index());
    for (n, spec) in FIELDS.iter().enumerate() {
        assert_eq!(text(hubspot_field_name(n as u32)), spec.json);
        assert_ne!(
            hubspot_field_kind_of(n as u32),
            hubspot_field_kind::None,
            "{}",
            spec.json
        );
    }
    assert!(hubspot_field_name(FIELDS.len() as u32).is_null());
    assert_eq!(hubspot_field_kind_of(FIELDS.len() as u32), hubspot_field_kind::None);
}
