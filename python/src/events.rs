//! Events: frozen classes over a batch's core events. The class of an event says what happened;
//! its typed attributes are core's field table (`FIELDS`), one read-only descriptor per field,
//! converted on access: a batch of 100 events costs 100 object allocations and no per-field work
//! until the application reads a field.

use std::sync::Arc;

use hubspot_webhooks as hw;
use pyo3::exceptions::{PyAttributeError, PyIndexError, PyTypeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PyTuple};
use pyo3::{IntoPyObjectExt, PyClassInitializer};

use crate::errors::{py_repr, type_name, OrRaise};

/// A batch's core events, shared by its `EventList` and every event object made from it.
pub(crate) type Shared = Arc<Vec<hw::Event>>;

static EXACT_OBJECT: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

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
    pub(crate) fn inner(&self) -> &hw::Event {
        &self.batch[self.index]
    }
}

/// A dict of an event's JSON members, each value its exact JSON text read by Python's `json`
/// (integers exact; a float that does not round-trip as a `decimal.Decimal`).
pub(crate) fn exact_object<'py>(
    py: Python<'py>,
    members: hw::Result<Vec<(String, hw::Text)>>,
) -> PyResult<Bound<'py, PyAny>> {
    let members = members.or_raise(py)?;
    let pairs = PyList::new(py, members.iter().map(|(key, text)| (key.as_str(), text.as_str())))?;
    EXACT_OBJECT
        .import(py, "hubspot_webhooks._exact", "object_of")?
        .call1((pairs,))
}

/// A field's value as a Python object: `str`, exact `int`, `bool` or `list` of `int`;
/// `propertyValue` as its string view (JSON text for a non-string value).
fn field_object(py: Python<'_>, value: hw::FieldValue<'_>) -> PyResult<Py<PyAny>> {
    match value {
        hw::FieldValue::Int(n) => n.into_py_any(py),
        hw::FieldValue::Bool(b) => b.into_py_any(py),
        hw::FieldValue::IntList(list) => list.into_py_any(py),
        other => match other.as_str() {
            Some(text) => text.into_py_any(py),
            None => Err(PyTypeError::new_err(format!(
                "a field of kind {} has no Python form yet",
                other.kind().as_str()
            ))),
        },
    }
}

/// `__get__` of a read-only attribute descriptor: `read` of the instance, or the descriptor
/// itself when it is read on the class.
pub(crate) fn descriptor_get<D>(
    descriptor: &Bound<'_, D>,
    obj: Option<&Bound<'_, PyAny>>,
    read: impl FnOnce(&Bound<'_, PyAny>) -> PyResult<Py<PyAny>>,
) -> PyResult<Py<PyAny>> {
    match obj.filter(|o| !o.is_none()) {
        Some(obj) => read(obj),
        None => Ok(descriptor.clone().into_any().unbind()),
    }
}

/// `__set__` of a read-only attribute descriptor.
pub(crate) fn read_only(name: &str) -> PyResult<()> {
    Err(PyAttributeError::new_err(format!("{name} is read-only")))
}

/// One typed field of core's table (`FIELDS`): a read-only attribute of the event classes that
/// carry it.
#[pyclass(frozen, module = "hubspot_webhooks")]
#[derive(Debug)]
pub struct Field {
    id: hw::FieldId,
}

#[pymethods]
impl Field {
    fn __get__(
        slf: &Bound<'_, Self>,
        obj: Option<&Bound<'_, PyAny>>,
        _owner: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        descriptor_get(slf, obj, |obj| {
            match obj.cast::<Event>()?.get().inner().field(slf.get().id) {
                Some(value) => field_object(obj.py(), value),
                None => Ok(obj.py().None()),
            }
        })
    }
    fn __set__(&self, _obj: &Bound<'_, PyAny>, _value: &Bound<'_, PyAny>) -> PyResult<()> {
        read_only(self.id.spec().name)
    }
    /// HubSpot's JSON name, e.g. `"objectId"`.
    #[getter]
    fn json(&self) -> &'static str {
        self.id.spec().json
    }
    #[getter]
    fn __doc__(&self) -> &'static str {
        self.id.spec().doc
    }
    fn __repr__(&self) -> String {
        let spec = self.id.spec();
        format!("<field {} ({}, {})>", spec.name, spec.json, spec.kind.as_str())
    }
}

#[pymethods]
impl Event {
    #[classattr]
    fn __match_args__() -> (&'static str, &'static str) {
        ("object_type", "action")
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
    /// For `conversation.*` events, the thread id (`objectId`); `None` for other events.
    #[getter]
    fn thread_id(&self) -> Option<i64> {
        self.inner().conversation().and_then(|c| c.thread_id)
    }

    /// The event's JSON text exactly as it stood in the request body.
    fn raw_json(&self) -> &str {
        self.inner().raw_json()
    }
    /// Every member of the event's JSON object under HubSpot's own names, values exact.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        exact_object(py, self.inner().json_fields())
    }
    /// The members this library does not type, values exact.
    fn unknown_fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        exact_object(py, self.inner().unknown_fields())
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
        let object_id = e.object_id.map_or_else(|| "None".to_owned(), |v| v.to_string());
        format!(
            "{}(subscription_type={}, event_id={}, portal_id={}, object_id={object_id}, occurred_at={})",
            type_name(slf.as_any()),
            py_repr(slf.py(), &e.subscription_type),
            e.event_id,
            e.portal_id,
            e.occurred_at
        )
    }
}

/// Declares the event subclasses, one per action of core's `Action` (exported in `lib.rs`), and
/// `event_object`, which makes the Python object of an event with the class of its action.
macro_rules! event_classes {
    ($($(#[doc = $doc:literal])* $class:ident: $action:ident, $($flag:ident)?;)*) => {
        $(
            $(#[doc = $doc])*
            #[pyclass(frozen, extends = Event, $($flag,)? module = "hubspot_webhooks")]
            #[derive(Debug)]
            pub struct $class;
        )*

        /// The Python object of event `index` of `batch`, of the class its kind calls for.
        pub(crate) fn event_object(py: Python<'_>, batch: &Shared, index: usize) -> PyResult<Py<PyAny>> {
            let Some(event) = batch.get(index) else {
                return Err(PyIndexError::new_err("event index out of range"));
            };
            let base = PyClassInitializer::from(Event { batch: Arc::clone(batch), index });
            let obj = match event.action {
                hw::Action::PropertyChange if event.object_type == hw::ObjectType::Conversation => {
                    let class = base.add_subclass(PropertyChangeEvent).add_subclass(ConversationPropertyChangeEvent);
                    Bound::new(py, class)?.into_any()
                }
                $(hw::Action::$action => Bound::new(py, base.add_subclass($class))?.into_any(),)*
                _ => Bound::new(py, base)?.into_any(),
            };
            Ok(obj.unbind())
        }
    };
}

event_classes! {
    /// `*.creation`: a record was created (for conversations: a new thread).
    CreationEvent: Creation,;
    /// `*.deletion`: a record was deleted (for conversations: the thread was archived).
    DeletionEvent: Deletion,;
    /// `*.restore`: a deleted record was restored.
    RestoreEvent: Restore,;
    /// `*.privacyDeletion`: a record was permanently deleted for privacy compliance.
    PrivacyDeletionEvent: PrivacyDeletion,;
    /// `*.propertyChange`: a property of a record changed.
    PropertyChangeEvent: PropertyChange, subclass;
    /// `*.associationChange`: an association between two records was added or removed.
    AssociationChangeEvent: AssociationChange,;
    /// `*.merge`: records were merged.
    MergeEvent: Merge,;
    /// `conversation.newMessage`: a message was added to a thread.
    NewMessageEvent: NewMessage,;
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
        conversation_change(slf)?.assignee()
    }
    /// For `status` changes: `"OPEN"`, `"CLOSED"` or the value as sent.
    #[getter]
    fn status(slf: &Bound<'_, Self>) -> Option<String> {
        conversation_change(slf)?.status().map(|s| s.as_str().to_owned())
    }
    /// For `isArchived` changes: the new value.
    #[getter]
    fn archived(slf: &Bound<'_, Self>) -> Option<bool> {
        conversation_change(slf)?.archived()
    }
}

/// Gives `Event` a `Field` attribute for every field of core's table (every event answers every
/// field: `None` when absent, so a field sent where HubSpot's docs do not list it is still typed;
/// a legacy name is read as its target), and adds the table itself as `FIELDS`: `(name, json,
/// kind, required, alias_of, carried_by, doc)` per field, in table order.
pub(crate) fn add_fields(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    for spec in hw::FIELDS.iter().filter(|spec| spec.alias_of.is_none()) {
        py.get_type::<Event>().setattr(spec.name, Field { id: spec.id })?;
    }
    let table = hw::FIELDS.iter().map(|s| {
        let alias_of = s.alias_of.map(|id| id.spec().name);
        (
            s.name,
            s.json,
            s.kind.as_str(),
            s.required,
            alias_of,
            s.carried_by,
            s.doc,
        )
    });
    m.add("FIELDS", PyTuple::new(py, table)?)
}
