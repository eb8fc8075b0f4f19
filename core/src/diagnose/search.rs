//! The search behind [`crate::diagnose`]: the deformations, tried one at a time.

use std::borrow::Cow;

use super::{Diagnosis, Finding, DIAGNOSIS_MAX_CANDIDATES, DIAGNOSIS_MAX_SECRETS};
use crate::error::ErrorCode;
use crate::request::{verify_with, Request};
use crate::request::{HEADER_REQUEST_TIMESTAMP, HEADER_SIGNATURE, HEADER_SIGNATURE_V3, HEADER_SIGNATURE_VERSION};
use crate::signature::{self, constant_time_eq, decode_v3_uri, Digests, RustDigests, SignatureVersion};
use crate::Options;

/// Diagnoses a request: the verdict, and for a signature or timestamp failure what would have
/// made it pass. See the module documentation for the bounds.
pub fn diagnose<S: AsRef<[u8]>>(request: &Request<'_>, secrets: &[S], now_ms: i64, options: &Options) -> Diagnosis {
    diagnose_with(request, secrets, now_ms, options, &RustDigests)
}

/// [`diagnose`] computing the digests with `digests`.
pub fn diagnose_with<S: AsRef<[u8]>>(
    request: &Request<'_>,
    secrets: &[S],
    now_ms: i64,
    options: &Options,
    digests: &dyn Digests,
) -> Diagnosis {
    let plain = Options {
        diagnose: false,
        ..options.clone()
    };
    match verify_with(request, secrets, now_ms, &plain, digests) {
        Ok(verified) => Diagnosis {
            verdict: Ok(verified),
            findings: Vec::new(),
            digests: 0,
        },
        Err(e) => diagnose_failure(request, secrets, now_ms, options, digests, e.code()),
    }
}

/// The diagnosis of a request whose verification failed with `code` (verification with
/// `Options::diagnose` knows it already, and does not verify again).
pub(crate) fn diagnose_failure<S: AsRef<[u8]>>(
    request: &Request<'_>,
    secrets: &[S],
    now_ms: i64,
    options: &Options,
    digests: &dyn Digests,
    code: ErrorCode,
) -> Diagnosis {
    let mut d = Diagnosis {
        verdict: Err(code),
        findings: Vec::new(),
        digests: 0,
    };
    if !matches!(
        code,
        ErrorCode::SignatureMismatch
            | ErrorCode::MalformedSignature
            | ErrorCode::TimestampTooOld
            | ErrorCode::TimestampInFuture
            | ErrorCode::UnsupportedSignatureVersion
    ) {
        return d;
    }
    let secrets: Vec<&[u8]> = secrets.iter().map(AsRef::as_ref).take(DIAGNOSIS_MAX_SECRETS).collect();
    let mut search = Search {
        request,
        secrets: &secrets,
        digests,
        tried: 0,
        diagnosis: &mut d,
    };
    search.run(code, now_ms, options);
    let signature_failure = !matches!(code, ErrorCode::TimestampTooOld | ErrorCode::TimestampInFuture);
    if signature_failure && d.findings.iter().all(|f| !f.confirmed) {
        d.findings.push(Finding {
            code: "no_match",
            message: "No deformation tried makes the signature match: unless a finding above explains it, the secret \
                      is most likely not the client secret of the app HubSpot signs for (the app's Auth settings), or \
                      the request was changed in a way not tried here."
                .to_owned(),
            confirmed: false,
        });
    }
    d
}

/// The parts of a request a deformation may change.
#[derive(Clone, Default)]
struct Variant<'a> {
    url: Option<Cow<'a, [u8]>>,
    body: Option<Cow<'a, [u8]>>,
    /// The signature header value to compare with (changed by header deformations).
    signature: Option<Cow<'a, [u8]>>,
    /// v3 over the URL as given, without HubSpot's decode table.
    raw_url: bool,
    /// Secrets with surrounding white space and quotes removed.
    trim_secrets: bool,
}

struct Search<'r, 'a> {
    request: &'r Request<'a>,
    secrets: &'r [&'r [u8]],
    digests: &'r dyn Digests,
    tried: usize,
    diagnosis: &'r mut Diagnosis,
}

impl Search<'_, '_> {
    fn note(&mut self, code: &'static str, message: String, confirmed: bool) {
        self.diagnosis.findings.push(Finding {
            code,
            message,
            confirmed,
        });
    }

    /// Whether the deformed request matches its signature with one of the secrets.
    fn matches(&mut self, version: SignatureVersion, variant: &Variant<'_>) -> bool {
        if self.tried >= DIAGNOSIS_MAX_CANDIDATES {
            return false;
        }
        self.tried += 1;
        let r = self.request;
        let header = match version {
            SignatureVersion::V3 => r.header_value(HEADER_SIGNATURE_V3),
            _ => r.header_value(HEADER_SIGNATURE),
        };
        let Some(header) = variant.signature.clone().or(header) else {
            return false;
        };
        let Ok(sig) = signature::check_form(version, &header) else {
            return false;
        };
        let url: &[u8] = variant.url.as_deref().unwrap_or(r.url);
        let body: &[u8] = variant.body.as_deref().unwrap_or(r.body);
        let timestamp = r.header_value(HEADER_REQUEST_TIMESTAMP).unwrap_or_default();
        let timestamp = timestamp.trim_ascii();
        for secret in self.secrets {
            let secret = if variant.trim_secrets {
                trim_secret(secret)
            } else {
                secret
            };
            self.diagnosis.digests += 1;
            let expected = match version {
                SignatureVersion::V1 => signature::sign_v1_with(self.digests, secret, body).ok(),
                SignatureVersion::V2 => signature::sign_v2_with(self.digests, secret, r.method, url, body).ok(),
                SignatureVersion::V3 => {
                    let url: Cow<'_, [u8]> = if variant.raw_url {
                        Cow::Borrowed(url)
                    } else {
                        decode_v3_uri(url)
                    };
                    self.digests
                        .hmac_sha256(secret, &[r.method, &url, body, timestamp])
                        .ok()
                        .map(|mac| signature::base64_standard(&mac))
                }
            };
            if expected.is_some_and(|e| constant_time_eq(e.as_bytes(), sig)) {
                return true;
            }
        }
        false
    }

    fn run(&mut self, code: ErrorCode, now_ms: i64, options: &Options) {
        let r = self.request;
        let version = if r.header_value(HEADER_SIGNATURE_V3).is_some() {
            SignatureVersion::V3
        } else {
            match r
                .header_value(HEADER_SIGNATURE_VERSION)
                .as_deref()
                .map(<[u8]>::trim_ascii)
            {
                Some(b"v2") => SignatureVersion::V2,
                _ => SignatureVersion::V1,
            }
        };
        self.secret_shapes();
        if version == SignatureVersion::V3 {
            if let Some(ts) = r.header_value(HEADER_REQUEST_TIMESTAMP) {
                if let Ok(ts) = signature::parse_timestamp(&ts) {
                    self.time(code, ts, now_ms, options);
                }
            }
        }
        if matches!(code, ErrorCode::TimestampTooOld | ErrorCode::TimestampInFuture) {
            return;
        }
        self.header(version);
        if version != SignatureVersion::V1 {
            self.url(version);
        }
        self.body(version);
        let padded = self.secrets.iter().any(|s| trim_secret(s) != *s);
        let trimmed = Variant {
            trim_secrets: true,
            ..Variant::default()
        };
        if padded && self.matches(version, &trimmed) {
            self.note(
                "secret_whitespace",
                "The signature matches once white space or quotes around the secret are removed: the secret was read \
                 with a trailing newline or quotes (from a file or an environment variable); trim it."
                    .to_owned(),
                true,
            );
        }
    }

    fn secret_shapes(&mut self) {
        let secrets = self.secrets;
        for (i, secret) in secrets.iter().enumerate() {
            let s = trim_secret(secret);
            if s.starts_with(b"pat-") || s.starts_with(b"Bearer ") {
                self.note(
                    "secret_looks_like_token",
                    format!(
                        "Secret {i} looks like an access token (pat-..., a bearer token), not a client secret: HubSpot \
                         signs with the app's client secret (the app's Auth settings)."
                    ),
                    false,
                );
            } else if !s.is_empty() && s.iter().all(u8::is_ascii_digit) {
                self.note(
                    "secret_looks_like_app_id",
                    format!(
                        "Secret {i} is a number, like an app ID or a portal ID: HubSpot signs with the app's client \
                         secret (the app's Auth settings)."
                    ),
                    false,
                );
            }
        }
    }

    fn time(&mut self, code: ErrorCode, ts: i64, now_ms: i64, options: &Options) {
        // A clock passed in other units than milliseconds: seconds are ~1.7e9, micro ~1.7e15.
        let unit = if now_ms.unsigned_abs() < 100_000_000_000 {
            Some("seconds")
        } else if now_ms.unsigned_abs() > 100_000_000_000_000 {
            Some("microseconds or nanoseconds")
        } else {
            None
        };
        if let Some(unit) = unit {
            if (1_000_000_000_000..10_000_000_000_000).contains(&ts) {
                self.note(
                    "now_not_milliseconds",
                    format!(
                        "The receiver's clock (now_ms = {now_ms}) looks like {unit}, but the timestamp header is in \
                         Unix milliseconds: pass the time in milliseconds."
                    ),
                    false,
                );
                return;
            }
        }
        if matches!(code, ErrorCode::TimestampTooOld | ErrorCode::TimestampInFuture)
            && self.matches(SignatureVersion::V3, &Variant::default())
        {
            let (how, limit) = if code == ErrorCode::TimestampTooOld {
                ("older than", options.tolerance_ms)
            } else {
                ("ahead of", options.max_future_ms)
            };
            self.note(
                "clock_skew",
                format!(
                    "The signature is genuine, but the timestamp is {} {how} the receiver's clock (the limit is {}): \
                     the receiver's clock is off by about that much (sync it with NTP), or this is a replay of an old \
                     request.",
                    duration(now_ms.abs_diff(ts)),
                    duration(limit)
                ),
                true,
            );
        }
    }

    fn header(&mut self, version: SignatureVersion) {
        let r = self.request;
        let name = if version == SignatureVersion::V3 {
            HEADER_SIGNATURE_V3
        } else {
            HEADER_SIGNATURE
        };
        let Some(header) = r.header_value(name) else {
            return;
        };
        let trimmed = header.trim_ascii();
        if version == SignatureVersion::V3 && trimmed.contains(&b' ') {
            let fixed: Vec<u8> = trimmed.iter().map(|b| if *b == b' ' { b'+' } else { *b }).collect();
            let variant = Variant {
                signature: Some(Cow::Owned(fixed)),
                ..Variant::default()
            };
            if self.matches(version, &variant) {
                self.note(
                    "signature_plus_as_space",
                    format!(
                        "The signature matches once its spaces are turned back into '+': something upstream decoded \
                         {name} as form data. Pass the header value exactly as received."
                    ),
                    true,
                );
            }
        }
        let unquoted = trimmed
            .strip_prefix(b"\"")
            .and_then(|s| s.strip_suffix(b"\""))
            .or_else(|| trimmed.strip_prefix(b"'").and_then(|s| s.strip_suffix(b"'")));
        if let Some(unquoted) = unquoted {
            let variant = Variant {
                signature: Some(Cow::Owned(unquoted.to_vec())),
                ..Variant::default()
            };
            if self.matches(version, &variant) {
                self.note(
                    "signature_quoted",
                    format!("The signature matches without the quotes around {name}: pass the header value unquoted."),
                    true,
                );
            }
        }
        if version != SignatureVersion::V3 {
            let other = if version == SignatureVersion::V1 {
                SignatureVersion::V2
            } else {
                SignatureVersion::V1
            };
            if self.matches(other, &Variant::default()) {
                self.note(
                    "signature_version_header",
                    format!(
                        "X-HubSpot-Signature is a {other} signature, but {HEADER_SIGNATURE_VERSION} says {version} (or \
                         is missing): a proxy changed or dropped the version header."
                    ),
                    true,
                );
            }
        }
    }

    fn url(&mut self, version: SignatureVersion) {
        let r = self.request;
        let Ok(url) = std::str::from_utf8(r.url) else {
            return;
        };
        let Some(parts) = UrlParts::parse(url) else {
            return;
        };
        let mut tries: Vec<(&'static str, String, String)> = Vec::new();
        let other_scheme = if parts.scheme.eq_ignore_ascii_case("https") {
            "http"
        } else {
            "https"
        };
        let swapped = parts.with(|p| p.scheme = other_scheme);
        tries.push((
            "url_scheme",
            swapped.clone(),
            format!(
                "The signature matches the URL with {other_scheme}:// ({swapped}): a proxy or TLS terminator changed the \
                 scheme; pass the public URL HubSpot called."
            ),
        ));
        let default_port = if parts.scheme.eq_ignore_ascii_case("https") {
            "443"
        } else {
            "80"
        };
        let ported = if parts.port == Some(default_port) {
            parts.with(|p| p.port = None)
        } else if parts.port.is_none() {
            parts.with(|p| p.port = Some(default_port))
        } else {
            String::new()
        };
        if !ported.is_empty() {
            tries.push((
                "url_default_port",
                ported.clone(),
                format!("The signature matches the URL written {ported}: the default port was added or dropped."),
            ));
        }
        if let Some(forwarded) = forwarded_url(r, &parts) {
            tries.push((
                "url_forwarded",
                forwarded.clone(),
                format!(
                    "The signature matches {forwarded}, the URL the proxy's forwarding headers describe: pass that \
                     public URL (or let the helper trust the proxy's headers)."
                ),
            ));
        }
        let slashed = if parts.path.len() > 1 && parts.path.ends_with('/') {
            parts.with(|p| p.path = p.path.strip_suffix('/').unwrap_or(p.path))
        } else {
            let path = format!("{}/", parts.path);
            UrlParts { path: &path, ..parts }.to_string()
        };
        tries.push((
            "url_trailing_slash",
            slashed.clone(),
            format!("The signature matches {slashed}: a trailing slash was added or removed on the way."),
        ));
        if parts.query.is_some() {
            let dropped = parts.with(|p| p.query = None);
            tries.push((
                "url_query_dropped",
                dropped,
                "The signature matches the URL without its query string: HubSpot called the URL without it (is the \
                 app's target URL registered without the query?), so something on the way added it."
                    .to_owned(),
            ));
        }
        let encoded = reencode(url);
        if encoded != url {
            tries.push((
                "url_decoded_upstream",
                encoded.clone(),
                format!(
                    "The signature matches {encoded}: HubSpot sent characters of the URL percent-encoded and something \
                     upstream (the framework's URL) decoded them. Pass the raw request URI as sent on the wire."
                ),
            ));
        }
        for (code, candidate, message) in tries {
            let variant = Variant {
                url: Some(Cow::Owned(candidate.into_bytes())),
                ..Variant::default()
            };
            if self.matches(version, &variant) {
                self.note(code, message, true);
            }
        }
        if version == SignatureVersion::V3 && decode_v3_uri(r.url).as_ref() != r.url {
            let variant = Variant {
                raw_url: true,
                ..Variant::default()
            };
            if self.matches(version, &variant) {
                self.note(
                    "url_decoding",
                    "The signature matches the URL without HubSpot's v3 decoding of %3A, %2F, ... : whoever signed \
                     the request did not decode the URL as HubSpot does (an own signer or test tool?)."
                        .to_owned(),
                    true,
                );
            }
        }
    }

    fn body(&mut self, version: SignatureVersion) {
        let r = self.request;
        let Ok(text) = std::str::from_utf8(r.body) else {
            return;
        };
        let compact = minify(text);
        let mut tries: Vec<(&'static str, String, &'static str)> = Vec::new();
        // Only trailing white space differs: the trailing-newline deformation says it better.
        if compact != text.trim_end_matches(['\n', '\r', ' ', '\t']) {
            tries.push((
                "body_reserialised",
                compact.clone(),
                "The signature matches the body without its white space: the body was parsed and re-serialised \
                 (pretty-printed) on the way. Pass the raw bytes as received.",
            ));
        }
        let unescaped = unescape_unicode(&compact);
        if unescaped != compact {
            tries.push((
                "body_unicode_escapes",
                unescaped,
                "The signature matches the body with its \\u escapes written as UTF-8: the body was parsed and \
                 re-serialised with ASCII escapes. Pass the raw bytes as received.",
            ));
        }
        let escaped = escape_non_ascii(&compact);
        if escaped != compact {
            tries.push((
                "body_unicode_escapes",
                escaped,
                "The signature matches the body with its non-ASCII characters written as \\u escapes: the body was \
                 parsed and re-serialised. Pass the raw bytes as received.",
            ));
        }
        let trimmed = text.trim_end_matches(['\n', '\r']);
        if trimmed != text {
            tries.push((
                "body_trailing_newline",
                trimmed.to_owned(),
                "The signature matches the body without its trailing newline: something added it. Pass the raw bytes \
                 as received.",
            ));
        } else {
            tries.push((
                "body_trailing_newline",
                format!("{text}\n"),
                "The signature matches the body with a trailing newline: something removed it. Pass the raw bytes as \
                 received.",
            ));
        }
        for (code, candidate, message) in tries {
            let variant = Variant {
                body: Some(Cow::Owned(candidate.into_bytes())),
                ..Variant::default()
            };
            if self.matches(version, &variant) {
                self.note(code, message.to_owned(), true);
            }
        }
        if !self
            .diagnosis
            .findings
            .iter()
            .any(|f| f.code.starts_with("body_") && f.confirmed)
            && keys_sorted(text)
        {
            self.note(
                "body_keys_reordered",
                "The body's keys are in alphabetical order, but HubSpot sends them in its own order (eventId, \
                 subscriptionId, portalId, ... or type, portalId, channelId, ...): the body was most likely parsed \
                 and re-serialised with sorted keys. Pass the raw bytes as received."
                    .to_owned(),
                false,
            );
        }
    }
}

/// Milliseconds in words, to the second: `10 min 0 s`, `45 s`, `1 h 2 min 3 s` (integer arithmetic:
/// no float formatting in the core).
fn duration(ms: u64) -> String {
    let s = ms / 1000;
    match (s / 3600, s / 60 % 60, s % 60) {
        (0, 0, sec) => format!("{sec} s"),
        (0, min, sec) => format!("{min} min {sec} s"),
        (h, min, sec) => format!("{h} h {min} min {sec} s"),
    }
}

/// Whether the (first) event object of a body has HubSpot's keys in alphabetical order, which
/// HubSpot never sends (its deliveries start with eventId, or type for Custom Channels).
fn keys_sorted(text: &str) -> bool {
    let first = match serde_json::from_str::<Vec<&serde_json::value::RawValue>>(text) {
        Ok(events) => events.first().map(|e| e.get()),
        Err(_) => Some(text),
    };
    let Some(Ok(members)) = first.map(crate::batch::raw_members) else {
        return false;
    };
    let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
    let hubspot = (keys.contains(&"eventId") && keys.contains(&"appId"))
        || (keys.contains(&"type") && keys.contains(&"channelId"));
    hubspot && keys.len() >= 4 && keys.is_sorted()
}

fn trim_secret(secret: &[u8]) -> &[u8] {
    let s = secret.trim_ascii();
    s.strip_prefix(b"\"")
        .and_then(|x| x.strip_suffix(b"\""))
        .or_else(|| s.strip_prefix(b"'").and_then(|x| x.strip_suffix(b"'")))
        .unwrap_or(s)
}

/// `scheme://host[:port]path[?query]`, enough to rebuild a URL with one part changed.
#[derive(Clone, Copy)]
struct UrlParts<'a> {
    scheme: &'a str,
    host: &'a str,
    port: Option<&'a str>,
    path: &'a str,
    query: Option<&'a str>,
}

impl<'a> UrlParts<'a> {
    fn parse(url: &'a str) -> Option<UrlParts<'a>> {
        let (scheme, rest) = url.split_once("://")?;
        let (authority, tail) = rest.find(['/', '?']).map_or((rest, ""), |i| rest.split_at(i));
        let (path, query) = match tail.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (tail, None),
        };
        // `host:port`, or `[v6]:port`; a colon inside the brackets is not a port.
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && !p.contains(']') => (h, Some(p)),
            _ => (authority, None),
        };
        Some(UrlParts {
            scheme,
            host,
            port,
            path,
            query,
        })
    }

    fn with(&self, change: impl FnOnce(&mut UrlParts<'a>)) -> String {
        let mut copy = *self;
        change(&mut copy);
        copy.to_string()
    }
}

impl std::fmt::Display for UrlParts<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}://{}", self.scheme, self.host)?;
        if let Some(port) = self.port {
            write!(f, ":{port}")?;
        }
        f.write_str(self.path)?;
        if let Some(query) = self.query {
            write!(f, "?{query}")?;
        }
        Ok(())
    }
}

/// The URL the standard forwarding headers describe (`Forwarded`, `X-Forwarded-Proto`,
/// `-Host`, `-Port`, `-Prefix`), when they are present and describe another URL.
fn forwarded_url(r: &Request<'_>, parts: &UrlParts<'_>) -> Option<String> {
    let text = |name: &str| {
        r.header_value(name)
            .and_then(|v| String::from_utf8(v.into_owned()).ok())
            .map(|v| v.split(',').next().unwrap_or_default().trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let mut proto = text("X-Forwarded-Proto");
    let mut host = text("X-Forwarded-Host");
    if let Some(forwarded) = text("Forwarded") {
        for pair in forwarded.split(';') {
            if let Some((k, v)) = pair.trim().split_once('=') {
                let v = v.trim_matches('"').to_owned();
                match k.trim().to_ascii_lowercase().as_str() {
                    "proto" => proto = Some(v),
                    "host" => host = Some(v),
                    _ => {}
                }
            }
        }
    }
    let port = text("X-Forwarded-Port");
    let prefix = text("X-Forwarded-Prefix");
    if proto.is_none() && host.is_none() && port.is_none() && prefix.is_none() {
        return None;
    }
    let scheme = proto.unwrap_or_else(|| parts.scheme.to_owned());
    let authority = host.unwrap_or_else(|| parts.host.to_owned());
    let default_port = if scheme.eq_ignore_ascii_case("https") {
        "443"
    } else {
        "80"
    };
    let port = match port {
        Some(p) if p != default_port && !authority.contains(':') => format!(":{p}"),
        _ => String::new(),
    };
    let prefix = prefix.map(|p| p.trim_end_matches('/').to_owned()).unwrap_or_default();
    let query = parts.query.map(|q| format!("?{q}")).unwrap_or_default();
    let url = format!("{scheme}://{authority}{port}{prefix}{}{query}", parts.path);
    (url != parts.to_string()).then_some(url)
}

/// The URL with the characters a client percent-encodes written as escapes again (upper-case
/// hex): space, `"`, `<`, `>`, `[`, `\`, `]`, `^`, `` ` ``, `{`, `|`, `}`, `~` and non-ASCII.
fn reencode(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii() && !" \"<>[\\]^`{|}~".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// JSON text without white space outside strings (keys and values in their order).
fn minify(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            out.push(c);
        }
    }
    out
}

/// `\uXXXX` escapes of characters other than controls, `"` and `\` written as UTF-8 (with
/// surrogate pairs joined).
fn unescape_unicode(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut rest = json;
    while let Some(at) = rest.find("\\u") {
        // Count backslashes before: an escaped backslash followed by 'u' is not an escape.
        let before = &rest[..at];
        let backslashes = before.bytes().rev().take_while(|b| *b == b'\\').count();
        out.push_str(before);
        let hex = |s: &str| s.get(..4).and_then(|h| u32::from_str_radix(h, 16).ok());
        let after = &rest[at + 2..];
        let decoded = if backslashes % 2 == 1 {
            None
        } else {
            match hex(after) {
                Some(hi @ 0xD800..=0xDBFF) => after
                    .get(4..6)
                    .filter(|s| *s == "\\u")
                    .and_then(|_| hex(&after[6..]))
                    .filter(|lo| (0xDC00..=0xDFFF).contains(lo))
                    .and_then(|lo| char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)))
                    .map(|c| (c, 10)),
                Some(code) => char::from_u32(code).map(|c| (c, 4)),
                None => None,
            }
        };
        match decoded {
            Some((c, len)) if !c.is_control() && c != '"' && c != '\\' => {
                out.push(c);
                rest = &after[len..];
            }
            _ => {
                out.push_str("\\u");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Non-ASCII characters written as `\uXXXX` escapes (surrogate pairs beyond the BMP), as
/// serialisers with ASCII output do.
fn escape_non_ascii(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signature::DigestError;
    use crate::DIAGNOSIS_MAX_DIGESTS;
    use std::cell::Cell;

    const SECRET: &str = "3c9a1e2f-5b7d-4e8a-9f10-2a3b4c5d6e7f";
    const URL: &str = "https://hooks.example.com/hubspot/webhook?x=1";
    const BODY: &str = r#"[{"eventId":1,"subscriptionId":2,"portalId":3,"appId":4,"occurredAt":5,"subscriptionType":"contact.propertyChange","attemptNumber":0,"propertyValue":"Zoë"}]"#;
    const TS: i64 = 1_769_081_994_066;

    struct Counting(Cell<usize>);
    impl Digests for Counting {
        fn sha256(&self, parts: &[&[u8]]) -> Result<[u8; 32], DigestError> {
            self.0.set(self.0.get() + 1);
            RustDigests.sha256(parts)
        }
        fn hmac_sha256(&self, key: &[u8], parts: &[&[u8]]) -> Result<[u8; 32], DigestError> {
            self.0.set(self.0.get() + 1);
            RustDigests.hmac_sha256(key, parts)
        }
    }

    /// Signs (url, body) as HubSpot would, then diagnoses what the receiver saw.
    fn case(signed_url: &str, signed_body: &str, seen_url: &str, seen_body: &str, extra: &[(&str, &str)]) -> Diagnosis {
        let headers = crate::signed_headers(
            SECRET.as_bytes(),
            b"POST",
            signed_url.as_bytes(),
            signed_body.as_bytes(),
            TS,
        );
        let mut request = Request::new("POST", seen_url, seen_body);
        for (n, v) in &headers {
            if *n != HEADER_SIGNATURE && *n != HEADER_SIGNATURE_VERSION {
                request = request.header(*n, v.as_str());
            }
        }
        for (n, v) in extra {
            request = request.header(*n, *v);
        }
        diagnose(&request, &[SECRET], TS + 1000, &Options::default())
    }

    #[test]
    fn every_deformation_is_found() {
        let http = URL.replace("https://", "http://");
        let d = case(URL, BODY, &http, BODY, &[]);
        assert_eq!(d.verdict, Err(ErrorCode::SignatureMismatch));
        assert_eq!(d.codes(), ["url_scheme"]);
        assert!(!d.summary().contains(SECRET));
        let ported = URL.replace(".com/", ".com:443/");
        assert_eq!(case(URL, BODY, &ported, BODY, &[]).codes(), ["url_default_port"]);
        let internal = "http://10.0.0.5:8080/webhook?x=1";
        let fwd = [
            ("X-Forwarded-Proto", "https"),
            ("X-Forwarded-Host", "hooks.example.com"),
            ("X-Forwarded-Prefix", "/hubspot"),
        ];
        assert_eq!(case(URL, BODY, internal, BODY, &fwd).codes(), ["url_forwarded"]);
        let std_fwd = [
            ("Forwarded", "proto=https;host=hooks.example.com"),
            ("X-Forwarded-Prefix", "/hubspot/"),
        ];
        assert_eq!(case(URL, BODY, internal, BODY, &std_fwd).codes(), ["url_forwarded"]);
        let slash = URL.replace("webhook?", "webhook/?");
        assert_eq!(case(URL, BODY, &slash, BODY, &[]).codes(), ["url_trailing_slash"]);
        assert_eq!(
            case("https://hooks.example.com/hubspot/webhook", BODY, URL, BODY, &[]).codes(),
            ["url_query_dropped"]
        );
        let sent = "https://hooks.example.com/hubspot/webhook?name=Jos%C3%A9&t=%7E";
        assert_eq!(
            case(
                sent,
                BODY,
                "https://hooks.example.com/hubspot/webhook?name=José&t=~",
                BODY,
                &[]
            )
            .codes(),
            ["url_decoded_upstream"]
        );
        // Signed over the URL as given, without HubSpot's decode table (an own signer or test tool).
        let raw = "https://hooks.example.com/hubspot/webhook?next=%3A";
        let ts = TS.to_string();
        let mac = RustDigests::hmac_sha256_of(
            SECRET.as_bytes(),
            &[b"POST", raw.as_bytes(), BODY.as_bytes(), ts.as_bytes()],
        )
        .unwrap();
        let sig = signature::base64_standard(&mac);
        let request = Request::new("POST", raw, BODY)
            .header(HEADER_SIGNATURE_V3, sig.as_str())
            .header(HEADER_REQUEST_TIMESTAMP, ts.as_str());
        assert_eq!(
            diagnose(&request, &[SECRET], TS, &Options::default()).codes(),
            ["url_decoding"]
        );
        let pretty = BODY.replace(",\"", ", \"").replace("\":", "\": ");
        assert_eq!(case(URL, BODY, URL, &pretty, &[]).codes(), ["body_reserialised"]);
        let ascii = BODY.replace('ë', "\\u00eb");
        assert_eq!(case(URL, BODY, URL, &ascii, &[]).codes(), ["body_unicode_escapes"]);
        assert_eq!(case(URL, &ascii, URL, BODY, &[]).codes(), ["body_unicode_escapes"]);
        assert_eq!(
            case(URL, BODY, URL, &format!("{BODY}\n"), &[]).codes(),
            ["body_trailing_newline"]
        );
    }

    #[test]
    fn secrets_headers_and_time() {
        let headers = crate::signed_headers(SECRET.as_bytes(), b"POST", URL.as_bytes(), BODY.as_bytes(), TS);
        let value = |name: &str| {
            headers
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
                .unwrap()
        };
        let v3 = value(HEADER_SIGNATURE_V3);
        let ts = TS.to_string();
        let req = |sig: &str, now: i64, secrets: &[&str]| {
            let request = Request::new("POST", URL, BODY)
                .header(HEADER_SIGNATURE_V3, sig)
                .header(HEADER_REQUEST_TIMESTAMP, ts.as_str());
            diagnose(&request, secrets, now, &Options::default())
        };
        assert!(req(&v3, TS + 1, &[SECRET]).findings.is_empty());
        assert_eq!(
            req(&v3.replace('+', " "), TS, &[SECRET]).codes(),
            ["signature_plus_as_space"],
            "{v3}"
        );
        assert_eq!(req(&format!("\"{v3}\""), TS, &[SECRET]).codes(), ["signature_quoted"]);
        let late = req(&v3, TS + 600_000, &[SECRET]);
        assert_eq!(late.verdict, Err(ErrorCode::TimestampTooOld));
        assert_eq!(late.codes(), ["clock_skew"]);
        assert!(
            late.summary().contains("is 10 min 0 s older than"),
            "{}",
            late.summary()
        );
        assert!(late.summary().contains("the limit is 5 min 0 s"), "{}", late.summary());
        assert_eq!(duration(3_723_999), "1 h 2 min 3 s");
        assert_eq!(duration(999), "0 s");
        assert_eq!(req(&v3, TS / 1000, &[SECRET]).codes(), ["now_not_milliseconds"]);
        let trailing = format!("{SECRET}\n");
        assert_eq!(req(&v3, TS, &[trailing.as_str()]).codes(), ["secret_whitespace"]);
        let token = req(&v3, TS, &["pat-na1-11111111-2222-3333-4444-555555555555"]);
        assert_eq!(token.codes(), ["secret_looks_like_token", "no_match"]);
        assert!(!token.summary().contains("pat-na1"));
        assert_eq!(
            req(&v3, TS, &["19635961"]).codes(),
            ["secret_looks_like_app_id", "no_match"]
        );
        // v1 signature with the version header saying v2.
        let v1 = value(HEADER_SIGNATURE);
        let request = Request::new("POST", URL, BODY)
            .header(HEADER_SIGNATURE, v1.as_str())
            .header(HEADER_SIGNATURE_VERSION, "v2");
        assert_eq!(
            diagnose(&request, &[SECRET], TS, &Options::default()).codes(),
            ["signature_version_header"]
        );
    }

    #[test]
    fn bounded_and_never_weakening() {
        let counting = Counting(Cell::new(0));
        let secrets = ["a", "b", "c", "d", "e", "f"];
        let request = Request::new(
            "POST",
            "https://x.example.com:8443/a/b/?q=~ é",
            "[ {\"x\": \"é\\u00e9\"} ]\n",
        )
        .header(HEADER_SIGNATURE_V3, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA A=")
        .header(HEADER_REQUEST_TIMESTAMP, "1769081994066")
        .header("Forwarded", "proto=http;host=y.example.com")
        .header("X-Forwarded-Prefix", "/p");
        let d = diagnose_with(&request, &secrets, TS, &Options::default(), &counting);
        assert_eq!(d.verdict, Err(ErrorCode::MalformedSignature));
        assert!(d.digests <= DIAGNOSIS_MAX_DIGESTS);
        // The signature is malformed, so verification itself computed no digest: all are the diagnosis's.
        assert_eq!(d.digests, counting.0.get());
        assert_eq!(d.codes(), ["no_match"]);
    }

    #[test]
    fn verification_with_the_diagnose_option_verifies_once() {
        // A signature that does not match: verification computes one digest per secret, the
        // diagnosis its own, and nothing is computed twice.
        let headers = crate::signed_headers(SECRET.as_bytes(), b"POST", URL.as_bytes(), BODY.as_bytes(), TS);
        let seen = URL.replace("https://", "http://");
        let mut request = Request::new("POST", seen.as_str(), BODY);
        for (name, value) in &headers {
            request = request.header(*name, value.as_str());
        }
        let counting = Counting(Cell::new(0));
        let options = Options {
            diagnose: true,
            ..Options::default()
        };
        let error = crate::request::verify_with(&request, &[SECRET], TS, &options, &counting).unwrap_err();
        let diagnosis = error.diagnosis().unwrap();
        assert_eq!(diagnosis.codes(), ["url_scheme"]);
        assert_eq!(counting.0.get(), 1 + diagnosis.digests);
        assert_eq!(diagnosis, &diagnose(&request, &[SECRET], TS, &Options::default()));
    }
}
