//! `send` (alias `trigger`): POST core's fixtures to a receiver as HubSpot would, retry like
//! HubSpot when the answer is not a quick 2xx, and say what the receiver answered.

use std::time::Duration;

use clap::Args;
use hubspot_webhooks::fixtures::{delivery, fixture_types, Fixture, FixtureOptions, FixtureSignature};
use hubspot_webhooks::CHANNEL_EVENT_TYPES;

use crate::common::out;
use crate::common::{now_ms, printable, public_url, signature_kind, Exit, Failure, Outcome, Secrets};
use crate::http::{post, Answer};
use crate::url::{parse_url, Target};
use crate::SecretArgs;

/// HubSpot counts an answer slower than this as failed and retries the delivery.
const HUBSPOT_TIMEOUT: Duration = Duration::from_secs(5);
/// HubSpot sends at most this many events in one batch.
const MAX_BATCH: usize = 100;

#[derive(Args)]
pub struct SendArgs {
    /// The receiver's URL (http:// only; see --signed-url for a receiver behind a tunnel).
    url: String,
    /// Event types: subscription types (contact.creation, object.propertyChange,
    /// conversation.newMessage, ...) and Custom Channels types; `hubspot-webhooks types` lists them.
    #[arg(value_name = "TYPE", required_unless_present = "all")]
    types: Vec<String>,
    /// Every type, once each (one batch of the subscription types, one delivery per Custom
    /// Channels type).
    #[arg(long)]
    all: bool,
    /// Sign for this URL instead of the receiver's: the public https:// URL HubSpot calls when
    /// the receiver sits behind a proxy or tunnel.
    #[arg(long, value_name = "URL")]
    signed_url: Option<String>,
    /// Events of each type; more than 100 in all are sent as several batches, as HubSpot does.
    #[arg(long, default_value_t = 1, value_name = "N")]
    events_per_type: usize,
    /// Resend a delivery up to N times, attemptNumber rising, while the answer would make
    /// HubSpot retry (not 2xx, or slower than 5 s).
    #[arg(long, default_value_t = 0, value_name = "N")]
    retries: u32,
    /// The attemptNumber of the first attempt.
    #[arg(long, default_value_t = 0, value_name = "N")]
    attempt_number: u32,
    /// Carry the first event of each batch twice.
    #[arg(long)]
    duplicate: bool,
    /// Put each batch's events in reverse time order.
    #[arg(long)]
    out_of_order: bool,
    /// Shift the timestamp by this many milliseconds: -600000 for a stale delivery, 600000 for
    /// one from the future.
    #[arg(long, default_value_t = 0, allow_negative_numbers = true, value_name = "MS")]
    timestamp_offset: i64,
    /// Spoil the signatures (one character changed): the receiver must refuse the delivery.
    #[arg(long)]
    bad_signature: bool,
    /// Which signatures: hubspot (v1 and v3, as HubSpot's Webhooks API sends), v1, v2, v3 or none.
    #[arg(long, default_value = "hubspot", value_parser = signature_kind)]
    signature: FixtureSignature,
    /// Varies the event IDs.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// The portalId of the events.
    #[arg(long, allow_negative_numbers = true)]
    portal_id: Option<i64>,
    /// The appId of the events.
    #[arg(long, allow_negative_numbers = true)]
    app_id: Option<i64>,
    /// Seconds to wait for a connection.
    #[arg(long, default_value_t = 5.0, value_name = "SECONDS", value_parser = seconds)]
    connect_timeout: f64,
    /// Seconds to wait for the whole answer.
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS", value_parser = seconds)]
    timeout: f64,
    /// Print each delivery as JSON {"method","url","headers","body"} instead of sending it.
    #[arg(long)]
    dry_run: bool,
    #[command(flatten)]
    secrets: SecretArgs,
}

fn seconds(text: &str) -> Result<f64, String> {
    text.parse::<f64>()
        .ok()
        .filter(|s| (0.001..=3600.0).contains(s))
        .ok_or_else(|| format!("{text:?} is not a number of seconds from 0.001 to 3600"))
}

/// One delivery to make: its types (a type once per event) and its seed.
struct Planned {
    types: Vec<String>,
    seed: u64,
}

pub fn run(args: SendArgs, json: bool) -> Outcome {
    let target = parse_url(&args.url)?;
    if let Some(signed) = &args.signed_url {
        public_url("signed-url", signed)?;
    }
    let secrets = Secrets::load(&args.secrets)?;
    let mut base = FixtureOptions::new(secrets.signing_text()?, 0);
    // Signed as the receiver sees it: `http://host:port` is sent as `POST /`, so it signs `.../`.
    base.url = args
        .signed_url
        .clone()
        .unwrap_or_else(|| format!("http://{}{}", target.host, target.path));
    base.timestamp_offset_ms = args.timestamp_offset;
    base.signature = args.signature;
    base.bad_signature = args.bad_signature;
    base.duplicate = args.duplicate;
    base.out_of_order = args.out_of_order;
    if let Some(portal) = args.portal_id {
        base.portal_id = portal;
    }
    if let Some(app) = args.app_id {
        base.app_id = app;
    }
    let plan = plan(&args)?;
    // Every delivery is made once before anything is sent: an unknown type fails here (with
    // core's suggestion), not after half of them went out.
    for planned in &plan {
        make(&planned.types, &base, planned.seed, args.attempt_number)?;
    }
    if args.dry_run {
        for planned in &plan {
            let fixture = make(&planned.types, &base, planned.seed, args.attempt_number)?;
            out!(
                "{}",
                serde_json::to_string(&fixture).map_err(|e| Failure::usage(e.to_string()))?
            );
        }
        return Ok(Exit::Ok);
    }
    let (connect, timeout) = (
        Duration::from_secs_f64(args.connect_timeout),
        Duration::from_secs_f64(args.timeout),
    );
    let mut accepted = 0;
    for (index, planned) in plan.iter().enumerate() {
        if !json {
            out!(
                "delivery {} of {}: {} -> {}",
                index + 1,
                plan.len(),
                describe(&planned.types),
                args.url
            );
        }
        for retry in 0..=args.retries {
            let attempt = args.attempt_number.saturating_add(retry);
            let fixture = make(&planned.types, &base, planned.seed, attempt)?;
            let answer = post(&target, &fixture.headers, fixture.body.as_bytes(), connect, timeout)?;
            let retry_reason = retry_reason(&answer);
            report(
                json,
                index + 1,
                attempt,
                &planned.types,
                &target,
                &answer,
                retry_reason.as_deref(),
            );
            if retry_reason.is_none() {
                accepted += 1;
                break;
            }
        }
    }
    if !json {
        out!(
            "{} of {} deliveries accepted{}",
            accepted,
            plan.len(),
            if accepted == plan.len() {
                ""
            } else {
                "; HubSpot would keep retrying the others"
            }
        );
    }
    Ok(if accepted == plan.len() {
        Exit::Ok
    } else {
        Exit::Rejected
    })
}

/// The deliveries: subscription types in batches of at most 100 events, each Custom Channels
/// event alone (HubSpot sends it so).
fn plan(args: &SendArgs) -> Result<Vec<Planned>, Failure> {
    let types: Vec<String> = if args.all {
        fixture_types().map(str::to_owned).collect()
    } else {
        args.types.clone()
    };
    if args.events_per_type == 0 || args.events_per_type > 10_000 {
        return Err(Failure::usage("--events-per-type must be from 1 to 10000"));
    }
    let per = args.events_per_type;
    let (channel, batch): (Vec<&String>, Vec<&String>) =
        types.iter().partition(|t| CHANNEL_EVENT_TYPES.contains(&t.as_str()));
    let events: Vec<String> = batch
        .iter()
        .flat_map(|t| std::iter::repeat_n((*t).clone(), per))
        .collect();
    let size = MAX_BATCH - usize::from(args.duplicate);
    let mut plan: Vec<Planned> = events
        .chunks(size)
        .map(|c| Planned {
            types: c.to_vec(),
            seed: 0,
        })
        .collect();
    for t in channel {
        plan.extend((0..per).map(|_| Planned {
            types: vec![t.clone()],
            seed: 0,
        }));
    }
    for (n, planned) in plan.iter_mut().enumerate() {
        planned.seed = args.seed.wrapping_add(n as u64);
    }
    Ok(plan)
}

/// Core's fixture for the delivery, signed now.
fn make(types: &[String], base: &FixtureOptions, seed: u64, attempt: u32) -> Result<Fixture, Failure> {
    let mut options = base.clone();
    options.now_ms = now_ms();
    options.seed = seed;
    options.attempt_number = attempt;
    let types: Vec<&str> = types.iter().map(String::as_str).collect();
    delivery(&types, &options).map_err(|e| Failure::core_usage(&e))
}

/// Why HubSpot would retry after this answer, if it would.
fn retry_reason(answer: &Answer) -> Option<String> {
    if !(200..300).contains(&answer.status) {
        Some(format!("the status {} is not 2xx", answer.status))
    } else if answer.elapsed > HUBSPOT_TIMEOUT {
        Some(format!(
            "the answer took {:.1} s, over HubSpot's {} s",
            answer.elapsed.as_secs_f64(),
            HUBSPOT_TIMEOUT.as_secs()
        ))
    } else {
        None
    }
}

/// `contact.creation x3, deal.merge` for people.
fn describe(types: &[String]) -> String {
    let mut counted: Vec<(&str, usize)> = Vec::new();
    for t in types {
        match counted.iter_mut().find(|(name, _)| *name == t.as_str()) {
            Some((_, n)) => *n += 1,
            None => counted.push((t.as_str(), 1)),
        }
    }
    let parts: Vec<String> = counted
        .iter()
        .map(|(t, n)| if *n == 1 { (*t).to_owned() } else { format!("{t} x{n}") })
        .collect();
    format!("{} event(s): {}", types.len(), parts.join(", "))
}

fn report(
    json: bool,
    delivery: usize,
    attempt: u32,
    types: &[String],
    target: &Target,
    answer: &Answer,
    retry: Option<&str>,
) {
    let body = String::from_utf8_lossy(&answer.body);
    let (body, reason) = if json {
        (body.into_owned(), answer.reason.clone())
    } else {
        (printable(&body), printable(&answer.reason))
    };
    let ms = answer.elapsed.as_secs_f64() * 1000.0;
    if json {
        let line = serde_json::json!({
            "delivery": delivery,
            "attemptNumber": attempt,
            "events": types.len(),
            "host": target.host,
            "path": target.path,
            "status": answer.status,
            "elapsedMs": (ms * 10.0).round() / 10.0,
            "body": body,
            "accepted": retry.is_none(),
            "hubspotWouldRetry": retry,
        });
        out!("{line}");
        return;
    }
    let verdict = retry.map_or_else(
        || "accepted".to_owned(),
        |why| format!("HubSpot would retry this delivery ({why})"),
    );
    out!(
        "  attemptNumber {attempt}: {} {} in {ms:.1} ms: {verdict}",
        answer.status,
        reason
    );
    if !body.is_empty() {
        let shown: String = body.chars().take(2000).collect();
        out!("    answer: {shown}");
    }
}
