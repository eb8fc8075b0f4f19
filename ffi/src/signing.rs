//! Signing helpers, for testing your own handler: the v1, v2 and v3 signatures of a request
//! and the headers HubSpot would send with it.

use std::ffi::{c_char, CString};

use hubspot_webhooks::{signature, signed_headers};

use crate::panic::boundary;
use crate::pointers::{hubspot_str, input, out_ref, write_text, Handle};
use crate::status::{hubspot_status, run, Fail};

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
        // SAFETY (all): the arguments are as documented, per the crate's contract.
        let out_len = unsafe { out_ref(out_len, "out_len") }?;
        let secret = unsafe { input(secret, secret_len, "secret") }?;
        let body = unsafe { input(body, body_len, "body") }?;
        unsafe { write_text(signature::sign_v1(secret, body).as_bytes(), buf, buf_len, out_len) }
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
        // SAFETY (all): the arguments are as documented, per the crate's contract.
        let out_len = unsafe { out_ref(out_len, "out_len") }?;
        let secret = unsafe { input(secret, secret_len, "secret") }?;
        let method = unsafe { input(method, method_len, "method") }?;
        let url = unsafe { input(url, url_len, "url") }?;
        let body = unsafe { input(body, body_len, "body") }?;
        let sig = signature::sign_v2(secret, method, url, body);
        unsafe { write_text(sig.as_bytes(), buf, buf_len, out_len) }
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
        // SAFETY (all): the arguments are as documented, per the crate's contract.
        let out_len = unsafe { out_ref(out_len, "out_len") }?;
        let secret = unsafe { input(secret, secret_len, "secret") }?;
        let method = unsafe { input(method, method_len, "method") }?;
        let url = unsafe { input(url, url_len, "url") }?;
        let body = unsafe { input(body, body_len, "body") }?;
        let timestamp = unsafe { input(timestamp, timestamp_len, "timestamp") }?;
        let sig = signature::sign_v3(secret, method, url, body, timestamp);
        unsafe { write_text(sig.as_bytes(), buf, buf_len, out_len) }
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
        // SAFETY (all): the arguments are as documented, per the crate's contract.
        let out_headers = unsafe { out_ref(out_headers, "out_headers") }?;
        let secret = unsafe { input(secret, secret_len, "secret") }?;
        let method = unsafe { input(method, method_len, "method") }?;
        let url = unsafe { input(url, url_len, "url") }?;
        let body = unsafe { input(body, body_len, "body") }?;
        let headers = signed_headers(secret, method, url, body, timestamp_ms)
            .into_iter()
            .map(|(name, value)| Ok((CString::new(name)?, CString::new(value)?)))
            .collect::<Result<Vec<_>, std::ffi::NulError>>()
            .map_err(|_| Fail::new(hubspot_status::Panic, "a header contains NUL"))?;
        hubspot_signed_headers { headers }.hand_over(out_headers);
        Ok(())
    })
}

/// The number of headers; 0 for NULL.
#[no_mangle]
pub unsafe extern "C" fn hubspot_signed_headers_count(headers: *const hubspot_signed_headers) -> usize {
    // SAFETY: NULL or live, per the contract.
    boundary(|| unsafe { hubspot_signed_headers::get(headers) }.map_or(0, |h| h.headers.len()))
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
        // SAFETY (all): the arguments are as documented, per the crate's contract.
        let h = unsafe { hubspot_signed_headers::borrow(headers, "headers") }?;
        let out_name = unsafe { out_ref(out_name, "out_name") }?;
        let out_value = unsafe { out_ref(out_value, "out_value") }?;
        let (name, value) = h
            .headers
            .get(i)
            .ok_or_else(|| Fail::out_of_range("header", i, h.headers.len()))?;
        // Both are valid UTF-8 (they came from `String`s); the views keep the NUL outside.
        let view = |c: &CString| hubspot_str::of(c.to_str().unwrap_or_default());
        out_name.write(view(name));
        out_value.write(view(value));
        Ok(())
    })
}

/// Frees signed headers. NULL is accepted and ignored.
#[no_mangle]
pub unsafe extern "C" fn hubspot_signed_headers_free(headers: *mut hubspot_signed_headers) {
    // SAFETY: NULL or live, freed once, per the contract.
    boundary(|| unsafe { hubspot_signed_headers::free(headers) });
}
