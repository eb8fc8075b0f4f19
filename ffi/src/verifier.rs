//! The verifier: the app's secrets and options; verifying requests and parsing bodies.

use std::ffi::c_char;

use hubspot_webhooks::{parse_delivery, Request, SignatureVersion, Verified, Verifier};

use crate::batch::hubspot_batch;
use crate::options::{self, hubspot_options};
use crate::panic::boundary;
use crate::pointers::{input, optional_out_ref, out_ref, Handle};
use crate::status::{hubspot_status, run, Fail};

/// An input byte string: `ptr` may be NULL only when `len` is 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct hubspot_bytes {
    /// The first byte.
    pub ptr: *const u8,
    /// The number of bytes.
    pub len: usize,
}

/// One request header: name and value as bytes (names in any case; a header given several
/// times counts as its values joined by `", "`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct hubspot_header {
    /// The name, e.g. `"X-HubSpot-Signature-v3"`.
    pub name: *const u8,
    /// Its length.
    pub name_len: usize,
    /// The value.
    pub value: *const u8,
    /// Its length.
    pub value_len: usize,
}

/// A HubSpot signature version.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum hubspot_signature_version {
    /// `X-HubSpot-Signature` with version `v1`.
    V1 = 1,
    /// `X-HubSpot-Signature` with version `v2`.
    V2 = 2,
    /// `X-HubSpot-Signature-v3`.
    V3 = 3,
}

/// `"v1"`, `"v2"`, `"v3"`, or `"unknown"`. Static: never free it.
#[no_mangle]
pub extern "C" fn hubspot_signature_version_str(version: u32) -> *const c_char {
    match version {
        1 => c"v1".as_ptr(),
        2 => c"v2".as_ptr(),
        3 => c"v3".as_ptr(),
        _ => c"unknown".as_ptr(),
    }
}

/// The outcome of a successful verification. Frozen (ABI rule: see README "ABI").
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct hubspot_verified {
    /// The signature version that was checked.
    pub version: hubspot_signature_version,
    /// Which secret matched, from 0, in the order given to `hubspot_verifier_new`.
    pub secret_index: usize,
}

impl From<Verified> for hubspot_verified {
    fn from(v: Verified) -> Self {
        let version = match v.version {
            SignatureVersion::V1 => hubspot_signature_version::V1,
            SignatureVersion::V2 => hubspot_signature_version::V2,
            SignatureVersion::V3 => hubspot_signature_version::V3,
        };
        hubspot_verified {
            version,
            secret_index: v.secret_index,
        }
    }
}

/// A verifier: the app's client secret(s) and the options. Immutable once made, so one
/// verifier may be used from any number of threads at once. Free it with
/// `hubspot_verifier_free` once no thread uses it.
#[derive(Debug)]
pub struct hubspot_verifier {
    inner: Verifier,
}

impl Handle for hubspot_verifier {}

/// Makes a verifier from `secrets_len` client secrets (tried in order; several during a
/// rotation) and `options` (NULL: the defaults). The secrets are copied.
///
/// Fails with `HUBSPOT_STATUS_INVALID_ARGUMENT` when there is no secret or one is empty.
/// On success `*out_verifier` owns a new verifier: free it with `hubspot_verifier_free`.
#[no_mangle]
pub unsafe extern "C" fn hubspot_verifier_new(
    secrets: *const hubspot_bytes,
    secrets_len: usize,
    options: *const hubspot_options,
    out_verifier: *mut *mut hubspot_verifier,
) -> hubspot_status {
    run(|| {
        // SAFETY (all): the arguments are as documented, per the crate's contract.
        let out_verifier = unsafe { out_ref(out_verifier, "out_verifier") }?;
        let keys = unsafe { self::secrets(secrets, secrets_len) }?;
        let options = unsafe { options::read(options) }?;
        hubspot_verifier {
            inner: Verifier::new(&keys, options)?,
        }
        .hand_over(out_verifier);
        Ok(())
    })
}

/// Frees a verifier. NULL is accepted and ignored. No thread may use it afterwards.
#[no_mangle]
pub unsafe extern "C" fn hubspot_verifier_free(verifier: *mut hubspot_verifier) {
    // SAFETY: NULL or a live verifier, freed once, per the contract.
    boundary(|| unsafe { hubspot_verifier::free(verifier) });
}

/// The options a verifier was made with, into `*out_options` (set
/// `out_options->struct_size = sizeof *out_options` first).
#[no_mangle]
pub unsafe extern "C" fn hubspot_verifier_options(
    verifier: *const hubspot_verifier,
    out_options: *mut hubspot_options,
) -> hubspot_status {
    run(|| {
        // SAFETY (both): NULL or live / valid, per the contract.
        let v = unsafe { hubspot_verifier::borrow(verifier, "verifier") }?;
        unsafe { options::write(out_options, v.inner.options(), "out_options") }
    })
}

/// The secrets of a C array of `hubspot_bytes`.
///
/// # Safety
/// `secrets` an array of `secrets_len` items, each describing readable bytes.
pub(crate) unsafe fn secrets<'a>(secrets: *const hubspot_bytes, secrets_len: usize) -> Result<Vec<&'a [u8]>, Fail> {
    // SAFETY (both): forwarded from this function's contract.
    let items = unsafe { input(secrets, secrets_len, "secrets") }?;
    items
        .iter()
        .enumerate()
        .map(|(i, s)| unsafe { input(s.ptr, s.len, format_args!("secrets[{i}].ptr")) })
        .collect()
}

/// Builds the core request from C arguments.
///
/// # Safety
/// Each `(ptr, len)` must describe readable bytes; `headers` an array of `headers_len` items.
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn request<'a>(
    method: *const u8,
    method_len: usize,
    url: *const u8,
    url_len: usize,
    headers: *const hubspot_header,
    headers_len: usize,
    body: *const u8,
    body_len: usize,
) -> Result<Request<'a>, Fail> {
    // SAFETY (all): forwarded from this function's contract.
    let method = unsafe { input(method, method_len, "method") }?;
    let url = unsafe { input(url, url_len, "url") }?;
    let body = unsafe { input(body, body_len, "body") }?;
    let items = unsafe { input(headers, headers_len, "headers") }?;
    let mut request = Request::new(method, url, body);
    request.headers.reserve(items.len());
    for (i, h) in items.iter().enumerate() {
        let name = unsafe { input(h.name, h.name_len, format_args!("headers[{i}].name")) }?;
        let value = unsafe { input(h.value, h.value_len, format_args!("headers[{i}].value")) }?;
        request.headers.push((name, value));
    }
    Ok(request)
}

/// Verifies a request's HubSpot signature: finds the headers (names in any case), picks the
/// version, checks the v3 timestamp against `now_ms` (Unix milliseconds, e.g.
/// `hubspot_now_ms()`) and the signature against the secrets.
///
/// `url` is the full public URL HubSpot called (`https://host/path?query`), not the path.
/// `body` is the raw body bytes as received. On success writes `*out_verified`. Any
/// HubSpot-signed request verifies this way, whatever its method and body: webhook deliveries,
/// CRM card fetches (`GET`, a query string, an empty body: `body` NULL with length 0) and
/// workflow action calls.
#[no_mangle]
pub unsafe extern "C" fn hubspot_verifier_verify(
    verifier: *const hubspot_verifier,
    method: *const u8,
    method_len: usize,
    url: *const u8,
    url_len: usize,
    headers: *const hubspot_header,
    headers_len: usize,
    body: *const u8,
    body_len: usize,
    now_ms: i64,
    out_verified: *mut hubspot_verified,
) -> hubspot_status {
    run(|| {
        // SAFETY (all): the arguments are as documented, per the crate's contract.
        let v = unsafe { hubspot_verifier::borrow(verifier, "verifier") }?;
        let out_verified = unsafe { out_ref(out_verified, "out_verified") }?;
        let req = unsafe { request(method, method_len, url, url_len, headers, headers_len, body, body_len) }?;
        out_verified.write(v.inner.verify(&req, now_ms)?.into());
        Ok(())
    })
}

/// Verifies a request (as `hubspot_verifier_verify`) and parses its body, in one call: a batch
/// of typed events, or one Custom Channels event (the body decides; `hubspot_batch_kind` says
/// which). `out_verified` may be NULL when the caller does not need it. On success
/// `*out_batch` owns a new delivery: free it with `hubspot_batch_free`.
#[no_mangle]
pub unsafe extern "C" fn hubspot_verifier_verify_and_parse(
    verifier: *const hubspot_verifier,
    method: *const u8,
    method_len: usize,
    url: *const u8,
    url_len: usize,
    headers: *const hubspot_header,
    headers_len: usize,
    body: *const u8,
    body_len: usize,
    now_ms: i64,
    out_verified: *mut hubspot_verified,
    out_batch: *mut *mut hubspot_batch,
) -> hubspot_status {
    run(|| {
        // SAFETY (all): the arguments are as documented, per the crate's contract.
        let v = unsafe { hubspot_verifier::borrow(verifier, "verifier") }?;
        let out_batch = unsafe { out_ref(out_batch, "out_batch") }?;
        let req = unsafe { request(method, method_len, url, url_len, headers, headers_len, body, body_len) }?;
        let verified = v.inner.verify_and_parse_delivery(&req, now_ms)?;
        if let Some(out_verified) = unsafe { optional_out_ref(out_verified) } {
            out_verified.write(verified.verified.into());
        }
        hubspot_batch::from(verified.delivery).hand_over(out_batch);
        Ok(())
    })
}

/// Parses a body with the verifier's options, without any signature check.
#[no_mangle]
pub unsafe extern "C" fn hubspot_verifier_parse(
    verifier: *const hubspot_verifier,
    body: *const u8,
    body_len: usize,
    out_batch: *mut *mut hubspot_batch,
) -> hubspot_status {
    run(|| {
        // SAFETY (all): the arguments are as documented, per the crate's contract.
        let v = unsafe { hubspot_verifier::borrow(verifier, "verifier") }?;
        let out_batch = unsafe { out_ref(out_batch, "out_batch") }?;
        let body = unsafe { input(body, body_len, "body") }?;
        hubspot_batch::from(v.inner.parse_delivery(body)?).hand_over(out_batch);
        Ok(())
    })
}

/// Parses a body (a JSON array of events, or one Custom Channels event) with `options` (NULL:
/// the defaults), without any signature check: for bodies whose request was verified
/// elsewhere, or for tests.
/// On success `*out_batch` owns a new batch: free it with `hubspot_batch_free`.
#[no_mangle]
pub unsafe extern "C" fn hubspot_parse(
    body: *const u8,
    body_len: usize,
    options: *const hubspot_options,
    out_batch: *mut *mut hubspot_batch,
) -> hubspot_status {
    run(|| {
        // SAFETY (all): the arguments are as documented, per the crate's contract.
        let out_batch = unsafe { out_ref(out_batch, "out_batch") }?;
        let body = unsafe { input(body, body_len, "body") }?;
        let options = unsafe { options::read(options) }?;
        hubspot_batch::from(parse_delivery(body, &options)?).hand_over(out_batch);
        Ok(())
    })
}
