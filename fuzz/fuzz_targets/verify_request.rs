//! Request-level verification with arbitrary method, URL, headers, body and clock: never a
//! panic, and never success with a made-up signature.
#![no_main]

use arbitrary::Arbitrary;
use hubspot_webhooks::{verify_and_parse, Options};
use libfuzzer_sys::fuzz_target;

#[path = "request.rs"]
mod request;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    request: request::ArbitraryRequest<'a>,
    require_v3: bool,
    partial: bool,
    tolerance_ms: u64,
    max_future_ms: u64,
}

fuzz_target!(|input: Input<'_>| {
    let request = input.request.request();
    let options = Options {
        require_v3: input.require_v3,
        partial: input.partial,
        tolerance_ms: input.tolerance_ms,
        max_future_ms: input.max_future_ms,
        ..Options::default()
    };
    // Forging a SHA-256/HMAC signature by chance is not possible: any success is a bug.
    assert!(verify_and_parse(&request, &["fuzz-secret"], input.request.now_ms, &options).is_err());
});
