//! The plain-event fast path of the batch reader.
//!
//! Almost every event HubSpot sends is flat: string values without escapes, integers, booleans,
//! `null` and one array of integers (`mergedObjectIds`). This reader types such an event without
//! serde (about a third of the reader's time goes to its general machinery) and gives up on
//! anything else (an escape, a fraction or exponent, an integer beyond 64 bits, a nested value,
//! a value of the wrong kind for its field, a syntax error), leaving the event to the full
//! reader in `batch.rs`. So it never decides an outcome of its own: when it finishes, the full
//! reader would have read the same fields, which `tests/properties.rs` and the `parse_batch`
//! fuzz target check by running both on the same bodies. Both readers set fields through the
//! same `Fields::set`; the full reader hands it each value's raw JSON, which is read plainly too
//! when it can be.

use crate::batch::{skip_ws, Source};
use crate::schema::{Fields, Input, SetError};

/// One member value the plain reader understood, with its exact JSON text.
pub(crate) struct Plain<'a> {
    /// The value as it stands in the body (`"abc"` with its quotes, `12`, `true`, `[1,2]`).
    pub(crate) raw: &'a str,
    pub(crate) value: PlainValue<'a>,
}

pub(crate) enum PlainValue<'a> {
    /// A string without escapes: the text between the quotes.
    Str(&'a str),
    /// An integer within `i64`, without fraction or exponent.
    Int(i64),
    Bool(bool),
    Null,
    /// An array of integers within `i64`.
    IntList(Vec<i64>),
}

/// Reads the event object at `pos` of `text` (`text[pos]` is `{`) into `fields`, which must be
/// empty; the position after its `}`. `None` when the event is not plain: `fields` may then hold
/// part of it, and the caller empties it before the full reader runs.
pub(crate) fn read_event(text: &str, pos: usize, fields: &mut Fields, src: Source<'_>) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = skip_ws(bytes, pos.checked_add(1)?);
    if *bytes.get(at)? == b'}' {
        return Some(at + 1);
    }
    loop {
        if *bytes.get(at)? != b'"' {
            return None;
        }
        let (key, after_key) = string(text, at)?;
        at = skip_ws(bytes, after_key);
        if *bytes.get(at)? != b':' {
            return None;
        }
        at = skip_ws(bytes, at + 1);
        let (value, after_value) = value(text, at)?;
        match fields.set(key, Input::Plain(value), src) {
            Ok(_) => {}
            Err(SetError::NotPlain | SetError::Json(_)) => return None,
        }
        at = skip_ws(bytes, after_value);
        match *bytes.get(at)? {
            b',' => at = skip_ws(bytes, at + 1),
            b'}' => return Some(at + 1),
            _ => return None,
        }
    }
}

/// The string starting with the quote at `at`, if it has no escape and no control character:
/// its contents and the position after its closing quote.
fn string(text: &str, at: usize) -> Option<(&str, usize)> {
    let bytes = text.as_bytes();
    let start = at + 1;
    let end = special(bytes, start)?;
    if *bytes.get(end)? != b'"' {
        return None;
    }
    // Both ends are ASCII quotes of a valid UTF-8 text, so the slice is at char boundaries.
    Some((text.get(start..end)?, end + 1))
}

/// The position of the first `"`, `\` or control character at or after `from`, eight bytes a
/// step (each byte of a word is tested at once; the lowest flagged byte is the first).
fn special(bytes: &[u8], mut from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(from..from + 8) {
        let word = u64::from_le_bytes(chunk.try_into().ok()?);
        // A byte is flagged when it is below 0x20, or equal to '"' or '\\' (a zero after XOR).
        let below = |w: u64, n: u64| w.wrapping_sub(ONES * n) & !w & HIGH;
        let flags = below(word, 0x20) | below(word ^ (ONES * 0x22), 1) | below(word ^ (ONES * 0x5c), 1);
        if flags != 0 {
            return Some(from + (flags.trailing_zeros() / 8) as usize);
        }
        from += 8;
    }
    while let Some(&b) = bytes.get(from) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            return Some(from);
        }
        from += 1;
    }
    None
}

/// The integer starting at `at` (JSON syntax: `-`?, no leading zero, no fraction or exponent)
/// when it fits in `i64`, and the position after it.
fn integer(bytes: &[u8], at: usize) -> Option<(i64, usize)> {
    let negative = *bytes.get(at)? == b'-';
    let first = at + usize::from(negative);
    let mut end = first;
    // At most 19 digits (i64's range has 19), which fit in a u64.
    let mut magnitude: u64 = 0;
    while let Some(&d @ b'0'..=b'9') = bytes.get(end) {
        if end - first == 19 {
            return None;
        }
        magnitude = magnitude * 10 + u64::from(d - b'0');
        end += 1;
    }
    let digits = end - first;
    // No digits, a leading zero ("01", and "-0", left to the full reader), or a number that
    // goes on with a fraction or an exponent.
    if digits == 0 || (*bytes.get(first)? == b'0' && (digits > 1 || negative)) {
        return None;
    }
    if matches!(bytes.get(end), Some(b'.' | b'e' | b'E')) {
        return None;
    }
    let value = if negative {
        0i64.checked_sub_unsigned(magnitude)?
    } else {
        i64::try_from(magnitude).ok()?
    };
    Some((value, end))
}

/// The whole of `raw` as one plain value (no whitespace around it), if it is one.
pub(crate) fn value_of(raw: &str) -> Option<Plain<'_>> {
    match value(raw, 0)? {
        (plain, end) if end == raw.len() => Some(plain),
        _ => None,
    }
}

/// The value starting at `at`, and the position after it.
fn value(text: &str, at: usize) -> Option<(Plain<'_>, usize)> {
    let bytes = text.as_bytes();
    let (value, end) = match *bytes.get(at)? {
        b'"' => {
            let (s, end) = string(text, at)?;
            (PlainValue::Str(s), end)
        }
        b'-' | b'0'..=b'9' => {
            let (n, end) = integer(bytes, at)?;
            (PlainValue::Int(n), end)
        }
        b't' if bytes.get(at..at + 4)? == b"true" => (PlainValue::Bool(true), at + 4),
        b'f' if bytes.get(at..at + 5)? == b"false" => (PlainValue::Bool(false), at + 5),
        b'n' if bytes.get(at..at + 4)? == b"null" => (PlainValue::Null, at + 4),
        b'[' => {
            let mut list = Vec::new();
            let mut end = skip_ws(bytes, at + 1);
            if *bytes.get(end)? != b']' {
                loop {
                    let (n, after) = integer(bytes, end)?;
                    list.push(n);
                    end = skip_ws(bytes, after);
                    match *bytes.get(end)? {
                        b',' => end = skip_ws(bytes, end + 1),
                        b']' => break,
                        _ => return None,
                    }
                }
            }
            (PlainValue::IntList(list), end + 1)
        }
        _ => return None,
    };
    // A literal must end there ("truex" is not JSON): the caller checks the next byte is
    // whitespace, `,` or `}`.
    Some((
        Plain {
            raw: text.get(at..end)?,
            value,
        },
        end,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_within_i64_only() {
        let int = |s: &str| integer(s.as_bytes(), 0).map(|(n, end)| (n, end == s.len()));
        assert_eq!(int("0"), Some((0, true)));
        assert_eq!(int("-9223372036854775808"), Some((i64::MIN, true)));
        assert_eq!(int("9223372036854775807"), Some((i64::MAX, true)));
        assert_eq!(int("42,"), Some((42, false)));
        for other in [
            "9223372036854775808",
            "-9223372036854775809",
            "12345678901234567890",
            "-0",
            "01",
            "-",
            "",
            "1.0",
            "1e5",
            "2E1",
            "x",
        ] {
            assert_eq!(int(other), None, "{other}");
        }
    }

    #[test]
    fn strings_without_escapes_or_controls() {
        // The first special byte is found at every offset of a word and past it.
        for at in 0..20 {
            let text = format!("\"{}é\"", "a".repeat(at));
            assert_eq!(string(&text, 0), Some((&text[1..text.len() - 1], text.len())), "{at}");
            for special in ["\\n", "\t", "\u{1}"] {
                let text = format!("\"{}{special}x\"", "b".repeat(at));
                assert_eq!(string(&text, 0), None, "{at} {special:?}");
            }
        }
        assert_eq!(string("\"unterminated", 0), None);
    }
}
