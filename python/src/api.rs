//! The entry points: the `Verifier` class, and the free functions, which make a `Verifier` and
//! call its methods; the signing helpers.

use hubspot_webhooks as hw;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::arguments::{
    body_bytes, clock, collect_secrets, detached, set_options, text_bytes, text_or, timestamp_text, Held, RequestParts,
};
use crate::channel::{delivery_object, verified_delivery_object};
use crate::errors::{code_error, core_error, usage_error};
use crate::event_list::{batch_object, Batch, Verified};

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
        let secrets: Vec<&[u8]> = secrets.iter().map(Held::as_slice).collect();
        let inner = hw::Verifier::new(&secrets, options_from(options)?).map_err(|e| core_error(py, &e))?;
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
        let parts = RequestParts::new(method, url, headers, body)?;
        let now = clock(now_ms)?;
        let request = parts.request();
        let result = detached(py, request.body, || self.inner.verify(&request, now));
        Ok(result.map_err(|e| core_error(py, &e))?.into())
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
        let parts = RequestParts::new(method, url, headers, body)?;
        let now = clock(now_ms)?;
        let request = parts.request();
        let result = detached(py, request.body, || self.inner.verify_and_parse_delivery(&request, now));
        verified_delivery_object(py, result)
    }

    /// Raises `body_too_large` (core's error) when a body of `length` bytes is over this
    /// verifier's `max_body_bytes`: for a body read as a stream, with its declared length before
    /// reading and with the count read so far while reading.
    fn check_body_length(&self, py: Python<'_>, length: u64) -> PyResult<()> {
        hw::check_body_length(length, self.inner.options()).map_err(|e| core_error(py, &e))
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

/// Options from keyword arguments (see `set_options`), over core's defaults.
pub(crate) fn options_from(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<hw::Options> {
    let mut options = hw::Options::default();
    set_options(&mut options, kwargs)?;
    Ok(options)
}

fn parse_with(py: Python<'_>, body: &Bound<'_, PyAny>, options: &hw::Options) -> PyResult<Batch> {
    let body = body_bytes(body)?;
    let body = body.as_slice();
    let result = detached(py, body, || hw::parse_batch(body, options));
    batch_object(py, result.map_err(|e| core_error(py, &e))?)
}

fn parse_delivery_with(py: Python<'_>, body: &Bound<'_, PyAny>, options: &hw::Options) -> PyResult<Py<PyAny>> {
    let body = body_bytes(body)?;
    let body = body.as_slice();
    delivery_object(py, detached(py, body, || hw::parse_delivery(body, options)))
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
        let py = slf.py();
        let Some(obj) = crate::events::instance(slf, obj) else {
            return Ok(slf.clone().into_any().unbind());
        };
        let options = obj.cast::<Verifier>()?.get().inner.options();
        Ok(match options.get(slf.get().name) {
            Some(hw::OptionValue::Bool(flag)) => flag.into_pyobject(py)?.to_owned().into_any().unbind(),
            Some(hw::OptionValue::Int(n)) => n.into_pyobject(py)?.into_any().unbind(),
            _ => py.None(),
        })
    }
    fn __set__(&self, _obj: &Bound<'_, PyAny>, _value: &Bound<'_, PyAny>) -> PyResult<()> {
        Err(pyo3::exceptions::PyAttributeError::new_err(format!(
            "{} is read-only",
            self.name
        )))
    }
}

/// Adds `Verifier`, with an `OptionField` for every option of core's `OPTIONS`.
pub(crate) fn add_verifier(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Verifier>()?;
    m.add_class::<OptionField>()?;
    let class = m.py().get_type::<Verifier>();
    for option in &hw::OPTIONS {
        class.setattr(option.name, Py::new(m.py(), OptionField { name: option.name })?)?;
    }
    Ok(())
}

/// Verifies a request's HubSpot signature (v3, or v1/v2 when the request has no v3 header).
#[pyfunction]
#[pyo3(signature = (method, url, headers, body, *, secret=None, secrets=None, now_ms=None, **options))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn verify(
    py: Python<'_>,
    method: &Bound<'_, PyAny>,
    url: &Bound<'_, PyAny>,
    headers: Option<&Bound<'_, PyAny>>,
    body: &Bound<'_, PyAny>,
    secret: Option<&Bound<'_, PyAny>>,
    secrets: Option<&Bound<'_, PyAny>>,
    now_ms: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Verified> {
    Verifier::new(py, secret, secrets, options)?.verify(py, method, url, headers, body, now_ms)
}

/// Verifies a request and parses its body into typed events.
#[pyfunction]
#[pyo3(signature = (method, url, headers, body, *, secret=None, secrets=None, now_ms=None, **options))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn verify_and_parse(
    py: Python<'_>,
    method: &Bound<'_, PyAny>,
    url: &Bound<'_, PyAny>,
    headers: Option<&Bound<'_, PyAny>>,
    body: &Bound<'_, PyAny>,
    secret: Option<&Bound<'_, PyAny>>,
    secrets: Option<&Bound<'_, PyAny>>,
    now_ms: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Py<PyAny>> {
    Verifier::new(py, secret, secrets, options)?.verify_and_parse(py, method, url, headers, body, now_ms)
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
    parse_with(py, body, &options_from(options)?)
}

/// The v1 signature of a body: lower-case hex SHA-256 of secret and body.
#[pyfunction]
pub(crate) fn sign_v1(secret: &Bound<'_, PyAny>, body: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(hw::sign_v1(
        text_bytes(secret, "secret")?.as_slice(),
        body_bytes(body)?.as_slice(),
    ))
}

/// The v2 signature: lower-case hex SHA-256 of secret, method, URL and body.
#[pyfunction]
pub(crate) fn sign_v2(
    secret: &Bound<'_, PyAny>,
    method: &Bound<'_, PyAny>,
    url: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
) -> PyResult<String> {
    Ok(hw::sign_v2(
        text_bytes(secret, "secret")?.as_slice(),
        text_bytes(method, "method")?.as_slice(),
        text_bytes(url, "url")?.as_slice(),
        body_bytes(body)?.as_slice(),
    ))
}

/// The v3 signature: base64 HMAC-SHA256 of method, URL, body and timestamp, keyed with the secret.
#[pyfunction]
pub(crate) fn sign_v3(
    secret: &Bound<'_, PyAny>,
    method: &Bound<'_, PyAny>,
    url: &Bound<'_, PyAny>,
    body: &Bound<'_, PyAny>,
    timestamp: &Bound<'_, PyAny>,
) -> PyResult<String> {
    Ok(hw::sign_v3(
        text_bytes(secret, "secret")?.as_slice(),
        text_bytes(method, "method")?.as_slice(),
        text_bytes(url, "url")?.as_slice(),
        body_bytes(body)?.as_slice(),
        timestamp_text(timestamp)?.as_slice(),
    ))
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
    let method = text_or(method, "method", b"POST")?;
    let headers = hw::signed_headers(
        text_bytes(secret, "secret")?.as_slice(),
        method.as_slice(),
        text_bytes(url, "url")?.as_slice(),
        body_bytes(body)?.as_slice(),
        clock(timestamp_ms)?,
    );
    let out = PyDict::new(py);
    for (name, value) in headers {
        out.set_item(name, value)?;
    }
    Ok(out)
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

/// One of core's fixed answers, as status, headers and body: `"accepted"` (204: verified and
/// every handler finished), `"method_not_allowed"` (405, `Allow: POST`) or `"handler_failed"`
/// (500, a handler failed; HubSpot retries).
#[pyfunction]
pub(crate) fn answer(py: Python<'_>, kind: &str) -> PyResult<Answer> {
    let answer = match kind {
        "accepted" => hw::Response::accepted(),
        "method_not_allowed" => hw::Response::method_not_allowed(),
        "handler_failed" => hw::Response::handler_failed(),
        _ => return Err(usage_error(py, format!("{kind:?} is not one of core's fixed answers"))),
    };
    Ok((answer.status, answer.headers, answer.body))
}

/// Core's options table: `(name, camel_name, kind, doc)` per option.
pub(crate) fn options_table(py: Python<'_>) -> PyResult<Bound<'_, PyTuple>> {
    let kind = |k: hw::OptionKind| if k == hw::OptionKind::Bool { "bool" } else { "count" };
    PyTuple::new(py, hw::OPTIONS.iter().map(|o| (o.name, o.camel, kind(o.kind), o.doc)))
}
