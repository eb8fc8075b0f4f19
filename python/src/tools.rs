//! Receiving and testing helpers: router patterns (core's `check_pattern`, `pattern_matches`,
//! `channel_pattern_matches`), the diagnosis of a failed signature (core's `diagnose`) and
//! sample deliveries (core's `fixtures`).

use hubspot_webhooks::{self as hw, fixtures};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyString};

use crate::arguments::{clock, collect_secrets, options_from, request_functions, slices, wrong_type, RequestParts};
use crate::delivery::ChannelEventCore;
use crate::errors::{diagnosis_object, type_name, usage_error, OrRaise};
use crate::events::Event;

/// Checks a router pattern; raises `UsageError` (`invalid_argument`) with core's message,
/// which suggests the known name for a typo (`contact.creaton`).
#[pyfunction]
pub(crate) fn check_pattern(py: Python<'_>, pattern: &str) -> PyResult<()> {
    hw::check_pattern(pattern).or_raise(py)
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
        let parts = RequestParts::new(method, url, headers, body, now_ms)?;
        let secrets = collect_secrets(secret, secrets)?;
        let (secrets, options) = (slices(&secrets), options_from(options)?);
        let diagnosis = parts.run(py, |request, now| hw::diagnose(request, &secrets, now, &options));
        diagnosis_object(py, &diagnosis)
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
/// `(method, url, headers, body)`. Options by keyword over core's defaults; `None` keeps one.
#[pyfunction]
#[pyo3(signature = (types, *, secret, now_ms=None, **options))]
pub(crate) fn fixture_delivery(
    py: Python<'_>,
    types: Vec<String>,
    secret: &str,
    now_ms: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<FixtureParts> {
    let mut fx = fixtures::FixtureOptions::new(secret, clock(now_ms)?);
    for (name, value) in options.into_iter().flat_map(|d| d.iter()) {
        if !value.is_none() {
            set_fixture_option(&mut fx, &name.cast::<PyString>()?.to_cow()?, &value)?;
        }
    }
    let types: Vec<&str> = types.iter().map(String::as_str).collect();
    let fixture = fixtures::delivery(&types, &fx).or_raise(py)?;
    Ok((fixture.method, fixture.url, fixture.headers, fixture.body))
}

fn set_fixture_option(fx: &mut fixtures::FixtureOptions, name: &str, value: &Bound<'_, PyAny>) -> PyResult<()> {
    let py = value.py();
    let flag = || -> PyResult<bool> {
        value
            .cast::<PyBool>()
            .map(|b| b.is_true())
            .map_err(|_| wrong_type(name, "a bool", value))
    };
    let text = || -> PyResult<String> {
        Ok(value
            .cast::<PyString>()
            .map_err(|_| wrong_type(name, "a str", value))?
            .to_cow()?
            .into_owned())
    };
    fn number<'py, T: pyo3::conversion::FromPyObjectOwned<'py>>(name: &str, value: &Bound<'py, PyAny>) -> PyResult<T> {
        if !value.is_instance_of::<PyInt>() || value.is_instance_of::<PyBool>() {
            return Err(wrong_type(name, "an int", value));
        }
        value
            .extract::<T>()
            .map_err(|_| usage_error(value.py(), format!("{name} is out of range: {value}")))
    }
    match name {
        "url" => fx.url = text()?,
        "signature" => {
            let wanted = text()?;
            fx.signature = fixtures::FixtureSignature::from_name(&wanted).ok_or_else(|| {
                usage_error(
                    py,
                    format!("signature must be \"hubspot\", \"v1\", \"v2\", \"v3\" or \"none\", not {wanted:?}"),
                )
            })?;
        }
        "bad_signature" => fx.bad_signature = flag()?,
        "duplicate" => fx.duplicate = flag()?,
        "out_of_order" => fx.out_of_order = flag()?,
        "timestamp_offset_ms" => fx.timestamp_offset_ms = number(name, value)?,
        "events_per_type" => fx.events_per_type = number(name, value)?,
        "attempt_number" => fx.attempt_number = number(name, value)?,
        "seed" => fx.seed = number(name, value)?,
        "portal_id" => fx.portal_id = number(name, value)?,
        "app_id" => fx.app_id = number(name, value)?,
        _ => {
            return Err(usage_error(
                py,
                format!("unknown fixture option {name:?} (a {})", type_name(value)),
            ))
        }
    }
    Ok(())
}
