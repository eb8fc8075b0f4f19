//! Request-level verification: finds the headers, picks the version, checks the time window
//! and the signature against one or several secrets.

use std::borrow::Cow;
use std::fmt;

use crate::batch::{check_body_size, parse_batch, Batch};
use crate::delivery::{parse_delivery, Delivery};
use crate::error::{excerpt, Error, ErrorCode, Result};
use crate::signature::{self, Digests, RustDigests, SignatureVersion};
use crate::Options;

/// The v3 signature header.
pub const HEADER_SIGNATURE_V3: &str = "X-HubSpot-Signature-v3";
/// The v1/v2 signature header.
pub const HEADER_SIGNATURE: &str = "X-HubSpot-Signature";
/// The version of [`HEADER_SIGNATURE`]: `v1` or `v2`.
pub const HEADER_SIGNATURE_VERSION: &str = "X-HubSpot-Signature-Version";
/// The v3 timestamp, Unix milliseconds.
pub const HEADER_REQUEST_TIMESTAMP: &str = "X-HubSpot-Request-Timestamp";

/// An incoming HTTP request, as the receiver saw it. Every part is raw bytes.
#[derive(Clone, Debug, Default)]
pub struct Request<'a> {
    /// The HTTP method, e.g. `POST`.
    pub method: &'a [u8],
    /// The full public URL HubSpot called: scheme, host, path and query, as sent. Behind a
    /// proxy or TLS terminator this is the public `https://` URL, not the internal one.
    pub url: &'a [u8],
    /// The headers, names in any case. A header given several times counts as its values
    /// joined by `", "`, as HTTP combines them.
    pub headers: Vec<(&'a [u8], &'a [u8])>,
    /// The raw body bytes, exactly as received.
    pub body: &'a [u8],
}

impl<'a> Request<'a> {
    /// A request with no headers yet.
    pub fn new<M, U, B>(method: &'a M, url: &'a U, body: &'a B) -> Self
    where
        M: AsRef<[u8]> + ?Sized,
        U: AsRef<[u8]> + ?Sized,
        B: AsRef<[u8]> + ?Sized,
    {
        Request {
            method: method.as_ref(),
            url: url.as_ref(),
            headers: Vec::new(),
            body: body.as_ref(),
        }
    }

    /// Adds a header.
    pub fn header<N, V>(mut self, name: &'a N, value: &'a V) -> Self
    where
        N: AsRef<[u8]> + ?Sized,
        V: AsRef<[u8]> + ?Sized,
    {
        self.headers.push((name.as_ref(), value.as_ref()));
        self
    }

    /// The value of a header, names compared without regard to case; several occurrences are
    /// joined by `", "`.
    pub fn header_value(&self, name: &str) -> Option<Cow<'a, [u8]>> {
        let mut found: Option<Cow<'a, [u8]>> = None;
        for (n, v) in &self.headers {
            if n.eq_ignore_ascii_case(name.as_bytes()) {
                found = Some(match found {
                    None => Cow::Borrowed(*v),
                    Some(prev) => {
                        let mut joined = prev.into_owned();
                        joined.extend_from_slice(b", ");
                        joined.extend_from_slice(v);
                        Cow::Owned(joined)
                    }
                });
            }
        }
        found
    }
}

/// The outcome of a successful verification.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verified {
    /// The signature version that was checked.
    pub version: SignatureVersion,
    /// Which secret matched, from 0, in the order given.
    pub secret_index: usize,
}

/// A verified request with its parsed events.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerifiedBatch {
    /// Which version and secret matched.
    pub verified: Verified,
    /// The events.
    pub batch: Batch,
}

/// Verifies a request's HubSpot signature.
///
/// `secrets` are the app's client secrets (several during a rotation), tried in order.
/// `now_ms` is the receiver's clock in Unix milliseconds. Checks, in order: body size, the
/// signature headers (presence, version, form), the v3 timestamp, the signature.
pub fn verify<S: AsRef<[u8]>>(
    request: &Request<'_>,
    secrets: &[S],
    now_ms: i64,
    options: &Options,
) -> Result<Verified> {
    verify_with(request, secrets, now_ms, options, &RustDigests)
}

/// [`verify`] computing the digests with `digests` (see [`Digests`]); the rules are the same.
pub fn verify_with<S: AsRef<[u8]>>(
    request: &Request<'_>,
    secrets: &[S],
    now_ms: i64,
    options: &Options,
    digests: &dyn Digests,
) -> Result<Verified> {
    let verdict = verify_plain(request, secrets, now_ms, options, digests);
    match verdict {
        #[cfg(feature = "diagnose")]
        Err(error) if options.diagnose && error.code().family() == crate::ErrorFamily::Signature => {
            let diagnosis =
                crate::diagnose::search::diagnose_failure(request, secrets, now_ms, options, digests, error.code());
            Err(error.with_diagnosis(diagnosis))
        }
        other => other,
    }
}

fn verify_plain<S: AsRef<[u8]>>(
    request: &Request<'_>,
    secrets: &[S],
    now_ms: i64,
    options: &Options,
    digests: &dyn Digests,
) -> Result<Verified> {
    check_secrets(secrets)?;
    check_body_size(request.body, options)?;
    let v3 = request.header_value(HEADER_SIGNATURE_V3);
    let legacy = request.header_value(HEADER_SIGNATURE);
    if let Some(v3) = v3 {
        return verify_v3_request(request, &v3, secrets, now_ms, options, digests);
    }
    let Some(legacy) = legacy else {
        return Err(Error::new(
            ErrorCode::MissingSignature,
            "the request has neither X-HubSpot-Signature-v3 nor X-HubSpot-Signature: it was not signed by HubSpot, \
             or a proxy dropped the headers (workflow webhooks send no signature unless 'request signature' is chosen)",
        ));
    };
    if options.require_v3 {
        return Err(Error::new(
            ErrorCode::V3Required,
            "require_v3 is set, but the request carries only X-HubSpot-Signature (v1/v2, which has no timestamp and can be replayed)",
        ));
    }
    let version = match request.header_value(HEADER_SIGNATURE_VERSION) {
        None => SignatureVersion::V1,
        Some(v) => match v.trim_ascii() {
            b"v1" => SignatureVersion::V1,
            b"v2" => SignatureVersion::V2,
            other => {
                let shown = String::from_utf8_lossy(other);
                let hint = if other.eq_ignore_ascii_case(b"v3") {
                    " (a v3 signature comes in its own header, X-HubSpot-Signature-v3)"
                } else {
                    ""
                };
                return Err(Error::new(
                    ErrorCode::UnsupportedSignatureVersion,
                    format!(
                        "X-HubSpot-Signature-Version is {}; only \"v1\" and \"v2\" are defined{hint}",
                        excerpt(&shown)
                    ),
                ));
            }
        },
    };
    let sig = signature::check_form(version, &legacy)?;
    let matched = first_match(secrets, sig, |secret| match version {
        SignatureVersion::V2 => signature::sign_v2_with(digests, secret, request.method, request.url, request.body),
        _ => signature::sign_v1_with(digests, secret, request.body),
    })?;
    match matched {
        Some(secret_index) => Ok(Verified { version, secret_index }),
        None => Err(mismatch(version, request, sig, secrets)),
    }
}

/// The index of the first secret whose expected signature equals `sig` (compared in constant
/// time). A digest that fails is a rejection (`signature_mismatch`), never a match.
fn first_match<S: AsRef<[u8]>>(
    secrets: &[S],
    sig: &[u8],
    expected: impl Fn(&[u8]) -> Result<String>,
) -> Result<Option<usize>> {
    for (index, secret) in secrets.iter().enumerate() {
        let expected = expected(secret.as_ref()).map_err(|e| {
            Error::new(
                ErrorCode::SignatureMismatch,
                format!(
                    "the signature could not be checked, so the request is rejected: {}",
                    e.message()
                ),
            )
        })?;
        if signature::constant_time_eq(expected.as_bytes(), sig) {
            return Ok(Some(index));
        }
    }
    Ok(None)
}

fn verify_v3_request<S: AsRef<[u8]>>(
    request: &Request<'_>,
    header: &[u8],
    secrets: &[S],
    now_ms: i64,
    options: &Options,
    digests: &dyn Digests,
) -> Result<Verified> {
    let sig = signature::check_form(SignatureVersion::V3, header)?;
    let Some(timestamp) = request.header_value(HEADER_REQUEST_TIMESTAMP) else {
        return Err(Error::new(
            ErrorCode::MissingTimestamp,
            "the request has X-HubSpot-Signature-v3 but no X-HubSpot-Request-Timestamp (not X-HubSpot-Signature-Timestamp): a proxy may have dropped it",
        ));
    };
    let ts = signature::parse_timestamp(&timestamp)?;
    signature::check_timestamp(ts, now_ms, options.tolerance_ms, options.max_future_ms)?;
    let timestamp_text = timestamp.trim_ascii();
    let matched = first_match(secrets, sig, |secret| {
        signature::sign_v3_with(
            digests,
            secret,
            request.method,
            request.url,
            request.body,
            timestamp_text,
        )
    })?;
    match matched {
        Some(secret_index) => Ok(Verified {
            version: SignatureVersion::V3,
            secret_index,
        }),
        None => Err(mismatch(SignatureVersion::V3, request, sig, secrets)),
    }
}

fn check_secrets<S: AsRef<[u8]>>(secrets: &[S]) -> Result<()> {
    if secrets.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidArgument,
            "no secret given: pass your app's client secret (the app's Auth settings, not an access token)",
        ));
    }
    if let Some(index) = secrets.iter().position(|s| s.as_ref().is_empty()) {
        return Err(Error::new(
            ErrorCode::InvalidArgument,
            format!("secret {index} is empty: pass your app's client secret (is the environment variable set?)"),
        ));
    }
    Ok(())
}

/// A mismatch error whose message names the likely causes that can be seen from here.
fn mismatch<S: AsRef<[u8]>>(version: SignatureVersion, request: &Request<'_>, sig: &[u8], secrets: &[S]) -> Error {
    let mut hints: Vec<&str> = Vec::new();
    if version != SignatureVersion::V3 && sig.iter().any(u8::is_ascii_uppercase) {
        hints.push("the signature has upper-case hex, but HubSpot sends lower-case");
    }
    if secrets.iter().any(|s| s.as_ref().starts_with(b"pat-")) {
        hints.push("a secret looks like a private-app access token (pat-...): use the app's client secret instead");
    }
    if version != SignatureVersion::V1 {
        let url = request.url;
        if !(url.starts_with(b"https://") || url.starts_with(b"http://")) {
            hints.push(
                "the URL must be the full public URL HubSpot called (https://host/path?query), not only the path",
            );
        } else if url.starts_with(b"http://") {
            hints.push(
                "if this receiver is behind a proxy or TLS terminator, HubSpot signed its public https:// URL, not this http:// one: pass that",
            );
        }
    }
    if looks_reserialised(request.body) {
        hints.push(
            "the body looks pretty-printed or re-serialised: pass the raw request body bytes, before any JSON parsing",
        );
    }
    let mut message = format!(
        "the {version} signature does not match any of the {} secret(s)",
        secrets.len()
    );
    if hints.is_empty() {
        message.push_str(": check the client secret, that the body is the raw bytes as received, and (v2/v3) that the URL is the public URL HubSpot called");
    } else {
        message.push_str("; possible causes: ");
        message.push_str(&hints.join("; "));
    }
    Error::new(ErrorCode::SignatureMismatch, message)
}

/// HubSpot sends compact JSON; a body with a newline or `": "` was most likely re-encoded.
fn looks_reserialised(body: &[u8]) -> bool {
    body.first() == Some(&b'[') && (body.contains(&b'\n') || body.windows(3).any(|w| w == b"\": " || w == b", \""))
}

/// Verifies a request and parses its body into typed events, in one call.
pub fn verify_and_parse<S: AsRef<[u8]>>(
    request: &Request<'_>,
    secrets: &[S],
    now_ms: i64,
    options: &Options,
) -> Result<VerifiedBatch> {
    verify_and_parse_with(request, secrets, now_ms, options, &RustDigests)
}

/// [`verify_and_parse`] computing the digests with `digests` (see [`Digests`]).
pub fn verify_and_parse_with<S: AsRef<[u8]>>(
    request: &Request<'_>,
    secrets: &[S],
    now_ms: i64,
    options: &Options,
    digests: &dyn Digests,
) -> Result<VerifiedBatch> {
    let verified = verify_with(request, secrets, now_ms, options, digests)?;
    let batch = parse_batch(request.body, options)?;
    Ok(VerifiedBatch { verified, batch })
}

/// A verified request with what its body holds: a batch or a Custom Channels event.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct VerifiedDelivery {
    /// Which version and secret matched.
    pub verified: Verified,
    /// What the body holds.
    pub delivery: Delivery,
}

/// Verifies a request and parses its body, batch or Custom Channels event, in one call
/// (docs/decisions.md, item 13: one endpoint may receive both).
pub fn verify_and_parse_delivery<S: AsRef<[u8]>>(
    request: &Request<'_>,
    secrets: &[S],
    now_ms: i64,
    options: &Options,
) -> Result<VerifiedDelivery> {
    verify_and_parse_delivery_with(request, secrets, now_ms, options, &RustDigests)
}

/// [`verify_and_parse_delivery`] computing the digests with `digests` (see [`Digests`]).
pub fn verify_and_parse_delivery_with<S: AsRef<[u8]>>(
    request: &Request<'_>,
    secrets: &[S],
    now_ms: i64,
    options: &Options,
    digests: &dyn Digests,
) -> Result<VerifiedDelivery> {
    let verified = verify_with(request, secrets, now_ms, options, digests)?;
    let delivery = parse_delivery(request.body, options)?;
    Ok(VerifiedDelivery { verified, delivery })
}

/// A verifier holding the client secrets and options, to be made once and shared (it is
/// `Send + Sync`). Its `Debug` output never shows the secrets.
#[derive(Clone)]
pub struct Verifier {
    secrets: Vec<Vec<u8>>,
    options: Options,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("secrets", &format_args!("[redacted; {}]", self.secrets.len()))
            .field("options", &self.options)
            .finish()
    }
}

impl Verifier {
    /// A verifier for one or several client secrets (tried in order). Fails with
    /// `invalid_argument` when there is no secret or one is empty.
    pub fn new<S: AsRef<[u8]>>(secrets: &[S], options: Options) -> Result<Verifier> {
        check_secrets(secrets)?;
        Ok(Verifier {
            secrets: secrets.iter().map(|s| s.as_ref().to_vec()).collect(),
            options,
        })
    }

    /// The options.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The number of secrets.
    pub fn secret_count(&self) -> usize {
        self.secrets.len()
    }

    /// See [`verify`].
    pub fn verify(&self, request: &Request<'_>, now_ms: i64) -> Result<Verified> {
        verify(request, &self.secrets, now_ms, &self.options)
    }

    /// See [`verify_and_parse`].
    pub fn verify_and_parse(&self, request: &Request<'_>, now_ms: i64) -> Result<VerifiedBatch> {
        verify_and_parse(request, &self.secrets, now_ms, &self.options)
    }

    /// See [`verify_and_parse_with`].
    pub fn verify_and_parse_with(
        &self,
        request: &Request<'_>,
        now_ms: i64,
        digests: &dyn Digests,
    ) -> Result<VerifiedBatch> {
        verify_and_parse_with(request, &self.secrets, now_ms, &self.options, digests)
    }

    /// See [`verify_and_parse_delivery`].
    pub fn verify_and_parse_delivery(&self, request: &Request<'_>, now_ms: i64) -> Result<VerifiedDelivery> {
        verify_and_parse_delivery(request, &self.secrets, now_ms, &self.options)
    }

    /// See [`verify_and_parse_delivery_with`].
    pub fn verify_and_parse_delivery_with(
        &self,
        request: &Request<'_>,
        now_ms: i64,
        digests: &dyn Digests,
    ) -> Result<VerifiedDelivery> {
        verify_and_parse_delivery_with(request, &self.secrets, now_ms, &self.options, digests)
    }

    /// Diagnoses a request with this verifier's secrets and options (see [`crate::diagnose`]).
    #[cfg(feature = "diagnose")]
    pub fn diagnose(&self, request: &Request<'_>, now_ms: i64) -> crate::Diagnosis {
        crate::diagnose(request, &self.secrets, now_ms, &self.options)
    }

    /// [`Verifier::diagnose`] computing the digests with `digests`.
    #[cfg(feature = "diagnose")]
    pub fn diagnose_with(&self, request: &Request<'_>, now_ms: i64, digests: &dyn Digests) -> crate::Diagnosis {
        crate::diagnose_with(request, &self.secrets, now_ms, &self.options, digests)
    }

    /// Parses a body, batch or Custom Channels event, without verifying it.
    pub fn parse_delivery(&self, body: &[u8]) -> Result<Delivery> {
        parse_delivery(body, &self.options)
    }

    /// See [`verify_with`].
    pub fn verify_with(&self, request: &Request<'_>, now_ms: i64, digests: &dyn Digests) -> Result<Verified> {
        verify_with(request, &self.secrets, now_ms, &self.options, digests)
    }

    /// Parses a body without verifying it (see [`parse_batch`]).
    pub fn parse(&self, body: &[u8]) -> Result<Batch> {
        parse_batch(body, &self.options)
    }
}

/// The headers HubSpot would send with a Webhooks API delivery of `body` to `url` at
/// `timestamp_ms`: `Content-Type`, the v1 signature with its version, the v3 signature and the
/// timestamp. For testing your own handler; infallible, it signs with an empty secret too
/// ([`signed_headers_with`] refuses one).
pub fn signed_headers(
    secret: &[u8],
    method: &[u8],
    url: &[u8],
    body: &[u8],
    timestamp_ms: i64,
) -> Vec<(&'static str, String)> {
    let timestamp = timestamp_ms.to_string();
    headers_of(
        signature::sign_v1(secret, body),
        signature::sign_v3(secret, method, url, body, timestamp.as_bytes()),
        timestamp,
    )
}

fn headers_of(v1: String, v3: String, timestamp: String) -> Vec<(&'static str, String)> {
    vec![
        ("Content-Type", "application/json".to_owned()),
        (HEADER_SIGNATURE, v1),
        (HEADER_SIGNATURE_VERSION, "v1".to_owned()),
        (HEADER_SIGNATURE_V3, v3),
        (HEADER_REQUEST_TIMESTAMP, timestamp),
    ]
}

/// [`signed_headers`] computing the digests with `digests` (see [`Digests`]); an empty secret
/// or a digest failure is `invalid_argument`.
pub fn signed_headers_with(
    digests: &dyn Digests,
    secret: &[u8],
    method: &[u8],
    url: &[u8],
    body: &[u8],
    timestamp_ms: i64,
) -> Result<Vec<(&'static str, String)>> {
    let timestamp = timestamp_ms.to_string();
    Ok(headers_of(
        signature::sign_v1_with(digests, secret, body)?,
        signature::sign_v3_with(digests, secret, method, url, body, timestamp.as_bytes())?,
        timestamp,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "abbababa-beef-aaaa-bbbb-abbaabbaabba";
    const URL: &str = "https://abbot-haacked-dev.ngrok.io/hubspot/webhook";
    const BODY: &str = r#"[{"eventId":3814323381,"subscriptionId":1870311,"portalId":22761544,"appId":1098266,"occurredAt":1670383777358,"subscriptionType":"conversation.newMessage","attemptNumber":0,"objectId":3624100517,"messageId":"e835c5f42631462ea4447601c8e1e394","messageType":"MESSAGE","changeFlag":"NEW_MESSAGE"}]"#;
    const NOW: i64 = 1_670_383_800_000;

    fn request<'a>(headers: &'a [(&'a str, &'a str)], url: &'a str, body: &'a str) -> Request<'a> {
        let mut r = Request::new("POST", url, body);
        for (n, v) in headers {
            r = r.header(*n, *v);
        }
        r
    }

    #[test]
    fn third_party_vector_verifies_and_parses() {
        let headers = [
            ("x-hubspot-signature-v3", "qXo1PASfXKd8KLy3T8tuwuZ2nmvAanXW+UjN3w+b4cg="),
            ("X-HUBSPOT-REQUEST-TIMESTAMP", "1670383777720"),
        ];
        let out = verify_and_parse(
            &request(&headers, URL, BODY),
            &["wrong", SECRET],
            NOW,
            &Options::default(),
        )
        .unwrap();
        assert_eq!(
            out.verified,
            Verified {
                version: SignatureVersion::V3,
                secret_index: 1
            }
        );
        let conv = out.batch.events[0].conversation().unwrap();
        assert_eq!(conv.thread_id, Some(3624100517));
        assert!(matches!(
            conv.change,
            crate::ConversationChange::NewMessage {
                message_id: Some("e835c5f42631462ea4447601c8e1e394"),
                ..
            }
        ));
        let slash = format!("{URL}/");
        assert_eq!(
            verify(&request(&headers, &slash, BODY), &[SECRET], NOW, &Options::default())
                .unwrap_err()
                .code(),
            ErrorCode::SignatureMismatch
        );
    }

    #[test]
    fn v3_decides_alone_and_checks_order() {
        let body = "[]";
        let good_v1 = signature::sign_v1(SECRET.as_bytes(), body.as_bytes());
        let headers = [
            ("X-HubSpot-Signature", good_v1.as_str()),
            ("X-HubSpot-Signature-v3", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="),
            ("X-HubSpot-Request-Timestamp", "1670383777720"),
        ];
        let err = verify(&request(&headers, URL, body), &[SECRET], NOW, &Options::default()).unwrap_err();
        assert_eq!(err.code(), ErrorCode::SignatureMismatch);
        let v1_only = [("X-HubSpot-Signature", good_v1.as_str())];
        let ok = verify(&request(&v1_only, URL, body), &[SECRET], NOW, &Options::default()).unwrap();
        assert_eq!(ok.version, SignatureVersion::V1);
        let require = Options {
            require_v3: true,
            ..Options::default()
        };
        assert_eq!(
            verify(&request(&v1_only, URL, body), &[SECRET], NOW, &require)
                .unwrap_err()
                .code(),
            ErrorCode::V3Required
        );
        assert_eq!(
            verify(&request(&[], URL, body), &[SECRET], NOW, &require)
                .unwrap_err()
                .code(),
            ErrorCode::MissingSignature
        );
        let tiny = Options {
            max_body_bytes: 1,
            ..Options::default()
        };
        assert_eq!(
            verify(&request(&[], URL, body), &[SECRET], NOW, &tiny)
                .unwrap_err()
                .code(),
            ErrorCode::BodyTooLarge
        );
        let empty: [&str; 0] = [];
        assert_eq!(
            verify(&request(&v1_only, URL, body), &empty, NOW, &Options::default())
                .unwrap_err()
                .code(),
            ErrorCode::InvalidArgument
        );
    }

    #[test]
    fn duplicate_headers_are_joined() {
        let r = Request::new("POST", "u", "").header("a", "1").header("A", "2");
        assert_eq!(r.header_value("a").as_deref(), Some(&b"1, 2"[..]));
    }

    #[test]
    fn signed_headers_round_trip() {
        let headers = signed_headers(SECRET.as_bytes(), b"POST", URL.as_bytes(), BODY.as_bytes(), NOW);
        let mut r = Request::new("POST", URL, BODY);
        for (n, v) in &headers {
            r = r.header(*n, v.as_str());
        }
        assert_eq!(
            verify(&r, &[SECRET], NOW, &Options::default()).unwrap().version,
            SignatureVersion::V3
        );
        r.headers
            .retain(|(n, _)| !n.eq_ignore_ascii_case(HEADER_SIGNATURE_V3.as_bytes()));
        assert_eq!(
            verify(&r, &[SECRET], NOW, &Options::default()).unwrap().version,
            SignatureVersion::V1
        );
    }

    #[test]
    fn every_signature_check_goes_through_the_constant_time_primitive() {
        use crate::signature::COMPARISONS;
        let body = "[]";
        let secrets = ["one", "two", "three"];
        let good = signature::sign_v3(b"two", b"POST", URL.as_bytes(), body.as_bytes(), b"1670383777720");
        // Signatures that differ from the expected one early, late, or not at all.
        let mut early = good.clone().into_bytes();
        early[0] = if early[0] == b'A' { b'B' } else { b'A' };
        let mut late = good.clone().into_bytes();
        late[42] = if late[42] == b'A' { b'B' } else { b'A' };
        for (candidate, matches) in [(early, false), (late, false), (good.clone().into_bytes(), true)] {
            COMPARISONS.with(|log| log.borrow_mut().clear());
            let candidate = String::from_utf8(candidate).unwrap();
            let headers = [
                ("X-HubSpot-Signature-v3", candidate.as_str()),
                ("X-HubSpot-Request-Timestamp", "1670383777720"),
            ];
            let result = verify(&request(&headers, URL, body), &secrets, NOW, &Options::default());
            assert_eq!(result.is_ok(), matches);
            let log = COMPARISONS.with(|log| log.borrow().clone());
            // One full-length comparison per secret tried (all three on a mismatch, up to the
            // matching one on success), whatever position the difference is at.
            let expected_calls = if matches { 2 } else { 3 };
            assert_eq!(log, vec![(44, 44); expected_calls]);
        }
        // v1 as well.
        COMPARISONS.with(|log| log.borrow_mut().clear());
        let v1 = "0".repeat(64);
        let headers = [("X-HubSpot-Signature", v1.as_str())];
        assert!(verify(&request(&headers, URL, body), &secrets, NOW, &Options::default()).is_err());
        assert_eq!(COMPARISONS.with(|log| log.borrow().clone()), vec![(64, 64); 3]);
    }

    #[test]
    fn debug_redacts_secrets() {
        let v = Verifier::new(&["super-secret"], Options::default()).unwrap();
        assert!(!format!("{v:?}").contains("super-secret"));
    }
}
