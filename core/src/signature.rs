//! The three HubSpot signature algorithms, computed and checked piece by piece.
//!
//! Most receivers want [`crate::verify`] (or [`crate::Verifier`]), which finds the headers
//! itself. The functions here are for callers who already hold the pieces.
//!
//! | version | computed over | algorithm | encoding |
//! |---|---|---|---|
//! | v1 | `secret ‖ body` | SHA-256 | lower-case hex |
//! | v2 | `secret ‖ method ‖ url ‖ body` | SHA-256 | lower-case hex |
//! | v3 | `method ‖ decoded url ‖ body ‖ timestamp` | HMAC-SHA256, key = secret | padded standard base64 |

use std::borrow::Cow;
use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::error::{Error, ErrorCode, Result};

/// A HubSpot signature version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignatureVersion {
    /// `X-HubSpot-Signature`, version `v1`: SHA-256 of secret and body.
    V1,
    /// `X-HubSpot-Signature`, version `v2`: SHA-256 of secret, method, URL and body.
    V2,
    /// `X-HubSpot-Signature-v3`: HMAC-SHA256 of method, URL, body and timestamp.
    V3,
}

impl SignatureVersion {
    /// `"v1"`, `"v2"` or `"v3"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            SignatureVersion::V1 => "v1",
            SignatureVersion::V2 => "v2",
            SignatureVersion::V3 => "v3",
        }
    }

    /// Parses `"v1"`, `"v2"` or `"v3"` exactly (as every HubSpot SDK does: `"V1"` is not a version).
    pub fn from_str_exact(s: &str) -> Option<SignatureVersion> {
        match s {
            "v1" => Some(SignatureVersion::V1),
            "v2" => Some(SignatureVersion::V2),
            "v3" => Some(SignatureVersion::V3),
            _ => None,
        }
    }
}

impl fmt::Display for SignatureVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Applies HubSpot's v3 URI decoding table once: exactly `%3A %2F %3F %40 %21 %24 %27 %28 %29
/// %2A %2C %3B` become `: / ? @ ! $ ' ( ) * , ;`, hex digits in either case. Every other byte,
/// `%20`, `%2B` and `%25` included, stays as sent; nothing is decoded twice.
pub fn decode_v3_uri(uri: &[u8]) -> Cow<'_, [u8]> {
    if !uri.contains(&b'%') {
        return Cow::Borrowed(uri);
    }
    let mut out = Vec::with_capacity(uri.len());
    let mut rest = uri;
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%' {
            if let [hi, lo, after @ ..] = tail {
                if let Some(decoded) = decode_table(*hi, *lo) {
                    out.push(decoded);
                    rest = after;
                    continue;
                }
            }
        }
        out.push(byte);
        rest = tail;
    }
    Cow::Owned(out)
}

fn decode_table(hi: u8, lo: u8) -> Option<u8> {
    let decoded = match (hi, lo.to_ascii_uppercase()) {
        (b'3', b'A') => b':',
        (b'2', b'F') => b'/',
        (b'3', b'F') => b'?',
        (b'4', b'0') => b'@',
        (b'2', b'1') => b'!',
        (b'2', b'4') => b'$',
        (b'2', b'7') => b'\'',
        (b'2', b'8') => b'(',
        (b'2', b'9') => b')',
        (b'2', b'A') => b'*',
        (b'2', b'C') => b',',
        (b'3', b'B') => b';',
        _ => return None,
    };
    Some(decoded)
}

/// Why a [`Digests`] implementation could not compute a digest (for example, the platform's
/// crypto threw). Verification then rejects the request; it never counts as a match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigestError(pub String);

impl fmt::Display for DigestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "computing a digest failed: {}", self.0)
    }
}

impl std::error::Error for DigestError {}

/// The two digests the signatures are made of. [`RustDigests`] (pure Rust, the default)
/// implements them; a binding may supply another implementation (for example one backed by its
/// platform's native crypto), while every rule about what is hashed stays in the core. A
/// failure is reported, never papered over: verification treats it as a rejection.
pub trait Digests {
    /// SHA-256 of the concatenation of `parts`.
    fn sha256(&self, parts: &[&[u8]]) -> Result<[u8; 32], DigestError>;
    /// HMAC-SHA256 with `key` of the concatenation of `parts`.
    fn hmac_sha256(&self, key: &[u8], parts: &[&[u8]]) -> Result<[u8; 32], DigestError>;
}

/// The pure-Rust digests (`sha2`, `hmac`). They cannot fail.
#[derive(Clone, Copy, Debug, Default)]
pub struct RustDigests;

impl RustDigests {
    /// SHA-256 of the concatenation of `parts`.
    pub fn sha256_of(parts: &[&[u8]]) -> [u8; 32] {
        let mut hasher = Sha256::new();
        for part in parts {
            hasher.update(part);
        }
        hasher.finalize().into()
    }

    /// HMAC-SHA256 with `key` of the concatenation of `parts`. HMAC takes keys of any length
    /// (a long key is hashed first), so the error cannot happen; it is reported all the same
    /// rather than replaced by some fixed key.
    pub fn hmac_sha256_of(key: &[u8], parts: &[&[u8]]) -> Result<[u8; 32], DigestError> {
        Ok(mac_of(keyed(key)?, parts))
    }
}

/// HMAC-SHA256 keyed with `key` (the key schedule: its two padded blocks hashed).
fn keyed(key: &[u8]) -> Result<Hmac<Sha256>, DigestError> {
    <Hmac<Sha256> as KeyInit>::new_from_slice(key).map_err(|e| DigestError(e.to_string()))
}

/// The MAC of the concatenation of `parts` with a keyed state.
fn mac_of(mut mac: Hmac<Sha256>, parts: &[&[u8]]) -> [u8; 32] {
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

impl Digests for RustDigests {
    fn sha256(&self, parts: &[&[u8]]) -> Result<[u8; 32], DigestError> {
        Ok(RustDigests::sha256_of(parts))
    }

    fn hmac_sha256(&self, key: &[u8], parts: &[&[u8]]) -> Result<[u8; 32], DigestError> {
        RustDigests::hmac_sha256_of(key, parts)
    }
}

/// The pure-Rust digests, keeping the HMAC key schedule of the last key they were given: a
/// receiver verifies with the same client secret again and again, and the key's two padded
/// blocks (2 of the 9 SHA-256 blocks of a one-event v3 request) are then not hashed anew.
/// For bindings that verify many requests through one value (the JavaScript package keeps one).
/// Holds a copy of the last key; safe to share between threads.
#[derive(Debug, Default)]
pub struct CachedRustDigests {
    last: std::sync::Mutex<Option<(Vec<u8>, Hmac<Sha256>)>>,
}

impl Digests for CachedRustDigests {
    fn sha256(&self, parts: &[&[u8]]) -> Result<[u8; 32], DigestError> {
        Ok(RustDigests::sha256_of(parts))
    }

    fn hmac_sha256(&self, key: &[u8], parts: &[&[u8]]) -> Result<[u8; 32], DigestError> {
        let mac = {
            // A poisoned lock only means another thread panicked while holding it; the cached
            // state is written whole or not at all, so it stays usable.
            let mut last = self.last.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            match last.as_ref() {
                Some((cached, mac)) if cached.as_slice() == key => mac.clone(),
                _ => {
                    let mac = keyed(key)?;
                    *last = Some((key.to_vec(), mac.clone()));
                    mac
                }
            }
        };
        Ok(mac_of(mac, parts))
    }
}

/// The v1 signature: lower-case hex SHA-256 of `secret ‖ body`. Infallible, for tests: it
/// signs with any secret, an empty one too; [`sign_v1_with`] refuses an empty secret.
pub fn sign_v1(secret: &[u8], body: &[u8]) -> String {
    hex_lower(&RustDigests::sha256_of(&[secret, body]))
}

/// The v2 signature: lower-case hex SHA-256 of `secret ‖ method ‖ url ‖ body`, URL verbatim.
/// Infallible, for tests (an empty secret too); [`sign_v2_with`] refuses an empty secret.
pub fn sign_v2(secret: &[u8], method: &[u8], url: &[u8], body: &[u8]) -> String {
    hex_lower(&RustDigests::sha256_of(&[secret, method, url, body]))
}

/// The v3 signature: padded standard base64 of HMAC-SHA256 (key `secret`) over
/// `method ‖ decode_v3_uri(url) ‖ body ‖ timestamp`, where `timestamp` is the header text.
/// (Were the HMAC ever to fail, the result would be empty, which no signature header equals.)
/// Infallible, for tests (an empty secret too); [`sign_v3_with`] refuses an empty secret.
pub fn sign_v3(secret: &[u8], method: &[u8], url: &[u8], body: &[u8], timestamp: &[u8]) -> String {
    RustDigests::hmac_sha256_of(secret, &[method, &decode_v3_uri(url), body, timestamp])
        .map(|mac| base64_standard(&mac))
        .unwrap_or_default()
}

fn digest_failed(e: DigestError) -> Error {
    Error::new(ErrorCode::InvalidArgument, e.to_string())
}

/// `invalid_argument` for an empty secret, which no HubSpot app has: signing with one is a
/// mistake (an unset environment variable), refused as [`crate::Verifier::new`] refuses it.
pub(crate) fn check_signing_secret(secret: &[u8]) -> Result<()> {
    if secret.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidArgument,
            "the secret is empty: pass your app's client secret to sign with (is the environment variable set?)",
        ));
    }
    Ok(())
}

/// [`sign_v1`] with the given digests; an empty secret or a digest failure is
/// `invalid_argument`.
pub fn sign_v1_with(digests: &dyn Digests, secret: &[u8], body: &[u8]) -> Result<String> {
    check_signing_secret(secret)?;
    Ok(hex_lower(&digests.sha256(&[secret, body]).map_err(digest_failed)?))
}

/// [`sign_v2`] with the given digests; an empty secret or a digest failure is
/// `invalid_argument`.
pub fn sign_v2_with(digests: &dyn Digests, secret: &[u8], method: &[u8], url: &[u8], body: &[u8]) -> Result<String> {
    check_signing_secret(secret)?;
    Ok(hex_lower(
        &digests.sha256(&[secret, method, url, body]).map_err(digest_failed)?,
    ))
}

/// [`sign_v3`] with the given digests; an empty secret or a digest failure is
/// `invalid_argument`.
pub fn sign_v3_with(
    digests: &dyn Digests,
    secret: &[u8],
    method: &[u8],
    url: &[u8],
    body: &[u8],
    timestamp: &[u8],
) -> Result<String> {
    check_signing_secret(secret)?;
    let mac = digests
        .hmac_sha256(secret, &[method, &decode_v3_uri(url), body, timestamp])
        .map_err(digest_failed)?;
    Ok(base64_standard(&mac))
}

/// Checks that `signature` has the form of a signature of `version` (64 hex characters for
/// v1/v2, 44 characters of padded standard base64 for v3), after trimming surrounding
/// whitespace. Returns the trimmed value, or `malformed_signature` with a hint.
pub fn check_form(version: SignatureVersion, signature: &[u8]) -> Result<&[u8]> {
    let sig = signature.trim_ascii();
    let header = match version {
        SignatureVersion::V3 => "X-HubSpot-Signature-v3",
        _ => "X-HubSpot-Signature",
    };
    if sig.is_empty() {
        return Err(Error::new(ErrorCode::MalformedSignature, format!("{header} is empty")));
    }
    let problem = match version {
        SignatureVersion::V1 | SignatureVersion::V2 => {
            if sig.len() == 64 && sig.iter().all(u8::is_ascii_hexdigit) {
                return Ok(sig);
            }
            format!(
                "a {version} signature is 64 hexadecimal characters, but {header} has {} bytes{}",
                sig.len(),
                if sig.len() == 44 {
                    " (it looks like base64: is it the v3 signature?)"
                } else {
                    ""
                }
            )
        }
        SignatureVersion::V3 => {
            if is_padded_base64_of_32_bytes(sig) {
                return Ok(sig);
            }
            let hint = if sig.contains(&b' ') {
                " It contains a space where base64 has '+': something upstream decoded the header \
                 as form data; pass the header value exactly as received."
            } else if sig.iter().any(|b| *b == b'-' || *b == b'_') {
                " It uses the URL-safe base64 alphabet ('-', '_'); HubSpot sends standard base64."
            } else if sig.len() == 43 {
                " It lacks the '=' padding; HubSpot sends padded base64."
            } else if sig.len() == 64 && sig.iter().all(u8::is_ascii_hexdigit) {
                " It looks like hex: is it the v1/v2 signature?"
            } else {
                ""
            };
            format!("a v3 signature is 44 characters of padded standard base64, but {header} is not.{hint}")
        }
    };
    Err(Error::new(ErrorCode::MalformedSignature, problem))
}

fn is_padded_base64_of_32_bytes(sig: &[u8]) -> bool {
    match sig.split_last() {
        Some((b'=', head)) if sig.len() == 44 => head
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/'),
        _ => false,
    }
}

/// Compares two byte strings in constant time (for equal lengths; the length itself is public),
/// through `subtle`'s `ConstantTimeEq`: no early exit on the first differing byte.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    #[cfg(test)]
    COMPARISONS.with(|log| log.borrow_mut().push((a.len(), b.len())));
    a.ct_eq(b).into()
}

#[cfg(test)]
thread_local! {
    /// Every comparison made on this thread (lengths only), so tests can show that signature
    /// checks go through [`constant_time_eq`].
    pub(crate) static COMPARISONS: std::cell::RefCell<Vec<(usize, usize)>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn mismatch(version: SignatureVersion) -> Error {
    Error::new(
        ErrorCode::SignatureMismatch,
        format!("the {version} signature does not match"),
    )
}

/// Checks a v1 signature header value against `secret` and `body`.
pub fn verify_v1(secret: &[u8], body: &[u8], signature: &[u8]) -> Result<()> {
    let sig = check_form(SignatureVersion::V1, signature)?;
    if constant_time_eq(sign_v1(secret, body).as_bytes(), sig) {
        Ok(())
    } else {
        Err(mismatch(SignatureVersion::V1))
    }
}

/// Checks a v2 signature header value.
pub fn verify_v2(secret: &[u8], method: &[u8], url: &[u8], body: &[u8], signature: &[u8]) -> Result<()> {
    let sig = check_form(SignatureVersion::V2, signature)?;
    if constant_time_eq(sign_v2(secret, method, url, body).as_bytes(), sig) {
        Ok(())
    } else {
        Err(mismatch(SignatureVersion::V2))
    }
}

/// Checks a v3 signature header value. This checks the signature only: the freshness of
/// `timestamp` is checked by [`check_timestamp`] (the request-level functions do both).
pub fn verify_v3(
    secret: &[u8],
    method: &[u8],
    url: &[u8],
    body: &[u8],
    timestamp: &[u8],
    signature: &[u8],
) -> Result<()> {
    let sig = check_form(SignatureVersion::V3, signature)?;
    if constant_time_eq(
        sign_v3(secret, method, url, body, timestamp.trim_ascii()).as_bytes(),
        sig,
    ) {
        Ok(())
    } else {
        Err(mismatch(SignatureVersion::V3))
    }
}

/// Parses a timestamp header (after trimming surrounding whitespace): a base-10 integer of
/// milliseconds, digits only (no sign, no fraction, no exponent), within `i64`.
pub fn parse_timestamp(header: &[u8]) -> Result<i64> {
    let text = header.trim_ascii();
    let invalid = |why: &str| {
        Error::new(
            ErrorCode::InvalidTimestamp,
            format!(
                "X-HubSpot-Request-Timestamp must be a base-10 integer of milliseconds since the Unix epoch, but {why}"
            ),
        )
    };
    if text.is_empty() {
        return Err(invalid("it is empty"));
    }
    if !text.iter().all(u8::is_ascii_digit) {
        return Err(invalid("it contains characters other than digits"));
    }
    let mut value: i64 = 0;
    for digit in text {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(i64::from(digit - b'0')))
            .ok_or_else(|| invalid("it is out of range"))?;
    }
    Ok(value)
}

/// Checks a v3 timestamp against the receiver's clock: rejected when
/// `now_ms - ts > tolerance_ms` (an age of exactly `tolerance_ms` passes) or when
/// `ts - now_ms > max_future_ms`.
pub fn check_timestamp(ts: i64, now_ms: i64, tolerance_ms: u64, max_future_ms: u64) -> Result<()> {
    let age = i128::from(now_ms) - i128::from(ts);
    if age > i128::from(tolerance_ms) {
        return Err(Error::new(
            ErrorCode::TimestampTooOld,
            format!(
                "the request was signed {age} ms ago, more than the tolerance of {tolerance_ms} ms: \
                 it may be a replay. If your clock is right, reject it; HubSpot retries with a fresh timestamp"
            ),
        ));
    }
    if -age > i128::from(max_future_ms) {
        return Err(Error::new(
            ErrorCode::TimestampInFuture,
            format!(
                "the request timestamp is {} ms in the future, more than the allowed {max_future_ms} ms: \
                 check the receiver's clock (now_ms is in milliseconds)",
                -age
            ),
        ));
    }
    Ok(())
}

const BASE64_ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with `=` padding (RFC 4648 section 4).
pub(crate) fn base64_standard(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                let idx = ((n >> shift) & 63) as usize;
                out.push(char::from(BASE64_ALPHABET.get(idx).copied().unwrap_or(b'A')));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn hex_lower(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        for nibble in [byte >> 4, byte & 15] {
            out.push(char::from(HEX.get(usize::from(nibble)).copied().unwrap_or(b'0')));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_digests_give_the_same_macs() {
        let cached = CachedRustDigests::default();
        let keys: [&[u8]; 4] = [b"secret", b"other", b"", &[7u8; 200]];
        for round in 0..3 {
            for key in keys {
                let parts: [&[u8]; 3] = [b"POST", b"https://example.com/x", &[round as u8; 70]];
                assert_eq!(
                    cached.hmac_sha256(key, &parts).unwrap(),
                    RustDigests::hmac_sha256_of(key, &parts).unwrap()
                );
                // The same key again (the cached state), its bytes given from another buffer.
                let copy = key.to_vec();
                assert_eq!(
                    cached.hmac_sha256(copy.as_slice(), &parts).unwrap(),
                    RustDigests::hmac_sha256_of(key, &parts).unwrap()
                );
            }
        }
        assert_eq!(cached.sha256(&[b"a", b"b"]).unwrap(), RustDigests::sha256_of(&[b"ab"]));
    }

    const SECRET: &[u8] = b"yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
    const DOCS_BODY: &[u8] = br#"[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]"#;

    #[test]
    fn published_vectors() {
        assert_eq!(
            sign_v1(SECRET, DOCS_BODY),
            "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de"
        );
        assert_eq!(
            sign_v2(SECRET, b"GET", b"https://www.example.com/webhook_uri", b""),
            "eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e"
        );
        assert_eq!(
            sign_v3(
                SECRET,
                b"POST",
                b"https://www.example.com/webhook_uri",
                b"{'example_field':'example_value'}",
                b"1693657560000"
            ),
            "K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y="
        );
        assert_eq!(
            sign_v1(SECRET, b""),
            "7418bfa6cc65d7a81654375ae616e2e41e57d88cf56f6390fb3438ee5155bf13"
        );
    }

    #[test]
    fn decode_table_vector() {
        let wire = b"https://www.example.com/webhook_uri?email=user%40example.com&list=a%2Cb&sp=%20x%2B%25";
        assert_eq!(
            &*decode_v3_uri(wire),
            &b"https://www.example.com/webhook_uri?email=user@example.com&list=a,b&sp=%20x%2B%25"[..]
        );
        assert_eq!(
            sign_v3(SECRET, b"POST", wire, DOCS_BODY, b"1564113600500"),
            "oeW2k0V4n1JpOH2hDwWfGLo+68kI3G5il3affeceJ/8="
        );
        assert_eq!(&*decode_v3_uri(b"%253A%3a%3A%"), &b"%253A::%"[..]);
        assert_eq!(&*decode_v3_uri(b"%2"), &b"%2"[..]);
        assert_eq!(
            &*decode_v3_uri(b"%3A%2F%3F%40%21%24%27%28%29%2A%2C%3B"),
            &b":/?@!$'()*,;"[..]
        );
    }

    #[test]
    fn base64_matches_rfc4648() {
        assert_eq!(base64_standard(b""), "");
        assert_eq!(base64_standard(b"f"), "Zg==");
        assert_eq!(base64_standard(b"fo"), "Zm8=");
        assert_eq!(base64_standard(b"foo"), "Zm9v");
        assert_eq!(base64_standard(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64_standard(&[0xfb, 0xff]), "+/8=");
    }

    #[test]
    fn forms() {
        assert!(check_form(
            SignatureVersion::V1,
            b"  232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de\t"
        )
        .is_ok());
        let space = check_form(SignatureVersion::V3, b"s9fg/l7gop54ZS/srjGtdZr4E Gn4LNDdUEFKy6/Dlo=").unwrap_err();
        assert_eq!(space.code(), ErrorCode::MalformedSignature);
        assert!(space.message().contains("form data"));
        assert!(check_form(SignatureVersion::V3, b"K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y").is_err());
        assert!(check_form(SignatureVersion::V3, b"K36dawei4A+QBNolUOqo7s91KQDWQ5MXZ/QufNYuk/Y=").is_ok());
        assert!(check_form(SignatureVersion::V2, b"").is_err());
    }

    #[test]
    fn timestamps() {
        assert_eq!(parse_timestamp(b" 1700000000000 ").ok(), Some(1_700_000_000_000));
        for bad in [&b""[..], b"+1", b"-1", b"1.5", b"1e12", b"abc", b"99999999999999999999"] {
            assert_eq!(parse_timestamp(bad).unwrap_err().code(), ErrorCode::InvalidTimestamp);
        }
        assert_eq!(parse_timestamp(b"9223372036854775807").ok(), Some(i64::MAX));
        assert!(check_timestamp(0, 300_000, 300_000, 0).is_ok());
        assert_eq!(
            check_timestamp(0, 300_001, 300_000, 0).unwrap_err().code(),
            ErrorCode::TimestampTooOld
        );
        assert!(check_timestamp(300_000, 0, 0, 300_000).is_ok());
        assert_eq!(
            check_timestamp(300_001, 0, 0, 300_000).unwrap_err().code(),
            ErrorCode::TimestampInFuture
        );
        assert!(check_timestamp(i64::MIN, i64::MAX, 1_000, 0).is_err());
        assert!(check_timestamp(i64::MAX, i64::MIN, 0, 1_000).is_err());
    }
}
