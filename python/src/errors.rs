//! Core errors as Python exceptions, and the names used in messages.

use hubspot_webhooks as hw;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyString;

static ERROR_FACTORY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static DIAGNOSIS_FACTORY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Builds the Python exception (`hubspot_webhooks.HubSpotWebhookError` or a subclass, chosen
/// by the pure-Python package from the code's family) for an error code, with what core says of
/// a core error: its event index and field, the message for logs (`detailed_message`: with a
/// diagnosis's findings), the diagnosis itself and the body of its HTTP answer
/// (`Response::for_error`).
fn raise(py: Python<'_>, code: hw::ErrorCode, message: &str, err: Option<&hw::Error>) -> PyErr {
    let made = || -> PyResult<Bound<'_, PyAny>> {
        let diagnosis = err
            .and_then(hw::Error::diagnosis)
            .map(|d| diagnosis_object(py, d))
            .transpose()?;
        let args = (
            code.as_str(),
            code.family().as_str(),
            message,
            err.and_then(hw::Error::index),
            err.and_then(hw::Error::field),
            code.http_status(),
            err.map_or_else(|| message.to_owned(), hw::Error::detailed_message),
            err.and_then(|e| hw::Response::for_error(e).body),
            diagnosis,
        );
        ERROR_FACTORY
            .import(py, "hubspot_webhooks._errors", "_from_native")?
            .call1(args)
    };
    made().map_or_else(|err| err, PyErr::from_value)
}

/// A `Diagnosis` (`hubspot_webhooks._errors`) of core's diagnosis: the verdict (the error code,
/// or `None` when the request verifies), the findings `(code, message, confirmed)` and how many
/// digests were computed.
pub(crate) fn diagnosis_object(py: Python<'_>, d: &hw::Diagnosis) -> PyResult<Py<PyAny>> {
    let findings: Vec<(&str, &str, bool)> = d
        .findings
        .iter()
        .map(|f| (f.code, f.message.as_str(), f.confirmed))
        .collect();
    let error = d.verdict.as_ref().err().map(|code| code.as_str());
    let factory = DIAGNOSIS_FACTORY.import(py, "hubspot_webhooks._errors", "_diagnosis")?;
    Ok(factory.call1((error, findings, d.digests))?.unbind())
}

/// The exception for a core error.
pub(crate) fn core_error(py: Python<'_>, err: &hw::Error) -> PyErr {
    raise(py, err.code(), err.message(), Some(err))
}

/// A core result with its error as the Python exception.
pub(crate) trait OrRaise<T> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> OrRaise<T> for hw::Result<T> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| core_error(py, &e))
    }
}

/// A value of the right type that cannot be used (a negative limit, say), as `invalid_argument`.
pub(crate) fn usage_error(py: Python<'_>, message: String) -> PyErr {
    code_error(py, hw::ErrorCode::InvalidArgument, &message)
}

/// The exception for an error the binding finds itself, by its core code.
pub(crate) fn code_error(py: Python<'_>, code: hw::ErrorCode, message: &str) -> PyErr {
    raise(py, code, message, None)
}

/// A string as Python's `repr` shows it.
pub(crate) fn py_repr(py: Python<'_>, s: &str) -> String {
    PyString::new(py, s)
        .repr()
        .map_or_else(|_| format!("{s:?}"), |r| r.to_string())
}

/// The name of an object's type, for messages.
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map_or_else(|_| "?".to_owned(), |n| n.to_string())
}
