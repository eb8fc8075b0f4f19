//! The tools module's own exports (feature `tools`, dist/hubspot_webhooks_tools_bg.wasm, loaded
//! on first need): what a receiver needs rarely or only at start-up, kept out of the main module
//! for its size (README, "Size"): router pattern checks with the core's typo suggestions, unknown
//! fields, signing. The same crate's other exports are there too (the diagnosis reruns a failed
//! verification through `verifyRequest`).

use hubspot_webhooks as hs;
use wasm_bindgen::prelude::*;

use crate::digests::with_digests;
use crate::exports::array;
use crate::json::{error_answer, Json};

/// The members of an event's original JSON that are not typed fields, as
/// `[[name, exact JSON text], ...]` as a JSON text (the core's `unknown_fields`), or `{"error"}`.
#[wasm_bindgen(js_name = unknownFields)]
pub fn unknown_fields(raw_json: &str) -> String {
    match hs::parse_event(0, raw_json).and_then(|e| e.unknown_fields()) {
        Ok(fields) => {
            let mut out = Json::with_capacity(256);
            array(&mut out, fields.iter(), |o, (name, value)| {
                o.byte(b'[');
                o.string(name);
                o.byte(b',');
                o.string(value.as_str());
                o.byte(b']');
            });
            out.finish()
        }
        Err(e) => error_answer(&e),
    }
}

// ---------------------------------------------------------------------------------------------
// Routing

/// `""` when `pattern` is a router pattern, else `{"error"}` (the core's `check_pattern`).
#[wasm_bindgen(js_name = checkPattern)]
pub fn check_pattern(pattern: &str) -> String {
    hs::check_pattern(pattern)
        .err()
        .map_or_else(String::new, |e| error_answer(&e))
}

// ---------------------------------------------------------------------------------------------
// Signing

/// A signature, or `{"error"}` (a digest failure).
fn signature(s: hs::Result<String>) -> String {
    s.unwrap_or_else(|e| error_answer(&e))
}

/// The v1 signature of `body`.
#[wasm_bindgen(js_name = signV1)]
pub fn sign_v1(secret: &str, body: &[u8]) -> String {
    signature(with_digests(|d| {
        hs::signature::sign_v1_with(d, secret.as_bytes(), body)
    }))
}

/// The v2 signature.
#[wasm_bindgen(js_name = signV2)]
pub fn sign_v2(secret: &str, method: &str, url: &str, body: &[u8]) -> String {
    signature(with_digests(|d| {
        hs::signature::sign_v2_with(d, secret.as_bytes(), method.as_bytes(), url.as_bytes(), body)
    }))
}

/// The v3 signature; `timestamp` is the header text.
#[wasm_bindgen(js_name = signV3)]
pub fn sign_v3(secret: &str, method: &str, url: &str, body: &[u8], timestamp: &str) -> String {
    let (secret, method, url, ts) = (
        secret.as_bytes(),
        method.as_bytes(),
        url.as_bytes(),
        timestamp.as_bytes(),
    );
    signature(with_digests(|d| {
        hs::signature::sign_v3_with(d, secret, method, url, body, ts)
    }))
}

/// The headers HubSpot would send, as a JSON object, or `{"error"}`.
#[wasm_bindgen(js_name = signedHeaders)]
pub fn signed_headers(secret: &str, method: &str, url: &str, body: &[u8], timestamp_ms: i64) -> String {
    let (secret, method, url) = (secret.as_bytes(), method.as_bytes(), url.as_bytes());
    match with_digests(|d| hs::signed_headers_with(d, secret, method, url, body, timestamp_ms)) {
        Ok(headers) => {
            let mut out = Json::with_capacity(256);
            out.byte(b'{');
            for (i, (name, value)) in headers.iter().enumerate() {
                if i > 0 {
                    out.byte(b',');
                }
                out.string(name);
                out.byte(b':');
                out.string(value);
            }
            out.byte(b'}');
            out.finish()
        }
        Err(e) => error_answer(&e),
    }
}
