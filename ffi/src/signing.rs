//! Signing helpers, for testing your own handler: the v1, v2 and v3 signatures of a request
//! and the headers HubSpot would send with it. An empty secret is `HUBSPOT_STATUS_INVALID_ARGUMENT`
//! (the core's checked signing, as the verifier refuses one).

use std::ffi::{c_char, CString};

use hubspot_webhooks::signature::{sign_v1_with, sign_v2_with, sign_v3_with};
use hubspot_webhooks::{signed_headers_with, RustDigests};

use crate::pointers::{free, handle, hubspot_str, input, item, out, peek, put, text, Handle};
use crate::status::{fail, hubspot_status, run};

/// The v1 signature of `body` (64 lower-case hex chars), NUL-terminated into `buf`
/// (65 bytes suffice). `*out_len` gets its length; see `hubspot_last_error_message` for the
/// buffer rules.
#[no_mangle]
pub unsafe extern "C" fn hubspot_sign_v1(
    secret: *const u8,
    secret_len: usize,
    body: *const u8,
    body_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> hubspot_status {
    run(|| {
        let signature = sign_v1_with(&RustDigests, input!(secret, secret_len), input!(body, body_len))?;
        text!(signature.as_bytes(), buf, buf_len, out_len)
    })
}

/// The v2 signature of a request (64 lower-case hex chars), NUL-terminated into `buf`
/// (65 bytes suffice).
#[no_mangle]
pub unsafe extern "C" fn hubspot_sign_v2(
    secret: *const u8,
    secret_len: usize,
    method: *const u8,
    method_len: usize,
    url: *const u8,
    url_len: usize,
    body: *const u8,
    body_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> hubspot_status {
    run(|| {
        let (secret, method) = (input!(secret, secret_len), input!(method, method_len));
        let (url, body) = (input!(url, url_len), input!(body, body_len));
        let signature = sign_v2_with(&RustDigests, secret, method, url, body)?;
        text!(signature.as_bytes(), buf, buf_len, out_len)
    })
}

/// The v3 signature of a request (44 chars of padded base64), NUL-terminated into `buf`
/// (45 bytes suffice). `timestamp` is the text of `X-HubSpot-Request-Timestamp`.
#[no_mangle]
pub unsafe extern "C" fn hubspot_sign_v3(
    secret: *const u8,
    secret_len: usize,
    method: *const u8,
    method_len: usize,
    url: *const u8,
    url_len: usize,
    body: *const u8,
    body_len: usize,
    timestamp: *const u8,
    timestamp_len: usize,
    buf: *mut c_char,
    buf_len: usize,
    out_len: *mut usize,
) -> hubspot_status {
    run(|| {
        let (secret, method) = (input!(secret, secret_len), input!(method, method_len));
        let (url, body) = (input!(url, url_len), input!(body, body_len));
        let timestamp = input!(timestamp, timestamp_len);
        let signature = sign_v3_with(&RustDigests, secret, method, url, body, timestamp)?;
        text!(signature.as_bytes(), buf, buf_len, out_len)
    })
}

/// The headers HubSpot would send with a delivery, owned by the library.
#[derive(Debug)]
pub struct hubspot_signed_headers {
    headers: Vec<(CString, CString)>,
}

impl Handle for hubspot_signed_headers {}

/// The headers HubSpot would send with a delivery of `body` to `url` at `timestamp_ms`:
/// `Content-Type`, `X-HubSpot-Signature` (v1), `X-HubSpot-Signature-Version`,
/// `X-HubSpot-Signature-v3`, `X-HubSpot-Request-Timestamp`. For testing your own handler.
/// On success `*out_headers` owns them: free with `hubspot_signed_headers_free`.
#[no_mangle]
pub unsafe extern "C" fn hubspot_signed_headers_new(
    secret: *const u8,
    secret_len: usize,
    method: *const u8,
    method_len: usize,
    url: *const u8,
    url_len: usize,
    body: *const u8,
    body_len: usize,
    timestamp_ms: i64,
    out_headers: *mut *mut hubspot_signed_headers,
) -> hubspot_status {
    run(|| {
        let (out_headers, secret) = (out!(out_headers), input!(secret, secret_len));
        let (method, url, body) = (input!(method, method_len), input!(url, url_len), input!(body, body_len));
        let headers = signed_headers_with(&RustDigests, secret, method, url, body, timestamp_ms)?
            .into_iter()
            .map(|(name, value)| Ok((CString::new(name)?, CString::new(value)?)))
            .collect::<Result<Vec<_>, std::ffi::NulError>>()
            .map_err(|_| fail!(Panic, "a header contains NUL"))?;
        hubspot_signed_headers { headers }.hand_over(out_headers)
    })
}

/// The number of headers; 0 for NULL.
#[no_mangle]
pub unsafe extern "C" fn hubspot_signed_headers_count(headers: *const hubspot_signed_headers) -> usize {
    peek!(headers, 0, |h| h.headers.len())
}

/// Header number `i`: name and value (both also NUL-terminated), valid until the headers are
/// freed.
#[no_mangle]
pub unsafe extern "C" fn hubspot_signed_headers_get(
    headers: *const hubspot_signed_headers,
    i: usize,
    out_name: *mut hubspot_str,
    out_value: *mut hubspot_str,
) -> hubspot_status {
    run(|| {
        let (h, out_name, out_value) = (handle!(headers), out!(out_name), out!(out_value));
        let (name, value) = item(&h.headers, i, "header")?;
        // Both are valid UTF-8 (they came from `String`s); the views keep the NUL outside.
        let view = |c: &CString| hubspot_str::of(c.to_str().unwrap_or_default());
        out_name.write(view(name));
        put(out_value, view(value))
    })
}

/// Frees signed headers. NULL is accepted and ignored.
#[no_mangle]
pub unsafe extern "C" fn hubspot_signed_headers_free(headers: *mut hubspot_signed_headers) {
    free!(headers);
}
