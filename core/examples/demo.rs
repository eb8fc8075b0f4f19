//! `make demo`: signs the sample batches of `tests/data/` as HubSpot would, verifies and
//! parses them, prints the typed events, receives Custom Channels deliveries on the same
//! endpoint (from the core's fixtures), shows forged and stale requests rejected, and what the
//! diagnosis says about a request whose URL a proxy changed.

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use hubspot_webhooks::fixtures::{delivery, FixtureOptions};
use hubspot_webhooks::{
    diagnose, signed_headers, ChannelEvent, ConversationChange, Delivery, Event, Options, Request, Verifier,
};

const SECRET: &str = "demo-client-secret-5d1f0c7e";
const URL: &str = "https://hooks.example.com/hubspot/webhook?source=demo";

const SAMPLES: [(&str, &[u8]); 3] = [
    (
        "tests/data/batch_1.json",
        include_bytes!("../../tests/data/batch_1.json"),
    ),
    (
        "tests/data/conversations.json",
        include_bytes!("../../tests/data/conversations.json"),
    ),
    (
        "tests/data/batch_100.json",
        include_bytes!("../../tests/data/batch_100.json"),
    ),
];

fn describe(event: &Event) -> String {
    let id = |v: Option<i64>| v.map_or_else(|| "-".to_owned(), |v| v.to_string());
    if let Some(conversation) = event.conversation() {
        let what = match conversation.change {
            ConversationChange::Created => "thread created".to_owned(),
            ConversationChange::Deleted => "thread archived".to_owned(),
            ConversationChange::PrivacyDeleted => "thread permanently deleted".to_owned(),
            ConversationChange::AssigneeChanged { assignee } => format!("assigned to {}", assignee.unwrap_or("nobody")),
            ConversationChange::StatusChanged { status } => {
                format!("status {}", status.as_ref().map_or("?", |s| s.as_str()))
            }
            ConversationChange::ArchivedChanged { archived: Some(true) } => "thread archived".to_owned(),
            ConversationChange::ArchivedChanged { archived: Some(false) } => "thread restored".to_owned(),
            ConversationChange::ArchivedChanged { archived: None } => "archived status changed".to_owned(),
            ConversationChange::NewMessage {
                message_id,
                message_type,
            } => format!(
                "new {} {}",
                message_type.map_or("message", |t| t.as_str()),
                message_id.unwrap_or("?")
            ),
            other => format!("{other:?}"),
        };
        return format!("conversation thread {}: {what}", id(conversation.thread_id));
    }
    let mut line = format!("{} {} {}", event.object_type, event.action, id(event.object_id));
    if let (Some(name), Some(value)) = (&event.property_name, event.property_value_str()) {
        line.push_str(&format!(": {name} = {value:?}"));
    }
    if let (Some(from), Some(to)) = (event.from_object_id, event.to_object_id) {
        let kind = event.association_type.as_deref().unwrap_or("association");
        let removed = if event.association_removed == Some(true) {
            "removed"
        } else {
            "added"
        };
        line.push_str(&format!(": {kind} {from} -> {to} {removed}"));
    }
    if let Some(merged) = &event.merged_object_ids {
        line.push_str(&format!(": merged {merged:?} into {}", id(event.primary_object_id)));
    }
    line
}

fn describe_channel(event: &ChannelEvent) -> String {
    let mut line = format!(
        "{} portal {} channel {}",
        event.event_type, event.portal_id, event.channel_id
    );
    if let Some(message) = &event.message {
        let to: Vec<&str> = message
            .recipients
            .iter()
            .flatten()
            .filter_map(|r| r.delivery_identifier.as_ref().map(|d| d.value.as_str()))
            .collect();
        line.push_str(&format!(
            ": message {} to {:?}: {:?}",
            message.id.as_deref().unwrap_or("-"),
            to,
            message.text.as_deref().unwrap_or("")
        ));
    }
    if let Some(account) = &event.channel_account_id {
        line.push_str(&format!(": channel account {account}"));
    }
    format!("{line} (dedup key {})", event.dedup_key())
}

fn main() {
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
    let verifier = match Verifier::new(&[SECRET], Options::default()) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let mut failures = 0;

    for (name, body) in SAMPLES {
        let headers = signed_headers(SECRET.as_bytes(), b"POST", URL.as_bytes(), body, now_ms - 1_200);
        let mut request = Request::new("POST", URL, body);
        for (header, value) in &headers {
            request = request.header(*header, value.as_str());
        }
        match verifier.verify_and_parse(&request, now_ms) {
            Ok(delivery) => {
                let events = &delivery.batch.events;
                println!(
                    "== {name}: {} bytes, signature {} ok (secret #{}), {} events",
                    body.len(),
                    delivery.verified.version,
                    delivery.verified.secret_index,
                    events.len()
                );
                if events.len() <= 12 {
                    for event in events {
                        println!("   {:<32} {}", event.subscription_type, describe(event));
                    }
                } else {
                    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
                    for event in events {
                        *counts
                            .entry(format!("{}.{}", event.object_type, event.action))
                            .or_default() += 1;
                    }
                    for (kind, count) in counts {
                        println!("   {count:>3} x {kind}");
                    }
                    if let Some(first) = events.first() {
                        println!("   first: {}  (dedup key {})", describe(first), first.dedup_key());
                    }
                }
            }
            Err(e) => {
                failures += 1;
                println!("== {name}: unexpected error {e}");
            }
        }
    }

    // Custom Channels deliveries arrive at the same endpoint: the body decides which family.
    let mut fixture_options = FixtureOptions::new(SECRET, now_ms);
    fixture_options.url = URL.to_owned();
    for kind in [
        "OUTGOING_CHANNEL_MESSAGE_CREATED",
        "CHANNEL_ACCOUNT_UPDATED",
        "contact.propertyChange",
    ] {
        let fixture = match delivery(&[kind], &fixture_options) {
            Ok(f) => f,
            Err(e) => {
                failures += 1;
                println!("== fixture {kind}: {e}");
                continue;
            }
        };
        let mut request = Request::new(&fixture.method, &fixture.url, &fixture.body);
        for (header, value) in &fixture.headers {
            request = request.header(header.as_str(), value.as_str());
        }
        match verifier.verify_and_parse_delivery(&request, now_ms) {
            Ok(verified) => match &verified.delivery {
                Delivery::Channel(_) => {
                    if let Some(event) = verified.delivery.channel_event() {
                        println!(
                            "== Custom Channels delivery ({} bytes, signature {} ok): {}",
                            fixture.body.len(),
                            verified.verified.version,
                            describe_channel(event)
                        );
                    }
                }
                Delivery::Batch(batch) => {
                    println!(
                        "== batch on the same endpoint ({} bytes, signature {} ok): {} events",
                        fixture.body.len(),
                        verified.verified.version,
                        batch.events.len()
                    );
                    for event in &batch.events {
                        println!("   {:<32} {}", event.subscription_type, describe(event));
                    }
                }
                _ => {}
            },
            Err(e) => {
                failures += 1;
                println!("== fixture {kind}: unexpected error {e}");
            }
        }
    }

    println!("== requests that must be rejected");
    let (_, body) = SAMPLES[0];
    let forged_body = [body, b" "].concat();
    let good = signed_headers(SECRET.as_bytes(), b"POST", URL.as_bytes(), body, now_ms - 1_000);
    let stale = signed_headers(
        SECRET.as_bytes(),
        b"POST",
        URL.as_bytes(),
        body,
        now_ms - 10 * 60 * 1000,
    );
    let wrong_secret = signed_headers(b"not-the-secret", b"POST", URL.as_bytes(), body, now_ms - 1_000);
    type Case<'a> = (&'a str, &'a [u8], &'a [(&'a str, String)], &'a str);
    let cases: [Case; 4] = [
        ("body changed after signing", &forged_body, &good, "signature_mismatch"),
        ("signed with another secret", body, &wrong_secret, "signature_mismatch"),
        ("signed 10 minutes ago", body, &stale, "timestamp_too_old"),
        ("no signature headers", body, &[], "missing_signature"),
    ];
    for (what, body, headers, expected) in cases {
        let mut request = Request::new("POST", URL, body);
        for (header, value) in headers {
            request = request.header(*header, value.as_str());
        }
        match verifier.verify_and_parse(&request, now_ms) {
            Ok(_) => {
                failures += 1;
                println!("   {what}: ACCEPTED (wrong!)");
            }
            Err(e) => {
                if e.code().as_str() != expected {
                    failures += 1;
                }
                println!("   {what}: rejected, {}", e);
            }
        }
    }
    // Behind a TLS terminator the app sees http://, but HubSpot signed https://.
    println!("== why a signature does not match (diagnosis, advice only)");
    let internal = URL.replace("https://", "http://");
    let mut request = Request::new("POST", internal.as_str(), body);
    for (header, value) in &good {
        request = request.header(*header, value.as_str());
    }
    let diagnosis = diagnose(&request, &[SECRET], now_ms, &Options::default());
    let verdict = match &diagnosis.verdict {
        Ok(v) => format!("verified ({})", v.version.as_str()),
        Err(code) => format!("rejected ({})", code.as_str()),
    };
    println!(
        "   verdict: {verdict}; {} digests tried; findings: {}",
        diagnosis.digests,
        diagnosis.codes().join(", ")
    );
    println!("   {}", diagnosis.summary());
    if diagnosis.codes() != ["url_scheme"] {
        failures += 1;
    }
    if failures > 0 {
        eprintln!("demo: {failures} unexpected outcome(s)");
        std::process::exit(1);
    }
}
