//! Test deliveries as HubSpot sends them, from the core's `fixtures`: for testing a receiver
//! without HubSpot. The list of types is the core's.

use std::ffi::{c_char, CString};
use std::mem::size_of;
use std::sync::OnceLock;

use hubspot_webhooks::fixtures::{delivery, fixture_types, Fixture, FixtureOptions, FixtureSignature};

use crate::options::{init, read_growable, Growable};
use crate::panic::boundary;
use crate::pointers::{free, handle, hubspot_str, input, out, put, utf8, write_optional, Handle};
use crate::status::{fail, hubspot_status, run};
use crate::verifier::{byte_strings, hubspot_bytes, hubspot_header};

/// Which signature headers a fixture carries (`hubspot_fixture_options.signature`).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum hubspot_fixture_signature {
    /// What HubSpot sends: v1 (with its version header) and v3 for Webhooks API deliveries,
    /// v3 for Custom Channels deliveries.
    Hubspot = 0,
    /// `X-HubSpot-Signature` v1 only.
    V1 = 1,
    /// `X-HubSpot-Signature` v2 only (workflow actions, CRM cards).
    V2 = 2,
    /// `X-HubSpot-Signature-v3` and the timestamp only.
    V3 = 3,
    /// No signature headers.
    None = 4,
}

/// How to make a fixture (`hubspot_fixture_new`). Fill it with
/// `hubspot_fixture_options_init(&o, sizeof o)` (the defaults), then change fields; it may
/// grow at its end like `hubspot_options`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct hubspot_fixture_options {
    /// `sizeof(struct hubspot_fixture_options)` as the caller compiled it.
    pub struct_size: usize,
    /// The URL the delivery is signed for; length 0: `https://example.com/hubspot/webhook`.
    pub url: hubspot_bytes,
    /// Added to the timestamp header: negative for a stale delivery, positive for one from the
    /// future (the events' times move with it). Default 0.
    pub timestamp_offset_ms: i64,
    /// A `hubspot_fixture_signature`. Default `HUBSPOT_FIXTURE_SIGNATURE_HUBSPOT`.
    pub signature: u32,
    /// Signatures that do not match (one character changed, the form kept). Default false.
    pub bad_signature: bool,
    /// Events of each type in a batch. Default 1.
    pub events_per_type: usize,
    /// `attemptNumber` (a retry when above 0). Default 0.
    pub attempt_number: u32,
    /// The batch carries its first event twice. Default false.
    pub duplicate: bool,
    /// The batch's events are in reverse time order. Default false.
    pub out_of_order: bool,
    /// Varies the IDs. Default 0.
    pub seed: u64,
    /// `portalId`. Default 146002871.
    pub portal_id: i64,
    /// `appId`. Default 19635961.
    pub app_id: i64,
}

/// Both conversions between `hubspot_fixture_options` and the core's `FixtureOptions`, from one
/// list of the fields they share (the URL and the signature are converted by hand).
macro_rules! same_fields {
    ($($field:ident),*) => {
        impl Growable for hubspot_fixture_options {
            const NAME: &'static str = "hubspot_fixture_options";
            const PUBLISHED: &'static [usize] = &[size_of::<hubspot_fixture_options>()];
            fn defaults() -> Self {
                let o = FixtureOptions::new("", 0);
                let url = hubspot_bytes { ptr: std::ptr::null(), len: 0 };
                let signature = hubspot_fixture_signature::Hubspot as u32;
                let struct_size = size_of::<hubspot_fixture_options>();
                hubspot_fixture_options { struct_size, url, signature, $($field: o.$field),* }
            }
        }

        /// The core's options from the caller's (its URL and signature already converted).
        fn fixture_options(o: &hubspot_fixture_options, secret: &str, now_ms: i64) -> FixtureOptions {
            let mut fixture = FixtureOptions::new(secret, now_ms);
            $(fixture.$field = o.$field;)*
            fixture
        }
    };
}

same_fields!(
    timestamp_offset_ms,
    bad_signature,
    events_per_type,
    attempt_number,
    duplicate,
    out_of_order,
    seed,
    portal_id,
    app_id
);

/// Fills `*options` with the defaults and sets `options->struct_size`:
/// `hubspot_fixture_options_init(&options, sizeof options)`.
#[no_mangle]
pub unsafe extern "C" fn hubspot_fixture_options_init(
    options: *mut hubspot_fixture_options,
    struct_size: usize,
) -> hubspot_status {
    // SAFETY: forwarded from the contract.
    unsafe { init(options, struct_size) }
}

/// A request as HubSpot would send it, for tests. Immutable; free it with
/// `hubspot_fixture_free`.
#[derive(Debug)]
pub struct hubspot_fixture {
    inner: Fixture,
    /// The headers as C structs pointing into `inner` (whose strings never change).
    headers: Vec<hubspot_header>,
}

impl Handle for hubspot_fixture {}

/// A delivery of events of the given types (`"contact.creation"`, `"conversation.newMessage"`,
/// `"OUTGOING_CHANNEL_MESSAGE_CREATED"`, ...: `hubspot_fixture_type_name`), signed with `secret`
/// as HubSpot signs it at `now_ms`, shaped by `options` (NULL: the defaults). Subscription types
/// make one batch; a Custom Channels type makes its one-object delivery, alone. An unknown
/// type is `HUBSPOT_STATUS_INVALID_ARGUMENT` naming the closest known one. On success
/// `*out_fixture` owns a new fixture.
#[no_mangle]
pub unsafe extern "C" fn hubspot_fixture_new(
    types: *const hubspot_bytes,
    types_len: usize,
    secret: *const u8,
    secret_len: usize,
    now_ms: i64,
    options: *const hubspot_fixture_options,
    out_fixture: *mut *mut hubspot_fixture,
) -> hubspot_status {
    run(|| {
        let out_fixture = out!(out_fixture);
        // SAFETY (both): an array of byte strings and NULL or a valid struct, per the contract.
        let types = unsafe { byte_strings(types, types_len, "types") }?;
        let names: Vec<&str> = types.iter().map(|t| utf8(t, "a type")).collect::<Result<_, _>>()?;
        let secret = utf8(input!(secret, secret_len), "secret")?;
        let o = unsafe { read_growable(options) }?;
        let mut fixture = fixture_options(&o, secret, now_ms);
        let url = utf8(input!(o.url.ptr, o.url.len, "options.url.ptr"), "options.url")?;
        if !url.is_empty() {
            url.clone_into(&mut fixture.url);
        }
        use FixtureSignature as S;
        // In the order of `hubspot_fixture_signature`'s values.
        let signatures = [S::Hubspot, S::V1, S::V2, S::V3, S::None];
        let unknown = || {
            fail!(
                InvalidArgument,
                "options.signature is {}, not a hubspot_fixture_signature",
                o.signature
            )
        };
        fixture.signature = *signatures.get(o.signature as usize).ok_or_else(unknown)?;
        let inner = delivery(&names, &fixture)?;
        let headers = inner
            .headers
            .iter()
            .map(|(name, value)| hubspot_header {
                name: name.as_ptr(),
                name_len: name.len(),
                value: value.as_ptr(),
                value_len: value.len(),
            })
            .collect();
        hubspot_fixture { inner, headers }.hand_over(out_fixture)
    })
}

/// The fixture's method, URL and body (the compact JSON HubSpot sends), as views valid until
/// the fixture is freed; each out-parameter may be NULL when not wanted.
#[no_mangle]
pub unsafe extern "C" fn hubspot_fixture_request(
    fixture: *const hubspot_fixture,
    out_method: *mut hubspot_str,
    out_url: *mut hubspot_str,
    out_body: *mut hubspot_str,
) -> hubspot_status {
    run(|| {
        let f = &handle!(fixture).inner;
        for (out, text) in [(out_method, &f.method), (out_url, &f.url), (out_body, &f.body)] {
            // SAFETY: NULL or writable, per the contract.
            unsafe { write_optional(out, hubspot_str::of(text)) };
        }
        Ok(())
    })
}

/// The fixture's headers (`Content-Type`, `User-Agent`, the signatures), as an array ready for
/// `hubspot_verifier_verify(_and_parse)`, owned by the fixture: valid until it is freed.
#[no_mangle]
pub unsafe extern "C" fn hubspot_fixture_headers(
    fixture: *const hubspot_fixture,
    out_headers: *mut *const hubspot_header,
    out_len: *mut usize,
) -> hubspot_status {
    run(|| {
        let (f, out_headers, out_len) = (handle!(fixture), out!(out_headers), out!(out_len));
        out_len.write(f.headers.len());
        put(out_headers, f.headers.as_ptr())
    })
}

/// Frees a fixture. NULL is accepted and ignored.
#[no_mangle]
pub unsafe extern "C" fn hubspot_fixture_free(fixture: *mut hubspot_fixture) {
    free!(fixture);
}

fn type_names() -> &'static [CString] {
    static NAMES: OnceLock<Vec<CString>> = OnceLock::new();
    NAMES.get_or_init(|| fixture_types().filter_map(|t| CString::new(t).ok()).collect())
}

/// The number of types `hubspot_fixture_new` makes (HubSpot's subscription types, then the
/// Custom Channels types).
#[no_mangle]
pub extern "C" fn hubspot_fixture_type_count() -> usize {
    boundary(|| type_names().len())
}

/// Type number `i` (`"contact.creation"`, ...), NUL-terminated and static; NULL when `i` is
/// not below `hubspot_fixture_type_count()`.
#[no_mangle]
pub extern "C" fn hubspot_fixture_type_name(i: usize) -> *const c_char {
    boundary(|| type_names().get(i).map_or(std::ptr::null(), |c| c.as_ptr()))
}
