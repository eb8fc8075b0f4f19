//! One delivery, two shapes (core's `Delivery`): a Webhooks API batch (`Batch`, `VerifiedBatch`)
//! or one Conversations Custom Channels event (`ChannelDelivery`, `VerifiedChannelDelivery`).
//! The Custom Channels event itself is the pure-Python `ChannelEvent` (`_channel.py`), made from
//! core's serialised form of the event and holding the core event (`ChannelEventCore`) for routing
//! and exact JSON.

use hubspot_webhooks as hw;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyList;
use pyo3::PyClassInitializer;

use crate::errors::core_error;
use crate::event_list::{batch_object, no_events, rejected_list, verified_batch_object, EventIterator, EventList};
use crate::events::exact_object;

static EVENT_FACTORY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// The core's Custom Channels event behind a `ChannelEvent` (internal).
#[pyclass(frozen, module = "hubspot_webhooks._native")]
#[derive(Debug)]
pub struct ChannelEventCore {
    pub(crate) event: hw::ChannelEvent,
}

#[pymethods]
impl ChannelEventCore {
    /// The event as core serialises it for bindings (HubSpot's names, IDs as text, times as
    /// text with a sibling `…Ms`, `dedupKey`, `rawJson`), as JSON text.
    fn serialised(&self) -> String {
        self.event.to_value().to_string()
    }
    /// Every member of the event's JSON object under HubSpot's names, values exact.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        exact_object(py, self.event.json_fields())
    }
}

/// A Custom Channels delivery (`parse_delivery`, `Verifier.parse`): one event, or with partial
/// parsing the event that could not be typed in `rejected`. `events` is empty, so code written
/// for batches runs unchanged on a shared endpoint.
#[pyclass(frozen, subclass, module = "hubspot_webhooks")]
#[derive(Debug)]
pub struct ChannelDelivery {
    #[pyo3(get)]
    events: Py<EventList>,
    #[pyo3(get)]
    rejected: Py<PyList>,
    /// The typed event; `None` only when partial parsing rejected it.
    #[pyo3(get)]
    channel_event: Option<Py<PyAny>>,
}

#[pymethods]
impl ChannelDelivery {
    /// `"channel"`: a Custom Channels event (a batch says `"batch"`).
    #[classattr]
    fn kind() -> &'static str {
        hw::DeliveryKind::Channel.as_str()
    }
    fn __len__(&self) -> usize {
        0
    }
    fn __iter__(&self, py: Python<'_>) -> EventIterator {
        EventList::__iter__(self.events.bind(py))
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!("ChannelDelivery({})", self.describe(py)?))
    }
}

impl ChannelDelivery {
    fn describe(&self, py: Python<'_>) -> PyResult<String> {
        Ok(match &self.channel_event {
            Some(event) => format!("channel_event={}", event.bind(py).repr()?),
            None => format!(
                "channel_event=None, rejected=<{} rejected>",
                self.rejected.bind(py).len()
            ),
        })
    }
}

/// A verified Custom Channels delivery: a `ChannelDelivery` with the signature version checked
/// and the secret that matched.
#[pyclass(frozen, extends = ChannelDelivery, module = "hubspot_webhooks")]
#[derive(Debug)]
pub struct VerifiedChannelDelivery {
    #[pyo3(get)]
    version: &'static str,
    #[pyo3(get)]
    secret_index: usize,
}

#[pymethods]
impl VerifiedChannelDelivery {
    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let this = slf.get();
        Ok(format!(
            "VerifiedChannelDelivery(version='{}', secret_index={}, {})",
            this.version,
            this.secret_index,
            slf.as_super().get().describe(slf.py())?
        ))
    }
}

fn channel_object(py: Python<'_>, channel: hw::ChannelDelivery) -> PyResult<ChannelDelivery> {
    let channel_event = match channel.event {
        Some(event) => {
            let factory = EVENT_FACTORY.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
                Ok(py.import("hubspot_webhooks._channel")?.getattr("event_of")?.unbind())
            })?;
            let core = Py::new(py, ChannelEventCore { event })?;
            Some(factory.bind(py).call1((core,))?.unbind())
        }
        None => None,
    };
    Ok(ChannelDelivery {
        events: no_events(py)?,
        rejected: rejected_list(py, channel.rejected.into_iter().collect())?,
        channel_event,
    })
}

/// A parsed delivery: a `Batch` or a `ChannelDelivery`.
pub(crate) fn delivery_object(py: Python<'_>, delivery: hw::Result<hw::Delivery>) -> PyResult<Py<PyAny>> {
    match delivery.map_err(|e| core_error(py, &e))? {
        hw::Delivery::Channel(channel) => Ok(Py::new(py, channel_object(py, *channel)?)?.into_any()),
        hw::Delivery::Batch(batch) => Ok(Py::new(py, batch_object(py, batch)?)?.into_any()),
        other => Err(unknown_kind(py, &other)),
    }
}

/// A verified delivery: a `VerifiedBatch` or a `VerifiedChannelDelivery`.
pub(crate) fn verified_delivery_object(py: Python<'_>, out: hw::Result<hw::VerifiedDelivery>) -> PyResult<Py<PyAny>> {
    let out = out.map_err(|e| core_error(py, &e))?;
    match out.delivery {
        hw::Delivery::Channel(channel) => {
            let verified = VerifiedChannelDelivery {
                version: out.verified.version.as_str(),
                secret_index: out.verified.secret_index,
            };
            let init = PyClassInitializer::from(channel_object(py, *channel)?).add_subclass(verified);
            Ok(Py::new(py, init)?.into_any())
        }
        hw::Delivery::Batch(batch) => verified_batch_object(py, out.verified, batch),
        other => Err(unknown_kind(py, &other)),
    }
}

/// A delivery kind core added after this binding was written (never, today).
fn unknown_kind(py: Python<'_>, delivery: &hw::Delivery) -> PyErr {
    crate::errors::code_error(
        py,
        hw::ErrorCode::InvalidBatch,
        &format!(
            "a {} delivery is not supported by this version of the Python package",
            delivery.kind().as_str()
        ),
    )
}
