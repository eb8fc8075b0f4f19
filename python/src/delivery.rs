//! One delivery, two shapes (core's `Delivery`): a Webhooks API batch (`Batch`, `VerifiedBatch`)
//! or one Conversations Custom Channels event (`ChannelDelivery`, `VerifiedChannelDelivery`),
//! and `Verified`, the result of a signature check alone. The Custom Channels event itself is
//! the pure-Python `ChannelEvent` (`_channel.py`), made from core's serialised form of the event
//! and holding the core event (`ChannelEventCore`) for routing and exact JSON.

use hubspot_webhooks as hw;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyList;
use pyo3::PyClassInitializer;

use crate::errors::{code_error, core_error};
use crate::event_list::{rejected_list, EventIterator, EventList};
use crate::events::exact_object;

static EVENT_FACTORY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

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
        let (version, index) = (self.version, self.secret_index);
        format!("Verified(version='{version}', secret_index={index})")
    }
}

impl From<hw::Verified> for Verified {
    fn from(verified: hw::Verified) -> Self {
        let version = verified.version.as_str();
        Verified {
            version,
            secret_index: verified.secret_index,
        }
    }
}

/// Declares a delivery class (`kind`, `events`, `rejected`, its own fields, `len`, iteration,
/// a `repr` from its `describe`) and its verified subclass (`version`, `secret_index`).
macro_rules! delivery_classes {
    ($($(#[doc = $doc:literal])* $class:ident($kind:ident) { $($field:ident: $type:ty),* }
       $(#[doc = $verified_doc:literal])* $verified:ident;)*) => {$(
        $(#[doc = $doc])*
        #[pyclass(frozen, subclass, module = "hubspot_webhooks")]
        #[derive(Debug)]
        pub struct $class {
            #[pyo3(get)]
            events: Py<EventList>,
            #[pyo3(get)]
            rejected: Py<PyList>,
            $(#[pyo3(get)] $field: $type,)*
        }

        #[pymethods]
        impl $class {
            #[classattr]
            fn kind() -> &'static str {
                hw::DeliveryKind::$kind.as_str()
            }
            fn __len__(&self) -> usize {
                self.events.get().__len__()
            }
            fn __iter__(&self, py: Python<'_>) -> EventIterator {
                EventList::__iter__(self.events.bind(py))
            }
            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                Ok(format!("{}({})", stringify!($class), self.describe(py)?))
            }
        }

        $(#[doc = $verified_doc])*
        #[pyclass(frozen, extends = $class, module = "hubspot_webhooks")]
        #[derive(Debug)]
        pub struct $verified {
            #[pyo3(get)]
            version: &'static str,
            #[pyo3(get)]
            secret_index: usize,
        }

        #[pymethods]
        impl $verified {
            fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
                let (this, rest) = (slf.get(), slf.as_super().get().describe(slf.py())?);
                let (version, index) = (this.version, this.secret_index);
                Ok(format!("{}(version='{version}', secret_index={index}, {rest})", stringify!($verified)))
            }
        }

        impl $class {
            /// The Python object of this delivery, of the verified subclass when it was verified.
            fn into_object(self, py: Python<'_>, verified: Option<hw::Verified>) -> PyResult<Py<PyAny>> {
                let Some(verified) = verified else {
                    return Ok(Py::new(py, self)?.into_any());
                };
                let Verified { version, secret_index } = verified.into();
                let subclass = $verified { version, secret_index };
                Ok(Py::new(py, PyClassInitializer::from(self).add_subclass(subclass))?.into_any())
            }
        }
    )*};
}

delivery_classes! {
    /// The events of a body (`parse_batch`); iterating it gives the events. `kind` is `"batch"`:
    /// a Webhooks API batch (a Custom Channels delivery says `"channel"`).
    Batch(Batch) {}
    /// A verified request and its events: a `Batch` with the signature version checked and the
    /// secret that matched.
    VerifiedBatch;

    /// A Custom Channels delivery (`parse_delivery`, `Verifier.parse`; `kind` is `"channel"`):
    /// one event in `channel_event` (`None` only when partial parsing rejected it and it is in
    /// `rejected`). `events` is empty, so code written for batches runs unchanged on a shared
    /// endpoint.
    ChannelDelivery(Channel) { channel_event: Option<Py<PyAny>> }
    /// A verified Custom Channels delivery: a `ChannelDelivery` with the signature version
    /// checked and the secret that matched.
    VerifiedChannelDelivery;
}

impl Batch {
    fn describe(&self, py: Python<'_>) -> PyResult<String> {
        let (events, rejected) = (self.events.get().__len__(), self.rejected.bind(py).len());
        Ok(format!("events=<{events} events>, rejected=<{rejected} rejected>"))
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
    fn serialised(&self, py: Python<'_>) -> PyResult<String> {
        self.event.to_json().map_err(|e| core_error(py, &e))
    }
    /// Every member of the event's JSON object under HubSpot's names, values exact.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        exact_object(py, self.event.json_fields())
    }
}

pub(crate) fn batch_object(py: Python<'_>, batch: hw::Batch) -> PyResult<Batch> {
    let events = Py::new(py, EventList::new(batch.events))?;
    Ok(Batch {
        events,
        rejected: rejected_list(py, batch.rejected)?,
    })
}

fn channel_object(py: Python<'_>, channel: hw::ChannelDelivery) -> PyResult<ChannelDelivery> {
    let channel_event = match channel.event {
        Some(event) => {
            let factory = EVENT_FACTORY.import(py, "hubspot_webhooks._channel", "event_of")?;
            Some(factory.call1((ChannelEventCore { event },))?.unbind())
        }
        None => None,
    };
    let events = Py::new(py, EventList::new(Vec::new()))?;
    let rejected = rejected_list(py, channel.rejected.into_iter().collect())?;
    Ok(ChannelDelivery {
        events,
        rejected,
        channel_event,
    })
}

/// A delivery as its class (`Batch` or `ChannelDelivery`), or its verified subclass when it
/// was verified.
pub(crate) fn delivery_object(
    py: Python<'_>,
    delivery: hw::Delivery,
    verified: Option<hw::Verified>,
) -> PyResult<Py<PyAny>> {
    match delivery {
        hw::Delivery::Channel(channel) => channel_object(py, *channel)?.into_object(py, verified),
        hw::Delivery::Batch(batch) => batch_object(py, batch)?.into_object(py, verified),
        other => Err(unknown_kind(py, &other)),
    }
}

/// A delivery kind core added after this binding was written (never, today).
fn unknown_kind(py: Python<'_>, delivery: &hw::Delivery) -> PyErr {
    let kind = delivery.kind().as_str();
    let message = format!("a {kind} delivery is not supported by this version of the Python package");
    code_error(py, hw::ErrorCode::InvalidBatch, &message)
}
