//! Why a signature does not match: after a failure, the likely deformations of the request
//! (a proxy's URL, a re-serialised body, a clock in seconds, a token for a secret, a header
//! decoded as form data, ...) are tried one at a time, and the ones that would have matched are
//! reported in words a user can act on.
//!
//! A diagnosis is advice: it never changes the verdict (a mismatch stays `signature_mismatch`).
//! It is bounded: at most [`DIAGNOSIS_MAX_CANDIDATES`] deformations, each tried with at most
//! [`DIAGNOSIS_MAX_SECRETS`] secrets, so at most [`DIAGNOSIS_MAX_DIGESTS`] digests in all. Its
//! messages never hold a secret or an expected signature.

use crate::error::ErrorCode;
use crate::request::Verified;

/// Where the README explains each finding ("When the signature does not match"); error
/// messages with a diagnosis end with it.
pub const DIAGNOSIS_HELP: &str =
    "https://github.com/hubspot-webhooks/hubspot-webhooks#when-the-signature-does-not-match";

/// The most deformations one diagnosis tries.
pub const DIAGNOSIS_MAX_CANDIDATES: usize = 24;
/// The most secrets a diagnosis tries each deformation with (the first ones given).
pub const DIAGNOSIS_MAX_SECRETS: usize = 4;
/// The most digests one diagnosis computes: [`DIAGNOSIS_MAX_CANDIDATES`] x [`DIAGNOSIS_MAX_SECRETS`].
pub const DIAGNOSIS_MAX_DIGESTS: usize = DIAGNOSIS_MAX_CANDIDATES * DIAGNOSIS_MAX_SECRETS;

/// One thing the diagnosis found.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Finding {
    /// A stable code: `url_scheme`, `url_default_port`, `url_forwarded`, `url_trailing_slash`,
    /// `url_query_dropped`, `url_decoded_upstream`, `url_decoding`, `body_reserialised`,
    /// `body_unicode_escapes`, `body_trailing_newline`, `body_keys_reordered`, `now_not_milliseconds`, `clock_skew`,
    /// `secret_whitespace`, `secret_looks_like_token`, `secret_looks_like_app_id`,
    /// `signature_plus_as_space`, `signature_quoted`, `signature_version_header`, or
    /// `no_match` when nothing explains a mismatch.
    pub code: &'static str,
    /// What happened and what to do.
    pub message: String,
    /// Whether a digest confirmed it (the deformed request matches the signature); `false`
    /// for findings read off the request alone (a secret's shape, a clock in seconds).
    pub confirmed: bool,
}

/// What [`diagnose`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnosis {
    /// The verdict, unchanged by the diagnosis: what verification says.
    pub verdict: Result<Verified, ErrorCode>,
    /// The findings, the most specific first; empty when the request verifies.
    pub findings: Vec<Finding>,
    /// How many digests the diagnosis computed (at most [`DIAGNOSIS_MAX_DIGESTS`]).
    pub digests: usize,
}

impl Diagnosis {
    /// The findings in one line, for logs and error messages.
    pub fn summary(&self) -> String {
        self.findings
            .iter()
            .map(|f| f.message.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The codes of the findings.
    pub fn codes(&self) -> Vec<&'static str> {
        self.findings.iter().map(|f| f.code).collect()
    }
}

#[cfg(feature = "diagnose")]
pub(crate) mod search;
#[cfg(feature = "diagnose")]
pub use search::{diagnose, diagnose_with};
