//! The verifier: the app's secrets and options; verifying requests and parsing bodies. Also
//! the decoding of a request's C arguments (`byte_strings`, `request`), which `diagnosis` and
//! `fixtures` share.

use std::ffi::c_char;

use hubspot_webhooks::{parse_delivery, Request, SignatureVersion, Verified, Verifier};

use crate::batch::hubspot_batch;
use crate::options::{self, hubspot_options};
use crate::pointers::{free, handle, input, out, put, write_optional, Handle};
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
    let names = [c"unknown", c"v1", c"v2", c"v3"];
    names.get(version as usize).unwrap_or(&c"unknown").as_ptr()
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
        let out_verifier = out!(out_verifier);
        // SAFETY (both): an array of byte strings and NULL or a valid struct, per the contract.
        let keys = unsafe { byte_strings(secrets, secrets_len, "secrets") }?;
        let options = unsafe { options::read(options) }?;
        let inner = Verifier::new(&keys, options)?;
        hubspot_verifier { inner }.hand_over(out_verifier)
    })
}

/// Frees a verifier. NULL is accepted and ignored. No thread may use it afterwards.
#[no_mangle]
pub unsafe extern "C" fn hubspot_verifier_free(verifier: *mut hubspot_verifier) {
    free!(verifier);
}

/// The options a verifier was made with, into `*out_options` (set
/// `out_options->struct_size = sizeof *out_options` first).
#[no_mangle]
pub unsafe extern "C" fn hubspot_verifier_options(
    verifier: *const hubspot_verifier,
    out_options: *mut hubspot_options,
) -> hubspot_status {
    run(|| {
        let v = handle!(verifier);
        // SAFETY: NULL or valid, per the contract.
        unsafe { options::write(out_options, v.inner.options(), "out_options") }
    })
}

/// The byte strings of a C array of `hubspot_bytes` (an export's argument, named `what`).
///
/// # Safety
/// `ptr` an array of `len` items, each describing readable bytes.
pub(crate) unsafe fn byte_strings<'a>(
    ptr: *const hubspot_bytes,
    len: usize,
    what: &str,
) -> Result<Vec<&'a [u8]>, Fail> {
    let each = |(i, s): (usize, &hubspot_bytes)| Ok(input!(s.ptr, s.len, format_args!("{what}[{i}].ptr")));
    input!(ptr, len, what).iter().enumerate().map(each).collect()
}

/// Builds the core request from an export's C arguments.
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
    let mut request = Request::new(input!(method, method_len), input!(url, url_len), input!(body, body_len));
    for (i, h) in input!(headers, headers_len).iter().enumerate() {
        let name = input!(h.name, h.name_len, format_args!("headers[{i}].name"));
        let value = input!(h.value, h.value_len, format_args!("headers[{i}].value"));
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
        let (v, out_verified) = (handle!(verifier), out!(out_verified));
        // SAFETY: the export's arguments, per the contract.
        let req = unsafe { request(method, method_len, url, url_len, headers, headers_len, body, body_len) }?;
        put(out_verified, v.inner.verify(&req, now_ms)?.into())
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
        let (v, out_batch) = (handle!(verifier), out!(out_batch));
        // SAFETY: the export's arguments, per the contract.
        let req = unsafe { request(method, method_len, url, url_len, headers, headers_len, body, body_len) }?;
        let verified = v.inner.verify_and_parse_delivery(&req, now_ms)?;
        // The handle first: out-parameters are written only on success.
        let batch = hubspot_batch::new(verified.delivery)?;
        // SAFETY: NULL or writable, per the contract.
        unsafe { write_optional(out_verified, verified.verified.into()) };
        batch.hand_over(out_batch)
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
        let (v, out_batch) = (handle!(verifier), out!(out_batch));
        hubspot_batch::new(v.inner.parse_delivery(input!(body, body_len))?)?.hand_over(out_batch)
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
        let (out_batch, body) = (out!(out_batch), input!(body, body_len));
        // SAFETY: NULL or a valid struct, per the contract.
        let options = unsafe { options::read(options) }?;
        hubspot_batch::new(parse_delivery(body, &options)?)?.hand_over(out_batch)
    })
}
