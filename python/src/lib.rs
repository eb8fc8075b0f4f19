//! Python bindings of `hubspot-webhooks`: the private native module `hubspot_webhooks._native`.
//!
//! Conversion code only: Python values in, core calls, Python values out. Every HubSpot rule
//! (headers, signatures, timestamps, parsing) lives in the core crate. Events are moved into
//! small frozen classes whose attributes are converted on access, so a batch of 100 events costs
//! 100 object allocations and no per-field work until the application reads a field.
#![cfg(not(target_family = "wasm"))]

use std::time::{SystemTime, UNIX_EPOCH};

use hubspot_webhooks as hw;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use pyo3::exceptions::{PyIndexError, PyTypeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyMemoryView, PySlice, PyString, PyTuple};
use pyo3::{PyClass, PyClassInitializer};

/// Bodies at least this large are hashed and parsed with the GIL released; for smaller ones the
/// hand-over costs more than it frees.
const DETACH_FROM_BYTES: usize = 8 * 1024;

/// A batch's core events, shared by its `EventList` and every event object made from it.
type Shared = Arc<Vec<hw::Event>>;

// ----------------------------------------------------------------------------------------------
// Errors

static ERROR_FACTORY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Builds the Python exception (`hubspot_webhooks.HubSpotWebhookError` or a subclass, chosen
/// by the pure-Python package from the code's family) for a core error.
fn raise(py: Python<'_>, code: hw::ErrorCode, message: &str, index: Option<usize>, field: Option<&str>) -> PyErr {
    let factory = ERROR_FACTORY.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py.import("hubspot_webhooks._errors")?.getattr("_from_native")?.unbind())
    });
    let made = factory.and_then(|f| f.bind(py).call1((code.as_str(), code.family(), message, index, field)));
    match made {
        Ok(exc) => PyErr::from_value(exc),
        Err(err) => err,
    }
}

fn core_error(py: Python<'_>, err: &hw::Error) -> PyErr {
    raise(py, err.code(), err.message(), err.index(), err.field())
}

/// A caller mistake the core cannot see (a negative limit, say), as `invalid_argument`.
fn usage_error(py: Python<'_>, message: String) -> PyErr {
    raise(py, hw::ErrorCode::InvalidArgument, &message, None, None)
}

/// A string as Python's `repr` shows it.
fn py_repr(py: Python<'_>, s: &str) -> String {
    PyString::new(py, s)
        .repr()
        .map_or_else(|_| format!("{s:?}"), |r| r.to_string())
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map_or_else(|_| "?".to_owned(), |n| n.to_string())
}

// ----------------------------------------------------------------------------------------------
// Argument conversion

/// The bytes of an argument, held without a copy where Python allows it: a `bytes` object
/// itself, the UTF-8 encoding of a `str` (one new `bytes` object), or a copy of a mutable
/// buffer (`bytearray`).
enum Held<'py> {
    Bytes(Bound<'py, PyBytes>),
    Copied(Vec<u8>),
    Static(&'static [u8]),
}

impl Held<'_> {
    fn as_slice(&self) -> &[u8] {
        match self {
            Held::Bytes(b) => b.as_bytes(),
            Held::Copied(v) => v,
            Held::Static(s) => s,
        }
    }
}

/// The raw body: `bytes` is used in place; `bytearray` and `memoryview` are copied once (a
/// mutable buffer must not be read with the GIL released). `str` and parsed JSON get a
/// `TypeError` that says to pass the raw bytes.
fn body_bytes<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Held<'py>> {
    if let Ok(bytes) = obj.cast::<PyBytes>() {
        return Ok(Held::Bytes(bytes.clone()));
    }
    if let Ok(array) = obj.cast::<PyByteArray>() {
        return Ok(Held::Copied(array.to_vec()));
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
    if obj.is_instance_of::<PyMemoryView>() {
        return Ok(Held::Bytes(obj.call_method0("tobytes")?.cast_into::<PyBytes>()?));
    }
    Err(PyTypeError::new_err(format!(
        "body must be bytes (the raw request body as received), not {}",
        type_name(obj)
    )))
}

/// A `str` (encoded as UTF-8) or `bytes` argument such as the method, URL, a header or a
/// secret. Any other type is a `TypeError`; a `str` that is not valid Unicode (lone surrogates)
/// is a `UsageError` (`invalid_argument`).
fn text_bytes<'py>(obj: &Bound<'py, PyAny>, what: &str) -> PyResult<Held<'py>> {
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
    Err(PyTypeError::new_err(format!(
        "{what} must be str or bytes, not {}",
        type_name(obj)
    )))
}

/// Headers from any mapping (dict, Werkzeug `EnvironHeaders`, Django `request.headers`,
/// Starlette `Headers`: anything with `.items()`) or an iterable of `(name, value)` pairs;
/// `None` is no headers.
fn collect_headers<'py>(obj: Option<&Bound<'py, PyAny>>) -> PyResult<Vec<(Held<'py>, Held<'py>)>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let mut push = |name: &Bound<'py, PyAny>, value: &Bound<'py, PyAny>| -> PyResult<()> {
        out.push((text_bytes(name, "a header name")?, text_bytes(value, "a header value")?));
        Ok(())
    };
    if let Ok(dict) = obj.cast::<PyDict>() {
        for (name, value) in dict.iter() {
            push(&name, &value)?;
        }
        return Ok(out);
    }
    let not_headers = || {
        PyTypeError::new_err(format!(
            "headers must be a mapping of header names to values (or a list of (name, value) pairs), not {}",
            type_name(obj)
        ))
    };
    if obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyBytes>() || obj.is_instance_of::<PyByteArray>() {
        return Err(not_headers());
    }
    let pairs = if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        obj.clone()
    } else if obj.hasattr("items")? {
        obj.call_method0("items")?
    } else {
        obj.clone()
    };
    let items = pairs.try_iter().map_err(|_| not_headers())?;
    for item in items {
        let item = item?;
        let pair = item.cast::<PyTuple>().ok().filter(|t| t.len() == 2).ok_or_else(|| {
            PyTypeError::new_err(format!(
                "headers must be a mapping or (name, value) pairs; found an item of type {}",
                type_name(&item)
            ))
        })?;
        push(&pair.get_item(0)?, &pair.get_item(1)?)?;
    }
    Ok(out)
}

/// `secret=` or `secrets=`, exactly one of them (an empty list, or no secret at all, reaches
/// the core, which says what to pass).
fn collect_secrets<'py>(
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
            if many.is_instance_of::<PyString>()
                || many.is_instance_of::<PyBytes>()
                || many.is_instance_of::<PyByteArray>()
                || many.is_instance_of::<PyDict>()
            {
                return Err(not_a_list());
            }
            let mut out = Vec::new();
            for item in many.try_iter().map_err(|_| not_a_list())? {
                out.push(text_bytes(&item?, "each secret")?);
            }
            Ok(out)
        }
        (None, None) => Ok(Vec::new()),
    }
}

/// A non-negative integer option; `None` keeps the core's default.
fn limit<T: for<'a, 'py> FromPyObject<'a, 'py>>(
    py: Python<'_>,
    value: Option<&Bound<'_, PyAny>>,
    name: &str,
    default: T,
) -> PyResult<T> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(default);
    };
    if value.is_instance_of::<pyo3::types::PyBool>() || !value.is_instance_of::<pyo3::types::PyInt>() {
        return Err(PyTypeError::new_err(format!(
            "{name} must be an int, not {}",
            type_name(value)
        )));
    }
    value.extract::<T>().map_err(|_| {
        usage_error(
            py,
            format!("{name} must be a non-negative integer that fits in 64 bits, got {value}"),
        )
    })
}

/// `now_ms`, defaulting to the system clock (the core reads no clock).
fn clock(py: Python<'_>, now_ms: Option<&Bound<'_, PyAny>>) -> PyResult<i64> {
    match now_ms.filter(|v| !v.is_none()) {
        Some(value) => {
            if value.is_instance_of::<pyo3::types::PyBool>() || !value.is_instance_of::<pyo3::types::PyInt>() {
                return Err(PyTypeError::new_err(format!(
                    "now_ms must be an int of Unix milliseconds, not {}",
                    type_name(value)
                )));
            }
            value
                .extract::<i64>()
                .map_err(|_| usage_error(py, format!("now_ms must fit in a signed 64-bit integer, got {value}")))
        }
        None => Ok(system_now_ms()),
    }
}

fn system_now_ms() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_millis()).map_or(i64::MIN, |ms| -ms),
    }
}

#[allow(clippy::too_many_arguments)]
fn options(
    py: Python<'_>,
    tolerance_ms: Option<&Bound<'_, PyAny>>,
    max_future_ms: Option<&Bound<'_, PyAny>>,
    require_v3: bool,
    max_body_bytes: Option<&Bound<'_, PyAny>>,
    partial: bool,
    max_events: Option<&Bound<'_, PyAny>>,
) -> PyResult<hw::Options> {
    let d = hw::Options::default();
    Ok(hw::Options {
        tolerance_ms: limit(py, tolerance_ms, "tolerance_ms", d.tolerance_ms)?,
        max_future_ms: limit(py, max_future_ms, "max_future_ms", d.max_future_ms)?,
        require_v3,
        max_body_bytes: limit(py, max_body_bytes, "max_body_bytes", d.max_body_bytes)?,
        partial,
        max_events: limit(py, max_events, "max_events", d.max_events)?,
    })
}

/// The parts of a request, held for the call.
struct RequestParts<'py> {
    method: Held<'py>,
    url: Held<'py>,
    headers: Vec<(Held<'py>, Held<'py>)>,
    body: Held<'py>,
}

impl<'py> RequestParts<'py> {
    fn new(
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
    fn request(&self) -> hw::Request<'_> {
        hw::Request {
            method: self.method.as_slice(),
            url: self.url.as_slice(),
            headers: self.headers.iter().map(|(n, v)| (n.as_slice(), v.as_slice())).collect(),
            body: self.body.as_slice(),
        }
    }
}

fn is_large(request: &hw::Request<'_>) -> bool {
    request.body.len() >= DETACH_FROM_BYTES
}

fn slices<'a>(held: &'a [Held<'_>]) -> Vec<&'a [u8]> {
    held.iter().map(Held::as_slice).collect()
}

/// Runs `work` with the GIL released when the body is large.
fn run<T: Send, F: FnOnce() -> T + Send>(py: Python<'_>, large: bool, work: F) -> T {
    if large {
        py.detach(work)
    } else {
        work()
    }
}

// ----------------------------------------------------------------------------------------------
// Events

/// A HubSpot webhook event. The class of an event says what happened (`CreationEvent`,
/// `PropertyChangeEvent`, ...); events of unknown kinds are plain `Event`s.
#[pyclass(frozen, subclass, module = "hubspot_webhooks")]
#[derive(Debug)]
pub struct Event {
    /// The batch's events (shared by every event object of the batch and its `EventList`).
    batch: Shared,
    /// This event's position in `batch`; always in range.
    index: usize,
}

impl Event {
    /// The core event.
    #[allow(clippy::indexing_slicing)] // `index < batch.len()` by construction (`event_object`)
    fn inner(&self) -> &hw::Event {
        &self.batch[self.index]
    }
}

fn json_loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    let loads = JSON_LOADS.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py.import("json")?.getattr("loads")?.unbind())
    })?;
    loads.bind(py).call1((text,))
}

#[pymethods]
impl Event {
    #[classattr]
    fn __match_args__() -> (&'static str, &'static str) {
        ("object_type", "action")
    }

    /// `subscriptionType` as sent (or the legacy `eventType`).
    #[getter]
    fn subscription_type(&self) -> &str {
        &self.inner().subscription_type
    }
    /// `"contact"`, `"company"`, `"deal"`, `"ticket"`, `"product"`, `"line_item"`, `"conversation"`, or another name.
    #[getter]
    fn object_type(&self) -> &str {
        self.inner().object_type.as_str()
    }
    /// `"creation"`, `"deletion"`, `"propertyChange"`, `"associationChange"`, `"merge"`, `"restore"`,
    /// `"privacyDeletion"`, `"newMessage"`, or another action as sent.
    #[getter]
    fn action(&self) -> &str {
        self.inner().action.as_str()
    }
    #[getter]
    fn event_id(&self) -> i64 {
        self.inner().event_id
    }
    #[getter]
    fn subscription_id(&self) -> Option<i64> {
        self.inner().subscription_id
    }
    #[getter]
    fn portal_id(&self) -> i64 {
        self.inner().portal_id
    }
    #[getter]
    fn app_id(&self) -> i64 {
        self.inner().app_id
    }
    #[getter]
    fn occurred_at(&self) -> i64 {
        self.inner().occurred_at
    }
    #[getter]
    fn attempt_number(&self) -> u32 {
        self.inner().attempt_number
    }
    #[getter]
    fn object_id(&self) -> Option<i64> {
        self.inner().object_id
    }
    #[getter]
    fn object_type_id(&self) -> Option<&str> {
        self.inner().object_type_id.as_deref()
    }
    #[getter]
    fn change_source(&self) -> Option<&str> {
        self.inner().change_source.as_deref()
    }
    #[getter]
    fn source_id(&self) -> Option<&str> {
        self.inner().source_id.as_deref()
    }
    #[getter]
    fn change_flag(&self) -> Option<&str> {
        self.inner().change_flag.as_deref()
    }
    #[getter]
    fn event_type_name(&self) -> Option<&str> {
        self.inner().event_type_name.as_deref()
    }
    /// For `conversation.*` events, the thread id (`objectId`); `None` for other events.
    #[getter]
    fn thread_id(&self) -> Option<i64> {
        self.inner().conversation().and_then(|c| c.thread_id)
    }

    /// The event's JSON text exactly as it stood in the request body.
    fn raw_json(&self) -> &str {
        self.inner().raw_json()
    }
    /// Every field as sent, under HubSpot's own names (integers exact).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_loads(py, self.inner().raw_json())
    }
    /// The fields this library does not type, as sent.
    fn unknown_fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let all = json_loads(py, self.inner().raw_json())?;
        let dict = all.cast::<PyDict>()?;
        for name in hw::KNOWN_FIELDS {
            if dict.contains(name)? {
                dict.del_item(name)?;
            }
        }
        Ok(all)
    }
    /// A stable key for deduplication (retries share it; `attemptNumber` is left out).
    fn dedup_key(&self) -> String {
        self.inner().dedup_key()
    }
    /// `objectTypeId`, or HubSpot's id for the object type of a classic event (`"0-1"` for contacts).
    fn effective_object_type_id(&self) -> Option<&str> {
        self.inner().effective_object_type_id()
    }

    fn __repr__(slf: &Bound<'_, Self>) -> String {
        let e = slf.get().inner();
        let opt = |v: Option<i64>| v.map_or_else(|| "None".to_owned(), |v| v.to_string());
        format!(
            "{}(subscription_type={}, event_id={}, portal_id={}, object_id={}, occurred_at={})",
            type_name(slf.as_any()),
            py_repr(slf.py(), &e.subscription_type),
            e.event_id,
            e.portal_id,
            opt(e.object_id),
            e.occurred_at
        )
    }
}

fn inner<'a, T>(slf: &'a Bound<'_, T>) -> &'a hw::Event
where
    T: PyClass<BaseType = Event>,
{
    slf.as_super().get().inner()
}

/// `*.creation`: a record was created (for conversations: a new thread).
#[pyclass(frozen, extends = Event, module = "hubspot_webhooks")]
#[derive(Debug)]
pub struct CreationEvent;

/// `*.deletion`: a record was deleted (for conversations: the thread was archived).
#[pyclass(frozen, extends = Event, module = "hubspot_webhooks")]
#[derive(Debug)]
pub struct DeletionEvent;

/// `*.restore`: a deleted record was restored.
#[pyclass(frozen, extends = Event, module = "hubspot_webhooks")]
#[derive(Debug)]
pub struct RestoreEvent;

/// `*.privacyDeletion`: a record was permanently deleted for privacy compliance.
#[pyclass(frozen, extends = Event, module = "hubspot_webhooks")]
#[derive(Debug)]
pub struct PrivacyDeletionEvent;

/// `*.propertyChange`: a property of a record changed.
#[pyclass(frozen, extends = Event, subclass, module = "hubspot_webhooks")]
#[derive(Debug)]
pub struct PropertyChangeEvent;

#[pymethods]
impl PropertyChangeEvent {
    #[getter]
    fn property_name<'a>(slf: &'a Bound<'_, Self>) -> Option<&'a str> {
        inner(slf).property_name.as_deref()
    }
    /// The new value as a string (JSON text for a value HubSpot sent as non-string JSON,
    /// e.g. `"false"`); `to_dict()["propertyValue"]` has it as sent.
    #[getter]
    fn property_value<'a>(slf: &'a Bound<'_, Self>) -> Option<&'a str> {
        inner(slf).property_value_str()
    }
    #[getter]
    fn is_sensitive(slf: &Bound<'_, Self>) -> Option<bool> {
        inner(slf).is_sensitive
    }
}

/// `conversation.propertyChange`: a thread's assignee, status, archived flag or another
/// property changed.
#[pyclass(frozen, extends = PropertyChangeEvent, module = "hubspot_webhooks")]
#[derive(Debug)]
pub struct ConversationPropertyChangeEvent;

fn conversation_change<'a>(slf: &'a Bound<'_, ConversationPropertyChangeEvent>) -> Option<hw::ConversationChange<'a>> {
    slf.as_super().as_super().get().inner().conversation().map(|c| c.change)
}

#[pymethods]
impl ConversationPropertyChangeEvent {
    /// What changed, named as in every binding: `"assigneeChanged"`, `"statusChanged"`,
    /// `"archivedChanged"` or `"propertyChanged"` (another property).
    #[getter]
    fn change(slf: &Bound<'_, Self>) -> &'static str {
        conversation_change(slf).map_or("propertyChanged", |c| c.name())
    }
    /// For `assignedTo` changes: the new assignee's user id as sent; `None` when unassigned.
    #[getter]
    fn assignee<'a>(slf: &'a Bound<'_, Self>) -> Option<&'a str> {
        match conversation_change(slf) {
            Some(hw::ConversationChange::AssigneeChanged { assignee }) => assignee,
            _ => None,
        }
    }
    /// For `status` changes: `"OPEN"`, `"CLOSED"` or the value as sent.
    #[getter]
    fn status(slf: &Bound<'_, Self>) -> Option<String> {
        match conversation_change(slf) {
            Some(hw::ConversationChange::StatusChanged { status }) => status.map(|s| s.as_str().to_owned()),
            _ => None,
        }
    }
    /// For `isArchived` changes: the new value.
    #[getter]
    fn archived(slf: &Bound<'_, Self>) -> Option<bool> {
        match conversation_change(slf) {
            Some(hw::ConversationChange::ArchivedChanged { archived }) => archived,
            _ => None,
        }
    }
}

/// `*.associationChange`: an association between two records was added or removed.
#[pyclass(frozen, extends = Event, module = "hubspot_webhooks")]
#[derive(Debug)]
pub struct AssociationChangeEvent;

#[pymethods]
impl AssociationChangeEvent {
    #[getter]
    fn association_type<'a>(slf: &'a Bound<'_, Self>) -> Option<&'a str> {
        inner(slf).association_type.as_deref()
    }
    #[getter]
    fn from_object_id(slf: &Bound<'_, Self>) -> Option<i64> {
        inner(slf).from_object_id
    }
    #[getter]
    fn to_object_id(slf: &Bound<'_, Self>) -> Option<i64> {
        inner(slf).to_object_id
    }
    #[getter]
    fn association_removed(slf: &Bound<'_, Self>) -> Option<bool> {
        inner(slf).association_removed
    }
    #[getter]
    fn is_primary_association(slf: &Bound<'_, Self>) -> Option<bool> {
        inner(slf).is_primary_association
    }
    #[getter]
    fn from_object_type_id<'a>(slf: &'a Bound<'_, Self>) -> Option<&'a str> {
        inner(slf).from_object_type_id.as_deref()
    }
    #[getter]
    fn to_object_type_id<'a>(slf: &'a Bound<'_, Self>) -> Option<&'a str> {
        inner(slf).to_object_type_id.as_deref()
    }
    #[getter]
    fn association_type_id(slf: &Bound<'_, Self>) -> Option<i64> {
        inner(slf).association_type_id
    }
    #[getter]
    fn association_category<'a>(slf: &'a Bound<'_, Self>) -> Option<&'a str> {
        inner(slf).association_category.as_deref()
    }
}

/// `*.merge`: records were merged.
#[pyclass(frozen, extends = Event, module = "hubspot_webhooks")]
#[derive(Debug)]
pub struct MergeEvent;

#[pymethods]
impl MergeEvent {
    #[getter]
    fn primary_object_id(slf: &Bound<'_, Self>) -> Option<i64> {
        inner(slf).primary_object_id
    }
    #[getter]
    fn merged_object_ids(slf: &Bound<'_, Self>) -> Option<Vec<i64>> {
        inner(slf).merged_object_ids.clone()
    }
    #[getter]
    fn new_object_id(slf: &Bound<'_, Self>) -> Option<i64> {
        inner(slf).new_object_id
    }
    #[getter]
    fn number_of_properties_moved(slf: &Bound<'_, Self>) -> Option<i64> {
        inner(slf).number_of_properties_moved
    }
}

/// `conversation.newMessage`: a message was added to a thread.
#[pyclass(frozen, extends = Event, module = "hubspot_webhooks")]
#[derive(Debug)]
pub struct NewMessageEvent;

#[pymethods]
impl NewMessageEvent {
    #[getter]
    fn message_id<'a>(slf: &'a Bound<'_, Self>) -> Option<&'a str> {
        inner(slf).message_id.as_deref()
    }
    /// `"MESSAGE"`, `"COMMENT"`, `"WELCOME_MESSAGE"` or the value as sent.
    #[getter]
    fn message_type<'a>(slf: &'a Bound<'_, Self>) -> Option<&'a str> {
        inner(slf).message_type.as_ref().map(hw::MessageType::as_str)
    }
}

/// The Python object of event `index` of `batch`, of the class its kind calls for.
fn event_object(py: Python<'_>, batch: &Shared, index: usize) -> PyResult<Py<PyAny>> {
    use hw::Action;
    let Some(event) = batch.get(index) else {
        return Err(PyIndexError::new_err("event index out of range"));
    };
    let conversation = event.object_type == hw::ObjectType::Conversation;
    let base = PyClassInitializer::from(Event {
        batch: Arc::clone(batch),
        index,
    });
    let obj = match event.action {
        Action::Creation => Bound::new(py, base.add_subclass(CreationEvent))?.into_any(),
        Action::Deletion => Bound::new(py, base.add_subclass(DeletionEvent))?.into_any(),
        Action::Restore => Bound::new(py, base.add_subclass(RestoreEvent))?.into_any(),
        Action::PrivacyDeletion => Bound::new(py, base.add_subclass(PrivacyDeletionEvent))?.into_any(),
        Action::PropertyChange if conversation => Bound::new(
            py,
            base.add_subclass(PropertyChangeEvent)
                .add_subclass(ConversationPropertyChangeEvent),
        )?
        .into_any(),
        Action::PropertyChange => Bound::new(py, base.add_subclass(PropertyChangeEvent))?.into_any(),
        Action::AssociationChange => Bound::new(py, base.add_subclass(AssociationChangeEvent))?.into_any(),
        Action::Merge => Bound::new(py, base.add_subclass(MergeEvent))?.into_any(),
        Action::NewMessage => Bound::new(py, base.add_subclass(NewMessageEvent))?.into_any(),
        _ => Bound::new(py, base)?.into_any(),
    };
    Ok(obj.unbind())
}

/// The events of a batch: a read-only sequence that makes each event's Python object when it is
/// first read and keeps it (so `events[0] is events[0]`). It behaves like a list for reading:
/// `len`, indexing (negative too), slicing (gives a `list`), iteration, `in`, `index`, `count`,
/// `reversed`, `+` with lists, and `==` with lists and other `EventList`s.
#[pyclass(frozen, sequence, module = "hubspot_webhooks")]
pub struct EventList {
    batch: Shared,
    objects: Box<[PyOnceLock<Py<PyAny>>]>,
}

impl std::fmt::Debug for EventList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventList").field("len", &self.batch.len()).finish()
    }
}

impl EventList {
    fn new(events: Vec<hw::Event>) -> Self {
        let objects = std::iter::repeat_with(PyOnceLock::new).take(events.len()).collect();
        EventList {
            batch: Arc::new(events),
            objects,
        }
    }

    /// The object of event `index` (`0 <= index < len`), made on first use.
    fn get<'py>(&self, py: Python<'py>, index: usize) -> PyResult<Bound<'py, PyAny>> {
        let Some(slot) = self.objects.get(index) else {
            return Err(PyIndexError::new_err("event index out of range"));
        };
        Ok(slot
            .get_or_try_init(py, || event_object(py, &self.batch, index))?
            .bind(py)
            .clone())
    }

    fn to_list<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let items = (0..self.batch.len())
            .map(|i| self.get(py, i))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }

    /// A list of the other operand of `==` or `+`, if it is a list or an `EventList`.
    fn other_list<'py>(other: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyList>>> {
        if let Ok(list) = other.cast::<PyList>() {
            return Ok(Some(list.clone()));
        }
        if let Ok(events) = other.cast::<EventList>() {
            return events.get().to_list(other.py()).map(Some);
        }
        Ok(None)
    }
}

#[pymethods]
impl EventList {
    fn __len__(&self) -> usize {
        self.batch.len()
    }

    fn __getitem__<'py>(&self, py: Python<'py>, key: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let len = self.batch.len();
        if let Ok(slice) = key.cast::<PySlice>() {
            let ix = slice.indices(isize::try_from(len).unwrap_or(isize::MAX))?;
            let mut items = Vec::with_capacity(ix.slicelength);
            let mut at = ix.start;
            for _ in 0..ix.slicelength {
                items.push(self.get(py, usize::try_from(at).unwrap_or(usize::MAX))?);
                at += ix.step;
            }
            return Ok(PyList::new(py, items)?.into_any());
        }
        let index: isize = match key.extract() {
            Ok(index) => index,
            Err(_) if key.hasattr("__index__")? => {
                return Err(PyIndexError::new_err("event index out of range"));
            }
            Err(_) => {
                return Err(PyTypeError::new_err(format!(
                    "event indices must be integers or slices, not {}",
                    type_name(key)
                )));
            }
        };
        let at = if index < 0 {
            index.checked_add_unsigned(len)
        } else {
            Some(index)
        };
        match at.and_then(|i| usize::try_from(i).ok()) {
            Some(i) if i < len => self.get(py, i),
            _ => Err(PyIndexError::new_err("event index out of range")),
        }
    }

    fn __iter__(slf: &Bound<'_, Self>) -> EventIterator {
        EventIterator {
            events: slf.clone().unbind(),
            next: AtomicUsize::new(0),
        }
    }

    fn __contains__(&self, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<bool> {
        for i in 0..self.batch.len() {
            if self.get(py, i)?.eq(value)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The position of the first event equal to `value` (`ValueError` if none is).
    fn index(&self, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<usize> {
        for i in 0..self.batch.len() {
            if self.get(py, i)?.eq(value)? {
                return Ok(i);
            }
        }
        Err(pyo3::exceptions::PyValueError::new_err("the event is not in the list"))
    }

    /// How many events equal `value`.
    fn count(&self, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<usize> {
        let mut n = 0;
        for i in 0..self.batch.len() {
            if self.get(py, i)?.eq(value)? {
                n += 1;
            }
        }
        Ok(n)
    }

    fn __eq__<'py>(slf: &Bound<'py, Self>, other: &Bound<'py, PyAny>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        if slf.as_any().is(other) {
            return Ok(true.into_pyobject(py)?.to_owned().into_any().unbind());
        }
        match Self::other_list(other)? {
            Some(list) => Ok(slf
                .get()
                .to_list(py)?
                .eq(list)?
                .into_pyobject(py)?
                .to_owned()
                .into_any()
                .unbind()),
            None => Ok(py.NotImplemented()),
        }
    }

    fn __add__<'py>(&self, py: Python<'py>, other: &Bound<'py, PyAny>) -> PyResult<Py<PyAny>> {
        match Self::other_list(other)? {
            Some(list) => Ok(self.to_list(py)?.add(list)?.unbind()),
            None => Ok(py.NotImplemented()),
        }
    }

    fn __radd__<'py>(&self, py: Python<'py>, other: &Bound<'py, PyAny>) -> PyResult<Py<PyAny>> {
        match Self::other_list(other)? {
            Some(list) => Ok(list.add(self.to_list(py)?)?.unbind()),
            None => Ok(py.NotImplemented()),
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(self.to_list(py)?.repr()?.to_string())
    }
}

/// Iterates an `EventList`, making each event's object as it is reached.
#[pyclass(frozen, module = "hubspot_webhooks")]
#[derive(Debug)]
pub struct EventIterator {
    events: Py<EventList>,
    next: AtomicUsize,
}

#[pymethods]
impl EventIterator {
    fn __iter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let events = self.events.get();
        let at = self.next.fetch_add(1, Ordering::Relaxed);
        if at >= events.batch.len() {
            self.next.store(events.batch.len(), Ordering::Relaxed);
            return Ok(None);
        }
        events.get(py, at).map(Some)
    }

    fn __length_hint__(&self) -> usize {
        self.events
            .get()
            .batch
            .len()
            .saturating_sub(self.next.load(Ordering::Relaxed))
    }
}

/// An event that partial parsing could not type: its index, error and original JSON.
#[pyclass(frozen, module = "hubspot_webhooks")]
#[derive(Debug)]
pub struct RejectedEvent {
    #[pyo3(get)]
    index: usize,
    #[pyo3(get)]
    error: Py<PyAny>,
    raw: String,
}

#[pymethods]
impl RejectedEvent {
    /// The event's JSON text exactly as it stood in the body.
    fn raw_json(&self) -> &str {
        &self.raw
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        let error = self
            .error
            .bind(py)
            .str()
            .map_or_else(|_| "?".to_owned(), |s| s.to_string());
        format!("RejectedEvent(index={}, error={})", self.index, py_repr(py, &error))
    }
}

fn batch_lists(py: Python<'_>, batch: hw::Batch) -> PyResult<(Py<EventList>, Py<PyList>)> {
    let events = Py::new(py, EventList::new(batch.events))?;
    let rejected = if batch.rejected.is_empty() {
        PyList::empty(py)
    } else {
        let items = batch
            .rejected
            .into_iter()
            .map(|r| {
                Py::new(
                    py,
                    RejectedEvent {
                        index: r.index,
                        error: core_error(py, &r.error).into_value(py).into_any(),
                        raw: r.raw,
                    },
                )
            })
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)?
    };
    Ok((events, rejected.unbind()))
}

// ----------------------------------------------------------------------------------------------
// Results

/// A verified request: which signature version was checked and which secret matched.
#[pyclass(frozen, module = "hubspot_webhooks")]
#[derive(Debug)]
pub struct Verified {
    /// `"v1"`, `"v2"` or `"v3"`.
    #[pyo3(get)]
    version: &'static str,
    /// Which secret matched, from 0, in the order given.
    #[pyo3(get)]
    secret_index: usize,
}

#[pymethods]
impl Verified {
    fn __repr__(&self) -> String {
        format!(
            "Verified(version='{}', secret_index={})",
            self.version, self.secret_index
        )
    }
}

/// The events of a body (`parse_batch`); iterating it gives the events.
#[pyclass(frozen, module = "hubspot_webhooks")]
#[derive(Debug)]
pub struct Batch {
    #[pyo3(get)]
    events: Py<EventList>,
    #[pyo3(get)]
    rejected: Py<PyList>,
}

#[pymethods]
impl Batch {
    fn __len__(&self) -> usize {
        self.events.get().__len__()
    }
    fn __iter__(&self, py: Python<'_>) -> EventIterator {
        EventList::__iter__(self.events.bind(py))
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Batch(events=<{} events>, rejected=<{} rejected>)",
            self.events.get().__len__(),
            self.rejected.bind(py).len()
        )
    }
}

/// A verified request and its events; iterating it gives the events.
#[pyclass(frozen, module = "hubspot_webhooks")]
#[derive(Debug)]
pub struct VerifiedBatch {
    #[pyo3(get)]
    version: &'static str,
    #[pyo3(get)]
    secret_index: usize,
    #[pyo3(get)]
    events: Py<EventList>,
    #[pyo3(get)]
    rejected: Py<PyList>,
}

#[pymethods]
impl VerifiedBatch {
    fn __len__(&self) -> usize {
        self.events.get().__len__()
    }
    fn __iter__(&self, py: Python<'_>) -> EventIterator {
        EventList::__iter__(self.events.bind(py))
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "VerifiedBatch(version='{}', secret_index={}, events=<{} events>, rejected=<{} rejected>)",
            self.version,
            self.secret_index,
            self.events.get().__len__(),
            self.rejected.bind(py).len()
        )
    }
}

fn verified_object(py: Python<'_>, verified: hw::Verified) -> PyResult<Verified> {
    let _ = py;
    Ok(Verified {
        version: verified.version.as_str(),
        secret_index: verified.secret_index,
    })
}

fn verified_batch_object(py: Python<'_>, out: hw::VerifiedBatch) -> PyResult<VerifiedBatch> {
    let (events, rejected) = batch_lists(py, out.batch)?;
    Ok(VerifiedBatch {
        version: out.verified.version.as_str(),
        secret_index: out.verified.secret_index,
        events,
        rejected,
    })
}

fn batch_object(py: Python<'_>, batch: hw::Batch) -> PyResult<Batch> {
    let (events, rejected) = batch_lists(py, batch)?;
    Ok(Batch { events, rejected })
}

// ----------------------------------------------------------------------------------------------
// Functions

/// Verifies a request's HubSpot signature (v3, or v1/v2 when the request has no v3 header).
#[pyfunction]
#[pyo3(signature = (method, url, headers, body, *, secret=None, secrets=None, now_ms=None, tolerance_ms=None, max_future_ms=None, require_v3=false, max_body_bytes=None))]
#[allow(clippy::too_many_arguments)]
fn verify(
    py: Python<'_>,
    method: &Bound<'_, PyAny>,
    url: &Bound<'_, PyAny>,
    headers: Option<&Bound<'_, PyAny>>,
    body: &Bound<'_, PyAny>,
    secret: Option<&Bound<'_, PyAny>>,
    secrets: Option<&Bound<'_, PyAny>>,
    now_ms: Option<&Bound<'_, PyAny>>,
    tolerance_ms: Option<&Bound<'_, PyAny>>,
    max_future_ms: Option<&Bound<'_, PyAny>>,
    require_v3: bool,
    max_body_bytes: Option<&Bound<'_, PyAny>>,
) -> PyResult<Verified> {
    let parts = RequestParts::new(method, url, headers, body)?;
    let secrets = collect_secrets(secret, secrets)?;
    let options = options(py, tolerance_ms, max_future_ms, require_v3, max_body_bytes, false, None)?;
    let now = clock(py, now_ms)?;
    let (request, secrets) = (parts.request(), slices(&secrets));
    let result = run(py, is_large(&request), || hw::verify(&request, &secrets, now, &options));
    verified_object(py, result.map_err(|e| core_error(py, &e))?)
}

/// Verifies a request and parses its body into typed events.
#[pyfunction]
#[pyo3(signature = (method, url, headers, body, *, secret=None, secrets=None, now_ms=None, tolerance_ms=None, max_future_ms=None, require_v3=false, max_body_bytes=None, partial=false, max_events=None))]
#[allow(clippy::too_many_arguments)]
fn verify_and_parse(
    py: Python<'_>,
    method: &Bound<'_, PyAny>,
    url: &Bound<'_, PyAny>,
    headers: Option<&Bound<'_, PyAny>>,
    body: &Bound<'_, PyAny>,
    secret: Option<&Bound<'_, PyAny>>,
    secrets: Option<&Bound<'_, PyAny>>,
    now_ms: Option<&Bound<'_, PyAny>>,
    tolerance_ms: Option<&Bound<'_, PyAny>>,
    max_future_ms: Option<&Bound<'_, PyAny>>,
    require_v3: bool,
    max_body_bytes: Option<&Bound<'_, PyAny>>,
    partial: bool,
    max_events: Option<&Bound<'_, PyAny>>,
) -> PyResult<VerifiedBatch> {
    let parts = RequestParts::new(method, url, headers, body)?;
    let secrets = collect_secrets(secret, secrets)?;
    let options = options(
        py,
        tolerance_ms,
        max_future_ms,
        require_v3,
        max_body_bytes,
        partial,
        max_events,
    )?;
    let now = clock(py, now_ms)?;
    let (request, secrets) = (parts.request(), slices(&secrets));
    let result = run(py, is_large(&request), || {
        hw::verify_and_parse(&request, &secrets, now, &options)
    });
    verified_batch_object(py, result.map_err(|e| core_error(py, &e))?)
}

/// Parses a body into typed events, without any signature check.
#[pyfunction]
#[pyo3(signature = (body, *, partial=false, max_body_bytes=None, max_events=None))]
fn parse_batch(
    py: Python<'_>,
    body: &Bound<'_, PyAny>,
    partial: bool,
    max_body_bytes: Option<&Bound<'_, PyAny>>,
    max_events: Option<&Bound<'_, PyAny>>,
) -> PyResult<Batch> {
    let body = body_bytes(body)?;
    let options = options(py, None, None, false, max_body_bytes, partial, max_events)?;
    let body = body.as_slice();
    let result = run(py, body.len() >= DETACH_FROM_BYTES, || hw::parse_batch(body, &options));
    batch_object(py, result.map_err(|e| core_error(py, &e))?)
}

/// The v1 signature of a body: lower-case hex SHA-256 of secret and body.
#[pyfunction]
fn sign_v1(secret: &Bound<'_, PyAny>, body: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(hw::sign_v1(
        text_bytes(secret, "secret")?.as_slice(),
        body_bytes(body)?.as_slice(),
    ))
}

/// The v2 signature: lower-case hex SHA-256 of secret, method, URL and body.
#[pyfunction]
fn sign_v2(
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

/// The timestamp text of a v3 signature: an `int` (its decimal text), or the header's `str` or
/// `bytes` as sent.
fn timestamp_text<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Held<'py>> {
    if obj.is_instance_of::<pyo3::types::PyBool>() {
        return Err(PyTypeError::new_err("timestamp must be an int, str or bytes, not bool"));
    }
    if obj.is_instance_of::<pyo3::types::PyInt>() {
        return text_bytes(obj.str()?.as_any(), "timestamp");
    }
    if obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyBytes>() {
        return text_bytes(obj, "timestamp");
    }
    Err(PyTypeError::new_err(format!(
        "timestamp must be an int, str or bytes, not {}",
        type_name(obj)
    )))
}

/// The v3 signature: base64 HMAC-SHA256 of method, URL, body and timestamp, keyed with the secret.
#[pyfunction]
fn sign_v3(
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
fn signed_headers<'py>(
    py: Python<'py>,
    secret: &Bound<'py, PyAny>,
    url: &Bound<'py, PyAny>,
    body: &Bound<'py, PyAny>,
    method: Option<&Bound<'py, PyAny>>,
    timestamp_ms: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    let method = match method {
        Some(m) if !m.is_none() => text_bytes(m, "method")?,
        _ => Held::Static(b"POST"),
    };
    let timestamp = clock(py, timestamp_ms)?;
    let headers = hw::signed_headers(
        text_bytes(secret, "secret")?.as_slice(),
        method.as_slice(),
        text_bytes(url, "url")?.as_slice(),
        body_bytes(body)?.as_slice(),
        timestamp,
    );
    let out = PyDict::new(py);
    for (name, value) in headers {
        out.set_item(name, value)?;
    }
    Ok(out)
}

/// Every error code of the core with its family, e.g. `("signature_mismatch", "signature")`.
#[pyfunction]
fn error_codes() -> Vec<(&'static str, &'static str)> {
    hw::ErrorCode::ALL.iter().map(|c| (c.as_str(), c.family())).collect()
}

// ----------------------------------------------------------------------------------------------
// Verifier

/// Client secrets and options, made once and shared; safe to use from several threads.
#[pyclass(frozen, module = "hubspot_webhooks")]
#[derive(Debug)]
pub struct Verifier {
    inner: hw::Verifier,
}

#[pymethods]
impl Verifier {
    #[new]
    #[pyo3(signature = (secret=None, *, secrets=None, tolerance_ms=None, max_future_ms=None, require_v3=false, max_body_bytes=None, partial=false, max_events=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        secret: Option<&Bound<'_, PyAny>>,
        secrets: Option<&Bound<'_, PyAny>>,
        tolerance_ms: Option<&Bound<'_, PyAny>>,
        max_future_ms: Option<&Bound<'_, PyAny>>,
        require_v3: bool,
        max_body_bytes: Option<&Bound<'_, PyAny>>,
        partial: bool,
        max_events: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let secrets = collect_secrets(secret, secrets)?;
        let options = options(
            py,
            tolerance_ms,
            max_future_ms,
            require_v3,
            max_body_bytes,
            partial,
            max_events,
        )?;
        let inner = hw::Verifier::new(&slices(&secrets), options).map_err(|e| core_error(py, &e))?;
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
        let now = clock(py, now_ms)?;
        let request = parts.request();
        let result = run(py, is_large(&request), || self.inner.verify(&request, now));
        verified_object(py, result.map_err(|e| core_error(py, &e))?)
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
    ) -> PyResult<VerifiedBatch> {
        let parts = RequestParts::new(method, url, headers, body)?;
        let now = clock(py, now_ms)?;
        let request = parts.request();
        let result = run(py, is_large(&request), || self.inner.verify_and_parse(&request, now));
        verified_batch_object(py, result.map_err(|e| core_error(py, &e))?)
    }

    /// Parses a body with this verifier's options, without a signature check.
    fn parse(&self, py: Python<'_>, body: &Bound<'_, PyAny>) -> PyResult<Batch> {
        let body = body_bytes(body)?;
        let body = body.as_slice();
        let result = run(py, body.len() >= DETACH_FROM_BYTES, || self.inner.parse(body));
        batch_object(py, result.map_err(|e| core_error(py, &e))?)
    }

    #[getter]
    fn secret_count(&self) -> usize {
        self.inner.secret_count()
    }
    #[getter]
    fn tolerance_ms(&self) -> u64 {
        self.inner.options().tolerance_ms
    }
    #[getter]
    fn max_future_ms(&self) -> u64 {
        self.inner.options().max_future_ms
    }
    #[getter]
    fn require_v3(&self) -> bool {
        self.inner.options().require_v3
    }
    #[getter]
    fn max_body_bytes(&self) -> usize {
        self.inner.options().max_body_bytes
    }
    #[getter]
    fn partial(&self) -> bool {
        self.inner.options().partial
    }
    #[getter]
    fn max_events(&self) -> usize {
        self.inner.options().max_events
    }

    fn __repr__(&self) -> String {
        let o = self.inner.options();
        format!(
            "Verifier(secrets=[redacted; {}], tolerance_ms={}, max_future_ms={}, require_v3={}, max_body_bytes={}, partial={}, max_events={})",
            self.inner.secret_count(),
            o.tolerance_ms,
            o.max_future_ms,
            if o.require_v3 { "True" } else { "False" },
            o.max_body_bytes,
            if o.partial { "True" } else { "False" },
            o.max_events
        )
    }
}

// ----------------------------------------------------------------------------------------------
// Module

#[pymodule]
#[pyo3(name = "_native")]
fn native_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(verify, m)?)?;
    m.add_function(wrap_pyfunction!(verify_and_parse, m)?)?;
    m.add_function(wrap_pyfunction!(parse_batch, m)?)?;
    m.add_function(wrap_pyfunction!(sign_v1, m)?)?;
    m.add_function(wrap_pyfunction!(sign_v2, m)?)?;
    m.add_function(wrap_pyfunction!(sign_v3, m)?)?;
    m.add_function(wrap_pyfunction!(signed_headers, m)?)?;
    m.add_function(wrap_pyfunction!(error_codes, m)?)?;
    m.add_class::<Verifier>()?;
    m.add_class::<Verified>()?;
    m.add_class::<VerifiedBatch>()?;
    m.add_class::<Batch>()?;
    m.add_class::<RejectedEvent>()?;
    m.add_class::<EventList>()?;
    m.add_class::<EventIterator>()?;
    m.add_class::<Event>()?;
    m.add_class::<CreationEvent>()?;
    m.add_class::<DeletionEvent>()?;
    m.add_class::<RestoreEvent>()?;
    m.add_class::<PrivacyDeletionEvent>()?;
    m.add_class::<PropertyChangeEvent>()?;
    m.add_class::<ConversationPropertyChangeEvent>()?;
    m.add_class::<AssociationChangeEvent>()?;
    m.add_class::<MergeEvent>()?;
    m.add_class::<NewMessageEvent>()?;
    m.add("DEFAULT_TOLERANCE_MS", hw::DEFAULT_TOLERANCE_MS)?;
    m.add("DEFAULT_MAX_FUTURE_MS", hw::DEFAULT_MAX_FUTURE_MS)?;
    m.add("DEFAULT_MAX_BODY_BYTES", hw::DEFAULT_MAX_BODY_BYTES)?;
    m.add("DEFAULT_MAX_EVENTS", hw::DEFAULT_MAX_EVENTS)?;
    Ok(())
}
