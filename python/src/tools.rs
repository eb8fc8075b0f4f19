//! Receiving and testing helpers: router patterns (core's `check_pattern`, `pattern_matches`,
//! `channel_pattern_matches`), the diagnosis of a failed signature (core's `diagnose`) and
//! sample deliveries (core's `fixtures`).

use hubspot_webhooks::{self as hw, fixtures};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::arguments::{
    clock, collect_secrets, options_from, request_functions, set_options, slices, text_str, with_request, wrong_type,
};
use crate::delivery::ChannelEventCore;
use crate::errors::{diagnosis_object, OrRaise};
use crate::events::Event;

/// Checks a router pattern; raises `UsageError` (`invalid_argument`) with core's message,
/// which suggests the known name for a typo (`contact.creaton`).
#[pyfunction]
pub(crate) fn check_pattern(py: Python<'_>, pattern: &Bound<'_, PyAny>) -> PyResult<()> {
    hw::check_pattern(&text_str(pattern, "pattern")?).or_raise(py)
}

/// For each pattern, whether it matches `event`: an `Event` of a batch, or the core of a
/// Custom Channels event (`ChannelEvent._core`).
#[pyfunction]
pub(crate) fn pattern_flags(patterns: Vec<String>, event: &Bound<'_, PyAny>) -> PyResult<Vec<bool>> {
    if let Ok(event) = event.cast::<Event>() {
        let event = event.get().inner();
        return Ok(patterns.iter().map(|p| hw::pattern_matches(p, event)).collect());
    }
    if let Ok(core) = event.cast::<ChannelEventCore>() {
        let event = &core.get().event;
        return Ok(patterns.iter().map(|p| hw::channel_pattern_matches(p, event)).collect());
    }
    Err(wrong_type("event", "an Event or a ChannelEvent of a delivery", event))
}

request_functions! {
    /// Diagnoses a request: the verdict, and after a signature or timestamp failure which likely
    /// deformation of the request (a proxy's URL, a re-serialised body, a clock in seconds, ...)
    /// would have matched. Advice only; bounded; never shows a secret or a signature.
    fn diagnose(py, method, url, headers, body, secret, secrets, now_ms, options) -> Py<PyAny> {
        let secrets = collect_secrets(secret, secrets)?;
        let (secrets, options) = (slices(&secrets), options_from(options)?);
        let diagnose = |r: &hw::Request<'_>, now| Ok(hw::diagnose(r, &secrets, now, &options));
        diagnosis_object(py, &with_request(py, method, url, headers, body, now_ms, diagnose)?)
    }
}

/// Every type `fixture_delivery` makes (core's `fixture_types`).
#[pyfunction]
pub(crate) fn fixture_types() -> Vec<&'static str> {
    fixtures::fixture_types().collect()
}

/// A fixture as Python gets it: method, URL, headers, body.
type FixtureParts = (String, String, Vec<(String, String)>, String);

/// A delivery of events of `types`, signed as HubSpot signs it (core's `fixtures::delivery`):
/// `(method, url, headers, body)`. Options by keyword (core's `FIXTURE_OPTIONS`) over core's
/// defaults; `None` keeps one.
#[pyfunction]
#[pyo3(signature = (types, *, secret, now_ms=None, **options))]
pub(crate) fn fixture_delivery(
    py: Python<'_>,
    types: Vec<Bound<'_, PyAny>>,
    secret: &Bound<'_, PyAny>,
    now_ms: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<FixtureParts> {
    let mut fx = fixtures::FixtureOptions::new(&text_str(secret, "secret")?, clock(now_ms, "now_ms")?);
    set_options(options, &fixtures::FIXTURE_OPTIONS, true, |name, value| {
        fx.set(name, value)
    })?;
    let types = types
        .iter()
        .map(|t| text_str(t, "each type"))
        .collect::<PyResult<Vec<_>>>()?;
    let types: Vec<&str> = types.iter().map(|t| t.as_ref()).collect();
    let fixture = fixtures::delivery(&types, &fx).or_raise(py)?;
    Ok((fixture.method, fixture.url, fixture.headers, fixture.body))
}
