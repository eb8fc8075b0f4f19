//! The mismatch diagnosis of arbitrary requests: never a panic, never more digests than its
//! bound, never a different verdict from verification, and never the secret in a message.
#![no_main]

use arbitrary::Arbitrary;
use hubspot_webhooks::{diagnose, verify, Options, Request, DIAGNOSIS_MAX_DIGESTS};
use libfuzzer_sys::fuzz_target;

const NAMES: [&[u8]; 5] = [
    b"X-HubSpot-Signature-v3",
    b"X-HubSpot-Signature",
    b"X-HubSpot-Signature-Version",
    b"X-HubSpot-Request-Timestamp",
    b"Host",
];

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    method: &'a [u8],
    url: &'a [u8],
    headers: Vec<(u8, &'a [u8], &'a [u8])>,
    body: &'a [u8],
    now_ms: i64,
    secrets: Vec<&'a [u8]>,
    require_v3: bool,
}

fuzz_target!(|input: Input<'_>| {
    let mut request = Request::new(input.method, input.url, input.body);
    for (which, name, value) in &input.headers {
        let name: &[u8] = NAMES.get(usize::from(*which)).copied().unwrap_or(name);
        request = request.header(name, *value);
    }
    let options = Options {
        require_v3: input.require_v3,
        ..Options::default()
    };
    let found = diagnose(&request, &input.secrets, input.now_ms, &options);
    assert!(found.digests <= DIAGNOSIS_MAX_DIGESTS, "{} digests", found.digests);
    let verdict = verify(&request, &input.secrets, input.now_ms, &options);
    assert_eq!(
        found.verdict.as_ref().err(),
        verdict.as_ref().err().map(|e| e.code()).as_ref()
    );
    if found.verdict.is_ok() {
        assert!(found.findings.is_empty(), "findings for a request that verifies");
    }
    // A secret (long enough to be told apart, and not in the request itself) is never shown.
    let shown: Vec<&[u8]> = [input.method, input.url, input.body]
        .into_iter()
        .chain(input.headers.iter().flat_map(|(_, n, v)| [*n, *v]))
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
