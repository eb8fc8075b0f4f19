//! # hubspot-webhooks
//!
//! Verify HubSpot webhook signatures (v1, v2 and v3) over the raw request and parse the batch
//! into typed events: CRM object events (classic `contact.*`, `deal.*`, ... and generic
//! `object.*`) and Conversations events.
//!
//! ```
//! use hubspot_webhooks::{signed_headers, verify_and_parse, Options, Request, ObjectType, Action};
//!
//! let secret = "my-client-secret";
//! let url = "https://example.com/hubspot/webhook";
//! let body = r#"[{"eventId":1,"subscriptionId":2,"portalId":3,"appId":4,"occurredAt":1700000000000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123}]"#;
//! let now_ms = 1_700_000_001_000;
//! // What HubSpot would send (use this in your own tests):
//! let headers = signed_headers(secret.as_bytes(), b"POST", url.as_bytes(), body.as_bytes(), now_ms - 500);
//!
//! let mut request = Request::new("POST", url, body);
//! for (name, value) in &headers {
//!     request = request.header(*name, value.as_str());
//! }
//! let delivery = verify_and_parse(&request, &[secret], now_ms, &Options::default())?;
//! for event in &delivery.batch.events {
//!     match (&event.object_type, &event.action) {
//!         (ObjectType::Contact, Action::Creation) => println!("new contact {:?}", event.object_id),
//!         _ => {}
//!     }
//! }
//! # Ok::<(), hubspot_webhooks::Error>(())
//! ```
//!
//! The core does no I/O and reads no clock: the time is an argument (`now_ms`).
#![forbid(unsafe_code)]
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)
)]

mod batch;
mod channel;
mod delivery;
mod diagnose;
mod error;
mod event;
#[cfg(feature = "fixtures")]
pub mod fixtures;
mod plain;
mod policy;
mod request;
mod schema;
pub mod signature;
mod text;

pub use batch::{check_body_length, parse_batch, parse_batch_full_reader, parse_event, Batch, RejectedEvent};
pub use channel::{
    check_pointer, value_at, Attachment, ChannelEvent, ChannelMessage, DeliveryIdentifier, IsoTime, MessageStatus,
    Participant, CHANNEL_EVENT_TYPES, DELIVERY_IDENTIFIER_TYPES,
};
pub use delivery::{parse_delivery, ChannelDelivery, Delivery, DeliveryKind};
#[cfg(feature = "diagnose")]
pub use diagnose::{diagnose, diagnose_with};
pub use diagnose::{
    Diagnosis, Finding, DIAGNOSIS_HELP, DIAGNOSIS_MAX_CANDIDATES, DIAGNOSIS_MAX_DIGESTS, DIAGNOSIS_MAX_SECRETS,
};
pub use error::{excerpt, Error, ErrorCode, Result, EXCERPT_CHARS};
pub use event::{
    Action, ChangeValue, Conversation, ConversationChange, ConversationStatus, DedupKeyPart, MessageType, ObjectType,
    PropertyValue, DEDUP_KEY_PARTS,
};
pub use policy::{
    channel_pattern_matches, check_pattern, pattern_matches, ErrorFamily, OptionKind, OptionSpec, OptionValue,
    Response, OPTIONS, SUBSCRIPTION_TYPES,
};
pub use request::{
    signed_headers, signed_headers_with, verify, verify_and_parse, verify_and_parse_delivery,
    verify_and_parse_delivery_with, verify_and_parse_with, verify_with, Request, Verified, VerifiedBatch,
    VerifiedDelivery, Verifier, HEADER_REQUEST_TIMESTAMP, HEADER_SIGNATURE, HEADER_SIGNATURE_V3,
    HEADER_SIGNATURE_VERSION,
};
pub use schema::{Event, FieldId, FieldKind, FieldSpec, FieldValue, FIELDS, KNOWN_FIELDS};
pub use signature::{
    decode_v3_uri, sign_v1, sign_v2, sign_v3, CachedRustDigests, DigestError, Digests, RustDigests, SignatureVersion,
};
pub use text::Text;

/// The README's Rust code is compiled as a doctest, so it cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

/// The default tolerance for a v3 timestamp's age: 5 minutes, as HubSpot documents.
pub const DEFAULT_TOLERANCE_MS: u64 = 300_000;
/// The default tolerance for a v3 timestamp in the future: 5 minutes.
pub const DEFAULT_MAX_FUTURE_MS: u64 = 300_000;
/// The default body size limit: 10 MiB (HubSpot sends at most 100 events).
pub const DEFAULT_MAX_BODY_BYTES: usize = 10 * 1024 * 1024;
/// The default limit on events in one batch (HubSpot sends at most 100).
pub const DEFAULT_MAX_EVENTS: usize = 10_000;

/// What the receiver accepts. `Options::default()` follows HubSpot's documentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// A v3 timestamp older than this is rejected (`timestamp_too_old`); an age of exactly
    /// this passes. Default 300 000 ms.
    pub tolerance_ms: u64,
    /// A v3 timestamp further ahead of `now_ms` than this is rejected
    /// (`timestamp_in_future`). Default 300 000 ms.
    pub max_future_ms: u64,
    /// Reject requests that carry no v3 signature (`v3_required`). Default false.
    pub require_v3: bool,
    /// Bodies larger than this are rejected before any hashing or parsing
    /// (`body_too_large`). Default 10 MiB.
    pub max_body_bytes: usize,
    /// Partial parsing: keep the good events and return the bad ones as rejected, instead of
    /// failing the batch on the first bad event. Default false (strict).
    pub partial: bool,
    /// Batches with more events than this are rejected (`invalid_batch`). Default 10 000.
    pub max_events: usize,
    /// After a signature or timestamp failure, diagnose the request ([`diagnose`]) and attach
    /// the findings to the error ([`Error::diagnosis`]; its message then says what was found).
    /// Advice only: the verdict is the same. Default false. Needs the `diagnose` feature (on
    /// by default); a build without it ignores the option.
    pub diagnose: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tolerance_ms: DEFAULT_TOLERANCE_MS,
            max_future_ms: DEFAULT_MAX_FUTURE_MS,
            require_v3: false,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            partial: false,
            max_events: DEFAULT_MAX_EVENTS,
            diagnose: false,
        }
    }
}
