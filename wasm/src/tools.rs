//! The tools module's own exports (feature `tools`, dist/hubspot_webhooks_tools_bg.wasm, loaded
//! on first need): what a receiver needs rarely or only at start-up, kept out of the main module
//! for its size (README, "Size"): router pattern checks with the core's typo suggestions, unknown
//! fields, signing. The same crate's other exports are there too (the diagnosis reruns a failed
//! verification through `verifyRequest`).

use hubspot_webhooks as hs;
use wasm_bindgen::prelude::*;

use crate::digests::with_digests;
use crate::exports::{call, with_input, BAD_STRINGS};
use crate::json::{error_answer, usage_answer, Json};
use crate::protocol;
use hs::{ErrorCode, OptionKind, Options, Response, FIELDS, OPTIONS};

/// The members of an event's original JSON that are not typed fields, as
/// `[[name, exact JSON text], ...]` as a JSON text (the core's `unknown_fields`), or `{"error"}`.
#[wasm_bindgen(js_name = unknownFields)]
pub fn unknown_fields(raw_json: &str) -> String {
    match hs::parse_event(0, raw_json).and_then(|e| e.unknown_fields()) {
        Ok(fields) => {
            let mut out = Json::with_capacity(256);
            array(&mut out, fields.iter(), |o, (name, value)| {
                o.byte(b'[');
                o.string(name);
                o.byte(b',');
                o.string(value.as_str());
                o.byte(b']');
            });
            out.finish()
        }
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

/// A signature, or `{"error"}` (a digest failure).
fn signature(s: hs::Result<String>) -> String {
    s.unwrap_or_else(|e| error_answer(&e))
}

/// The v1 signature of `body`.
#[wasm_bindgen(js_name = signV1)]
pub fn sign_v1(secret: &str, body: &[u8]) -> String {
    signature(with_digests(|d| {
        hs::signature::sign_v1_with(d, secret.as_bytes(), body)
    }))
}

/// The v2 signature.
#[wasm_bindgen(js_name = signV2)]
pub fn sign_v2(secret: &str, method: &str, url: &str, body: &[u8]) -> String {
    signature(with_digests(|d| {
        hs::signature::sign_v2_with(d, secret.as_bytes(), method.as_bytes(), url.as_bytes(), body)
    }))
}

/// The v3 signature; `timestamp` is the header text.
#[wasm_bindgen(js_name = signV3)]
pub fn sign_v3(secret: &str, method: &str, url: &str, body: &[u8], timestamp: &str) -> String {
    let (secret, method, url, ts) = (
        secret.as_bytes(),
        method.as_bytes(),
        url.as_bytes(),
        timestamp.as_bytes(),
    );
    signature(with_digests(|d| {
        hs::signature::sign_v3_with(d, secret, method, url, body, ts)
    }))
}

/// The headers HubSpot would send, as a JSON object, or `{"error"}`.
#[wasm_bindgen(js_name = signedHeaders)]
pub fn signed_headers(secret: &str, method: &str, url: &str, body: &[u8], timestamp_ms: i64) -> String {
    let (secret, method, url) = (secret.as_bytes(), method.as_bytes(), url.as_bytes());
    match with_digests(|d| hs::signed_headers_with(d, secret, method, url, body, timestamp_ms)) {
        Ok(headers) => {
            let mut out = Json::with_capacity(256);
            out.byte(b'{');
            for (i, (name, value)) in headers.iter().enumerate() {
                if i > 0 {
                    out.byte(b',');
                }
                out.string(name);
                out.byte(b':');
                out.string(value);
            }
            out.byte(b'}');
            out.finish()
        }
        Err(e) => error_answer(&e),
    }
}

// ---------------------------------------------------------------------------------------------
// The schema, read by scripts/build.mjs into dist/schema.js

/// `[[name, value], ...]` of `(name, code)` pairs.
fn pairs(out: &mut Json, pairs: impl Iterator<Item = (&'static str, u8)>) {
    out.byte(b'[');
    for (i, (name, code)) in pairs.enumerate() {
        out.raw(if i > 0 { ",[" } else { "[" });
        out.string(name);
        out.byte(b',');
        out.uint(usize::from(code));
        out.byte(b']');
    }
    out.byte(b']');
}

/// A JSON array of the items, each written by `write`.
fn array<T>(out: &mut Json, items: impl IntoIterator<Item = T>, mut write: impl FnMut(&mut Json, T)) {
    out.byte(b'[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.byte(b',');
        }
        write(out, item);
    }
    out.byte(b']');
}

/// `"key":` then a JSON string.
fn member(out: &mut Json, key: &str, value: &str) {
    out.string(key);
    out.byte(b':');
    out.string(value);
}

/// Everything the package reads once, as one JSON text (scripts/build.mjs writes it into
/// dist/schema.js; the main module's `layout` is checked against it at start-up): the protocol's version, header, tags, members (the core's [`FIELDS`]
/// and the derived members) and head; the options; the default body limit (the HTTP helpers
/// stop reading past it); the error codes; the fixed HTTP answers.
#[wasm_bindgen]
pub fn schema() -> String {
    let mut out = Json::with_capacity(12 * 1024);
    out.raw("{\"protocol\":");
    out.uint(usize::try_from(protocol::PROTOCOL_VERSION).unwrap_or(0));
    out.raw(",\"header\":");
    array(&mut out, protocol::HEADER, |o, name| o.string(name));
    out.raw(",\"tags\":");
    pairs(&mut out, protocol::TAGS.into_iter());
    out.raw(",\"kinds\":");
    pairs(&mut out, hs::FieldKind::ALL.iter().map(|k| (k.as_str(), k.code())));
    out.raw(",\"fields\":");
    array(&mut out, FIELDS.iter(), |o, f| {
        o.byte(b'{');
        member(o, "json", f.json);
        o.byte(b',');
        member(o, "name", f.name);
        o.byte(b',');
        member(o, "kind", f.kind.as_str());
        o.raw(",\"kindCode\":");
        o.uint(usize::from(f.kind.code()));
        o.raw(if f.required {
            ",\"required\":true"
        } else {
            ",\"required\":false"
        });
        o.raw(",\"aliasOf\":");
        match f.alias_of {
            Some(a) => o.string(a.spec().json),
            None => o.raw("null"),
        }
        o.byte(b',');
        member(o, "carriedBy", f.carried_by);
        o.raw(if protocol::is_id(f) {
            ",\"id\":true,"
        } else {
            ",\"id\":false,"
        });
        member(o, "doc", f.doc);
        o.byte(b'}');
    });
    out.raw(",\"derived\":");
    array(&mut out, protocol::DERIVED, |o, name| o.string(name));
    out.raw(",\"head\":");
    array(&mut out, protocol::head(), |o, (code, form)| {
        o.byte(b'[');
        o.uint(code);
        o.byte(b',');
        o.string(form);
        o.byte(b']');
    });
    out.raw(",\"options\":");
    array(&mut out, OPTIONS.iter(), |o, opt| {
        o.byte(b'{');
        member(o, "name", opt.name);
        o.byte(b',');
        member(o, "camel", opt.camel);
        o.byte(b',');
        member(o, "kind", if opt.kind == OptionKind::Bool { "bool" } else { "count" });
        o.byte(b',');
        member(o, "doc", opt.doc);
        o.byte(b'}');
    });
    out.raw(",\"defaultMaxBodyBytes\":");
    out.uint(Options::default().max_body_bytes);
    out.raw(",\"errors\":");
    array(&mut out, ErrorCode::ALL.iter(), |o, c| {
        o.byte(b'{');
        member(o, "code", c.as_str());
        o.byte(b',');
        member(o, "family", c.family().as_str());
        o.raw(",\"number\":");
        o.uint(usize::try_from(c.number()).unwrap_or(0));
        o.raw(",\"status\":");
        o.uint(usize::from(c.http_status()));
        o.byte(b',');
        member(o, "description", c.description());
        o.byte(b'}');
    });
    out.raw(",\"accepted\":");
    out.response(&Response::accepted());
    out.raw(",\"methodNotAllowed\":");
    out.response(&Response::method_not_allowed());
    out.raw(",\"handlerFailed\":");
    out.response(&Response::handler_failed());
    out.byte(b'}');
    out.finish()
}

// ---------------------------------------------------------------------------------------------
// Fixtures and the diagnosis

/// A signed sample delivery (the core's `fixtures::delivery`) from the input buffer
/// ([`with_input`]): `types` type names, then the settings as `name`, value pairs (the package's
/// camelCase names of `FixtureOptions`; booleans `1`/`0`, numbers in decimal), as
/// `{"method","url","headers":[[name, value], ...],"body"}`, or `{"error"}`.
#[wasm_bindgen(js_name = fixtureDelivery)]
pub fn fixture_delivery(total: usize, count: usize, types: usize) -> String {
    with_input(
        total,
        count,
        0,
        &mut |strings, _| match strings.split_at_checked(types) {
            Some((types, settings)) => fixture(types, settings),
            None => usage_answer(BAD_STRINGS),
        },
    )
}

/// A fixture delivery as JSON (see `fixtureDelivery`).
fn fixture(types: &[&str], settings: &[&str]) -> String {
    let mut o = hs::fixtures::FixtureOptions::new("", 0);
    for pair in settings.chunks_exact(2) {
        let [name, value] = pair else { continue };
        let bad = || usage_answer(&format!("fixture option {name} is {value:?}"));
        let flag = *value == "1";
        let set = match *name {
            "secret" => {
                o.secret = (*value).to_owned();
                true
            }
            "url" => {
                o.url = (*value).to_owned();
                true
            }
            "nowMs" => value.parse().map(|v| o.now_ms = v).is_ok(),
            "timestampOffsetMs" => value.parse().map(|v| o.timestamp_offset_ms = v).is_ok(),
            "signature" => hs::fixtures::FixtureSignature::from_name(value)
                .map(|v| o.signature = v)
                .is_some(),
            "badSignature" => {
                o.bad_signature = flag;
                true
            }
            "eventsPerType" => value.parse().map(|v| o.events_per_type = v).is_ok(),
            "attemptNumber" => value.parse().map(|v| o.attempt_number = v).is_ok(),
            "duplicate" => {
                o.duplicate = flag;
                true
            }
            "outOfOrder" => {
                o.out_of_order = flag;
                true
            }
            "seed" => value.parse().map(|v| o.seed = v).is_ok(),
            "portalId" => value.parse().map(|v| o.portal_id = v).is_ok(),
            "appId" => value.parse().map(|v| o.app_id = v).is_ok(),
            _ => false,
        };
        if !set {
            return bad();
        }
    }
    match hs::fixtures::delivery(types, &o) {
        Ok(f) => {
            let mut out = Json::with_capacity(256 + f.body.len());
            out.raw("{\"method\":");
            out.string(&f.method);
            out.raw(",\"url\":");
            out.string(&f.url);
            out.raw(",\"headers\":");
            array(&mut out, f.headers.iter(), |o, (name, value)| {
                o.byte(b'[');
                o.string(name);
                o.byte(b',');
                o.string(value);
                o.byte(b']');
            });
            out.raw(",\"body\":");
            out.string(&f.body);
            out.byte(b'}');
            out.finish()
        }
        Err(e) => error_answer(&e),
    }
}

/// The types `fixtureDelivery` makes (the core's `fixture_types`), as a JSON array.
#[wasm_bindgen(js_name = fixtureTypes)]
pub fn fixture_types() -> String {
    let mut out = Json::with_capacity(2048);
    array(&mut out, hs::fixtures::fixture_types(), Json::string);
    out.finish()
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
    let mut out = Json::with_capacity(1024);
    out.raw("{\"verdict\":");
    match &d.verdict {
        Ok(v) => {
            out.raw("{\"version\":");
            out.string(v.version.as_str());
            out.raw(",\"secretIndex\":");
            out.uint(v.secret_index);
            out.byte(b'}');
        }
        Err(code) => {
            out.raw("{\"error\":");
            out.string(code.as_str());
            out.byte(b'}');
        }
    }
    out.raw(",\"findings\":");
    out.findings(&d.findings);
    out.raw(",\"digests\":");
    out.uint(d.digests);
    out.byte(b'}');
    out.finish()
}
