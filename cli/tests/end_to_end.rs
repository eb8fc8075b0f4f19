//! `send` against `listen` (and against test servers) on 127.0.0.1, and `listen` answering the
//! HTTP cases every framework helper answers (tests/http/cases.json).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use std::collections::BTreeSet;
use std::net::TcpStream;

use hubspot_webhooks::fixtures::fixture_types;
use hubspot_webhooks::{parse_delivery, sign_v1, sign_v2, sign_v3, Options};
use serde_json::Value;
use support::{answering_server, exchange, json_lines, run, Listener, SECRET};

#[test]
fn send_reaches_listen_with_every_fixture_type() {
    let listener = Listener::start(&["--max-requests", "5"]);
    let url = listener.url("/hubspot/webhook?portal=1");
    let sent = run(&["send", &url, "--all", "--secret", SECRET], b"");
    assert_eq!(sent.code, 0, "{}", sent.both());
    // One batch of the 48 subscription types and one delivery per Custom Channels type.
    assert!(sent.stdout.contains("5 of 5 deliveries accepted"), "{}", sent.stdout);
    let received = listener.finish();
    assert_eq!(received.code, 0, "{}", received.stderr);
    let events = json_lines(&received.stdout);
    let seen: BTreeSet<String> = events
        .iter()
        .map(|e| {
            e.get("subscriptionType")
                .or(e.get("type"))
                .and_then(Value::as_str)
                .unwrap()
                .to_owned()
        })
        .collect();
    let expected: BTreeSet<String> = fixture_types().map(str::to_owned).collect();
    assert_eq!(seen, expected);
    assert_eq!(events.len(), expected.len());
    assert_eq!(received.stderr.matches("-> 204").count(), 5, "{}", received.stderr);
}

#[test]
fn batches_of_at_most_one_hundred() {
    let listener = Listener::start(&["--max-requests", "4", "--json"]);
    let url = listener.url("/webhook");
    let one = run(
        &[
            "send",
            &url,
            "contact.creation",
            "--events-per-type",
            "100",
            "--secret",
            SECRET,
        ],
        b"",
    );
    assert_eq!(one.code, 0, "{}", one.both());
    assert!(one.stdout.contains("1 of 1 deliveries accepted"), "{}", one.stdout);
    let args = [
        "send",
        &url,
        "deal.creation",
        "ticket.merge",
        "--events-per-type",
        "150",
        "--json",
        "--seed",
        "7",
    ];
    let three = run(&[&args[..], &["--secret", SECRET]].concat(), b"");
    assert_eq!(three.code, 0, "{}", three.both());
    let attempts = json_lines(&three.stdout);
    assert_eq!(attempts.len(), 3);
    assert!(attempts
        .iter()
        .all(|a| a["events"] == 100 && a["status"] == 204 && a["accepted"] == true));
    let received = listener.finish();
    let events = json_lines(&received.stdout);
    assert_eq!(events.len(), 400);
    let ids: BTreeSet<i64> = events.iter().map(|e| e["eventId"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), 400, "every batch has its own events");
    let logged = json_lines(&received.stderr);
    let sizes: Vec<u64> = logged.iter().filter_map(|l| l["events"].as_u64()).collect();
    assert_eq!(sizes, vec![100, 100, 100, 100]);
}

#[test]
fn retries_with_rising_attempt_numbers() {
    let (address, requests) = answering_server(vec![500, 503, 204]);
    let url = format!("http://{address}/webhook");
    let sent = run(
        &["send", &url, "contact.creation", "--retries", "5", "--secret", SECRET],
        b"",
    );
    assert_eq!(sent.code, 0, "{}", sent.both());
    assert_eq!(sent.stdout.matches("HubSpot would retry").count(), 2, "{}", sent.stdout);
    let attempts: Vec<u32> = requests
        .iter()
        .take(3)
        .map(|r| parse_delivery(&r.body, &Options::default()).unwrap().events()[0].attempt_number)
        .collect();
    assert_eq!(attempts, vec![0, 1, 2]);

    // Retries run out: the answer stays 500, the exit code says so.
    let (address, requests) = answering_server(vec![500, 500]);
    let url = format!("http://{address}/webhook");
    let args = ["send", &url, "deal.creation", "--retries", "1", "--attempt-number", "3"];
    let sent = run(&[&args[..], &["--secret", SECRET]].concat(), b"");
    assert_eq!(sent.code, 1, "{}", sent.both());
    assert!(sent.stdout.contains("0 of 1 deliveries accepted"), "{}", sent.stdout);
    let attempts: Vec<u32> = requests
        .iter()
        .take(2)
        .map(|r| parse_delivery(&r.body, &Options::default()).unwrap().events()[0].attempt_number)
        .collect();
    assert_eq!(attempts, vec![3, 4]);
}

#[test]
fn what_listen_refuses_and_how_it_logs_the_diagnosis() {
    let listener = Listener::start(&["--max-requests", "3", "--diagnose"]);
    let url = listener.url("/webhook");
    let bad = run(
        &["send", &url, "contact.creation", "--bad-signature", "--secret", SECRET],
        b"",
    );
    assert_eq!(bad.code, 1, "{}", bad.both());
    assert!(
        bad.stdout.contains("401") && bad.stdout.contains("signature_mismatch"),
        "{}",
        bad.stdout
    );
    let stale = run(
        &[
            "send",
            &url,
            "contact.creation",
            "--timestamp-offset",
            "-600000",
            "--secret",
            SECRET,
        ],
        b"",
    );
    assert_eq!(stale.code, 1);
    assert!(stale.stdout.contains("timestamp_too_old"), "{}", stale.stdout);
    // Signed for the https:// URL the receiver does not know about: the diagnosis (in the
    // log, never in the answer) names the scheme.
    let https = url.replacen("http://", "https://", 1);
    let scheme = run(
        &[
            "send",
            &url,
            "contact.creation",
            "--signed-url",
            &https,
            "--secret",
            SECRET,
        ],
        b"",
    );
    assert_eq!(scheme.code, 1);
    assert!(
        !scheme.stdout.contains("url_scheme"),
        "the caller never gets the diagnosis: {}",
        scheme.stdout
    );
    let log = listener.finish();
    assert!(log.stdout.is_empty(), "no events from refused requests: {}", log.stdout);
    assert!(log.stderr.contains("url_scheme (confirmed)"), "{}", log.stderr);
    assert!(log.stderr.contains("clock_skew (confirmed)"), "{}", log.stderr);
}

#[test]
fn listen_logs_json_with_the_diagnosis() {
    let listener = Listener::start(&["--max-requests", "2", "--diagnose", "--json"]);
    let url = listener.url("/webhook");
    let https = url.replacen("http://", "https://", 1);
    let scheme = run(
        &[
            "send",
            &url,
            "deal.creation",
            "--signed-url",
            &https,
            "--secret",
            SECRET,
        ],
        b"",
    );
    assert_eq!(scheme.code, 1, "{}", scheme.both());
    let ok = run(&["send", &url, "deal.creation", "--secret", SECRET], b"");
    assert_eq!(ok.code, 0, "{}", ok.both());
    let log = listener.finish();
    let lines = json_lines(&log.stderr);
    assert_eq!(lines.len(), 2, "{}", log.stderr);
    assert_eq!(lines[0]["status"], 401);
    assert_eq!(lines[0]["diagnosis"]["findings"][0]["code"], "url_scheme");
    assert_eq!(lines[1]["status"], 204);
    assert_eq!(lines[1]["events"], 1);
    assert_eq!(lines[1]["diagnosis"], Value::Null);
}

#[test]
fn listen_answers_the_http_cases_of_the_framework_helpers() {
    let cases: Value =
        serde_json::from_str(include_str!("../../tests/http/cases.json")).expect("tests/http/cases.json");
    let secret = cases["secret"].as_str().unwrap();
    let limit = format!("max_body_bytes={}", cases["max_body_bytes"]);
    let list = cases["cases"].as_array().unwrap();
    let (mut checked, mut app_level) = (0, 0);
    for case in list {
        let name = case["name"].as_str().unwrap();
        let target = case["target"].as_str().unwrap();
        // Routers (`/routed/<name>`, `expect.handled`, `answer_first`) are an application's
        // handlers: `listen` has none, it answers for the delivery alone.
        let routed = target.starts_with("/routed/")
            || case["expect"].get("handled").is_some()
            || case.get("answer_first").is_some();
        if routed {
            app_level += 1;
            continue;
        }
        let mut args = vec!["--max-requests", "1", "--option", &limit];
        let public = case["public_url"].as_str().map(|p| p.replace("{target}", target));
        if let Some(public) = &public {
            args.extend(["--public-url", public.as_str()]);
        }
        let listener = Listener::start_with(secret, &args);
        let origin = format!("http://{}", listener.address);
        let signed_url = case["signed_url"]
            .as_str()
            .unwrap_or("{origin}{target}")
            .replace("{origin}", &origin)
            .replace("{target}", target);
        let method = case["method"].as_str().unwrap();
        let mut body = case["body"].as_str().unwrap().to_owned();
        body.push_str(&" ".repeat(case["body_padding"].as_u64().unwrap_or(0) as usize));
        let timestamp = (now_ms() + case["timestamp_offset_ms"].as_i64().unwrap_or(0)).to_string();
        let mut headers: Vec<(String, String)> = vec![("Content-Type".into(), "application/json".into())];
        for (n, v) in case["headers"].as_object().unwrap() {
            headers.push((n.clone(), v.as_str().unwrap().to_owned()));
        }
        let (m, u, b) = (method.as_bytes(), signed_url.as_bytes(), body.as_bytes());
        match case["sign"].as_str().unwrap() {
            "v3" => {
                headers.push((
                    "X-HubSpot-Signature-v3".into(),
                    sign_v3(secret.as_bytes(), m, u, b, timestamp.as_bytes()),
                ));
                headers.push(("X-HubSpot-Request-Timestamp".into(), timestamp.clone()));
            }
            "v2" => {
                headers.push(("X-HubSpot-Signature".into(), sign_v2(secret.as_bytes(), m, u, b)));
                headers.push(("X-HubSpot-Signature-Version".into(), "v2".into()));
            }
            "v1" => {
                headers.push(("X-HubSpot-Signature".into(), sign_v1(secret.as_bytes(), b)));
                headers.push(("X-HubSpot-Signature-Version".into(), "v1".into()));
            }
            _ => {}
        }
        let mut request = format!("{method} {target} HTTP/1.1\r\nHost: {}\r\n", listener.address);
        for (n, v) in &headers {
            request.push_str(&format!("{n}: {v}\r\n"));
        }
        request.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ));
        let (status, answer) = exchange(&listener.address, request.as_bytes());
        assert_eq!(
            u64::from(status),
            case["expect"]["status"].as_u64().unwrap(),
            "{name}: {answer}"
        );
        if let Some(code) = case["expect"]["code"].as_str() {
            let answer: Value = serde_json::from_str(&answer).unwrap_or_else(|e| panic!("{name}: {e}: {answer}"));
            assert_eq!(answer["code"], code, "{name}");
            assert!(answer["message"].as_str().is_some_and(|m| !m.is_empty()), "{name}");
        }
        assert_eq!(listener.finish().code, 0, "{name}");
        checked += 1;
    }
    // Every case either ran or is an application's router case; at least the delivery-level
    // cases ran.
    assert_eq!(checked + app_level, list.len());
    assert!(checked >= 20, "only {checked} cases ran");
    println!(
        "listen: {checked} of {} http cases ran, {app_level} are application router cases",
        list.len()
    );
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

#[test]
fn listen_refuses_a_declared_length_over_the_limit_without_reading_it() {
    // The declared length is refused at once: were the body awaited, listen would answer only
    // after its 90 s read timeout, and the client (which waits 60 s) would get no answer.
    let listener = Listener::start(&["--max-requests", "1", "--read-timeout", "90"]);
    let request = format!(
        "POST /webhook HTTP/1.1\r\nHost: {}\r\nContent-Length: 1000000000\r\n\r\n[]",
        listener.address
    );
    let (status, answer) = exchange(&listener.address, request.as_bytes());
    assert_eq!(status, 413, "{answer}");
    let answer: Value = serde_json::from_str(&answer).unwrap();
    assert_eq!(answer["code"], "body_too_large");
    assert!(answer["message"].as_str().unwrap().contains("1000000000"));
    assert_eq!(listener.finish().code, 0);
}

#[test]
fn listen_reads_chunked_bodies_and_survives_a_stalled_client() {
    let listener = Listener::start(&[
        "--max-requests",
        "2",
        "--read-timeout",
        "1",
        "--option",
        "max_body_bytes=64",
    ]);
    // A client that connects and sends nothing is dropped after the read timeout.
    let stalled = TcpStream::connect(&listener.address).unwrap();
    // A chunked body over the limit is refused once it goes past it.
    let chunks = "20\r\n[                              ]\r\n".repeat(3) + "0\r\n\r\n";
    let request = format!(
        "POST /webhook HTTP/1.1\r\nHost: {}\r\nTransfer-Encoding: chunked\r\n\r\n{chunks}",
        listener.address
    );
    let (status, answer) = exchange(&listener.address, request.as_bytes());
    assert_eq!(status, 413, "{answer}");
    // A chunked body within the limit is verified (here: not signed).
    let request = format!(
        "POST /webhook HTTP/1.1\r\nHost: {}\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n[]\r\n0\r\n\r\n",
        listener.address
    );
    let (status, answer) = exchange(&listener.address, request.as_bytes());
    assert_eq!(status, 401, "{answer}");
    assert!(answer.contains("missing_signature"), "{answer}");
    drop(stalled);
    let log = listener.finish();
    assert_eq!(log.code, 0);
    assert!(log.stderr.contains("dropped without an answer"), "{}", log.stderr);
}

#[test]
fn listen_behind_a_tunnel_checks_the_public_url() {
    let public = "https://abc.tunnel.example";
    let listener = Listener::start(&["--max-requests", "2", "--public-url", public]);
    let url = listener.url("/hubspot/webhook?x=1");
    let signed = format!("{public}/hubspot/webhook?x=1");
    let ok = run(
        &[
            "send",
            &url,
            "conversation.newMessage",
            "--signed-url",
            &signed,
            "--secret",
            SECRET,
        ],
        b"",
    );
    assert_eq!(ok.code, 0, "{}", ok.both());
    let internal = run(&["send", &url, "conversation.newMessage", "--secret", SECRET], b"");
    assert_eq!(internal.code, 1, "{}", internal.both());
    let log = listener.finish();
    assert_eq!(json_lines(&log.stdout).len(), 1);
}

#[test]
fn listen_answers_100_continue_before_the_body() {
    use hubspot_webhooks::fixtures::{delivery, FixtureOptions};
    use std::io::{Read, Write};
    let listener = Listener::start(&["--max-requests", "1"]);
    let mut options = FixtureOptions::new(SECRET, now_ms());
    options.url = listener.url("/webhook");
    let fixture = delivery(&["contact.creation"], &options).unwrap();
    let mut stream = TcpStream::connect(&listener.address).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(60)))
        .unwrap();
    let mut head = format!(
        "POST /webhook HTTP/1.1\r\nHost: {}\r\nExpect: 100-continue\r\n",
        listener.address
    );
    for (n, v) in &fixture.headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", fixture.body.len()));
    stream.write_all(head.as_bytes()).unwrap();
    // The body is sent only after the interim answer (a client like curl waits for it).
    let interim = b"HTTP/1.1 100 Continue\r\n\r\n";
    let mut got = vec![0u8; interim.len()];
    stream.read_exact(&mut got).unwrap();
    assert_eq!(got, interim);
    stream.write_all(fixture.body.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 204 "), "{answer}");
    assert_eq!(json_lines(&listener.finish().stdout).len(), 1);
}

#[test]
fn send_reports_a_body_refused_as_too_large() {
    let listener = Listener::start(&["--max-requests", "1", "--option", "max_body_bytes=100"]);
    let url = listener.url("/webhook");
    let args = ["send", &url, "contact.creation", "--events-per-type", "100", "--json"];
    let sent = run(&[&args[..], &["--secret", SECRET]].concat(), b"");
    assert_eq!(sent.code, 1, "{}", sent.both());
    let attempt = &json_lines(&sent.stdout)[0];
    assert_eq!(attempt["status"], 413);
    assert!(attempt["body"].as_str().unwrap().contains("body_too_large"));
    assert!(attempt["hubspotWouldRetry"].as_str().unwrap().contains("not 2xx"));
    assert_eq!(listener.finish().code, 0);
}
