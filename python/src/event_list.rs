//! The events of a batch as a lazy read-only sequence, and the events partial parsing rejected.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use hubspot_webhooks as hw;
use pyo3::exceptions::{PyIndexError, PyOverflowError, PyTypeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PySlice};

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
    pub(crate) fn new(events: Vec<hw::Event>) -> Self {
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
    pub(crate) fn __len__(&self) -> usize {
        self.batch.len()
    }

    fn __getitem__<'py>(&self, py: Python<'py>, key: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let len = self.batch.len();
        if let Ok(slice) = key.cast::<PySlice>() {
            let ix = slice.indices(isize::try_from(len).unwrap_or(isize::MAX))?;
            let positions = std::iter::successors(Some(ix.start), |at| Some(at + ix.step)).take(ix.slicelength);
            let items = positions.map(|at| self.get(py, usize::try_from(at).unwrap_or(usize::MAX)));
            return Ok(PyList::new(py, items.collect::<PyResult<Vec<_>>>()?)?.into_any());
        }
        let index = match key.extract::<isize>() {
            Ok(index) if index < 0 => index.checked_add_unsigned(len).unwrap_or(-1),
            Ok(index) => index,
            Err(err) if err.is_instance_of::<PyOverflowError>(py) => -1, // beyond isize: out of range
            Err(err) if key.hasattr("__index__")? => return Err(err),    // its __index__ failed
            Err(_) => {
                let kind = type_name(key);
                return Err(PyTypeError::new_err(format!(
                    "event indices must be integers or slices, not {kind}"
                )));
            }
        };
        self.get(py, usize::try_from(index).unwrap_or(usize::MAX))
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
        let len = self.events.get().batch.len();
        let at = self.next.fetch_add(1, Ordering::Relaxed);
        if at >= len {
            self.next.store(len, Ordering::Relaxed);
            return Ok(None);
        }
        self.events.get().get(py, at).map(Some)
    }

    fn __length_hint__(&self) -> usize {
        let len = self.events.get().batch.len();
        len.saturating_sub(self.next.load(Ordering::Relaxed))
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
    let items = rejected.into_iter().map(|r| {
        let error = core_error(py, &r.error).into_value(py).into_any();
        Py::new(
            py,
            RejectedEvent {
                index: r.index,
                error,
                raw: r.raw,
            },
        )
    });
    Ok(PyList::new(py, items.collect::<PyResult<Vec<_>>>()?)?.unbind())
}
