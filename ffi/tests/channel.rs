//! The Custom Channels accessors read what the core's `ChannelEvent::pointer` reads: for every
//! path of every fixture event's serialised form (and one that is not there), the C type query
//! gives the type of the value the core's `pointer` gives; and the pointer rules (absent, `null`,
//! not a pointer, a batch) through the C API itself.
#![allow(clippy::unwrap_used, unsafe_code)]

use hubspot_webhooks::fixtures::{delivery, FixtureOptions};
use hubspot_webhooks::{parse_delivery, Options, CHANNEL_EVENT_TYPES};
use hubspot_webhooks_c::batch::{hubspot_batch, hubspot_batch_free};
use hubspot_webhooks_c::channel::{hubspot_channel_type, hubspot_json_type};
use hubspot_webhooks_c::status::hubspot_status;
use hubspot_webhooks_c::verifier::hubspot_parse;
use serde_json::Value;

/// Every path of a value, arrays and objects included.
fn paths(value: &Value, path: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| paths(v, format!("{path}/{k}"), out)),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, v)| paths(v, format!("{path}/{i}"), out)),
        _ => {}
    }
    out.push(path);
}

#[test]
fn pointers_read_what_the_core_pointer_reads() {
    for t in CHANNEL_EVENT_TYPES {
        let body = delivery(&[t], &FixtureOptions::new("s", 1_700_000_000_000))
            .unwrap()
            .body;
        let core = parse_delivery(body.as_bytes(), &Options::default()).unwrap();
        let event = core.channel_event().unwrap();
        let mut batch: *mut hubspot_batch = std::ptr::null_mut();
        // SAFETY: a valid body, NULL options, a valid out-pointer.
        assert_eq!(
            unsafe { hubspot_parse(body.as_ptr(), body.len(), std::ptr::null(), &mut batch) },
            hubspot_status::Ok
        );
        let mut all = Vec::new();
        paths(&event.to_value().unwrap(), String::new(), &mut all);
        all.push("/nothing/here".to_owned());
        for p in all {
            let mut kind = hubspot_json_type::Other;
            // SAFETY: a live batch, a pointer of `p.len()` bytes, a valid out-pointer.
            assert_eq!(
                unsafe { hubspot_channel_type(batch, p.as_ptr(), p.len(), &mut kind) },
                hubspot_status::Ok
            );
            assert_eq!(
                kind,
                hubspot_json_type::of(event.pointer(&p).unwrap().as_ref()),
                "{t} {p}"
            );
        }
        // SAFETY: made above, freed once.
        unsafe { hubspot_batch_free(batch) };
    }
}

/// The C type of `pointer` in the delivery of `body`, or the status of the query.
fn c_type(body: &str, pointer: *const u8, pointer_len: usize) -> Result<hubspot_json_type, hubspot_status> {
    let mut batch: *mut hubspot_batch = std::ptr::null_mut();
    // SAFETY: a valid body, NULL options, a valid out-pointer.
    let parsed = unsafe { hubspot_parse(body.as_ptr(), body.len(), std::ptr::null(), &mut batch) };
    assert_eq!(parsed, hubspot_status::Ok, "{body}");
    let mut kind = hubspot_json_type::Other;
    // SAFETY: a live batch, the caller's pointer (NULL or `pointer_len` bytes), a valid out-pointer.
    let status = unsafe { hubspot_channel_type(batch, pointer, pointer_len, &mut kind) };
    // SAFETY: made above, freed once.
    unsafe { hubspot_batch_free(batch) };
    if status == hubspot_status::Ok {
        Ok(kind)
    } else {
        Err(status)
    }
}

#[test]
fn pointer_rules_through_the_c_api() {
    let event = r#"{"type":"CHANNEL_ACCOUNT_UPDATED","portalId":"1","channelId":"2","channelAccountId":null}"#;
    let of = |p: &str| c_type(event, p.as_ptr(), p.len());
    assert_eq!(of("/portalId"), Ok(hubspot_json_type::String));
    assert_eq!(of(""), Ok(hubspot_json_type::Object));
    // Absent, and a member sent as null, alike.
    assert_eq!(of("/nothing"), Ok(hubspot_json_type::Absent));
    assert_eq!(of("/channelAccountId"), Ok(hubspot_json_type::Absent));
    // Not a JSON Pointer.
    assert_eq!(of("portalId"), Err(hubspot_status::InvalidArgument));
    // A batch is named as such before its pointer is read, even a NULL one.
    let batch = r#"[]"#;
    assert_eq!(c_type(batch, std::ptr::null(), 3), Err(hubspot_status::InvalidArgument));
    assert_eq!(c_type(event, std::ptr::null(), 3), Err(hubspot_status::NullArgument));
}
