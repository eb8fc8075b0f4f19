//! Python arguments as core values, by one rule: a value of the wrong *type* is a `TypeError`
//! naming the argument and the types it takes; a value of the right type that cannot be used
//! (an empty secret, a negative limit, text with lone surrogates) is a `UsageError` with code
//! `invalid_argument`. Arguments are held without a copy where Python allows it.

use std::time::{SystemTime, UNIX_EPOCH};

use hubspot_webhooks::{self as hw, OptionValue};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMemoryView, PyString, PyTuple};

use crate::errors::{core_error, type_name, usage_error};

/// Bodies at least this large are hashed and parsed with the GIL released; for smaller ones the
/// hand-over costs more than it frees.
const DETACH_FROM_BYTES: usize = 8 * 1024;

/// The bytes of an argument: a `bytes` object itself, the UTF-8 encoding of a `str` (one new
/// `bytes` object), a copy of a mutable buffer (`bytearray`), or a constant default.
pub(crate) enum Held<'py> {
    Bytes(Bound<'py, PyBytes>),
    Copied(Vec<u8>),
    Static(&'static [u8]),
}

impl Held<'_> {
    pub(crate) fn as_slice(&self) -> &[u8] {
        match self {
            Held::Bytes(b) => b.as_bytes(),
            Held::Copied(v) => v,
            Held::Static(s) => s,
        }
    }
}

/// The `TypeError` for `obj` passed as `what`, which takes `expected`.
pub(crate) fn wrong_type(what: &str, expected: &str, obj: &Bound<'_, PyAny>) -> PyErr {
    PyTypeError::new_err(format!("{what} must be {expected}, not {}", type_name(obj)))
}

fn is_int(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_instance_of::<PyInt>() && !obj.is_instance_of::<PyBool>()
}

fn is_text_like(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>()
}

/// The raw body: `bytes` is used in place; `bytearray` and `memoryview` are copied once (a
/// mutable buffer must not be read with the GIL released). `str` and parsed JSON get a
/// `TypeError` that says to pass the raw bytes.
pub(crate) fn body_bytes<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Held<'py>> {
    if let Ok(bytes) = obj.cast::<PyBytes>() {
        return Ok(Held::Bytes(bytes.clone()));
    }
    if let Ok(array) = obj.cast::<PyByteArray>() {
        return Ok(Held::Copied(array.to_vec()));
    }
    if obj.is_instance_of::<PyMemoryView>() {
        return Ok(Held::Bytes(obj.call_method0("tobytes")?.cast_into::<PyBytes>()?));
    }
    if obj.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "body is str, but the signature covers the raw bytes: pass the request body as bytes exactly as received \
             (Flask: request.get_data(); Starlette/FastAPI: await request.body(); Django: request.body), \
             not decoded text",
        ));
    }
    if obj.is_instance_of::<PyDict>() || obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        return Err(PyTypeError::new_err(format!(
            "body is a parsed {} (JSON already decoded): pass the raw request body bytes as received, before any \
             JSON parsing; re-serialised JSON does not match HubSpot's signature",
            type_name(obj)
        )));
    }
    Err(wrong_type("body", "bytes (the raw request body as received)", obj))
}

/// A `str` (encoded as UTF-8) or `bytes` argument such as the method, URL, a header or a secret.
pub(crate) fn text_bytes<'py>(obj: &Bound<'py, PyAny>, what: &str) -> PyResult<Held<'py>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Held::Bytes(b.clone()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return s.encode_utf8().map(Held::Bytes).map_err(|_| {
            usage_error(
                obj.py(),
                format!("{what} is not valid Unicode text (it has lone surrogates), so it cannot be encoded as UTF-8"),
            )
        });
    }
    Err(wrong_type(what, "str or bytes", obj))
}

/// An optional text argument; `None` (or absent) is `default`.
pub(crate) fn text_or<'py>(obj: Option<&Bound<'py, PyAny>>, what: &str, default: &'static [u8]) -> PyResult<Held<'py>> {
    match obj.filter(|o| !o.is_none()) {
        Some(obj) => text_bytes(obj, what),
        None => Ok(Held::Static(default)),
    }
}

/// The timestamp text of a v3 signature: an `int` (its decimal text), or the header's `str` or
/// `bytes` as sent.
pub(crate) fn timestamp_text<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Held<'py>> {
    if is_int(obj) {
        return text_bytes(obj.str()?.as_any(), "timestamp");
    }
    if obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyBytes>() {
        return text_bytes(obj, "timestamp");
    }
    Err(wrong_type("timestamp", "an int, str or bytes", obj))
}

/// Headers from any mapping (dict, Werkzeug `EnvironHeaders`, Django `request.headers`,
/// Starlette `Headers`: anything with `.items()`) or an iterable of `(name, value)` pairs;
/// `None` is no headers.
fn collect_headers<'py>(obj: Option<&Bound<'py, PyAny>>) -> PyResult<Vec<(Held<'py>, Held<'py>)>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(Vec::new());
    };
    let pair = |name: &Bound<'py, PyAny>, value: &Bound<'py, PyAny>| -> PyResult<(Held<'py>, Held<'py>)> {
        Ok((text_bytes(name, "a header name")?, text_bytes(value, "a header value")?))
    };
    if let Ok(dict) = obj.cast::<PyDict>() {
        return dict.iter().map(|(name, value)| pair(&name, &value)).collect();
    }
    let not_headers = || {
        wrong_type(
            "headers",
            "a mapping of header names to values (or a list of (name, value) pairs)",
            obj,
        )
    };
    if is_text_like(obj) {
        return Err(not_headers());
    }
    let pairs = if !obj.is_instance_of::<PyList>() && !obj.is_instance_of::<PyTuple>() && obj.hasattr("items")? {
        obj.call_method0("items")?
    } else {
        obj.clone()
    };
    let mut out = Vec::new();
    for item in pairs.try_iter().map_err(|_| not_headers())? {
        let item = item?;
        let two = item.cast::<PyTuple>().ok().filter(|t| t.len() == 2).ok_or_else(|| {
            PyTypeError::new_err(format!(
                "headers must be a mapping or (name, value) pairs; found an item of type {}",
                type_name(&item)
            ))
        })?;
        out.push(pair(&two.get_item(0)?, &two.get_item(1)?)?);
    }
    Ok(out)
}

/// `secret=` or `secrets=`, exactly one of them (an empty list, or no secret at all, reaches
/// the core, which says what to pass).
pub(crate) fn collect_secrets<'py>(
    secret: Option<&Bound<'py, PyAny>>,
    secrets: Option<&Bound<'py, PyAny>>,
) -> PyResult<Vec<Held<'py>>> {
    let secret = secret.filter(|s| !s.is_none());
    let secrets = secrets.filter(|s| !s.is_none());
    match (secret, secrets) {
        (Some(_), Some(_)) => Err(PyTypeError::new_err(
            "pass either secret= (one client secret) or secrets= (a list, tried in order), not both",
        )),
        (Some(one), None) => Ok(vec![text_bytes(one, "secret")?]),
        (None, Some(many)) => {
            let not_a_list = || {
                PyTypeError::new_err(format!(
                    "secrets must be a list of client secrets (str or bytes), not {}; for a single secret pass secret=\"...\"",
                    type_name(many)
                ))
            };
            if is_text_like(many) || many.is_instance_of::<PyDict>() {
                return Err(not_a_list());
            }
            let items = many.try_iter().map_err(|_| not_a_list())?;
            items.map(|item| text_bytes(&item?, "each secret")).collect()
        }
        (None, None) => Ok(Vec::new()),
    }
}

/// A clock argument (`now_ms`, `timestamp_ms`) in Unix milliseconds, defaulting to the system
/// clock (the core reads no clock).
pub(crate) fn clock(now_ms: Option<&Bound<'_, PyAny>>) -> PyResult<i64> {
    let Some(value) = now_ms.filter(|v| !v.is_none()) else {
        return Ok(system_now_ms());
    };
    if !is_int(value) {
        return Err(wrong_type("now_ms", "an int of Unix milliseconds", value));
    }
    value.extract::<i64>().map_err(|_| {
        usage_error(
            value.py(),
            format!("now_ms must fit in a signed 64-bit integer, got {value}"),
        )
    })
}

fn system_now_ms() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_millis()).map_or(i64::MIN, |ms| -ms),
    }
}

/// Sets options from keyword arguments through core's `Options::set` (names and rules are
/// core's); `None` keeps an option's default. A value Python cannot hand over as a bool or a
/// number is `invalid_argument` naming the option, as core says for an ill-typed one.
pub(crate) fn set_options(options: &mut hw::Options, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<()> {
    let Some(kwargs) = kwargs else {
        return Ok(());
    };
    for (name, value) in kwargs.iter() {
        if value.is_none() {
            continue;
        }
        let name = name.cast::<PyString>()?.to_cow()?;
        let text;
        let value = if let Ok(flag) = value.cast::<PyBool>() {
            OptionValue::Bool(flag.is_true())
        } else if value.is_instance_of::<PyInt>() {
            match value.extract::<i128>() {
                Ok(n) => OptionValue::Int(n),
                // Beyond i128: an infinity of the same sign, which core names as out of range.
                Err(_) => OptionValue::Float(if value.lt(0)? { f64::NEG_INFINITY } else { f64::INFINITY }),
            }
        } else if let Ok(number) = value.cast::<PyFloat>() {
            OptionValue::Float(number.value())
        } else if let Ok(s) = value.cast::<PyString>() {
            text = s.to_cow()?;
            OptionValue::Text(&text)
        } else if hw::OPTIONS.iter().any(|o| o.name == name || o.camel == name) {
            return Err(usage_error(
                value.py(),
                format!("option {name:?} takes a bool or an int, not {}", type_name(&value)),
            ));
        } else {
            OptionValue::Bool(false) // an unknown name: core says so
        };
        options.set(&name, value).map_err(|e| core_error(kwargs.py(), &e))?;
    }
    Ok(())
}

/// The parts of a request, held for the call.
pub(crate) struct RequestParts<'py> {
    method: Held<'py>,
    url: Held<'py>,
    headers: Vec<(Held<'py>, Held<'py>)>,
    body: Held<'py>,
}

impl<'py> RequestParts<'py> {
    pub(crate) fn new(
        method: &Bound<'py, PyAny>,
        url: &Bound<'py, PyAny>,
        headers: Option<&Bound<'py, PyAny>>,
        body: &Bound<'py, PyAny>,
    ) -> PyResult<Self> {
        Ok(RequestParts {
            method: text_bytes(method, "method")?,
            url: text_bytes(url, "url")?,
            headers: collect_headers(headers)?,
            body: body_bytes(body)?,
        })
    }

    /// The core request, borrowing the held bytes (it is `Send`, so it can cross `detach`).
    pub(crate) fn request(&self) -> hw::Request<'_> {
        hw::Request {
            method: self.method.as_slice(),
            url: self.url.as_slice(),
            headers: self.headers.iter().map(|(n, v)| (n.as_slice(), v.as_slice())).collect(),
            body: self.body.as_slice(),
        }
    }
}

/// Runs `work` on `body`, with the GIL released when the body is large.
pub(crate) fn detached<T: Send, F: FnOnce() -> T + Send>(py: Python<'_>, body: &[u8], work: F) -> T {
    if body.len() >= DETACH_FROM_BYTES {
        py.detach(work)
    } else {
        work()
    }
}
