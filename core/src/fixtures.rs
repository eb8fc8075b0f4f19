//! Realistic sample deliveries, signed as HubSpot signs them: one source for the demo, the
//! command-line tool and users' own tests (every binding exposes [`delivery`]).
//!
//! Deterministic: the same types and options give the same bytes (IDs vary with
//! [`FixtureOptions::seed`], times follow [`FixtureOptions::now_ms`]). No clock, no randomness.

use crate::error::{excerpt, Error, ErrorCode, Result};
use crate::policy::{option_named, OptionKind, OptionSpec, OptionValue, SUBSCRIPTION_TYPES};
use crate::signature::{sign_v1, sign_v2, sign_v3};
use crate::CHANNEL_EVENT_TYPES;

/// The `User-Agent` of HubSpot's webhook deliveries (docs/hubspot.md, section 1.1).
pub const HUBSPOT_USER_AGENT: &str =
    "HubSpot Connect 2.0 (http://dev.hubspot.com/) (namespace: webhooks-nio-http-client) - WebhooksExecutorDaemon-executor";

/// Which signature headers a fixture carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FixtureSignature {
    /// What HubSpot sends with Webhooks API deliveries: v1 (with its version header) and v3.
    /// Custom Channels deliveries get v3 only.
    Hubspot,
    /// `X-HubSpot-Signature` v1 only.
    V1,
    /// `X-HubSpot-Signature` v2 only (workflow actions, CRM cards).
    V2,
    /// `X-HubSpot-Signature-v3` and the timestamp only.
    V3,
    /// No signature headers.
    None,
}

impl FixtureSignature {
    /// `"hubspot"`, `"v1"`, `"v2"`, `"v3"` or `"none"`.
    pub fn from_name(name: &str) -> Option<FixtureSignature> {
        Some(match name {
            "hubspot" => FixtureSignature::Hubspot,
            "v1" => FixtureSignature::V1,
            "v2" => FixtureSignature::V2,
            "v3" => FixtureSignature::V3,
            "none" => FixtureSignature::None,
            _ => return None,
        })
    }
}

/// How to make a fixture. `FixtureOptions::new(secret, now_ms)` gives the common case.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FixtureOptions {
    /// The target URL the delivery is signed for.
    pub url: String,
    /// The app's client secret to sign with.
    pub secret: String,
    /// When HubSpot sends it (Unix ms): the timestamp header, and the events just before.
    pub now_ms: i64,
    /// Added to the timestamp header: negative for a stale delivery, positive for one from the
    /// future (the events' times move with it). Default 0.
    pub timestamp_offset_ms: i64,
    /// Which signatures. Default [`FixtureSignature::Hubspot`].
    pub signature: FixtureSignature,
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

impl FixtureOptions {
    /// Defaults for a secret and a time.
    pub fn new(secret: &str, now_ms: i64) -> FixtureOptions {
        FixtureOptions {
            url: "https://example.com/hubspot/webhook".to_owned(),
            secret: secret.to_owned(),
            now_ms,
            timestamp_offset_ms: 0,
            signature: FixtureSignature::Hubspot,
            bad_signature: false,
            events_per_type: 1,
            attempt_number: 0,
            duplicate: false,
            out_of_order: false,
            seed: 0,
            portal_id: 146_002_871,
            app_id: 19_635_961,
        }
    }
}

/// One [`FIXTURE_OPTIONS`] row.
const fn option(name: &'static str, camel: &'static str, kind: OptionKind, doc: &'static str) -> OptionSpec {
    OptionSpec { name, camel, kind, doc }
}

/// Every field of [`FixtureOptions`] by name ([`FixtureOptions::set`]), in the struct's order.
pub static FIXTURE_OPTIONS: [OptionSpec; 13] = [
    option(
        "url",
        "url",
        OptionKind::Text,
        "The target URL the delivery is signed for.",
    ),
    option(
        "secret",
        "secret",
        OptionKind::Text,
        "The app's client secret to sign with.",
    ),
    option("now_ms", "nowMs", OptionKind::Int, "When HubSpot sends it (Unix ms)."),
    option(
        "timestamp_offset_ms",
        "timestampOffsetMs",
        OptionKind::Int,
        "Added to the timestamp header: negative for a stale delivery. Default 0.",
    ),
    option(
        "signature",
        "signature",
        OptionKind::Text,
        "Which signatures: \"hubspot\" (v1 and v3, as HubSpot sends), \"v1\", \"v2\", \"v3\" or \"none\".",
    ),
    option(
        "bad_signature",
        "badSignature",
        OptionKind::Bool,
        "Signatures that do not match (one character changed). Default false.",
    ),
    option(
        "events_per_type",
        "eventsPerType",
        OptionKind::Count,
        "Events of each type in a batch. Default 1.",
    ),
    option(
        "attempt_number",
        "attemptNumber",
        OptionKind::Count,
        "`attemptNumber` (a retry when above 0). Default 0.",
    ),
    option(
        "duplicate",
        "duplicate",
        OptionKind::Bool,
        "The batch carries its first event twice. Default false.",
    ),
    option(
        "out_of_order",
        "outOfOrder",
        OptionKind::Bool,
        "The batch's events are in reverse time order. Default false.",
    ),
    option("seed", "seed", OptionKind::Count, "Varies the IDs. Default 0."),
    option(
        "portal_id",
        "portalId",
        OptionKind::Int,
        "`portalId`. Default 146002871.",
    ),
    option("app_id", "appId", OptionKind::Int, "`appId`. Default 19635961."),
];

impl FixtureOptions {
    /// Sets the option called `name` (snake_case or camelCase, see [`FIXTURE_OPTIONS`]).
    /// `invalid_argument` for an unknown name, a value of another kind (text for a flag, a flag
    /// for a number, ...), a number out of the field's range (`name is out of range: value`) or
    /// an unknown signature name.
    pub fn set(&mut self, name: &str, value: OptionValue<'_>) -> Result<()> {
        let usage = |message: String| Error::new(ErrorCode::InvalidArgument, message);
        let spec = option_named(&FIXTURE_OPTIONS, name, "fixture option")?;
        let fits = match spec.kind {
            OptionKind::Bool => matches!(value, OptionValue::Bool(_)),
            OptionKind::Text => matches!(value, OptionValue::Text(_)),
            _ => value.is_number(),
        };
        if !fits {
            return Err(usage(format!(
                "fixture option {} takes {}, not {}",
                excerpt(name),
                spec.kind.wanted(),
                value.describe()
            )));
        }
        let out_of_range = || usage(format!("{name} is out of range: {}", value.describe()));
        let int = || value.int().ok_or_else(out_of_range);
        let count = || value.count().ok_or_else(out_of_range);
        match (spec.name, value) {
            ("url", OptionValue::Text(text)) => self.url = text.to_owned(),
            ("secret", OptionValue::Text(text)) => self.secret = text.to_owned(),
            ("signature", OptionValue::Text(text)) => {
                self.signature = FixtureSignature::from_name(text).ok_or_else(|| {
                    usage(format!(
                        "signature must be \"hubspot\", \"v1\", \"v2\", \"v3\" or \"none\", not {}",
                        excerpt(text)
                    ))
                })?;
            }
            ("bad_signature", OptionValue::Bool(flag)) => self.bad_signature = flag,
            ("duplicate", OptionValue::Bool(flag)) => self.duplicate = flag,
            ("out_of_order", OptionValue::Bool(flag)) => self.out_of_order = flag,
            ("now_ms", _) => self.now_ms = int()?,
            ("timestamp_offset_ms", _) => self.timestamp_offset_ms = int()?,
            ("portal_id", _) => self.portal_id = int()?,
            ("app_id", _) => self.app_id = int()?,
            ("events_per_type", _) => self.events_per_type = usize::try_from(count()?).map_err(|_| out_of_range())?,
            ("attempt_number", _) => self.attempt_number = u32::try_from(count()?).map_err(|_| out_of_range())?,
            ("seed", _) => self.seed = count()?,
            // Every row of the table has its arm above (tested): this is a row added without one.
            _ => return Err(usage(format!("fixture option {} cannot be set", excerpt(name)))),
        }
        Ok(())
    }
}

/// A request as HubSpot would send it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Fixture {
    /// `POST`.
    pub method: String,
    /// The target URL.
    pub url: String,
    /// The headers, in HubSpot's spelling.
    pub headers: Vec<(String, String)>,
    /// The compact JSON body.
    pub body: String,
}

/// Every type [`delivery`] makes: HubSpot's 48 subscription types and the four Custom
/// Channels types.
pub fn fixture_types() -> impl Iterator<Item = &'static str> {
    SUBSCRIPTION_TYPES.into_iter().chain(CHANNEL_EVENT_TYPES)
}

/// A delivery of events of the given types (`"contact.creation"`, `"object.propertyChange"`,
/// `"conversation.newMessage"`, `"OUTGOING_CHANNEL_MESSAGE_CREATED"`, ...), signed as HubSpot
/// signs it. Subscription types make one batch (at most 100 events); a Custom Channels type
/// makes its one-object delivery and cannot be mixed with others. An unknown type is
/// `invalid_argument` (with the known type it is closest to).
pub fn delivery(types: &[&str], options: &FixtureOptions) -> Result<Fixture> {
    if types.is_empty() {
        return Err(usage("give at least one event type".to_owned()));
    }
    for t in types {
        if !fixture_types().any(|k| k == *t) {
            let hint = crate::policy::check_pattern(t)
                .err()
                .map(|e| format!(" ({})", e.message()))
                .unwrap_or_default();
            return Err(usage(format!(
                "no fixture for {}{hint}; the types are HubSpot's subscription types and the Custom Channels types",
                excerpt(t)
            )));
        }
    }
    let sent_ms = options.now_ms.saturating_add(options.timestamp_offset_ms);
    let channel: Vec<&&str> = types.iter().filter(|t| CHANNEL_EVENT_TYPES.contains(t)).collect();
    let body = match channel.as_slice() {
        [] => batch_body(types, options, sent_ms)?,
        [only] if types.len() == 1 => channel_body(only, options, sent_ms),
        _ => {
            return Err(usage(
                "a Custom Channels delivery is one event: give one Custom Channels type alone".to_owned(),
            ))
        }
    };
    let signature = match (options.signature, channel.is_empty()) {
        (FixtureSignature::Hubspot, false) => FixtureSignature::V3,
        (other, _) => other,
    };
    let mut headers = vec![
        ("Content-Type".to_owned(), "application/json".to_owned()),
        ("User-Agent".to_owned(), HUBSPOT_USER_AGENT.to_owned()),
    ];
    let secret = options.secret.as_bytes();
    if signature != FixtureSignature::None {
        crate::signature::check_signing_secret(secret)?;
    }
    let (url, body_bytes) = (options.url.as_bytes(), body.as_bytes());
    let timestamp = sent_ms.to_string();
    let spoil = |sig: String| if options.bad_signature { spoiled(&sig) } else { sig };
    if matches!(signature, FixtureSignature::Hubspot | FixtureSignature::V1) {
        headers.push(("X-HubSpot-Signature".to_owned(), spoil(sign_v1(secret, body_bytes))));
        headers.push(("X-HubSpot-Signature-Version".to_owned(), "v1".to_owned()));
    }
    if signature == FixtureSignature::V2 {
        headers.push((
            "X-HubSpot-Signature".to_owned(),
            spoil(sign_v2(secret, b"POST", url, body_bytes)),
        ));
        headers.push(("X-HubSpot-Signature-Version".to_owned(), "v2".to_owned()));
    }
    if matches!(signature, FixtureSignature::Hubspot | FixtureSignature::V3) {
        let v3 = sign_v3(secret, b"POST", url, body_bytes, timestamp.as_bytes());
        headers.push(("X-HubSpot-Signature-v3".to_owned(), spoil(v3)));
        headers.push(("X-HubSpot-Request-Timestamp".to_owned(), timestamp));
    }
    headers.push(("X-HubSpot-Timeout-Millis".to_owned(), "10000".to_owned()));
    Ok(Fixture {
        method: "POST".to_owned(),
        url: options.url.clone(),
        headers,
        body,
    })
}

fn usage(message: String) -> Error {
    Error::new(ErrorCode::InvalidArgument, message)
}

/// One character of a signature changed, its form kept (hex stays hex, base64 stays base64).
fn spoiled(sig: &str) -> String {
    let mut chars: Vec<char> = sig.chars().collect();
    if let Some(c) = chars.first_mut() {
        *c = if *c == 'a' { 'b' } else { 'a' };
    }
    chars.into_iter().collect()
}

/// A deterministic number from the seed and a salt (splitmix64), for IDs.
fn id(options: &FixtureOptions, salt: u64, range: u64) -> i64 {
    let mut z = options.seed.wrapping_add(salt.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    i64::try_from(z % range.max(1)).unwrap_or(0) + 1
}

/// JSON members in HubSpot's order, written compactly.
struct Members(Vec<(&'static str, String)>);

impl Members {
    fn int(&mut self, key: &'static str, value: i64) {
        self.0.push((key, value.to_string()));
    }
    fn text(&mut self, key: &'static str, value: &str) {
        self.0.push((key, serde_json::to_string(value).unwrap_or_default()));
    }
    fn raw(&mut self, key: &'static str, json: String) {
        self.0.push((key, json));
    }
    fn write(&self) -> String {
        let members: Vec<String> = self.0.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
        format!("{{{}}}", members.join(","))
    }
}

/// The object type id and a property change of each classic object.
fn object_sample(object: &str) -> (&'static str, &'static str, &'static str) {
    match object {
        "contact" => ("0-1", "email", "zoe.muller@example.com"),
        "company" => ("0-2", "domain", "example.com"),
        "deal" => ("0-3", "dealstage", "closedwon"),
        "ticket" => ("0-5", "hs_pipeline_stage", "4"),
        "product" => ("0-7", "price", "49.90"),
        "line_item" => ("0-8", "quantity", "3"),
        _ => ("0-1", "firstname", "Zoë"),
    }
}

fn batch_body(types: &[&str], options: &FixtureOptions, sent_ms: i64) -> Result<String> {
    let per_type = options.events_per_type.max(1);
    let total = types.len().saturating_mul(per_type) + usize::from(options.duplicate);
    if total > 100 {
        return Err(usage(format!(
            "{total} events: HubSpot sends at most 100 in one batch; make several deliveries"
        )));
    }
    let mut events = Vec::with_capacity(total);
    let mut n: u64 = 0;
    for t in types {
        for _ in 0..per_type {
            n += 1;
            events.push(event(t, options, n, sent_ms));
        }
    }
    if options.out_of_order {
        events.reverse();
    }
    if options.duplicate {
        if let Some(first) = events.first().cloned() {
            events.push(first);
        }
    }
    Ok(format!("[{}]", events.join(",")))
}

fn event(subscription_type: &str, options: &FixtureOptions, n: u64, sent_ms: i64) -> String {
    let (object, action) = subscription_type.split_once('.').unwrap_or((subscription_type, ""));
    let (type_id, property, value) = object_sample(object);
    let mut m = Members(Vec::new());
    m.int("eventId", id(options, n * 8 + 1, 4_000_000_000));
    m.int("subscriptionId", id(options, n * 8 + 2, 8_000_000));
    m.int("portalId", options.portal_id);
    m.int("appId", options.app_id);
    // Events happen before HubSpot sends them, a little apart, in order.
    let n_ms = i64::try_from(n).unwrap_or(0);
    m.int("occurredAt", sent_ms - 700 - (100 - n_ms.min(100)) * 37);
    m.text("subscriptionType", subscription_type);
    m.int("attemptNumber", i64::from(options.attempt_number));
    let object_id = id(options, n * 8 + 3, 500_000_000_000);
    let conversation = object == "conversation";
    if action != "associationChange" {
        m.int("objectId", object_id);
    }
    if object == "object" {
        m.text("objectTypeId", type_id);
    }
    match action {
        "creation" if !conversation => m.text("changeFlag", "CREATED"),
        "deletion" if !conversation => m.text("changeFlag", "DELETED"),
        "propertyChange" if conversation => {
            m.text("propertyName", "assignedTo");
            m.text("propertyValue", &id(options, n * 8 + 4, 90_000_000).to_string());
        }
        "propertyChange" => {
            m.text("propertyName", property);
            m.text("propertyValue", value);
            if object == "object" {
                m.raw("isSensitive", "false".to_owned());
            }
        }
        "merge" => {
            m.int("primaryObjectId", object_id);
            m.raw(
                "mergedObjectIds",
                format!("[{}]", id(options, n * 8 + 5, 500_000_000_000)),
            );
            m.int("newObjectId", object_id);
            m.int("numberOfPropertiesMoved", 12);
        }
        "associationChange" => {
            let other = if object == "company" { "CONTACT" } else { "COMPANY" };
            let this = if object == "object" {
                "CONTACT".to_owned()
            } else {
                object.to_ascii_uppercase()
            };
            m.text("associationType", &format!("{this}_TO_{other}"));
            m.int("fromObjectId", object_id);
            m.int("toObjectId", id(options, n * 8 + 6, 500_000_000_000));
            m.raw("associationRemoved", "false".to_owned());
            m.raw("isPrimaryAssociation", "false".to_owned());
            if object == "object" {
                m.text("fromObjectTypeId", "0-1");
                m.text("toObjectTypeId", "0-2");
                m.int("associationTypeId", 279);
                m.text("associationCategory", "HUBSPOT_DEFINED");
            }
        }
        "newMessage" => {
            m.text(
                "messageId",
                &format!("{:016x}{:016x}", id(options, n * 8 + 7, u64::MAX / 2), n),
            );
            m.text("messageType", "MESSAGE");
            m.text("changeFlag", "NEW_MESSAGE");
        }
        _ => {}
    }
    if !conversation {
        m.text("changeSource", "CRM_UI");
        m.text("sourceId", &format!("userId:{}", id(options, n * 8 + 4, 90_000_000)));
    }
    m.write()
}

fn iso(ms: i64) -> String {
    // Days since 1970-01-01 to a civil date (Howard Hinnant's civil_from_days).
    let days = ms.div_euclid(86_400_000);
    let rest = ms.rem_euclid(86_400_000);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rest / 3_600_000,
        rest / 60_000 % 60,
        rest / 1000 % 60,
        rest % 1000
    )
}

fn channel_body(event_type: &str, options: &FixtureOptions, sent_ms: i64) -> String {
    let mut m = Members(Vec::new());
    m.text("type", event_type);
    m.text("portalId", &options.portal_id.to_string());
    m.text("channelId", &id(options, 11, 9_000_000).to_string());
    m.text("eventTimestamp", &iso(sent_ms - 600));
    let account = id(options, 12, 9_000_000_000).to_string();
    if event_type == "OUTGOING_CHANNEL_MESSAGE_CREATED" {
        m.text("eventId", &format!("{:016x}", id(options, 13, u64::MAX / 2)));
        m.raw(
            "channelIntegrationThreadIds",
            format!("[\"thread-{}\"]", id(options, 14, 99_999)),
        );
        let agent = format!("A-{}", id(options, 15, 90_000_000));
        let message = format!(
            concat!(
                "{{\"id\":\"{:016x}{:016x}\",\"type\":\"MESSAGE\",\"channelId\":\"{}\",\"channelAccountId\":\"{}\",",
                "\"conversationsThreadId\":\"{}\",\"createdAt\":\"{}\",\"createdBy\":\"{}\",",
                "\"senders\":[{{\"actorId\":\"{}\",\"name\":\"Dana Reyes\",\"deliveryIdentifier\":{{\"type\":\"HS_PHONE_NUMBER\",\"value\":\"+15550100999\"}}}}],",
                "\"recipients\":[{{\"actorId\":\"V-{}\",\"name\":\"Jordan Lee\",\"deliveryIdentifier\":{{\"type\":\"HS_PHONE_NUMBER\",\"value\":\"+15550100123\"}}}}],",
                "\"text\":\"Hi Jordan, your replacement ships today.\",",
                "\"richText\":\"<p>Hi Jordan, your replacement ships <b>today</b>.</p>\",",
                "\"direction\":\"OUTGOING\",\"truncationStatus\":\"NOT_TRUNCATED\",\"status\":\"SENT\",\"attachments\":[]}}"
            ),
            id(options, 16, u64::MAX / 2),
            id(options, 17, u64::MAX / 2),
            id(options, 11, 9_000_000),
            account,
            id(options, 18, 9_000_000_000),
            iso(sent_ms - 1200),
            agent,
            agent,
            id(options, 19, 90_000_000),
        );
        m.raw("message", message);
    } else {
        m.text("channelAccountId", &account);
        m.text("channelAccountDeliveryIdentifier", "+15550100999");
    }
    m.write()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fixture_option_is_set_by_either_name() {
        let sample = |kind: OptionKind| match kind {
            OptionKind::Bool => OptionValue::Bool(true),
            OptionKind::Text => OptionValue::Text("v3"),
            OptionKind::Int => OptionValue::Int(-5),
            _ => OptionValue::Float(7.0),
        };
        for spec in &FIXTURE_OPTIONS {
            for name in [spec.name, spec.camel] {
                let mut fx = FixtureOptions::new("s", 1);
                fx.set(name, sample(spec.kind))
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_ne!(fx, FixtureOptions::new("s", 1), "{name} changed nothing");
            }
        }
        let mut fx = FixtureOptions::new("s", 1);
        fx.set("portalId", OptionValue::Int(42)).unwrap();
        fx.set("attempt_number", OptionValue::Float(3.0)).unwrap();
        fx.set("signature", OptionValue::Text("none")).unwrap();
        assert_eq!(
            (fx.portal_id, fx.attempt_number, fx.signature),
            (42, 3, FixtureSignature::None)
        );
    }

    #[test]
    fn fixture_options_refuse_what_does_not_fit() {
        let mut fx = FixtureOptions::new("s", 1);
        for (name, value, message) in [
            (
                "colour",
                OptionValue::Bool(true),
                "unknown fixture option \"colour\"; the options are url, secret, now_ms",
            ),
            (
                "duplicate",
                OptionValue::Int(1),
                "fixture option \"duplicate\" takes true or false, not 1",
            ),
            (
                "url",
                OptionValue::Bool(true),
                "fixture option \"url\" takes text, not true",
            ),
            (
                "seed",
                OptionValue::Text("1"),
                "fixture option \"seed\" takes a whole number, 0 or more, not the string \"1\"",
            ),
            (
                "attempt_number",
                OptionValue::Int(-1),
                "attempt_number is out of range: -1",
            ),
            (
                "attemptNumber",
                OptionValue::Int(1 << 40),
                "attemptNumber is out of range: 1099511627776",
            ),
            (
                "seed",
                OptionValue::Float(0.5),
                "seed is out of range: a number with a fraction",
            ),
            (
                "portal_id",
                OptionValue::Int(i128::from(i64::MAX) + 1),
                "portal_id is out of range: 9223372036854775808",
            ),
            (
                "signature",
                OptionValue::Text("v4"),
                "signature must be \"hubspot\", \"v1\", \"v2\", \"v3\" or \"none\", not \"v4\"",
            ),
        ] {
            let e = fx.set(name, value).unwrap_err();
            assert_eq!(e.code(), ErrorCode::InvalidArgument, "{name}");
            assert!(e.message().starts_with(message), "{name}: {}", e.message());
        }
        assert_eq!(fx, FixtureOptions::new("s", 1), "a refused value changed nothing");
    }
    use crate::{verify_and_parse_delivery, DeliveryKind, Options, Request};

    const NOW: i64 = 1_778_750_467_800;

    fn verify(fixture: &Fixture, now: i64) -> crate::Result<crate::VerifiedDelivery> {
        let mut request = Request::new(&fixture.method, &fixture.url, &fixture.body);
        for (n, v) in &fixture.headers {
            request = request.header(n.as_str(), v.as_str());
        }
        verify_and_parse_delivery(&request, &["s3cret"], now, &Options::default())
    }

    #[test]
    fn every_type_verifies_and_parses_as_itself() {
        let options = FixtureOptions::new("s3cret", NOW);
        for t in fixture_types() {
            let fixture = delivery(&[t], &options).unwrap();
            let verified = verify(&fixture, NOW).unwrap_or_else(|e| panic!("{t}: {e}"));
            match verified.delivery.kind() {
                DeliveryKind::Batch => {
                    let events = verified.delivery.events();
                    assert_eq!(events.len(), 1, "{t}");
                    assert_eq!(events[0].subscription_type, t);
                    assert_eq!(verified.verified.version, crate::SignatureVersion::V3);
                }
                DeliveryKind::Channel => {
                    assert_eq!(verified.delivery.channel_event().unwrap().event_type, t);
                }
            }
        }
        let all: Vec<&str> = SUBSCRIPTION_TYPES.to_vec();
        let fixture = delivery(&all, &options).unwrap();
        assert_eq!(verify(&fixture, NOW).unwrap().delivery.events().len(), 48);
        assert_eq!(delivery(&all, &options), delivery(&all, &options), "deterministic");
    }

    #[test]
    fn the_options_people_test_with() {
        let mut options = FixtureOptions::new("s3cret", NOW);
        options.events_per_type = 3;
        options.attempt_number = 2;
        options.duplicate = true;
        options.out_of_order = true;
        let fixture = delivery(&["contact.creation", "deal.propertyChange"], &options).unwrap();
        let events = verify(&fixture, NOW).unwrap().delivery.events().to_vec();
        assert_eq!(events.len(), 7);
        assert!(events.iter().all(|e| e.attempt_number == 2));
        assert!(events[0].occurred_at > events[5].occurred_at, "reverse time order");
        assert_eq!(events[0].dedup_key(), events[6].dedup_key());
        options.timestamp_offset_ms = -600_000;
        let stale = delivery(&["contact.creation"], &options).unwrap();
        assert_eq!(verify(&stale, NOW).unwrap_err().code(), ErrorCode::TimestampTooOld);
        options.timestamp_offset_ms = 0;
        options.bad_signature = true;
        let bad = delivery(&["contact.creation"], &options).unwrap();
        assert_eq!(verify(&bad, NOW).unwrap_err().code(), ErrorCode::SignatureMismatch);
        options.bad_signature = false;
        for (signature, version) in [
            (FixtureSignature::V1, crate::SignatureVersion::V1),
            (FixtureSignature::V2, crate::SignatureVersion::V2),
        ] {
            options.signature = signature;
            let f = delivery(&["contact.creation"], &options).unwrap();
            assert_eq!(verify(&f, NOW).unwrap().verified.version, version);
        }
        assert_eq!(
            delivery(&["contact.creaton"], &options).unwrap_err().code(),
            ErrorCode::InvalidArgument
        );
        assert!(delivery(&["contact.creaton"], &options)
            .unwrap_err()
            .message()
            .contains("contact.creation"));
        assert!(delivery(&["CHANNEL_ACCOUNT_PURGED", "contact.creation"], &options).is_err());
        options.events_per_type = 51;
        assert!(delivery(&["contact.creation", "deal.creation"], &options).is_err());
    }

    #[test]
    fn iso_times() {
        assert_eq!(iso(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso(1_778_750_467_482), "2026-05-14T09:21:07.482Z");
        assert_eq!(
            crate::channel::rfc3339_ms(&iso(1_709_164_800_001)),
            Some(1_709_164_800_001)
        );
    }
}
