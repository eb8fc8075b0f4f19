//! Digests from the host.
//!
//! Where the host has synchronous native crypto (`node:crypto`: Node, workerd with
//! nodejs_compat), the package registers it with [`set_digest_host`] for large bodies, and the
//! core's [`Digests`] hook computes SHA-256 and HMAC-SHA256 there, on views of this module's
//! memory (no copies); otherwise the core's own [`CachedRustDigests`] do. Every rule of what is
//! hashed stays in the core. A host that throws fails the digest ([`DigestError`]): the core
//! then rejects the request, it never falls back or counts it as a match.

use std::cell::RefCell;

use hubspot_webhooks::{CachedRustDigests, DigestError, Digests};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The host's digests (see `pkg-src/core.js`): `sha256(parts, out)` and
    /// `hmacSha256(key, parts, out)`, where `key` and `parts` are `[address, length, ...]` of
    /// byte ranges of this module's memory (read in place) and `out` a view of the 32 bytes to
    /// write.
    #[derive(Debug)]
    pub type DigestHost;

    #[wasm_bindgen(method, catch, js_name = sha256)]
    fn host_sha256(this: &DigestHost, parts: &[u32], out: &mut [u8]) -> Result<(), JsValue>;

    #[wasm_bindgen(method, catch, js_name = hmacSha256)]
    fn host_hmac_sha256(this: &DigestHost, key: &[u32], parts: &[u32], out: &mut [u8]) -> Result<(), JsValue>;
}

thread_local! {
    static DIGEST_HOST: RefCell<Option<DigestHost>> = const { RefCell::new(None) };
    /// The Rust digests, keeping the last HMAC key's schedule: the same secret comes again and again.
    static RUST: CachedRustDigests = CachedRustDigests::default();
}

/// Registers the host's digests (`undefined` to go back to the Rust ones).
#[wasm_bindgen(js_name = setDigestHost)]
pub fn set_digest_host(host: Option<DigestHost>) {
    DIGEST_HOST.with(|slot| {
        if let Ok(mut slot) = slot.try_borrow_mut() {
            *slot = host;
        }
    });
}

/// The address of a range of this module's memory, as JavaScript reads it.
pub(crate) fn address<T>(items: &[T]) -> u32 {
    // wasm32: addresses and lengths are 32-bit.
    #[allow(clippy::cast_possible_truncation)]
    let ptr = items.as_ptr() as usize as u32;
    ptr
}

fn length(bytes: &[u8]) -> u32 {
    u32::try_from(bytes.len()).unwrap_or(u32::MAX)
}

/// Parts up to this size in all are copied into one, to be hashed in one call of the host
/// (each call costs more than copying a few kilobytes).
const JOIN_BELOW: usize = 8 * 1024;

/// `[address, length, ...]` of `parts` (joined into `joined` when small).
fn ranges(parts: &[&[u8]], joined: &mut Vec<u8>) -> Vec<u32> {
    let total: usize = parts.iter().map(|p| p.len()).sum();
    if parts.len() > 1 && total < JOIN_BELOW {
        joined.reserve_exact(total);
        for p in parts {
            joined.extend_from_slice(p);
        }
        return vec![address(joined), length(joined)];
    }
    parts.iter().flat_map(|p| [address(p), length(p)]).collect()
}

/// What the host threw, as the digest's error.
fn failed(thrown: &JsValue) -> DigestError {
    let what = thrown
        .as_string()
        .unwrap_or_else(|| "the host's digest threw an exception".to_owned());
    DigestError(what)
}

/// The host's digests.
struct HostDigests<'a>(&'a DigestHost);

impl Digests for HostDigests<'_> {
    fn sha256(&self, parts: &[&[u8]]) -> Result<[u8; 32], DigestError> {
        let mut out = [0u8; 32];
        let mut joined = Vec::new();
        self.0
            .host_sha256(&ranges(parts, &mut joined), &mut out)
            .map_err(|e| failed(&e))?;
        Ok(out)
    }

    fn hmac_sha256(&self, key: &[u8], parts: &[&[u8]]) -> Result<[u8; 32], DigestError> {
        let mut out = [0u8; 32];
        let mut joined = Vec::new();
        let key_range = [address(key), length(key)];
        self.0
            .host_hmac_sha256(&key_range, &ranges(parts, &mut joined), &mut out)
            .map_err(|e| failed(&e))?;
        Ok(out)
    }
}

/// Runs `f` with the host's digests when registered, else the Rust ones.
pub fn with_digests<T>(f: impl FnOnce(&dyn Digests) -> T) -> T {
    DIGEST_HOST.with(|slot| match slot.try_borrow().as_deref() {
        Ok(Some(host)) => f(&HostDigests(host)),
        _ => RUST.with(|rust| f(rust)),
    })
}
