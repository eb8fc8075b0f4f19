//! Python arguments as core values, by one rule: a value of the wrong *type* is a `TypeError`
//! naming the argument and the types it takes; a value of the right type that cannot be used
//! (an empty secret, a negative limit, text with lone surrogates) is a `UsageError` with code
//! `invalid_argument`. Arguments are held without a copy where Python allows it.

use std::borrow::Cow;
use std::time::{SystemTime, UNIX_EPOCH};

use hubspot_webhooks::{self as hw, OptionValue};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMemoryView, PyString, PyTuple};

use crate::errors::{type_name, usage_error, OrRaise};

/// Bodies at least this large are hashed and parsed with the GIL released; for smaller ones the
/// hand-over costs more than it frees.
const DETACH_FROM_BYTES: usize = 8 * 1024;

/// The `TypeError` for `obj` passed as `what`, which takes `expected`.
pub(crate) fn wrong_type(what: &str, expected: &str, obj: &Bound<'_, PyAny>) -> PyErr {
    PyTypeError::new_err(format!("{what} must be {expected}, not {}", type_name(obj)))
}

pub(crate) fn is_int(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_instance_of::<PyInt>() && !obj.is_instance_of::<PyBool>()
}

fn is_text_like(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>()
}

/// `None` (or absent) as absent.
fn given<'a, 'py>(obj: Option<&'a Bound<'py, PyAny>>) -> Option<&'a Bound<'py, PyAny>> {
    obj.filter(|o| !o.is_none())
}

/// The raw body: `bytes` is used in place; `bytearray` and `memoryview` are copied once into
/// `bytes` (a mutable buffer must not be read with the GIL released). `str` and parsed JSON get
/// a `TypeError` that says to pass the raw bytes.
pub(crate) fn body_bytes<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    if let Ok(bytes) = obj.cast::<PyBytes>() {
        return Ok(bytes.clone());
    }
    if obj.is_instance_of::<PyByteArray>() || obj.is_instance_of::<PyMemoryView>() {
        return Ok(obj.py().get_type::<PyBytes>().call1((obj,))?.cast_into()?);
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

/// Why a `str` with lone surrogates cannot be used.
const NOT_UTF8: &str = "is not valid Unicode text (it has lone surrogates), so it cannot be encoded as UTF-8";

/// A `str` (encoded as UTF-8) or `bytes` argument such as the method, URL, a header or a secret.
pub(crate) fn text_bytes<'py>(obj: &Bound<'py, PyAny>, what: &str) -> PyResult<Bound<'py, PyBytes>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(b.clone());
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return s
            .encode_utf8()
            .map_err(|_| usage_error(obj.py(), format!("{what} {NOT_UTF8}")));
    }
    Err(wrong_type(what, "str or bytes", obj))
}

/// A `str` argument as Rust text (a router pattern, an event type, a text option).
pub(crate) fn text_str<'a>(obj: &'a Bound<'_, PyAny>, what: &str) -> PyResult<Cow<'a, str>> {
    let s = obj.cast::<PyString>().map_err(|_| wrong_type(what, "a str", obj))?;
    s.to_cow()
        .map_err(|_| usage_error(obj.py(), format!("{what} {NOT_UTF8}")))
}

/// A length in bytes: beyond 64 bits it is over any limit; a negative one is `invalid_argument`.
pub(crate) fn length(obj: &Bound<'_, PyAny>) -> PyResult<u64> {
    if !is_int(obj) {
        return Err(wrong_type("length", "an int (bytes)", obj));
    }
    if obj.lt(0)? {
        return Err(usage_error(obj.py(), format!("a length is 0 or more, not {obj}")));
    }
    Ok(obj.extract::<u64>().unwrap_or(u64::MAX))
}

/// An optional text argument; `None` (or absent) is `default`.
pub(crate) fn text_or<'py>(
    py: Python<'py>,
    obj: Option<&Bound<'py, PyAny>>,
    what: &str,
    default: &[u8],
) -> PyResult<Bound<'py, PyBytes>> {
    given(obj).map_or_else(|| Ok(PyBytes::new(py, default)), |obj| text_bytes(obj, what))
}

/// Headers from any mapping (dict, Werkzeug `EnvironHeaders`, Django `request.headers`,
/// Starlette `Headers`: anything with `.items()`) or an iterable of `(name, value)` pairs;
/// `None` is no headers.
fn collect_headers<'py>(obj: Option<&Bound<'py, PyAny>>) -> PyResult<Vec<(Bound<'py, PyBytes>, Bound<'py, PyBytes>)>> {
    let Some(obj) = given(obj) else {
        return Ok(Vec::new());
    };
    let pair =
        |name: &Bound<'py, PyAny>, value: &Bound<'py, PyAny>| -> PyResult<(Bound<'py, PyBytes>, Bound<'py, PyBytes>)> {
            Ok((text_bytes(name, "a header name")?, text_bytes(value, "a header value")?))
        };
    if let Ok(dict) = obj.cast::<PyDict>() {
        return dict.iter().map(|(name, value)| pair(&name, &value)).collect();
    }
    let expected = "a mapping of header names to values (or a list of (name, value) pairs)";
    if is_text_like(obj) {
        return Err(wrong_type("headers", expected, obj));
    }
    let pairs = if !obj.is_instance_of::<PyList>() && !obj.is_instance_of::<PyTuple>() && obj.hasattr("items")? {
        obj.call_method0("items")?
    } else {
        obj.clone()
    };
    let items = pairs.try_iter().map_err(|_| wrong_type("headers", expected, obj))?;
    items
        .map(|item| {
            let item = item?;
            match item.cast::<PyTuple>() {
                Ok(two) if two.len() == 2 => pair(&two.get_item(0)?, &two.get_item(1)?),
                _ => Err(PyTypeError::new_err(format!(
                    "headers must be a mapping or (name, value) pairs; found an item of type {}",
                    type_name(&item)
                ))),
            }
        })
        .collect()
}

/// `secret=` or `secrets=`, exactly one of them (an empty list, or no secret at all, reaches
/// the core, which says what to pass).
pub(crate) fn collect_secrets<'py>(
    secret: Option<&Bound<'py, PyAny>>,
    secrets: Option<&Bound<'py, PyAny>>,
) -> PyResult<Vec<Bound<'py, PyBytes>>> {
    match (given(secret), given(secrets)) {
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

/// The secrets as core takes them.
pub(crate) fn slices<'a>(held: &'a [Bound<'_, PyBytes>]) -> Vec<&'a [u8]> {
    held.iter().map(|h| h.as_bytes()).collect()
}

/// A clock argument `what` (`now_ms`, `timestamp_ms`) in Unix milliseconds, defaulting to the
/// system clock (the core reads no clock).
pub(crate) fn clock(obj: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<i64> {
    let Some(value) = given(obj) else {
        return Ok(match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
            Err(before) => i64::try_from(before.duration().as_millis()).map_or(i64::MIN, |ms| -ms),
        });
    };
    if !is_int(value) {
        return Err(wrong_type(what, "an int of Unix milliseconds", value));
    }
    let out_of_range = || format!("{what} must fit in a signed 64-bit integer, got {value}");
    value
        .extract::<i64>()
        .map_err(|_| usage_error(value.py(), out_of_range()))
}

/// A keyword argument as an option value for core (`Options::set`): a bool, an int (beyond
/// `i128`, an infinity of its sign, which core names as out of range), a float or a str; a value
/// of a type no option takes by its type's name, for core to word. `text` holds the str or the
/// name (the name is looked up only then: options are set on every call of the free functions).
fn option_value<'a>(value: &Bound<'_, PyAny>, name: &str, text: &'a mut String) -> PyResult<OptionValue<'a>> {
    Ok(if let Ok(flag) = value.cast::<PyBool>() {
        OptionValue::Bool(flag.is_true())
    } else if value.is_instance_of::<PyInt>() {
        match value.extract::<i128>() {
            Ok(n) => OptionValue::Int(n),
            Err(_) => OptionValue::Float(if value.lt(0)? { f64::NEG_INFINITY } else { f64::INFINITY }),
        }
    } else if let Ok(number) = value.cast::<PyFloat>() {
        OptionValue::Float(number.value())
    } else if value.is_instance_of::<PyString>() {
        *text = text_str(value, name)?.into_owned();
        OptionValue::Text(text)
    } else {
        *text = type_name(value);
        OptionValue::Other(text)
    })
}

/// Options from keyword arguments (core's `Options::set`); see `set_options`.
pub(crate) fn options_from(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<hw::Options> {
    let mut options = hw::Options::default();
    set_options(kwargs, &hw::OPTIONS, false, |name, value| options.set(name, value))?;
    Ok(options)
}

/// Sets options of `table` from keyword arguments through core's `set` (names, rules and
/// messages are core's); `None` keeps an option's default. With `typed`, a value whose Python
/// type does not fit the option's kind is a `TypeError`; without, a value Python cannot hand
/// over as a bool or a number is `invalid_argument` naming the option, as core says for an
/// ill-typed one.
pub(crate) fn set_options(
    kwargs: Option<&Bound<'_, PyDict>>,
    table: &[hw::OptionSpec],
    typed: bool,
    mut set: impl FnMut(&str, OptionValue<'_>) -> hw::Result<()>,
) -> PyResult<()> {
    for (name, value) in kwargs.into_iter().flat_map(|d| d.iter()) {
        if value.is_none() {
            continue;
        }
        let (py, name, mut text) = (value.py(), name.cast::<PyString>()?.to_cow()?, String::new());
        let kind = hw::OptionSpec::find(table, &name).map(|o| o.kind);
        let (fits, expected) = match kind {
            Some(hw::OptionKind::Bool) => (value.is_instance_of::<PyBool>(), "a bool"),
            Some(hw::OptionKind::Text) => (value.is_instance_of::<PyString>(), "a str"),
            _ => (is_int(&value), "an int"),
        };
        if typed && kind.is_some() && !fits {
            return Err(wrong_type(&name, expected, &value));
        }
        set(&name, option_value(&value, &name, &mut text)?).or_raise(py)?;
    }
    Ok(())
}

/// Runs core's `work` on a request's arguments as the core request (borrowing the held bytes)
/// and the time, with the GIL released when the body is large; its error is raised.
pub(crate) fn with_request<T: Send>(
    py: Python<'_>,
    method: &Bound<'_, PyAny>,
    url: &Bound<'_, PyAny>,
    headers: Option<&Bound<'_, PyAny>>,
    body: &Bound<'_, PyAny>,
    now_ms: Option<&Bound<'_, PyAny>>,
    work: impl FnOnce(&hw::Request<'_>, i64) -> hw::Result<T> + Send,
) -> PyResult<T> {
    let (method, url) = (text_bytes(method, "method")?, text_bytes(url, "url")?);
    let (headers, body, now_ms) = (collect_headers(headers)?, body_bytes(body)?, clock(now_ms, "now_ms")?);
    let request = hw::Request {
        method: method.as_bytes(),
        url: url.as_bytes(),
        headers: headers.iter().map(|(n, v)| (n.as_bytes(), v.as_bytes())).collect(),
        body: body.as_bytes(),
    };
    detached(py, request.body, || work(&request, now_ms)).or_raise(py)
}

/// Runs core's `work` on a body argument's bytes (`body_bytes`), with the GIL released when it
/// is large; its error is raised.
pub(crate) fn with_body<T: Send>(
    py: Python<'_>,
    body: &Bound<'_, PyAny>,
    work: impl FnOnce(&[u8]) -> hw::Result<T> + Send,
) -> PyResult<T> {
    let body = body_bytes(body)?;
    let bytes = body.as_bytes();
    detached(py, bytes, || work(bytes)).or_raise(py)
}

/// Runs `work` on `body`, with the GIL released when the body is large.
fn detached<T: Send, F: FnOnce() -> T + Send>(py: Python<'_>, body: &[u8], work: F) -> T {
    if body.len() >= DETACH_FROM_BYTES {
        py.detach(work)
    } else {
        work()
    }
}

/// Declares functions over a request, with the signature every one of them has:
/// `(method, url, headers, body, *, secret=None, secrets=None, now_ms=None, **options)`.
macro_rules! request_functions {
    ($($(#[doc = $doc:literal])* fn $name:ident($py:ident, $($arg:ident),*) -> $out:ty $body:block)*) => {$(
        $(#[doc = $doc])*
        #[pyfunction]
        #[pyo3(signature = (method, url, headers, body, *, secret=None, secrets=None, now_ms=None, **options))]
        #[allow(clippy::too_many_arguments)]
        pub(crate) fn $name(
            $py: Python<'_>,
            method: &Bound<'_, PyAny>,
            url: &Bound<'_, PyAny>,
            headers: Option<&Bound<'_, PyAny>>,
            body: &Bound<'_, PyAny>,
            secret: Option<&Bound<'_, PyAny>>,
            secrets: Option<&Bound<'_, PyAny>>,
            now_ms: Option<&Bound<'_, PyAny>>,
            options: Option<&Bound<'_, PyDict>>,
        ) -> PyResult<$out> {
            let ($($arg),*) = (method, url, headers, body, secret, secrets, now_ms, options);
            $body
        }
    )*};
}
pub(crate) use request_functions;
