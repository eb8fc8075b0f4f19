//! A delivery of either shape (a batch, or one Custom Channels event), strict and partial:
//! never a panic; partial parsing of one event accounts for it; a batch reads as
//! `parse_batch` reads it; every view of a Custom Channels event (its serde form, its members,
//! JSON Pointers, router patterns, dedup key) works on whatever the parser accepted.
#![no_main]

use hubspot_webhooks::{
    channel_pattern_matches, parse_batch, parse_delivery, pattern_matches, Delivery, ErrorCode, Options,
};
use libfuzzer_sys::fuzz_target;

const POINTERS: [&str; 6] = ["", "/type", "/message/text", "/message/recipients/0", "/~1x~0", "/a/-"];
const PATTERNS: [&str; 5] = [
    "*",
    "OUTGOING_CHANNEL_MESSAGE_CREATED",
    "CHANNEL_ACCOUNT_*",
    "contact.*",
    "*.creation",
];

fuzz_target!(|body: &[u8]| {
    let partial_options = Options {
        partial: true,
        ..Options::default()
    };
    let strict = parse_delivery(body, &Options::default());
    let partial = parse_delivery(body, &partial_options);
    match (&strict, &partial) {
        (Ok(s), Ok(p)) => {
            assert_eq!(s, p, "a delivery that parses strictly parses the same way partially");
            assert!(p.rejected().is_empty());
        }
        (Err(e), Ok(p)) => {
            assert!(
                matches!(e.code(), ErrorCode::InvalidEvent | ErrorCode::InvalidBatch),
                "{e}"
            );
            assert!(
                !p.rejected().is_empty(),
                "partial parsing lost the event strict parsing refused"
            );
        }
        (Ok(_), Err(e)) => panic!("partial parsing failed where strict parsing succeeded: {e}"),
        (Err(s), Err(p)) => assert_eq!(s.code(), p.code()),
    }
    for (delivery, options) in [(&strict, Options::default()), (&partial, partial_options)] {
        match delivery {
            Ok(Delivery::Batch(batch)) => {
                assert_eq!(
                    Ok(batch),
                    parse_batch(body, &options).as_ref(),
                    "a batch reads as parse_batch reads it"
                );
                for event in &batch.events {
                    for pattern in PATTERNS {
                        let _ = pattern_matches(pattern, event);
                    }
                }
            }
            Ok(Delivery::Channel(channel)) => {
                if let Some(event) = &channel.event {
                    let value = event.to_value().expect("an accepted event is written as JSON");
                    assert!(value.is_object(), "the serde form is an object");
                    let whole = event.pointer("").expect("\"\" is a JSON Pointer");
                    assert_eq!(whole.as_ref().map(|v| v.is_object()), Some(true));
                    let fields = event.json_fields().expect("the members of an accepted event");
                    assert!(!fields.is_empty(), "an accepted event has members");
                    for pointer in POINTERS {
                        assert!(event.pointer(pointer).is_ok(), "{pointer:?} is a JSON Pointer");
                    }
                    assert!(event.pointer("type").is_err(), "not a JSON Pointer");
                    for pattern in PATTERNS {
                        let _ = channel_pattern_matches(pattern, event);
                    }
                    assert!(!event.dedup_key().is_empty());
                    assert!(!event.raw_json().is_empty());
                }
            }
            Ok(_) | Err(_) => {}
        }
    }
});
