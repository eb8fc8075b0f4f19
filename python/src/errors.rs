//! Core errors as Python exceptions, and the names used in messages.

use hubspot_webhooks as hw;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyString;

static ERROR_FACTORY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Builds the Python exception (`hubspot_webhooks.HubSpotWebhookError` or a subclass, chosen
/// by the pure-Python package from the code's family) for a core error code. `detailed` is the
/// message for logs (core's `detailed_message`: with a diagnosis's findings).
fn raise(
    py: Python<'_>,
    code: hw::ErrorCode,
    message: &str,
    index: Option<usize>,
    field: Option<&str>,
    detailed: &str,
) -> PyErr {
    let factory = ERROR_FACTORY.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py.import("hubspot_webhooks._errors")?.getattr("_from_native")?.unbind())
    });
    let made = factory.and_then(|f| {
        let args = (
            code.as_str(),
            code.family().as_str(),
            message,
            index,
            field,
            code.http_status(),
            detailed,
        );
        f.bind(py).call1(args)
    });
    match made {
        Ok(exc) => PyErr::from_value(exc),
        Err(err) => err,
    }
}

/// The exception for a core error.
pub(crate) fn core_error(py: Python<'_>, err: &hw::Error) -> PyErr {
    raise(
        py,
        err.code(),
        err.message(),
        err.index(),
        err.field(),
        &err.detailed_message(),
    )
}

/// A value of the right type that cannot be used (a negative limit, say), as `invalid_argument`.
pub(crate) fn usage_error(py: Python<'_>, message: String) -> PyErr {
    code_error(py, hw::ErrorCode::InvalidArgument, &message)
}

/// The exception for an error the binding finds itself, by its core code.
pub(crate) fn code_error(py: Python<'_>, code: hw::ErrorCode, message: &str) -> PyErr {
    raise(py, code, message, None, None, message)
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
