//! The v3 URI decoding table: never a panic, never longer, idempotent only where it should be.
#![no_main]

use hubspot_webhooks::decode_v3_uri;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|uri: &[u8]| {
    let decoded = decode_v3_uri(uri);
    assert!(decoded.len() <= uri.len());
    // Each decoded sequence shortens the text by exactly two bytes.
    assert_eq!((uri.len() - decoded.len()) % 2, 0);
    if !uri.contains(&b'%') {
        assert_eq!(&*decoded, uri);
    }
});
