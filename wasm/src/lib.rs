//! JavaScript bindings of `hubspot-webhooks`, for Cloudflare Workers and Node (wasm-bindgen).
//!
//! Conversion only, in three parts:
//! - [`digests`]: SHA-256 and HMAC-SHA256 from the host (Node's `node:crypto`) for the core's
//!   `Digests` hook;
//! - [`protocol`]: the documented, versioned layout in which a delivery crosses to JavaScript,
//!   written by looping over the core's `FIELDS` table;
//! - [`exports`]: what the package calls, each taking one options object (set by name through
//!   the core's `Options::set`), plus the schema the package checks at start-up.
//!
//! Every rule (signatures, parsing, options, HTTP statuses and answers, router patterns) is the
//! core's; the package (`wasm/pkg-src`) turns requests, bodies and options into arguments and
//! the answers into plain objects and `Error` subclasses.
#![cfg(target_family = "wasm")]

pub mod channel;
pub mod digests;
pub mod exports;
mod json;
pub mod protocol;
#[cfg(feature = "serde-events")]
pub mod serde_events;
#[cfg(feature = "tools")]
pub mod tools;
mod units;
