//! The conformance runner of the Rust core: every case of `tests/vectors/*.json`, plus every
//! `*.json` directly in the folder named by `HUBSPOT_WEBHOOKS_VECTORS`, as
//! `docs/vectors.md` describes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use base64::Engine;
use hubspot_webhooks::{
    parse_delivery, verify, verify_and_parse_delivery, Batch, Delivery, DeliveryKind, Event, FieldId, FieldValue,
    OptionValue, Options, Request,
};
use serde_json::{json, Map, Value};

fn vector_files() -> Vec<PathBuf> {
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")];
    if let Some(extra) = std::env::var_os("HUBSPOT_WEBHOOKS_VECTORS") {
        dirs.push(PathBuf::from(extra));
    }
    let mut files = Vec::new();
    for dir in dirs {
        let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read vector folder {}: {e}", dir.display()))
            .map(|entry| entry.unwrap().path())
            .filter(|p| p.extension().is_some_and(|ext| ext == "json"))
            .collect();
        found.sort();
        files.extend(found);
    }
    files
}

fn options_of(case: &Value) -> Result<Options, String> {
    let mut options = Options::default();
    let Some(given) = case.get("options") else {
        return Ok(options);
    };
    let given = given.as_object().ok_or("options is not an object")?;
    for (key, value) in given {
        let value = match value {
            Value::Bool(b) => OptionValue::Bool(*b),
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => OptionValue::Int(i.into()),
                (_, Some(u)) => OptionValue::Int(u.into()),
                _ => OptionValue::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => OptionValue::Text(s),
            other => return Err(format!("option {key}: unusable value {other}")),
        };
        options.set(key, value).map_err(|e| e.to_string())?;
    }
    Ok(options)
}

/// A JSON text as a value to compare, exactly: every integer beyond 64 bits, at any depth,
/// becomes the string of its digits (the vectors write such integers as digit strings), never
/// a rounded float.
fn exact(text: &str) -> Value {
    let mut quoted = String::with_capacity(text.len());
    let mut rest = text;
    let mut in_string = false;
    while let Some(c) = rest.chars().next() {
        if !in_string && (c == '-' || c.is_ascii_digit()) {
            let len = rest
                .find(|c: char| !(c.is_ascii_digit() || "+-.eE".contains(c)))
                .unwrap_or(rest.len());
            let number = &rest[..len];
            let integer = number.trim_start_matches('-').bytes().all(|b| b.is_ascii_digit());
            if integer && number.parse::<i64>().is_err() && number.parse::<u64>().is_err() {
                quoted.push_str(&format!("\"{number}\""));
            } else {
                quoted.push_str(number);
            }
            rest = &rest[len..];
            continue;
        }
        if in_string && c == '\\' {
            let escaped = rest[1..].chars().next().map_or(0, char::len_utf8);
            quoted.push_str(&rest[..1 + escaped]);
            rest = &rest[1 + escaped..];
            continue;
        }
        if c == '"' {
            in_string = !in_string;
        }
        quoted.push(c);
        rest = &rest[c.len_utf8()..];
    }
    serde_json::from_str(&quoted).unwrap_or(Value::Null)
}

/// The value of one field of a typed event, under HubSpot's JSON name (or the derived names
/// `objectType` and `action`), read through the core's table: `Event::field` for typed fields,
/// `Event::unknown_fields` (exact JSON text) for the rest. Integers come out exact.
fn typed_field(event: &Event, name: &str) -> Option<Value> {
    match name {
        "objectType" => return Some(json!(event.object_type.as_str())),
        "action" => return Some(json!(event.action.as_str())),
        _ => {}
    }
    let Some(id) = FieldId::from_json(name) else {
        let unknown = event.unknown_fields().expect("an event's JSON reads back");
        return unknown
            .into_iter()
            .find(|(key, _)| key == name)
            .map(|(_, text)| exact(&text))
            .filter(|v| !v.is_null());
    };
    Some(match event.field(id)? {
        FieldValue::Text(text) => json!(text.as_str()),
        FieldValue::Enum(text) => json!(text),
        FieldValue::Int(n) => json!(n),
        FieldValue::Bool(b) => json!(b),
        FieldValue::IntList(ids) => json!(ids),
        FieldValue::Value(value) if value.is_string() => json!(value.as_str()),
        FieldValue::Value(value) => exact(value.as_str()),
        other => panic!("a field kind this runner does not know: {:?}", other.kind()),
    })
}

/// Expected vs actual under docs/vectors.md's rules (4.1): an integer may be expected as a string of its
/// decimal digits; compare integers by their decimal text, never through a float.
fn same(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::String(s), Value::Number(n)) if n.is_i64() || n.is_u64() => *s == n.to_string(),
        (Value::Array(e), Value::Array(a)) => e.len() == a.len() && e.iter().zip(a).all(|(e, a)| same(e, a)),
        (Value::Object(e), Value::Object(a)) => {
            e.len() == a.len() && e.iter().all(|(k, ev)| a.get(k).is_some_and(|av| same(ev, av)))
        }
        _ => expected == actual,
    }
}

fn check_events(expected: &[Value], batch: &Batch) -> Result<(), String> {
    if expected.len() != batch.events.len() {
        return Err(format!(
            "expected {} events, got {}",
            expected.len(),
            batch.events.len()
        ));
    }
    for (i, (want, event)) in expected.iter().zip(&batch.events).enumerate() {
        let want: &Map<String, Value> = want.as_object().ok_or("an expected event is not an object")?;
        for (field, want_value) in want {
            let got = typed_field(event, field);
            let ok = match (&got, want_value) {
                (None, Value::Null) => true,
                (Some(got), want) => same(want, got),
                (None, _) => false,
            };
            if !ok {
                return Err(format!("event {i}: field {field}: expected {want_value}, got {got:?}"));
            }
        }
    }
    Ok(())
}

/// The delivery is of the expected family: `events` expects a batch, `channel_event` (or only
/// `rejected`, with neither) a Custom Channels event, compared through its typed fields as the
/// core hands them to bindings (docs/vectors.md).
fn check_delivery(ok: &Value, delivery: &Delivery) -> Result<(), String> {
    match (ok.get("events").and_then(Value::as_array), ok.get("channel_event")) {
        (Some(events), None) => match delivery.batch() {
            Some(batch) => check_events(events, batch),
            None => Err(format!("expected a batch, got a {} delivery", delivery.kind().as_str())),
        },
        (None, want) => {
            if delivery.kind() != DeliveryKind::Channel {
                return Err(format!(
                    "expected a Custom Channels event, got a {} delivery",
                    delivery.kind().as_str()
                ));
            }
            match (want, delivery.channel_event()) {
                (Some(want), Some(event)) => {
                    let got = serde_json::to_value(event).map_err(|e| e.to_string())?;
                    subset("channel_event", want, &got)
                }
                (Some(_), None) => Err("expected a channel_event, got none (rejected)".to_owned()),
                (None, Some(_)) => Err("expected the event rejected, got it typed".to_owned()),
                (None, None) => Ok(()),
            }
        }
        (Some(_), Some(_)) => Err("expect.ok holds both events and channel_event".to_owned()),
    }
}

/// docs/vectors.md: every key listed is compared (null: absent or null), nested objects
/// recursively, arrays element by element with the same length; an ID's expected text equals an
/// integer's decimal text.
fn subset(path: &str, want: &Value, got: &Value) -> Result<(), String> {
    match (want, got) {
        (Value::Null, Value::Null) => Ok(()),
        (Value::Object(w), Value::Object(g)) => w.iter().try_for_each(|(key, wv)| {
            let at = format!("{path}.{key}");
            match g.get(key) {
                Some(gv) => subset(&at, wv, gv),
                None if wv.is_null() => Ok(()),
                None => Err(format!("{at}: expected {wv}, absent")),
            }
        }),
        (Value::Array(w), Value::Array(g)) if w.len() == g.len() => w
            .iter()
            .zip(g)
            .enumerate()
            .try_for_each(|(i, (wv, gv))| subset(&format!("{path}[{i}]"), wv, gv)),
        _ if same(want, got) => Ok(()),
        _ => Err(format!("{path}: expected {want}, got {got}")),
    }
}

fn run_case(case: &Value) -> Result<(), String> {
    let request = case.get("request").cloned().unwrap_or(Value::Null);
    let body: Vec<u8> = match (request.get("body"), request.get("body_base64")) {
        (Some(Value::String(text)), _) => text.clone().into_bytes(),
        (_, Some(Value::String(b64))) => base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|e| format!("bad body_base64: {e}"))?,
        _ => Vec::new(),
    };
    let method = request.get("method").and_then(Value::as_str).unwrap_or("POST");
    let url = request.get("url").and_then(Value::as_str).unwrap_or("");
    let headers: Vec<(String, String)> = request
        .get("headers")
        .and_then(Value::as_object)
        .map(|h| {
            h.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default();
    let secrets: Vec<String> = case
        .get("secrets")
        .and_then(Value::as_array)
        .map(|s| s.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    let options = options_of(case)?;

    let verify_only = case.get("verify_only").and_then(Value::as_bool).unwrap_or(false);
    let outcome = if secrets.is_empty() {
        parse_delivery(&body, &options).map(|delivery| (None, Some(delivery)))
    } else {
        let now_ms = case
            .get("now_ms")
            .and_then(Value::as_i64)
            .ok_or("a case with secrets needs now_ms")?;
        let mut req = Request::new(method, url, &body);
        for (name, value) in &headers {
            req = req.header(name.as_str(), value.as_str());
        }
        if verify_only {
            verify(&req, &secrets, now_ms, &options).map(|verified| (Some(verified), None))
        } else {
            verify_and_parse_delivery(&req, &secrets, now_ms, &options)
                .map(|out| (Some(out.verified), Some(out.delivery)))
        }
    };

    let expect = case.get("expect").ok_or("case has no expect")?;
    match (expect.get("ok"), expect.get("error"), outcome) {
        (Some(ok), None, Ok((verified, delivery))) => {
            if let Some(version) = ok.get("version") {
                let got = verified.map(|v| v.version.as_str());
                if version.as_str() != got {
                    return Err(format!("expected version {version}, got {got:?}"));
                }
            }
            if let Some(index) = ok.get("secret_index") {
                let got = verified.map(|v| v.secret_index as u64);
                if index.as_u64() != got {
                    return Err(format!("expected secret_index {index}, got {got:?}"));
                }
            }
            let Some(delivery) = delivery else {
                return Ok(()); // verify_only: nothing parsed
            };
            check_delivery(ok, &delivery)?;
            let want_rejected: Vec<(u64, String)> = ok
                .get("rejected")
                .and_then(Value::as_array)
                .map(|r| {
                    r.iter()
                        .map(|x| {
                            let index = x.get("index").and_then(Value::as_u64).unwrap_or(u64::MAX);
                            let code = x.get("error").and_then(Value::as_str).unwrap_or_default().to_owned();
                            (index, code)
                        })
                        .collect()
                })
                .unwrap_or_default();
            let got_rejected: Vec<(u64, String)> = delivery
                .rejected()
                .iter()
                .map(|r| (r.index as u64, r.error.code().as_str().to_owned()))
                .collect();
            if want_rejected != got_rejected {
                return Err(format!("expected rejected {want_rejected:?}, got {got_rejected:?}"));
            }
            Ok(())
        }
        (Some(_), None, Err(e)) => Err(format!("expected ok, got error {e}")),
        (None, Some(err), Ok(_)) => Err(format!("expected error {err}, got ok")),
        (None, Some(err), Err(e)) => {
            // `"expect": {"error": "<code>"}` (docs/vectors.md 4.3); `{"error": {"error": "<code>"}}`
            // is read too, as the first version of the format could be read that way.
            let want = err
                .as_str()
                .or_else(|| err.get("error").and_then(Value::as_str))
                .unwrap_or_default();
            if want != e.code().as_str() {
                return Err(format!("expected error {want}, got {e}"));
            }
            // docs/vectors.md, "Diagnosis": the codes of the findings, in order.
            if let Some(codes) = expect.get("diagnosis") {
                let got: Vec<&str> = e.diagnosis().map(|d| d.codes()).unwrap_or_default();
                let want: Vec<&str> = codes
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                if want != got {
                    return Err(format!(
                        "expected diagnosis {want:?}, got {got:?} ({})",
                        e.detailed_message()
                    ));
                }
            }
            Ok(())
        }
        _ => Err("expect must hold exactly one of ok or error".to_owned()),
    }
}

fn main() -> ExitCode {
    let files = vector_files();
    let (mut cases, mut passed, mut failed) = (0usize, 0usize, 0usize);
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for case in doc
            .get("cases")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            cases += 1;
            let name = case.get("name").and_then(Value::as_str).unwrap_or("<unnamed>");
            match run_case(case) {
                Ok(()) => passed += 1,
                Err(why) => {
                    failed += 1;
                    println!("FAIL {} :: {name}: {why}", file.display());
                }
            }
        }
    }
    println!(
        "conformance rust: {cases} cases from {} files, {passed} passed, {failed} failed",
        files.len()
    );
    if failed == 0 && cases > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
