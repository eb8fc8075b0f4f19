//! What the package's JavaScript calls (not users directly).
//!
//! A verifying or parsing call's arguments cross in the input buffer ([`input`], [`with_input`]):
//! the package writes the request's strings, the options and the body into this module's memory
//! and calls with their counts only, so a call allocates nothing in the glue. Each answers the
//! delivery in the batch protocol ([`crate::protocol`]) or `{"error": ...}`. What crosses once at
//! start-up ([`layout`]) is one text.

use hs::{OptionValue, Options, Request, FIELDS};
use hubspot_webhooks as hs;
use wasm_bindgen::prelude::*;

use crate::digests::{address, with_digests};
use crate::json::{error_answer, usage_answer};
use crate::protocol::{self, Encoder};
use crate::units::BodyUnits;

// ---------------------------------------------------------------------------------------------
// Options

/// Sets options by name from the package's pieces: `name`, then a kind letter and the value as
/// text, for each option set (`b1`/`b0` a boolean, `i` a 64-bit integer in decimal, `f` any other
/// number as its IEEE 754 bits read as a signed 64-bit decimal (NaN and the infinities included;
/// no float parsing in the module), `s` a string, `o` the type name of a value of another
/// type, which the core names in its error), each through `set` (the core's
/// `Options::set` or `FixtureOptions::set`, which name and check every value); the answer of a
/// failure (`invalid_argument`) otherwise.
pub(crate) fn set_pieces(
    pieces: &[&str],
    mut set: impl FnMut(&str, OptionValue<'_>) -> hs::Result<()>,
) -> Result<(), String> {
    let bad = || usage_answer(BAD_STRINGS);
    for pair in pieces.chunks(2) {
        let [name, setting] = pair else { return Err(bad()) };
        let value = setting.get(1..).unwrap_or("");
        let value = match setting.as_bytes().first() {
            Some(b'b') => OptionValue::Bool(value == "1"),
            Some(b'i') => OptionValue::Int(i128::from(value.parse::<i64>().map_err(|_| bad())?)),
            // The bits, as JavaScript's BigInt.asIntN(64, bits) prints them.
            #[allow(clippy::cast_sign_loss)]
            Some(b'f') => OptionValue::Float(f64::from_bits(value.parse::<i64>().map_err(|_| bad())? as u64)),
            Some(b's') => OptionValue::Text(value),
            Some(b'o') => OptionValue::Other(value),
            _ => return Err(bad()),
        };
        set(name, value).map_err(|e| error_answer(&e))?;
    }
    Ok(())
}

/// The core's options from the package's pieces ([`set_pieces`]); no pieces: the defaults.
pub(crate) fn options(pieces: &[&str]) -> Result<Options, String> {
    let mut options = Options::default();
    set_pieces(pieces, |name, value| options.set(name, value))?;
    Ok(options)
}

// ---------------------------------------------------------------------------------------------
// Requests

/// A call from its strings, `[now, method, url, secret × secrets, name, value, ..., option
/// piece × options]` (`now` Unix ms in decimal): the request, the secrets, the time and the
/// options, or the answer of a failure.
pub(crate) fn call<'a, 'b>(
    strings: &'b [&'a str],
    secrets: usize,
    options: usize,
    body: &'a [u8],
) -> Result<(Request<'a>, &'b [&'a str], i64, Options), String> {
    let bad = || usage_answer(BAD_STRINGS);
    let (strings, option_pieces) = strings
        .split_at_checked(strings.len().checked_sub(options).ok_or_else(bad)?)
        .ok_or_else(bad)?;
    let opts = self::options(option_pieces)?;
    let [now, method, url, rest @ ..] = strings else {
        return Err(bad());
    };
    let now = now.parse::<i64>().map_err(|_| bad())?;
    let (secrets, headers) = rest.split_at_checked(secrets).ok_or_else(bad)?;
    let mut r = Request::new(*method, *url, body);
    for pair in headers.chunks_exact(2) {
        if let [name, value] = pair {
            r = r.header(*name, *value);
        }
    }
    Ok((r, secrets, now, opts))
}

pub(crate) const BAD_STRINGS: &str = "the request's strings do not add up (mismatched package files?)";

thread_local! {
    /// The numbers of the last answer, kept until the next call (the package reads them in
    /// place, see `numbersAt`).
    static NUMBERS: std::cell::RefCell<Vec<f64>> = const { std::cell::RefCell::new(Vec::new()) };
    /// Where the package writes a call's arguments (see [`with_input`]), kept between calls.
    static INPUT: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The address of the input buffer, grown to `bytes` (the package calls it to grow the buffer).
#[wasm_bindgen]
pub fn input(bytes: usize) -> u32 {
    INPUT.with(|slot| {
        slot.try_borrow_mut().map_or(0, |mut buffer| {
            buffer.resize(bytes, 0);
            address(&buffer)
        })
    })
}

/// Runs `f` with a call's arguments as the package wrote them into the input buffer: `count`
/// strings' UTF-8 one after the other, the body (`body` bytes), then each string's length in
/// bytes (`u32`, little-endian); `total` bytes in all. The answer of a failure when they do not
/// add up.
pub(crate) fn with_input(
    total: usize,
    count: usize,
    body: usize,
    f: &mut dyn FnMut(&[&str], &[u8]) -> String,
) -> String {
    let answer = INPUT.with(|slot| {
        let input = slot.try_borrow().ok()?;
        let (rest, lengths) = input
            .get(..total)?
            .split_at_checked(total.checked_sub(count.checked_mul(4)?)?)?;
        let (text, body) = rest.split_at_checked(rest.len().checked_sub(body)?)?;
        let text = std::str::from_utf8(text).ok()?;
        let mut strings = Vec::with_capacity(count);
        let mut at = 0;
        for length in lengths.chunks_exact(4) {
            let end = at + usize::try_from(u32::from_le_bytes(length.try_into().ok()?)).ok()?;
            strings.push(text.get(at..end)?);
            at = end;
        }
        (at == text.len()).then(|| f(&strings, body))
    });
    answer.unwrap_or_else(|| failure(usage_answer(BAD_STRINGS)))
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
    NUMBERS.with(|slot| slot.try_borrow().map_or(0, |n| address(&n)))
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
        hs::Delivery::Channel(channel) => match crate::channel::channel(verified, channel) {
            Ok(text) => {
                set_numbers(crate::channel::CHANNEL.to_vec());
                text
            }
            Err(answer) => failure(answer),
        },
        // A batch; `Delivery` is non-exhaustive: any other shape answers no events.
        _ => delivery(verified, d.batch().unwrap_or(&hs::Batch::default()), body),
    }
}

/// The answer of a failure (`{"error": ...}`), with the numbers of a failure.
fn failure(text: String) -> String {
    set_numbers(protocol::FAILURE.to_vec());
    text
}

/// The core's `answer` for a body that the package cut: it wrote only the first bytes of a body
/// of `length` bytes (one past the size limit, so that a body of gigabytes never enters this
/// module's memory, which cannot give it back; none for a declared Content-Length over the
/// limit). Unless the call failed on its arguments, such a body is `body_too_large`, told its
/// full length.
fn cut<T>(answer: hs::Result<T>, length: f64, body: &[u8], options: &Options) -> hs::Result<T> {
    // The length of a JavaScript byte array or a Content-Length: a whole number below 2^53.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let length = length as u64;
    let usage = matches!(&answer, Err(e) if e.code().family() == hs::ErrorFamily::Usage);
    if length <= body.len() as u64 || usage {
        return answer;
    }
    hs::check_body_length(length, options).and(answer)
}

/// Verifies a request (and with `parse`, parses its body) from the input buffer
/// ([`with_input`]; its strings as [`call`] takes them). Answers the delivery or `{"error"}`.
/// `length` is the body's full length (see [`cut`]).
#[wasm_bindgen]
pub fn verify(
    total: usize,
    count: usize,
    secrets: usize,
    options: usize,
    body: usize,
    parse: bool,
    length: f64,
) -> String {
    with_input(total, count, body, &mut |strings, body| {
        let (req, secrets, now_ms, opts) = match call(strings, secrets, options, body) {
            Ok(call) => call,
            Err(answer) => return failure(answer),
        };
        let answer = if parse {
            with_digests(|d| hs::verify_and_parse_delivery_with(&req, secrets, now_ms, &opts, d))
                .map(|out| any_delivery(Some(out.verified), &out.delivery, body))
        } else {
            with_digests(|d| hs::verify_with(&req, secrets, now_ms, &opts, d))
                .map(|v| delivery(Some(v), &hs::Batch::default(), &[]))
        };
        cut(answer, length, body, &opts).unwrap_or_else(|e| failure(error_answer(&e)))
    })
}

/// Parses a body without verifying it, from the input buffer ([`with_input`]: the option
/// pieces, then the body). Answers the delivery (no version) or `{"error"}`. `length` is the
/// body's full length (see [`cut`]).
#[wasm_bindgen]
pub fn parse(total: usize, count: usize, body: usize, length: f64) -> String {
    with_input(total, count, body, &mut |pieces, body| match self::options(pieces) {
        Ok(opts) => match cut(hs::parse_delivery(body, &opts), length, body, &opts) {
            Ok(d) => any_delivery(None, &d, body),
            Err(e) => failure(error_answer(&e)),
        },
        Err(answer) => failure(answer),
    })
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
/// `version|header|tag,...|member,...|id field,...|code:form,...`, tags and members by code
/// (core.js, `layoutOf`).
#[wasm_bindgen]
pub fn layout() -> String {
    let mut out = String::with_capacity(2048);
    out.push_str(itoa::Buffer::new().format(protocol::PROTOCOL_VERSION));
    for part in [&protocol::HEADER[..], &protocol::TAGS] {
        list(&mut out, part.iter().copied(), push);
    }
    list(&mut out, FIELDS.iter().map(|f| f.json).chain(protocol::DERIVED), push);
    list(&mut out, FIELDS.iter().filter(|f| f.is_id).map(|f| f.json), push);
    list(&mut out, protocol::head(), |o, (code, form)| {
        push(o, itoa::Buffer::new().format(code));
        push(o, ":");
        push(o, form);
    });
    out
}

/// `|` and the items, each written by `write`, joined by `,`.
fn list<T>(out: &mut String, items: impl IntoIterator<Item = T>, mut write: impl FnMut(&mut String, T)) {
    push(out, "|");
    for (i, item) in items.into_iter().enumerate() {
        push(out, if i > 0 { "," } else { "" });
        write(out, item);
    }
}

#[inline(never)]
fn push(out: &mut String, text: &str) {
    out.push_str(text);
}
