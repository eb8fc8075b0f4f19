//! The entry points: the `Verifier` class, and the free functions, which make a `Verifier` and
//! call its methods; parsing without a signature check; the signing helpers; core's tables.

use hubspot_webhooks as hw;
use pyo3::prelude::*;
use pyo3::types::{IntoPyDict, PyBytes, PyDict, PyString, PyTuple};
use pyo3::IntoPyObjectExt;

use crate::arguments::{
    self, body_bytes, clock, collect_secrets, is_int, options_from, request_functions, slices, text_bytes, text_or,
    with_body, with_request, wrong_type,
};
use crate::delivery::{batch_object, delivery_object, Batch, Verified};
use crate::errors::{code_error, usage_error, OrRaise};
use crate::events::{descriptor_get, read_only};

/// Client secrets and options, made once and shared; safe to use from several threads.
#[pyclass(frozen, module = "hubspot_webhooks")]
#[derive(Debug)]
pub struct Verifier {
    inner: hw::Verifier,
}

#[pymethods]
impl Verifier {
    #[new]
    #[pyo3(signature = (secret=None, *, secrets=None, **options))]
    fn new(
        py: Python<'_>,
        secret: Option<&Bound<'_, PyAny>>,
        secrets: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let secrets = collect_secrets(secret, secrets)?;
        let inner = hw::Verifier::new(&slices(&secrets), options_from(options)?).or_raise(py)?;
        Ok(Verifier { inner })
    }

    /// See `verify`.
    #[pyo3(signature = (method, url, headers, body, *, now_ms=None))]
    fn verify(
        &self,
        py: Python<'_>,
        method: &Bound<'_, PyAny>,
        url: &Bound<'_, PyAny>,
        headers: Option<&Bound<'_, PyAny>>,
        body: &Bound<'_, PyAny>,
        now_ms: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Verified> {
        let verify = |r: &hw::Request<'_>, now| self.inner.verify(r, now);
        Ok(with_request(py, method, url, headers, body, now_ms, verify)?.into())
    }

    /// See `verify_and_parse`.
    #[pyo3(signature = (method, url, headers, body, *, now_ms=None))]
    fn verify_and_parse(
        &self,
        py: Python<'_>,
        method: &Bound<'_, PyAny>,
        url: &Bound<'_, PyAny>,
        headers: Option<&Bound<'_, PyAny>>,
        body: &Bound<'_, PyAny>,
        now_ms: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let parse = |r: &hw::Request<'_>, now| self.inner.verify_and_parse_delivery(r, now);
        let out = with_request(py, method, url, headers, body, now_ms, parse)?;
        delivery_object(py, out.delivery, Some(out.verified))
    }

    /// Raises `body_too_large` (core's error) when a body of `length` bytes is over this
    /// verifier's `max_body_bytes`: for a body read as a stream, with its declared length before
    /// reading and with the count read so far while reading.
    fn check_body_length(&self, py: Python<'_>, length: &Bound<'_, PyAny>) -> PyResult<()> {
        hw::check_body_length(arguments::length(length)?, self.inner.options()).or_raise(py)
    }

    /// Parses a body (a batch or a Custom Channels event) with this verifier's options, without
    /// a signature check.
    fn parse(&self, py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        parse_delivery_with(py, body, self.inner.options())
    }

    #[getter]
    fn secret_count(&self) -> usize {
        self.inner.secret_count()
    }
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let mut out = format!("Verifier(secrets=[redacted; {}]", slf.get().inner.secret_count());
        for option in &hw::OPTIONS {
            out += &format!(", {}={}", option.name, slf.getattr(option.name)?.repr()?);
        }
        Ok(out + ")")
    }
}

fn parse_delivery_with(py: Python<'_>, body: &Bound<'_, PyAny>, options: &hw::Options) -> PyResult<Py<PyAny>> {
    let delivery = with_body(py, body, |body| hw::parse_delivery(body, options))?;
    delivery_object(py, delivery, None)
}

/// An option of the verifier, read back through core's `Options::get` (one per entry of
/// `OPTIONS`, set on the class at module init).
#[pyclass(frozen, module = "hubspot_webhooks")]
#[derive(Debug)]
pub struct OptionField {
    name: &'static str,
}

#[pymethods]
impl OptionField {
    fn __get__(
        slf: &Bound<'_, Self>,
        obj: Option<&Bound<'_, PyAny>>,
        _owner: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        descriptor_get(slf, obj, |obj| {
            match obj.cast::<Verifier>()?.get().inner.options().get(slf.get().name) {
                Some(hw::OptionValue::Bool(flag)) => flag.into_py_any(obj.py()),
                Some(hw::OptionValue::Int(n)) => n.into_py_any(obj.py()),
                _ => Ok(obj.py().None()),
            }
        })
    }
    fn __set__(&self, _obj: &Bound<'_, PyAny>, _value: &Bound<'_, PyAny>) -> PyResult<()> {
        read_only(self.name)
    }
}

/// Gives `Verifier` an `OptionField` for every option of core's `OPTIONS`, and adds the table
/// itself as `OPTIONS`: `(name, camel_name, kind, doc)` per option.
pub(crate) fn add_options(m: &Bound<'_, PyModule>) -> PyResult<()> {
    for option in &hw::OPTIONS {
        m.py()
            .get_type::<Verifier>()
            .setattr(option.name, OptionField { name: option.name })?;
    }
    let table = hw::OPTIONS.iter().map(|o| (o.name, o.camel, o.kind.as_str(), o.doc));
    m.add("OPTIONS", PyTuple::new(m.py(), table)?)
}

request_functions! {
    /// Verifies a request's HubSpot signature (v3, or v1/v2 when the request has no v3 header).
    fn verify(py, method, url, headers, body, secret, secrets, now_ms, options) -> Verified {
        Verifier::new(py, secret, secrets, options)?.verify(py, method, url, headers, body, now_ms)
    }

    /// Verifies a request and parses its body into typed events.
    fn verify_and_parse(py, method, url, headers, body, secret, secrets, now_ms, options) -> Py<PyAny> {
        Verifier::new(py, secret, secrets, options)?.verify_and_parse(py, method, url, headers, body, now_ms)
    }
}

/// Parses a body, a batch or a Custom Channels event, without any signature check.
#[pyfunction]
#[pyo3(signature = (body, **options))]
pub(crate) fn parse_delivery(
    py: Python<'_>,
    body: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    parse_delivery_with(py, body, &options_from(options)?)
}

/// Parses a batch body into typed events, without any signature check.
#[pyfunction]
#[pyo3(signature = (body, **options))]
pub(crate) fn parse_batch(
    py: Python<'_>,
    body: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Batch> {
    let options = options_from(options)?;
    let batch = with_body(py, body, |body| hw::parse_batch(body, &options))?;
    batch_object(py, batch)
}

/// Declares the signing helpers: each converts its parts (text, the body, the v3 timestamp:
/// `signing_part`) and calls core's checked function of the same name (`<name>_with`: an empty
/// secret is `UsageError`).
macro_rules! signing_functions {
    ($($(#[doc = $doc:literal])* $name:ident / $checked:ident($($part:ident),*);)*) => {$(
        $(#[doc = $doc])*
        #[pyfunction]
        pub(crate) fn $name(py: Python<'_>, $($part: &Bound<'_, PyAny>),*) -> PyResult<String> {
            $(let $part = signing_part($part, stringify!($part))?;)*
            hw::signature::$checked(&hw::RustDigests, $($part.as_bytes()),*).or_raise(py)
        }
    )*};
}

signing_functions! {
    /// The v1 signature of a body: lower-case hex SHA-256 of secret and body.
    sign_v1 / sign_v1_with(secret, body);
    /// The v2 signature: lower-case hex SHA-256 of secret, method, URL and body.
    sign_v2 / sign_v2_with(secret, method, url, body);
    /// The v3 signature: base64 HMAC-SHA256 of method, URL, body and timestamp, keyed with the secret.
    sign_v3 / sign_v3_with(secret, method, url, body, timestamp);
}

/// A part of a signature by its name: the body as bytes; the v3 timestamp as an `int` (its
/// decimal text) or the header's `str` or `bytes` as sent; the secret, method and URL as text.
fn signing_part<'py>(obj: &Bound<'py, PyAny>, name: &str) -> PyResult<Bound<'py, PyBytes>> {
    match name {
        "body" => body_bytes(obj),
        "timestamp" if is_int(obj) => text_bytes(obj.str()?.as_any(), name),
        "timestamp" if !obj.is_instance_of::<PyString>() && !obj.is_instance_of::<PyBytes>() => {
            Err(wrong_type(name, "an int, str or bytes", obj))
        }
        _ => text_bytes(obj, name),
    }
}

/// The headers HubSpot would send with `body` to `url` (v1 and v3 signatures, timestamp,
/// content type), for testing your own endpoint. `timestamp_ms` defaults to now.
#[pyfunction]
#[pyo3(signature = (secret, url, body, *, method=None, timestamp_ms=None))]
pub(crate) fn signed_headers<'py>(
    py: Python<'py>,
    secret: &Bound<'py, PyAny>,
    url: &Bound<'py, PyAny>,
    body: &Bound<'py, PyAny>,
    method: Option<&Bound<'py, PyAny>>,
    timestamp_ms: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let (method, secret, url) = (
        text_or(py, method, "method", b"POST")?,
        text_bytes(secret, "secret")?,
        text_bytes(url, "url")?,
    );
    let body = body_bytes(body)?;
    let time = clock(timestamp_ms, "timestamp_ms")?;
    let (secret, method, url, body) = (secret.as_bytes(), method.as_bytes(), url.as_bytes(), body.as_bytes());
    hw::signed_headers_with(&hw::RustDigests, secret, method, url, body, time)
        .or_raise(py)?
        .into_py_dict(py)
}

/// Every error code of the core with its family, e.g. `("signature_mismatch", "signature")`.
#[pyfunction]
pub(crate) fn error_codes() -> Vec<(&'static str, &'static str)> {
    hw::ErrorCode::ALL
        .iter()
        .map(|c| (c.as_str(), c.family().as_str()))
        .collect()
}

/// The exception for an error code and message, with the family and HTTP status core gives the
/// code (for code that raises the package's errors itself, such as a test double).
#[pyfunction]
pub(crate) fn error(py: Python<'_>, code: &str, message: &str) -> PyResult<Py<PyAny>> {
    let Some(code) = hw::ErrorCode::from_code_str(code) else {
        return Err(usage_error(py, format!("{code:?} is not an error code")));
    };
    Ok(code_error(py, code, message).into_value(py).into_any())
}

/// An HTTP answer as Python gets it: status, headers, body.
type Answer = (u16, Vec<(&'static str, String)>, Option<String>);

/// One of core's fixed answers as status, headers and body: `"accepted"` (204: verified and
/// every handler finished), `"method_not_allowed"` (405, `Allow: POST`) or `"handler_failed"`
/// (500, a handler failed; HubSpot retries).
#[pyfunction]
pub(crate) fn answer(py: Python<'_>, kind: &str) -> PyResult<Answer> {
    match hw::Response::fixed(kind) {
        Some(answer) => Ok((answer.status, answer.headers, answer.body)),
        None => Err(usage_error(py, format!("{kind:?} is not one of core's fixed answers"))),
    }
}
