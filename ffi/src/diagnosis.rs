//! Why a signature does not match: the core's `diagnose`, and the diagnosis the `diagnose`
//! option attaches to the last error. Both are a `hubspot_diagnosis` handle.

use hubspot_webhooks::{diagnose, Diagnosis};

use crate::options::{self, hubspot_options};
use crate::pointers::{free, handle, hubspot_str, item, out, peek, put, Handle};
use crate::status::{hubspot_status, last_error, run, run_quietly, status_of};
use crate::verifier::{byte_strings, hubspot_bytes, hubspot_header, request};

/// What a diagnosis found: its verdict and findings (the most specific first). Immutable;
/// free it with `hubspot_diagnosis_free`. Never holds a secret or an expected signature.
#[derive(Debug)]
pub struct hubspot_diagnosis {
    inner: Diagnosis,
}

impl Handle for hubspot_diagnosis {}

/// Diagnoses a request (the arguments of `hubspot_verifier_new` and `hubspot_verifier_verify`):
/// the verdict, and after a signature or timestamp failure what would have made it pass (the
/// URL as the proxy saw it, a re-serialised body, a timestamp in seconds, a secret of the
/// wrong kind, ...). Bounded: at most a fixed number of HMACs (see README). Advice only: it
/// never makes a request pass. On success `*out_diagnosis` owns a new diagnosis.
#[no_mangle]
pub unsafe extern "C" fn hubspot_diagnose(
    secrets: *const hubspot_bytes,
    secrets_len: usize,
    options: *const hubspot_options,
    method: *const u8,
    method_len: usize,
    url: *const u8,
    url_len: usize,
    headers: *const hubspot_header,
    headers_len: usize,
    body: *const u8,
    body_len: usize,
    now_ms: i64,
    out_diagnosis: *mut *mut hubspot_diagnosis,
) -> hubspot_status {
    run(|| {
        let out_diagnosis = out!(out_diagnosis);
        // SAFETY (all): the arguments are as documented, per the crate's contract.
        let keys = unsafe { byte_strings(secrets, secrets_len, "secrets") }?;
        let options = unsafe { options::read(options) }?;
        let req = unsafe { request(method, method_len, url, url_len, headers, headers_len, body, body_len) }?;
        let inner = diagnose(&req, &keys, now_ms, &options);
        hubspot_diagnosis { inner }.hand_over(out_diagnosis)
    })
}

/// The diagnosis of this thread's last failure (with the `diagnose` option, after a signature
/// or timestamp failure): `*out_diagnosis` gets a new diagnosis to free with
/// `hubspot_diagnosis_free`, or NULL when the last failure carries none. Does not change the
/// last error.
#[no_mangle]
pub unsafe extern "C" fn hubspot_last_error_diagnosis(out_diagnosis: *mut *mut hubspot_diagnosis) -> hubspot_status {
    run_quietly(|| {
        let out = out!(out_diagnosis);
        match last_error().and_then(|last| last.diagnosis) {
            Some(inner) => hubspot_diagnosis { inner: *inner }.hand_over(out),
            None => put(out, std::ptr::null_mut()),
        }
    })
}

/// What verification says (the diagnosis never changes it): `HUBSPOT_STATUS_OK` when the
/// request verifies, else its status (`HUBSPOT_STATUS_SIGNATURE_MISMATCH`, ...);
/// `HUBSPOT_STATUS_NULL_ARGUMENT` for NULL.
#[no_mangle]
pub unsafe extern "C" fn hubspot_diagnosis_verdict(diagnosis: *const hubspot_diagnosis) -> hubspot_status {
    let verdict = |d: &hubspot_diagnosis| d.inner.verdict.map_or_else(status_of, |_| hubspot_status::Ok);
    peek!(diagnosis, hubspot_status::NullArgument, verdict)
}

/// The number of findings (0 when the request verifies, and for NULL).
#[no_mangle]
pub unsafe extern "C" fn hubspot_diagnosis_count(diagnosis: *const hubspot_diagnosis) -> usize {
    peek!(diagnosis, 0, |d| d.inner.findings.len())
}

/// How many digests (HMACs) the diagnosis computed (0 for NULL).
#[no_mangle]
pub unsafe extern "C" fn hubspot_diagnosis_digests(diagnosis: *const hubspot_diagnosis) -> usize {
    peek!(diagnosis, 0, |d| d.inner.digests)
}

/// Finding `i` (0 <= i < `hubspot_diagnosis_count`): its stable code (`"url_scheme"`,
/// `"body_reserialised"`, `"now_not_milliseconds"`, ..., the same in every binding), what
/// happened and what to do, and whether a digest confirmed it (false for findings read off
/// the request alone, such as a secret's shape). Views valid until the diagnosis is freed.
#[no_mangle]
pub unsafe extern "C" fn hubspot_diagnosis_finding(
    diagnosis: *const hubspot_diagnosis,
    i: usize,
    out_code: *mut hubspot_str,
    out_message: *mut hubspot_str,
    out_confirmed: *mut bool,
) -> hubspot_status {
    run(|| {
        let (d, out_code, out_message) = (handle!(diagnosis), out!(out_code), out!(out_message));
        let out_confirmed = out!(out_confirmed);
        let f = item(&d.inner.findings, i, "finding")?;
        out_code.write(hubspot_str::of(f.code));
        out_message.write(hubspot_str::of(&f.message));
        put(out_confirmed, f.confirmed)
    })
}

/// Frees a diagnosis. NULL is accepted and ignored.
#[no_mangle]
pub unsafe extern "C" fn hubspot_diagnosis_free(diagnosis: *mut hubspot_diagnosis) {
    free!(diagnosis);
}
