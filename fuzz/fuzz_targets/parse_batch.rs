//! Batch parsing, strict and partial: never a panic; partial parsing never loses an event; the
//! plain-event fast path gives exactly what the full reader gives.
#![no_main]

use hubspot_webhooks::{parse_batch, parse_batch_full_reader, ErrorCode, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    let strict = parse_batch(body, &Options::default());
    let partial = parse_batch(
        body,
        &Options {
            partial: true,
            ..Options::default()
        },
    );
    for (fast, options) in [
        (&strict, Options::default()),
        (
            &partial,
            Options {
                partial: true,
                ..Options::default()
            },
        ),
    ] {
        assert_eq!(
            fast,
            &parse_batch_full_reader(body, &options),
            "the fast path and the full reader disagree"
        );
    }
    match (&strict, &partial) {
        (Ok(s), Ok(p)) => {
            // A batch that parses strictly parses the same way partially, with nothing rejected.
            assert_eq!(s.events, p.events);
            assert!(p.rejected.is_empty());
        }
        (Err(e), Ok(p)) => {
            // Strict failed on an element; partial must account for every element.
            assert!(matches!(e.code(), ErrorCode::InvalidEvent | ErrorCode::InvalidBatch));
            assert!(!p.rejected.is_empty());
            let mut indexes: Vec<usize> = p.rejected.iter().map(|r| r.index).collect();
            indexes.sort_unstable();
            indexes.dedup();
            assert_eq!(indexes.len(), p.rejected.len());
        }
        (Ok(_), Err(_)) => panic!("partial parsing failed where strict parsing succeeded"),
        (Err(s), Err(p)) => assert_eq!(s.code(), p.code()),
    }
    if let Ok(batch) = partial {
        for event in &batch.events {
            // The raw text of an event is always valid JSON of an object, and every typed field
            // it carries reads back through the table.
            assert!(!event.json_fields().expect("an event's JSON reads back").is_empty());
            assert!(event.fields().count() >= 6);
            let _ = event.conversation();
            let _ = event.dedup_key();
        }
    }
});
