//! UTF-16 offsets (JavaScript string positions) of byte offsets in a body, for the batch
//! protocol's slices of the body's text.

/// Counts UTF-16 code units of valid UTF-8: one per character, two for those beyond U+FFFF
/// (a lead byte of four bytes).
pub fn utf16_units(bytes: &[u8]) -> usize {
    if bytes.is_ascii() {
        return bytes.len();
    }
    bytes
        .iter()
        .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

/// UTF-16 offsets into the body's text, for byte offsets given in increasing order.
pub struct BodyUnits<'a> {
    body: &'a [u8],
    ascii: bool,
    byte_at: usize,
    unit_at: usize,
}

impl<'a> BodyUnits<'a> {
    pub fn new(body: &'a [u8]) -> Self {
        BodyUnits {
            body,
            ascii: body.is_ascii(),
            byte_at: 0,
            unit_at: 0,
        }
    }

    /// The offsets within the event whose raw JSON is `start..end` (events in order).
    pub fn event(&mut self, start: usize, end: usize) -> EventUnits<'a> {
        let raw = self.body.get(start..end).unwrap_or_default();
        EventUnits {
            raw,
            start,
            unit_start: self.at(start),
            ascii: self.ascii || raw.is_ascii(),
        }
    }

    fn at(&mut self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        if byte < self.byte_at {
            // Not in order (never expected): count from the start.
            self.byte_at = 0;
            self.unit_at = 0;
        }
        self.unit_at += utf16_units(self.body.get(self.byte_at..byte).unwrap_or_default());
        self.byte_at = byte;
        self.unit_at
    }
}

/// UTF-16 offsets into the body's text of byte offsets within one event's raw JSON.
pub struct EventUnits<'a> {
    /// The event's raw JSON, and the UTF-16 offset of its start in the body's text.
    raw: &'a [u8],
    start: usize,
    unit_start: usize,
    /// The raw JSON is ASCII: a byte is a unit.
    ascii: bool,
}

impl EventUnits<'_> {
    pub fn at(&self, byte: usize) -> usize {
        let within = byte.saturating_sub(self.start);
        if self.ascii {
            return self.unit_start + within;
        }
        self.unit_start + utf16_units(self.raw.get(..within).unwrap_or_default())
    }
}
