//! The events of a batch as a lazy read-only sequence, the events partial parsing rejected, and
//! the results that carry them (`Batch`, `VerifiedBatch`, `Verified`).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use hubspot_webhooks as hw;
use pyo3::exceptions::{PyIndexError, PyTypeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PySlice};
use pyo3::PyClassInitializer;

use crate::errors::{core_error, py_repr, type_name};
use crate::events::{event_object, Shared};

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

    pub(crate) fn __iter__(slf: &Bound<'_, Self>) -> EventIterator {
        EventIterator {
            events: slf.clone().unbind(),
            next: AtomicUsize::new(0),
        }
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

/// The events partial parsing rejected, as a list of `RejectedEvent`.
pub(crate) fn rejected_list(py: Python<'_>, rejected: Vec<hw::RejectedEvent>) -> PyResult<Py<PyList>> {
    let items = rejected
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
    Ok(PyList::new(py, items)?.unbind())
}

/// An empty `EventList` (the events of a Custom Channels delivery).
pub(crate) fn no_events(py: Python<'_>) -> PyResult<Py<EventList>> {
    Py::new(py, EventList::new(Vec::new()))
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
#[pyclass(frozen, subclass, module = "hubspot_webhooks")]
#[derive(Debug)]
pub struct Batch {
    #[pyo3(get)]
    events: Py<EventList>,
    #[pyo3(get)]
    rejected: Py<PyList>,
}

impl Batch {
    fn counts(&self, py: Python<'_>) -> String {
        format!(
            "events=<{} events>, rejected=<{} rejected>",
            self.events.get().__len__(),
            self.rejected.bind(py).len()
        )
    }
}

#[pymethods]
impl Batch {
    /// `"batch"`: a Webhooks API batch (a Custom Channels delivery says `"channel"`).
    #[classattr]
    fn kind() -> &'static str {
        hw::DeliveryKind::Batch.as_str()
    }
    fn __len__(&self) -> usize {
        self.events.get().__len__()
    }
    fn __iter__(&self, py: Python<'_>) -> EventIterator {
        EventList::__iter__(self.events.bind(py))
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!("Batch({})", self.counts(py))
    }
}

/// A verified request and its events: a `Batch` with the signature version checked and the
/// secret that matched.
#[pyclass(frozen, extends = Batch, module = "hubspot_webhooks")]
#[derive(Debug)]
pub struct VerifiedBatch {
    #[pyo3(get)]
    version: &'static str,
    #[pyo3(get)]
    secret_index: usize,
}

#[pymethods]
impl VerifiedBatch {
    fn __repr__(slf: &Bound<'_, Self>) -> String {
        let this = slf.get();
        format!(
            "VerifiedBatch(version='{}', secret_index={}, {})",
            this.version,
            this.secret_index,
            slf.as_super().get().counts(slf.py())
        )
    }
}

impl From<hw::Verified> for Verified {
    fn from(verified: hw::Verified) -> Self {
        Verified {
            version: verified.version.as_str(),
            secret_index: verified.secret_index,
        }
    }
}

pub(crate) fn verified_batch_object(py: Python<'_>, verified: hw::Verified, batch: hw::Batch) -> PyResult<Py<PyAny>> {
    let verified = VerifiedBatch {
        version: verified.version.as_str(),
        secret_index: verified.secret_index,
    };
    let init = PyClassInitializer::from(batch_object(py, batch)?).add_subclass(verified);
    Ok(Py::new(py, init)?.into_any())
}

pub(crate) fn batch_object(py: Python<'_>, batch: hw::Batch) -> PyResult<Batch> {
    Ok(Batch {
        events: Py::new(py, EventList::new(batch.events))?,
        rejected: rejected_list(py, batch.rejected)?,
    })
}
