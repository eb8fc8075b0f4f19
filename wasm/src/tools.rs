//! The tools module's own exports (feature `tools`, dist/hubspot_webhooks_tools_bg.wasm, loaded
//! on first need): what a receiver needs rarely or only at start-up, kept out of the main module
//! for its size (README, "Size"): router pattern checks with the core's typo suggestions, unknown
//! fields, signing. The same crate's other exports are there too (the diagnosis reruns a failed
//! verification through `verifyRequest`).

use hubspot_webhooks as hs;
use wasm_bindgen::prelude::*;

use crate::digests::with_digests;
use crate::exports::{call, set_pieces, with_input, BAD_STRINGS};
use crate::json::{error_answer, json_text, usage_answer, Answer, Findings};
use crate::protocol;
use hs::{ErrorCode, Options, Response, FIELDS, OPTIONS};
use serde::Serialize;

/// The members of an event's original JSON that are not typed fields, as
/// `[[name, exact JSON text], ...]` as a JSON text (the core's `unknown_fields`), or `{"error"}`.
#[wasm_bindgen(js_name = unknownFields)]
pub fn unknown_fields(raw_json: &str) -> String {
    match hs::parse_event(0, raw_json).and_then(|e| e.unknown_fields()) {
        Ok(fields) => json_text(&fields),
        Err(e) => error_answer(&e),
    }
}

// ---------------------------------------------------------------------------------------------
// Routing

/// `""` when `pattern` is a router pattern, else `{"error"}` (the core's `check_pattern`).
#[wasm_bindgen(js_name = checkPattern)]
pub fn check_pattern(pattern: &str) -> String {
    hs::check_pattern(pattern)
        .err()
        .map_or_else(String::new, |e| error_answer(&e))
}

// ---------------------------------------------------------------------------------------------
// Signing

/// The signature of `version` (`"v1"`: of the body; `"v2"`: of method, URL and body; `"v3"`: of
/// those and `timestamp`, the header's text), or `{"error"}` (a digest failure, another version).
#[wasm_bindgen]
pub fn sign(version: &str, secret: &str, method: &str, url: &str, body: &[u8], timestamp: &str) -> String {
    use hs::{signature as s, SignatureVersion as V};
    let (secret, method, url) = (secret.as_bytes(), method.as_bytes(), url.as_bytes());
    let signed = with_digests(|d| match V::from_str_exact(version) {
        Some(V::V1) => s::sign_v1_with(d, secret, body),
        Some(V::V2) => s::sign_v2_with(d, secret, method, url, body),
        Some(V::V3) => s::sign_v3_with(d, secret, method, url, body, timestamp.as_bytes()),
        None => Err(hs::Error::new(
            ErrorCode::InvalidArgument,
            format!("no signature version {version:?}"),
        )),
    });
    signed.unwrap_or_else(|e| error_answer(&e))
}

/// The headers HubSpot would send, as `[[name, value], ...]`, or `{"error"}`.
#[wasm_bindgen(js_name = signedHeaders)]
pub fn signed_headers(secret: &str, method: &str, url: &str, body: &[u8], timestamp_ms: i64) -> String {
    let (secret, method, url) = (secret.as_bytes(), method.as_bytes(), url.as_bytes());
    match with_digests(|d| hs::signed_headers_with(d, secret, method, url, body, timestamp_ms)) {
        Ok(headers) => json_text(&headers),
        Err(e) => error_answer(&e),
    }
}

// ---------------------------------------------------------------------------------------------
// The schema, read by scripts/build.mjs into dist/schema.js

/// Everything the package reads once, as one JSON text (scripts/build.mjs writes it into
/// dist/schema.js; the main module's `layout` is checked against it at start-up): the protocol's
/// version, header, tags (names by code), members (the core's [`FIELDS`] and the derived members),
/// the names a conversation change's values cross under (each must be a member) and head; the
/// options; the default body limit (the HTTP helpers stop reading past it); the
/// error codes; the fixed HTTP answers.
#[wasm_bindgen]
pub fn schema() -> String {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Schema {
        protocol: u32,
        header: [&'static str; protocol::HEADER.len()],
        tags: [&'static str; protocol::TAGS.len()],
        kinds: Vec<(&'static str, u8)>,
        fields: Vec<Field>,
        derived: [&'static str; protocol::DERIVED.len()],
        change_values: [&'static str; hs::ConversationChange::VALUE_NAMES.len()],
        head: Vec<(usize, &'static str)>,
        options: Vec<Opt>,
        default_max_body_bytes: usize,
        errors: Vec<Code>,
        accepted: Answer,
        method_not_allowed: Answer,
        handler_failed: Answer,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Field {
        json: &'static str,
        name: &'static str,
        kind: &'static str,
        kind_code: u8,
        required: bool,
        alias_of: Option<&'static str>,
        carried_by: &'static str,
        id: bool,
        doc: &'static str,
    }
    #[derive(Serialize)]
    struct Opt {
        name: &'static str,
        camel: &'static str,
        kind: &'static str,
        doc: &'static str,
    }
    #[derive(Serialize)]
    struct Code {
        code: &'static str,
        family: &'static str,
        number: u32,
        status: u16,
        description: &'static str,
    }
    json_text(&Schema {
        protocol: protocol::PROTOCOL_VERSION,
        header: protocol::HEADER,
        tags: protocol::TAGS,
        kinds: hs::FieldKind::ALL.iter().map(|k| (k.as_str(), k.code())).collect(),
        fields: FIELDS
            .iter()
            .map(|f| Field {
                json: f.json,
                name: f.name,
                kind: f.kind.as_str(),
                kind_code: f.kind.code(),
                required: f.required,
                alias_of: f.alias_of.map(|a| a.spec().json),
                carried_by: f.carried_by,
                id: f.is_id,
                doc: f.doc,
            })
            .collect(),
        derived: protocol::DERIVED,
        change_values: hs::ConversationChange::VALUE_NAMES,
        head: protocol::head(),
        options: OPTIONS
            .iter()
            .map(|o| Opt {
                name: o.name,
                camel: o.camel,
                kind: o.kind.as_str(),
                doc: o.doc,
            })
            .collect(),
        default_max_body_bytes: Options::default().max_body_bytes,
        errors: ErrorCode::ALL
            .iter()
            .map(|c| Code {
                code: c.as_str(),
                family: c.family().as_str(),
                number: c.number(),
                status: c.http_status(),
                description: c.description(),
            })
            .collect(),
        accepted: Answer::from(Response::accepted()),
        method_not_allowed: Answer::from(Response::method_not_allowed()),
        handler_failed: Answer::from(Response::handler_failed()),
    })
}

// ---------------------------------------------------------------------------------------------
// Fixtures and the diagnosis

/// A signed sample delivery (the core's `fixtures::delivery`) from the input buffer
/// ([`with_input`]): `types` type names, then the settings as option pieces (the core's
/// `FixtureOptions::set` names, values as [`set_pieces`] reads them), as
/// `{"method","url","headers":[[name, value], ...],"body"}`, or `{"error"}`.
#[wasm_bindgen(js_name = fixtureDelivery)]
pub fn fixture_delivery(total: usize, count: usize, types: usize) -> String {
    with_input(total, count, 0, &mut |strings, _| {
        let Some((types, settings)) = strings.split_at_checked(types) else {
            return usage_answer(BAD_STRINGS);
        };
        let mut options = hs::fixtures::FixtureOptions::new("", 0);
        if let Err(answer) = set_pieces(settings, |name, value| options.set(name, value)) {
            return answer;
        }
        hs::fixtures::delivery(types, &options).map_or_else(|e| error_answer(&e), |f| json_text(&f))
    })
}

/// The types `fixtureDelivery` makes (the core's `fixture_types`), as a JSON array.
#[wasm_bindgen(js_name = fixtureTypes)]
pub fn fixture_types() -> String {
    json_text(&hs::fixtures::fixture_types().collect::<Vec<_>>())
}

/// The core's diagnosis of a request (`diagnose`), its arguments as `verify`'s (the input
/// buffer), as `{"verdict":{"version","secretIndex"}|{"error":code},"findings":[...],"digests"}`,
/// or `{"error"}` for bad arguments.
#[wasm_bindgen(js_name = diagnoseRequest)]
pub fn diagnose_request(total: usize, count: usize, secrets: usize, options: usize, body: usize) -> String {
    with_input(
        total,
        count,
        body,
        &mut |strings, body| match call(strings, secrets, options, body) {
            Ok((req, secrets, now_ms, opts)) => diagnosis(&hs::diagnose(&req, secrets, now_ms, &opts)),
            Err(answer) => answer,
        },
    )
}

/// A diagnosis as JSON (see `diagnoseRequest`).
fn diagnosis(d: &hs::Diagnosis) -> String {
    #[derive(Serialize)]
    #[serde(untagged)]
    enum Verdict {
        Verified {
            version: &'static str,
            #[serde(rename = "secretIndex")]
            secret_index: usize,
        },
        Failed {
            error: &'static str,
        },
    }
    #[derive(Serialize)]
    struct Out<'a> {
        verdict: Verdict,
        #[serde(flatten)]
        findings: Findings<'a>,
    }
    let verdict = match &d.verdict {
        Ok(v) => Verdict::Verified {
            version: v.version.as_str(),
            secret_index: v.secret_index,
        },
        Err(code) => Verdict::Failed { error: code.as_str() },
    };
    json_text(&Out {
        verdict,
        findings: Findings::from(d),
    })
}
