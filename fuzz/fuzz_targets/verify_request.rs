//! Request-level verification with arbitrary method, URL, headers, body and clock: never a
//! panic, and never success with a made-up signature.
#![no_main]

use arbitrary::Arbitrary;
use hubspot_webhooks::{verify_and_parse, Options, Request};
use libfuzzer_sys::fuzz_target;

const NAMES: [&[u8]; 4] = [
    b"X-HubSpot-Signature-v3",
    b"x-hubspot-signature",
    b"X-HubSpot-Signature-Version",
    b"X-HUBSPOT-REQUEST-TIMESTAMP",
];

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    method: &'a [u8],
    url: &'a [u8],
    headers: Vec<(u8, &'a [u8], &'a [u8])>,
    body: &'a [u8],
    now_ms: i64,
    require_v3: bool,
    partial: bool,
    tolerance_ms: u64,
    max_future_ms: u64,
}

fuzz_target!(|input: Input<'_>| {
    let mut request = Request::new(input.method, input.url, input.body);
    for (which, name, value) in &input.headers {
        let name: &[u8] = match NAMES.get(usize::from(*which)) {
            Some(known) => known,
            None => name,
        };
        request = request.header(name, *value);
    }
    let options = Options {
        require_v3: input.require_v3,
        partial: input.partial,
        tolerance_ms: input.tolerance_ms,
        max_future_ms: input.max_future_ms,
        ..Options::default()
    };
    // Forging a SHA-256/HMAC signature by chance is not possible: any success is a bug.
    assert!(verify_and_parse(&request, &["fuzz-secret"], input.now_ms, &options).is_err());
});
