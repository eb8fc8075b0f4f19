//! The mismatch diagnosis of arbitrary requests: never a panic, never more digests than its
//! bound, never a different verdict from verification, and never the secret in a message.
#![no_main]

use arbitrary::Arbitrary;
use hubspot_webhooks::{diagnose, verify, Options, DIAGNOSIS_MAX_DIGESTS};
use libfuzzer_sys::fuzz_target;

#[path = "request.rs"]
mod request;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    request: request::ArbitraryRequest<'a>,
    secrets: Vec<&'a [u8]>,
    require_v3: bool,
}

fuzz_target!(|input: Input<'_>| {
    let request = input.request.request();
    let now_ms = input.request.now_ms;
    let options = Options {
        require_v3: input.require_v3,
        ..Options::default()
    };
    let found = diagnose(&request, &input.secrets, now_ms, &options);
    assert!(found.digests <= DIAGNOSIS_MAX_DIGESTS, "{} digests", found.digests);
    let verdict = verify(&request, &input.secrets, now_ms, &options);
    assert_eq!(
        found.verdict.as_ref().err(),
        verdict.as_ref().err().map(|e| e.code()).as_ref()
    );
    if found.verdict.is_ok() {
        assert!(found.findings.is_empty(), "findings for a request that verifies");
    }
    // A secret (long enough to be told apart, and not in the request itself) is never shown.
    let shown: Vec<&[u8]> = [input.request.method, input.request.url, input.request.body]
        .into_iter()
        .chain(input.request.headers.iter().flat_map(|(_, n, v)| [*n, *v]))
        .collect();
    for secret in input.secrets.iter().filter(|s| s.len() >= 8) {
        let Ok(secret) = std::str::from_utf8(secret) else {
            continue;
        };
        if shown
            .iter()
            .any(|part| part.windows(secret.len()).any(|w| w == secret.as_bytes()))
        {
            continue;
        }
        for finding in &found.findings {
            assert!(
                !finding.message.contains(secret),
                "a finding shows the secret: {}",
                finding.message
            );
        }
    }
});
