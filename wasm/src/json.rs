//! The small JSON texts the main module answers with (errors, rejected events, HTTP answers),
//! written directly, without serde (the main module stays small).

use hubspot_webhooks::{Error, ErrorCode, Response};

/// A JSON text being written.
pub struct Json(Vec<u8>);

impl Json {
    pub fn with_capacity(n: usize) -> Self {
        Json(Vec::with_capacity(n))
    }

    pub fn finish(self) -> String {
        // Only valid UTF-8 is ever written (str slices and ASCII).
        String::from_utf8(self.0).unwrap_or_default()
    }

    #[inline(never)]
    pub fn raw(&mut self, text: &str) {
        self.0.extend_from_slice(text.as_bytes());
    }

    /// A value in serde_json's compact form (`null` if it fails, which the core's plain
    /// strings, integers and options never do).
    pub fn serialize(&mut self, value: &impl serde::Serialize) {
        let mark = self.0.len();
        if serde_json::to_writer(&mut self.0, value).is_err() {
            self.0.truncate(mark);
            self.raw("null");
        }
    }

    #[inline(never)]
    pub fn byte(&mut self, b: u8) {
        self.0.push(b);
    }

    /// A JSON string.
    #[inline(never)]
    pub fn string(&mut self, s: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.byte(b'"');
        let bytes = s.as_bytes();
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let escape: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0..=0x1f => b"",
                _ => continue,
            };
            self.0.extend_from_slice(bytes.get(start..i).unwrap_or_default());
            if escape.is_empty() {
                self.0.extend_from_slice(b"\\u00");
                self.byte(HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'));
                self.byte(HEX.get(usize::from(b & 15)).copied().unwrap_or(b'0'));
            } else {
                self.0.extend_from_slice(escape);
            }
            start = i + 1;
        }
        self.0.extend_from_slice(bytes.get(start..).unwrap_or_default());
        self.byte(b'"');
    }

    #[inline(never)]
    pub fn uint(&mut self, v: usize) {
        self.raw(itoa::Buffer::new().format(v));
    }

    /// `{"code","family","status","message"[,"index"][,"field"]}`: the core's error with its
    /// family and HTTP status.
    pub fn error(&mut self, code: ErrorCode, message: &str, index: Option<usize>, field: Option<&str>) {
        self.raw("{\"code\":");
        self.string(code.as_str());
        self.raw(",\"family\":");
        self.string(code.family().as_str());
        self.raw(",\"status\":");
        self.uint(usize::from(code.http_status()));
        self.raw(",\"message\":");
        self.string(message);
        if let Some(index) = index {
            self.raw(",\"index\":");
            self.uint(index);
        }
        if let Some(field) = field {
            self.raw(",\"field\":");
            self.string(field);
        }
        self.byte(b'}');
    }

    pub fn core_error(&mut self, e: &Error) {
        self.error(e.code(), e.message(), e.index(), e.field());
        #[cfg(feature = "tools")]
        self.diagnosis(e);
    }

    /// `[{"code","message","confirmed"}, ...]`: a diagnosis' findings.
    #[cfg(feature = "tools")]
    pub fn findings(&mut self, findings: &[hubspot_webhooks::Finding]) {
        self.byte(b'[');
        for (i, f) in findings.iter().enumerate() {
            if i > 0 {
                self.byte(b',');
            }
            self.raw("{\"code\":");
            self.string(f.code);
            self.raw(",\"message\":");
            self.string(&f.message);
            self.raw(if f.confirmed {
                ",\"confirmed\":true}"
            } else {
                ",\"confirmed\":false}"
            });
        }
        self.byte(b']');
    }

    /// The tools module: an error's diagnosis (`options.diagnose`), as
    /// `,"detailedMessage","diagnosis":{"findings":[{"code","message","confirmed"}],"digests"}`
    /// inside the error object just written.
    #[cfg(feature = "tools")]
    fn diagnosis(&mut self, e: &Error) {
        let Some(d) = e.diagnosis() else { return };
        self.0.pop(); // the closing brace of the error just written
        self.raw(",\"detailedMessage\":");
        self.string(&e.detailed_message());
        self.raw(",\"diagnosis\":{\"findings\":");
        self.findings(&d.findings);
        self.raw(",\"digests\":");
        self.uint(d.digests);
        self.raw("}}");
    }

    /// `{"status","headers":[[name, value], ...],"body"}`: a core [`Response`], as is.
    pub fn response(&mut self, r: &Response) {
        self.raw("{\"status\":");
        self.uint(usize::from(r.status));
        self.raw(",\"headers\":[");
        for (i, (name, value)) in r.headers.iter().enumerate() {
            if i > 0 {
                self.byte(b',');
            }
            self.byte(b'[');
            self.string(name);
            self.byte(b',');
            self.string(value);
            self.byte(b']');
        }
        self.raw("],\"body\":");
        match &r.body {
            Some(body) => self.string(body),
            None => self.raw("null"),
        }
        self.byte(b'}');
    }
}

/// `{"error": {...}, "response": {...}}` for a core error: the error, and what an HTTP helper
/// answers for it (`Response::for_error`).
pub fn error_answer(e: &Error) -> String {
    let mut out = Json::with_capacity(256 + 2 * e.message().len());
    out.raw("{\"error\":");
    out.core_error(e);
    out.raw(",\"response\":");
    out.response(&Response::for_error(e));
    out.byte(b'}');
    out.finish()
}

/// The answer of a caller's mistake (`invalid_argument`) found by the package, as the core's
/// error (`Error::new`) with its `Response::for_error`, like any other.
pub fn usage_answer(message: &str) -> String {
    error_answer(&Error::new(ErrorCode::InvalidArgument, message))
}
