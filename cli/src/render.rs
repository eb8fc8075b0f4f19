//! Events, verdicts and diagnoses as JSON and text. Fields come from core's table
//! (`Event::fields()`), Custom Channels events from their serde form: nothing is listed here.

use crate::common::out;
use hubspot_webhooks::fixtures::{fixture_types, FIXTURE_OPTIONS};
use hubspot_webhooks::{
    Delivery, DeliveryKind, Diagnosis, Error, Event, FieldValue, OptionKind, OptionSpec, VerifiedDelivery,
    CHANNEL_EVENT_TYPES, FIELDS, OPTIONS,
};
use serde_json::Value;

/// One batch event as a JSON object: every typed field it carries, by HubSpot's JSON name, in
/// the table's order; integers exact, `propertyValue` as sent.
pub fn event_json(event: &Event) -> String {
    let members: Vec<String> = event
        .fields()
        .map(|(spec, value)| format!("{}:{}", quote(spec.json), value_json(&value)))
        .collect();
    format!("{{{}}}", members.join(","))
}

fn value_json(value: &FieldValue<'_>) -> String {
    match value {
        FieldValue::Text(text) => quote(text.as_str()),
        FieldValue::Enum(text) => quote(text),
        FieldValue::Int(n) => n.to_string(),
        FieldValue::Bool(b) => b.to_string(),
        FieldValue::IntList(list) => {
            let items: Vec<String> = list.iter().map(i64::to_string).collect();
            format!("[{}]", items.join(","))
        }
        FieldValue::Value(v) => v.to_json(),
        // A kind added to core later: its string view, or null.
        other => other.as_str().map_or_else(|| "null".to_owned(), quote),
    }
}

fn quote(text: &str) -> String {
    Value::from(text).to_string()
}

/// Every event of a delivery as one JSON line each: batch events by their fields, a Custom
/// Channels event as core serialises it.
pub fn event_lines(delivery: &Delivery) -> Vec<String> {
    match delivery.channel_event() {
        Some(event) => {
            vec![serde_json::to_string(event).unwrap_or_else(|e| format!("{{\"error\":{}}}", quote(&e.to_string())))]
        }
        None => delivery.events().iter().map(event_json).collect(),
    }
}

/// The events partial parsing rejected, as JSON values.
fn rejected_json(delivery: &Delivery) -> Vec<Value> {
    delivery
        .rejected()
        .iter()
        .map(|r| {
            serde_json::json!({
                "index": r.index,
                "code": r.error.code().as_str(),
                "field": r.error.field(),
                "message": r.error.message(),
            })
        })
        .collect()
}

/// A verified delivery for `--json`: the verdict, the kind, the events and the rejected ones.
pub fn verified_json(verified: &VerifiedDelivery) -> Value {
    let events: Vec<Value> = event_lines(&verified.delivery)
        .iter()
        .map(|line| serde_json::from_str(line).unwrap_or(Value::Null))
        .collect();
    serde_json::json!({
        "verified": true,
        "version": verified.verified.version.as_str(),
        "secretIndex": verified.verified.secret_index,
        "kind": verified.delivery.kind().as_str(),
        "events": events,
        "rejected": rejected_json(&verified.delivery),
    })
}

/// A verdict line for people.
pub fn verified_text(verified: &VerifiedDelivery, secrets: usize) -> String {
    let what = match verified.delivery.channel_event() {
        Some(event) => format!("a Custom Channels event ({})", event.event_type.as_str()),
        None => format!("a batch of {} event(s)", verified.delivery.events().len()),
    };
    let rejected = match verified.delivery.rejected().len() {
        0 => String::new(),
        n => format!(", {n} rejected"),
    };
    format!(
        "verified: {} signature, secret {} of {secrets}; {what}{rejected}",
        verified.verified.version,
        verified.verified.secret_index + 1
    )
}

/// The rejected events, one line each for people.
pub fn rejected_text(delivery: &Delivery) -> Vec<String> {
    delivery
        .rejected()
        .iter()
        .map(|r| format!("rejected event {}: {}: {}", r.index, r.error.code(), r.error.message()))
        .collect()
}

/// A failed verification for `--json`.
pub fn error_json(error: &Error) -> Value {
    serde_json::json!({
        "verified": false,
        "code": error.code().as_str(),
        "status": error.http_status(),
        "message": error.message(),
        "diagnosis": error.diagnosis().map(diagnosis_json),
    })
}

pub fn diagnosis_json(diagnosis: &Diagnosis) -> Value {
    serde_json::json!({ "digests": diagnosis.digests, "findings": diagnosis.findings })
}

/// The diagnosis for people, one finding a line.
pub fn diagnosis_text(diagnosis: &Diagnosis) -> Vec<String> {
    let mut lines = vec![format!(
        "diagnosis ({} digest(s) computed): {} finding(s)",
        diagnosis.digests,
        diagnosis.findings.len()
    )];
    for finding in &diagnosis.findings {
        let how = if finding.confirmed { "confirmed" } else { "a guess" };
        lines.push(format!("  {} ({how}): {}", finding.code, finding.message));
    }
    lines
}

/// `hubspot-webhooks types`: the types core's fixtures make, with their delivery kind.
pub fn print_types(json: bool) {
    for t in fixture_types() {
        if json {
            let kind = if CHANNEL_EVENT_TYPES.contains(&t) {
                DeliveryKind::Channel
            } else {
                DeliveryKind::Batch
            };
            out!("{}", serde_json::json!({"type": t, "kind": kind.as_str()}));
        } else {
            out!("{t}");
        }
    }
}

/// `hubspot-webhooks options`: core's option table, or with `--fixtures` the fixture options'
/// (JSON lines with `--json`, which tests/typed_surfaces.py reads to check the declarations).
pub fn print_options(json: bool, fixtures: bool) {
    let table: &[OptionSpec] = if fixtures { &FIXTURE_OPTIONS } else { &OPTIONS };
    for spec in table {
        let value = match spec.kind {
            OptionKind::Bool => "true|false",
            OptionKind::Text => "text",
            _ => "number",
        };
        if json {
            let line = serde_json::json!({
                "name": spec.name,
                "camel": spec.camel,
                "kind": spec.kind.as_str(),
                "value": value,
                "doc": spec.doc,
            });
            out!("{line}");
        } else {
            out!("{}={value}\n    {}", spec.name, spec.doc);
        }
    }
}

/// `hubspot-webhooks fields`: core's schema table, one field a line (JSON lines with `--json`,
/// which tests/typed_surfaces.py reads to write the Python and TypeScript declarations).
pub fn print_fields(json: bool) {
    for spec in &FIELDS {
        let alias_of = spec.alias_of.map(|id| id.spec().json);
        if json {
            let line = serde_json::json!({
                "json": spec.json,
                "name": spec.name,
                "kind": spec.kind.as_str(),
                "required": spec.required,
                "isId": spec.is_id,
                "smallInt": spec.small_int,
                "aliasOf": alias_of,
                "carriedBy": spec.carried_by,
                "doc": spec.doc.trim(),
            });
            out!("{line}");
        } else {
            let presence = if spec.required { "required" } else { "optional" };
            let id = if spec.is_id { ", an id" } else { "" };
            let alias = alias_of
                .map(|a| format!(", the legacy name of {a}"))
                .unwrap_or_default();
            out!(
                "{} ({}, {presence}{id}{alias}), carried by {}\n    {}",
                spec.json,
                spec.kind.as_str(),
                spec.carried_by,
                spec.doc.trim()
            );
        }
    }
}
