//! What the package's JavaScript calls (not users directly).
//!
//! Each verifying or parsing call takes the request's strings as one text (see
//! [`split_utf16`]), the body's bytes and one options object (the core's option names in
//! camelCase, set through [`Options::set`], crossing with serde-wasm-bindgen), and answers the
//! delivery in the batch protocol ([`crate::protocol`]) or `{"error": ...}`. What crosses once
//! at start-up (the schema, error codes, HTTP answers) is one JSON text written directly, as
//! start-up time counts; unknown fields cross with serde-wasm-bindgen.

use hs::{OptionValue, Options, Request, FIELDS};
use hubspot_webhooks as hs;
use wasm_bindgen::prelude::*;

use crate::digests::with_digests;
use crate::json::{error_answer, usage_answer, Json};
use crate::protocol::{self, Encoder};
use crate::units::BodyUnits;

// ---------------------------------------------------------------------------------------------
// Options

/// The core's options from the package's text: `name`, then a kind letter and the value as
/// text, for each option set (`b1`/`b0` a boolean, `i` a safe integer in decimal, `f` any other
/// number as its IEEE 754 bits read as a signed 64-bit decimal (NaN and the infinities included;
/// no float parsing in the module), `s` a string); `lengths` the pieces'
/// JavaScript lengths (see [`split_utf16`]). No options: the defaults. Each is set through
/// [`Options::set`]; the answer of a failure (`invalid_argument`) otherwise.
pub(crate) fn options(text: &str, lengths: &[u32]) -> Result<Options, String> {
    let mut o = Options::default();
    let pieces = split_utf16(text, lengths).ok_or_else(|| usage_answer(BAD_STRINGS))?;
    for pair in pieces.chunks_exact(2) {
        let [name, setting] = pair else { continue };
        let value = setting.get(1..).unwrap_or("");
        let number = || value.parse::<i64>().map_err(|_| usage_answer(BAD_STRINGS));
        let value = match setting.as_bytes().first() {
            Some(b'b') => OptionValue::Bool(value == "1"),
            Some(b'i') => OptionValue::Int(i128::from(number()?)),
            // The bits, as JavaScript's BigInt.asIntN(64, bits) prints them.
            #[allow(clippy::cast_sign_loss)]
            Some(b'f') => OptionValue::Float(f64::from_bits(number()? as u64)),
            Some(b's') => OptionValue::Text(value),
            _ => return Err(usage_answer(BAD_STRINGS)),
        };
        o.set(name, value).map_err(|e| error_answer(&e))?;
    }
    Ok(o)
}

// ---------------------------------------------------------------------------------------------
// Requests

/// Splits `text` into pieces of the given UTF-16 lengths (JavaScript string lengths: the
/// package passes a request's strings as one text, one crossing instead of one per string).
/// `None` when the lengths do not add up.
pub(crate) fn split_utf16<'a>(text: &'a str, lengths: &[u32]) -> Option<Vec<&'a str>> {
    let mut pieces = Vec::with_capacity(lengths.len());
    let mut rest = text;
    let ascii = text.is_ascii();
    for &units in lengths {
        let units = usize::try_from(units).ok()?;
        let bytes = if ascii {
            units
        } else {
            let mut seen = 0;
            let mut end = 0;
            for c in rest.chars() {
                if seen == units {
                    break;
                }
                seen += c.len_utf16();
                end += c.len_utf8();
            }
            if seen != units {
                return None;
            }
            end
        };
        let (piece, tail) = (rest.get(..bytes)?, rest.get(bytes..)?);
        pieces.push(piece);
        rest = tail;
    }
    rest.is_empty().then_some(pieces)
}

/// A request from its strings, `[method, url, secret × secret_count, name, value, ...]`: the
/// request and the secrets.
pub(crate) fn request<'a>(
    strings: &'a [&'a str],
    secret_count: u32,
    body: &'a [u8],
) -> Option<(Request<'a>, &'a [&'a str])> {
    let secret_count = usize::try_from(secret_count).ok()?;
    let (method, rest) = strings.split_first()?;
    let (url, rest) = rest.split_first()?;
    let secrets = rest.get(..secret_count)?;
    let headers = rest.get(secret_count..)?;
    let mut r = Request::new(*method, *url, body);
    for pair in headers.chunks_exact(2) {
        if let [name, value] = pair {
            r = r.header(*name, *value);
        }
    }
    Some((r, secrets))
}

pub(crate) const BAD_STRINGS: &str = "the request's strings do not add up (mismatched package files?)";

thread_local! {
    /// The numbers of the last answer, kept until the next call (the package reads them in
    /// place, see `numbersAt`).
    static NUMBERS: std::cell::RefCell<Vec<f64>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn set_numbers(numbers: Vec<f64>) {
    NUMBERS.with(|slot| {
        if let Ok(mut slot) = slot.try_borrow_mut() {
            *slot = numbers;
        }
    });
}

/// The address in this module's memory of the last answer's numbers (`f64`s, header first:
/// the header says how many), valid until the next call.
#[wasm_bindgen(js_name = numbersAt)]
pub fn numbers_at() -> u32 {
    NUMBERS.with(|slot| {
        slot.try_borrow().map_or(0, |n| {
            // wasm32: addresses are 32-bit.
            #[allow(clippy::cast_possible_truncation)]
            let address = n.as_ptr() as usize as u32;
            address
        })
    })
}

/// The answer of a call: the protocol's text, its numbers kept for `numbersAt`.
fn delivery(verified: Option<hs::Verified>, batch: &hs::Batch, body: &[u8]) -> String {
    let mut enc = Encoder::new(batch.events.len());
    let mut units = BodyUnits::new(body);
    for e in &batch.events {
        enc.event(e, &mut units);
    }
    let (text, numbers) = enc.finish(verified, &batch.rejected, batch.events.len());
    set_numbers(numbers);
    text
}

/// The answer of a delivery: a batch in the protocol, or a Custom Channels event.
fn any_delivery(verified: Option<hs::Verified>, d: &hs::Delivery, body: &[u8]) -> String {
    match d {
        hs::Delivery::Channel(channel) => {
            set_numbers(crate::channel::CHANNEL.to_vec());
            crate::channel::channel(verified, channel)
        }
        // A batch; `Delivery` is non-exhaustive, and its `events()` are what any other shape has.
        _ => match d.batch() {
            Some(batch) => delivery(verified, batch, body),
            None => delivery(verified, &hs::Batch::default(), body),
        },
    }
}

/// The answer of a failure (`{"error": ...}`), with the numbers of a failure.
fn failure(text: String) -> String {
    set_numbers(protocol::FAILURE.to_vec());
    text
}

/// Verifies a request (and with `parse`, parses its body). `strings` holds, one after the
/// other, the method, the URL, `secret_count` secrets and the headers' names and values;
/// `lengths` their JavaScript lengths. Answers the delivery or `{"error"}`.
#[wasm_bindgen(js_name = verifyRequest)]
#[allow(clippy::too_many_arguments)] // one crossing per call: every argument is a plain value
pub fn verify_request(
    strings: &str,
    lengths: &[u32],
    secret_count: u32,
    body: &[u8],
    now_ms: i64,
    options: &str,
    option_lengths: &[u32],
    parse: bool,
) -> String {
    let opts = match self::options(options, option_lengths) {
        Ok(o) => o,
        Err(answer) => return failure(answer),
    };
    let Some(strings) = split_utf16(strings, lengths) else {
        return failure(usage_answer(BAD_STRINGS));
    };
    let Some((req, secrets)) = request(&strings, secret_count, body) else {
        return failure(usage_answer(BAD_STRINGS));
    };
    let answer = if parse {
        with_digests(|d| hs::verify_and_parse_delivery_with(&req, secrets, now_ms, &opts, d))
            .map(|out| any_delivery(Some(out.verified), &out.delivery, body))
    } else {
        with_digests(|d| hs::verify_with(&req, secrets, now_ms, &opts, d))
            .map(|v| delivery(Some(v), &hs::Batch::default(), &[]))
    };
    answer.unwrap_or_else(|e| failure(error_answer(&e)))
}

/// Parses a body without verifying it. Answers the delivery (no version) or `{"error"}`.
#[wasm_bindgen(js_name = parseBody)]
pub fn parse_body(body: &[u8], options: &str, option_lengths: &[u32]) -> String {
    let opts = match self::options(options, option_lengths) {
        Ok(o) => o,
        Err(answer) => return failure(answer),
    };
    match hs::parse_delivery(body, &opts) {
        Ok(d) => any_delivery(None, &d, body),
        Err(e) => failure(error_answer(&e)),
    }
}

// ---------------------------------------------------------------------------------------------
// Routing

/// For each pattern (one per line), 1 when it matches the Custom Channels event whose JSON is
/// `raw_json` (the core's `channel_pattern_matches`), else 0.
#[wasm_bindgen(js_name = matchChannelPatterns)]
pub fn match_channel_patterns(patterns: &str, raw_json: &str) -> Vec<u8> {
    let delivery = hs::parse_delivery(raw_json.as_bytes(), &Options::default());
    match delivery.as_ref().ok().and_then(hs::Delivery::channel_event) {
        Some(e) => patterns
            .split('\n')
            .map(|p| u8::from(hs::channel_pattern_matches(p, e)))
            .collect(),
        None => vec![0; patterns.split('\n').count()],
    }
}

/// For each pattern (one per line), 1 when it matches the event whose JSON is `raw_json` (the
/// core's `pattern_matches`), else 0.
#[wasm_bindgen(js_name = matchPatterns)]
pub fn match_patterns(patterns: &str, raw_json: &str) -> Vec<u8> {
    match hs::parse_event(0, raw_json) {
        Ok(e) => patterns
            .split('\n')
            .map(|p| u8::from(hs::pattern_matches(p, &e)))
            .collect(),
        Err(_) => vec![0; patterns.split('\n').count()],
    }
}

/// A usage error (`invalid_argument`) for the package's own argument checks, so the code, family
/// and status are never retyped in JavaScript.
#[wasm_bindgen(js_name = usageError)]
pub fn usage_error(message: &str) -> String {
    usage_answer(message)
}

// ---------------------------------------------------------------------------------------------
// The protocol's layout, checked once at start-up

/// The batch protocol as this module writes it, for the package's start-up check against
/// dist/schema.js (generated from the tools module's `schema` when the package is built):
/// `version|header|name:tag,...|member,...|id field,...|code:form,...` (core.js, `layout`).
#[wasm_bindgen]
pub fn layout() -> String {
    let mut out = Json::with_capacity(2048);
    out.uint(usize::try_from(protocol::PROTOCOL_VERSION).unwrap_or(0));
    out.byte(b'|');
    list(&mut out, protocol::HEADER, |o, name| o.raw(name));
    out.byte(b'|');
    list(&mut out, protocol::TAGS, |o, (name, code)| {
        o.raw(name);
        o.byte(b':');
        o.uint(usize::from(code));
    });
    out.byte(b'|');
    let members = FIELDS.iter().map(|f| f.json).chain(protocol::DERIVED);
    list(&mut out, members, Json::raw);
    out.byte(b'|');
    let ids = FIELDS.iter().filter(|f| protocol::is_id(f)).map(|f| f.json);
    list(&mut out, ids, Json::raw);
    out.byte(b'|');
    list(&mut out, protocol::head(), |o, (code, form)| {
        o.uint(code);
        o.byte(b':');
        o.raw(form);
    });
    out.finish()
}

/// The items, each written by `write`, joined by `,`.
fn list<T>(out: &mut Json, items: impl IntoIterator<Item = T>, mut write: impl FnMut(&mut Json, T)) {
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.byte(b',');
        }
        write(out, item);
    }
}
