//! `verify` on captured requests (raw HTTP and JSON; diagnoses of mismatches) and `sign`'s
//! output checked by core.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use hubspot_webhooks::{verify, Options, Request, SignatureVersion};
use serde_json::Value;
use support::{json_lines, run, SECRET};

const PUBLIC: &str = "https://hooks.example.com/hubspot/webhook?app=1";

/// A delivery as `trigger --dry-run` (`send`'s alias) prints it: JSON {method, url, headers, body}.
fn capture(types: &[&str], extra: &[&str]) -> Value {
    let mut args = vec![
        "trigger",
        "http://127.0.0.1:9/unused",
        "--dry-run",
        "--signed-url",
        PUBLIC,
        "--secret",
        SECRET,
    ];
    args.extend_from_slice(types);
    args.extend_from_slice(extra);
    let out = run(&args, b"");
    assert_eq!(out.code, 0, "{}", out.both());
    json_lines(&out.stdout).remove(0)
}

fn write(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("hubspot-webhooks-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The capture as the raw HTTP request a receiver gets behind a proxy: only the path, and
/// the proxy's Host.
fn raw_http(capture: &Value, host: &str) -> Vec<u8> {
    let body = capture["body"].as_str().unwrap();
    let mut text = format!("POST /hubspot/webhook?app=1 HTTP/1.1\r\nHost: {host}\r\n");
    for pair in capture["headers"].as_array().unwrap() {
        text.push_str(&format!(
            "{}: {}\r\n",
            pair[0].as_str().unwrap(),
            pair[1].as_str().unwrap()
        ));
    }
    text.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    text.into_bytes()
}

#[test]
fn verify_a_json_capture() {
    let file = write(
        "batch.json",
        capture(&["contact.creation", "deal.merge"], &[]).to_string().as_bytes(),
    );
    let out = run(&["verify", file.to_str().unwrap(), "--secret", SECRET], b"");
    assert_eq!(out.code, 0, "{}", out.both());
    assert!(
        out.stdout
            .starts_with("verified: v3 signature, secret 1 of 1; a batch of 2 event(s)"),
        "{}",
        out.stdout
    );
    let events = json_lines(&out.stdout);
    assert_eq!(events[0]["subscriptionType"], "contact.creation");
    assert_eq!(events[1]["subscriptionType"], "deal.merge");
    assert!(events[1]["mergedObjectIds"].is_array());

    // --json, from standard input, with the secret second in a rotation.
    let out = run(
        &["verify", "-", "--json", "--secret", "old-secret", "--secret", SECRET],
        &std::fs::read(&file).unwrap(),
    );
    assert_eq!(out.code, 0, "{}", out.both());
    let verdict: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(verdict["verified"], true);
    assert_eq!(verdict["secretIndex"], 1);
    assert_eq!(verdict["kind"], "batch");
    assert_eq!(verdict["events"].as_array().unwrap().len(), 2);

    // A Custom Channels delivery prints its event as core serialises it.
    let file = write(
        "channel.json",
        capture(&["CHANNEL_ACCOUNT_CREATED"], &[]).to_string().as_bytes(),
    );
    let out = run(&["verify", file.to_str().unwrap(), "--secret", SECRET], b"");
    assert_eq!(out.code, 0, "{}", out.both());
    assert_eq!(json_lines(&out.stdout)[0]["type"], "CHANNEL_ACCOUNT_CREATED");
}

#[test]
fn verify_a_raw_http_capture() {
    let delivery = capture(&["conversation.newMessage"], &["--events-per-type", "3"]);
    // Only a path: the URL is taken as https:// on the Host, and that is said.
    let file = write("public.http", &raw_http(&delivery, "hooks.example.com"));
    let out = run(&["verify", file.to_str().unwrap(), "--secret", SECRET], b"");
    assert_eq!(out.code, 0, "{}", out.both());
    assert!(
        out.stderr
            .contains("verifying against https://hooks.example.com/hubspot/webhook?app=1"),
        "{}",
        out.stderr
    );
    assert_eq!(json_lines(&out.stdout).len(), 3);
    // Behind a proxy the Host is internal: --url gives the public URL.
    let file = write("internal.http", &raw_http(&delivery, "10.0.0.7:3000"));
    let out = run(&["verify", file.to_str().unwrap(), "--secret", SECRET], b"");
    assert_eq!(out.code, 1, "{}", out.both());
    assert!(
        out.stdout
            .contains("not verified: signature_mismatch (a receiver answers 401)"),
        "{}",
        out.stdout
    );
    let out = run(
        &["verify", file.to_str().unwrap(), "--url", PUBLIC, "--secret", SECRET],
        b"",
    );
    assert_eq!(out.code, 0, "{}", out.both());
    // LF line ends (a capture saved by an editor) read the same.
    let lf = String::from_utf8(raw_http(&delivery, "hooks.example.com"))
        .unwrap()
        .replace("\r\n", "\n");
    let file = write("lf.http", lf.as_bytes());
    let out = run(&["verify", file.to_str().unwrap(), "--secret", SECRET], b"");
    assert_eq!(out.code, 0, "{}", out.both());
}

#[test]
fn diagnose_names_the_deformation() {
    let delivery = capture(&["contact.propertyChange"], &[]);
    let file = write("diagnose.json", delivery.to_string().as_bytes());
    let http = PUBLIC.replacen("https://", "http://", 1);
    let out = run(
        &[
            "verify",
            file.to_str().unwrap(),
            "--url",
            &http,
            "--diagnose",
            "--secret",
            SECRET,
        ],
        b"",
    );
    assert_eq!(out.code, 1, "{}", out.both());
    assert!(out.stdout.contains("url_scheme (confirmed)"), "{}", out.stdout);
    let out = run(
        &[
            "verify",
            file.to_str().unwrap(),
            "--url",
            &http,
            "--diagnose",
            "--json",
            "--secret",
            SECRET,
        ],
        b"",
    );
    let verdict: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(verdict["code"], "signature_mismatch");
    assert_eq!(verdict["diagnosis"]["findings"][0]["code"], "url_scheme");
    assert!(verdict["diagnosis"]["digests"].as_u64().unwrap() > 0);
    // Without --diagnose there is no diagnosis.
    let out = run(
        &[
            "verify",
            file.to_str().unwrap(),
            "--url",
            &http,
            "--json",
            "--secret",
            SECRET,
        ],
        b"",
    );
    assert_eq!(
        serde_json::from_str::<Value>(&out.stdout).unwrap()["diagnosis"],
        Value::Null
    );

    // The body re-serialised with white space by a framework.
    let mut pretty = delivery.clone();
    pretty["body"] = Value::from(spaced(delivery["body"].as_str().unwrap()));
    let file = write("pretty.json", pretty.to_string().as_bytes());
    let out = run(
        &["verify", file.to_str().unwrap(), "--diagnose", "--secret", SECRET],
        b"",
    );
    assert_eq!(out.code, 1, "{}", out.both());
    assert!(out.stdout.contains("body_reserialised"), "{}", out.stdout);

    // An old capture: stale now, fine as of when it came (--now).
    let timestamp: i64 = delivery["headers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p[0] == "X-HubSpot-Request-Timestamp")
        .map(|p| p[1].as_str().unwrap().parse().unwrap())
        .unwrap();
    let later = (timestamp + 3_600_000).to_string();
    let file = write("old.json", delivery.to_string().as_bytes());
    let out = run(
        &[
            "verify",
            file.to_str().unwrap(),
            "--now",
            &later,
            "--diagnose",
            "--secret",
            SECRET,
        ],
        b"",
    );
    assert_eq!(out.code, 1, "{}", out.both());
    assert!(
        out.stdout.contains("timestamp_too_old") && out.stdout.contains("clock_skew"),
        "{}",
        out.stdout
    );
    let out = run(
        &[
            "verify",
            file.to_str().unwrap(),
            "--now",
            &(timestamp + 1000).to_string(),
            "--secret",
            SECRET,
        ],
        b"",
    );
    assert_eq!(out.code, 0, "{}", out.both());
}

/// JSON with a space after each `:` and a newline after each `,` outside strings.
fn spaced(json: &str) -> String {
    let (mut out, mut in_string, mut escaped) = (String::new(), false, false);
    for c in json.chars() {
        out.push(c);
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            ':' if !in_string => out.push(' '),
            ',' if !in_string => out.push_str("\n  "),
            _ => {}
        }
    }
    out
}

/// Builds a core request from `Name: value` lines and checks it.
fn check_headers(lines: &[(String, String)], url: &str, body: &str, now: i64) -> SignatureVersion {
    let mut request = Request::new("POST", url, body);
    for (n, v) in lines {
        request = request.header(n.as_str(), v.as_str());
    }
    verify(&request, &[SECRET], now, &Options::default()).unwrap().version
}

#[test]
fn sign_output_verifies_with_core() {
    let body = r#"[{"eventId":1,"subscriptionId":2,"portalId":3,"appId":4,"occurredAt":1700000000000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":5}]"#;
    let now = 1_700_000_001_000_i64;
    let ts = now.to_string();
    for (kind, version) in [
        ("hubspot", SignatureVersion::V3),
        ("v3", SignatureVersion::V3),
        ("v2", SignatureVersion::V2),
        ("v1", SignatureVersion::V1),
    ] {
        let out = run(
            &[
                "sign",
                "--url",
                PUBLIC,
                "--signature",
                kind,
                "--timestamp",
                &ts,
                "--secret",
                SECRET,
            ],
            body.as_bytes(),
        );
        assert_eq!(out.code, 0, "{}", out.both());
        let headers: Vec<(String, String)> = out
            .stdout
            .lines()
            .map(|l| l.split_once(": ").map(|(n, v)| (n.to_owned(), v.to_owned())).unwrap())
            .collect();
        assert_eq!(check_headers(&headers, PUBLIC, body, now), version, "{kind}");
    }
    // --json prints a capture that `verify` accepts.
    let out = run(
        &[
            "sign",
            "--url",
            PUBLIC,
            "--json",
            "--timestamp",
            &ts,
            "--secret",
            SECRET,
        ],
        body.as_bytes(),
    );
    let file = write("signed.json", out.stdout.as_bytes());
    let verified = run(
        &["verify", file.to_str().unwrap(), "--now", &ts, "--secret", SECRET],
        b"",
    );
    assert_eq!(verified.code, 0, "{}", verified.both());
    // --curl: the headers in -H arguments, the body exactly; never the secret.
    let out = run(
        &[
            "sign",
            "--url",
            PUBLIC,
            "--curl",
            "--timestamp",
            &ts,
            "--secret",
            SECRET,
        ],
        body.as_bytes(),
    );
    let line = out.stdout.trim();
    assert!(line.starts_with(&format!("curl -sS -X 'POST' '{PUBLIC}'")), "{line}");
    assert!(!line.contains(SECRET));
    let headers: Vec<(String, String)> = line
        .split(" -H '")
        .skip(1)
        .map(|h| {
            h.split_once("'")
                .unwrap()
                .0
                .split_once(": ")
                .map(|(n, v)| (n.into(), v.into()))
                .unwrap()
        })
        .collect();
    assert_eq!(check_headers(&headers, PUBLIC, body, now), SignatureVersion::V3);
    assert!(line.ends_with(&format!("--data-raw '{body}'")), "{line}");
    // A body file is referenced as it is, so curl sends the exact bytes.
    let file = write("body.json", body.as_bytes());
    let out = run(
        &[
            "sign",
            file.to_str().unwrap(),
            "--url",
            PUBLIC,
            "--curl",
            "--secret",
            SECRET,
        ],
        b"",
    );
    assert!(
        out.stdout
            .trim()
            .ends_with(&format!("--data-binary '@{}'", file.display())),
        "{}",
        out.stdout
    );
    // A body HubSpot would never send is signed, with a warning.
    let out = run(&["sign", "--url", PUBLIC, "--secret", SECRET], b"hello");
    assert_eq!(out.code, 0);
    assert!(
        out.stderr.contains("warning") && out.stderr.contains("invalid_json"),
        "{}",
        out.stderr
    );
}

#[test]
fn types_options_and_fields_are_cores_tables() {
    let out = run(&["types"], b"");
    let listed: Vec<&str> = out.stdout.lines().collect();
    let expected: Vec<&str> = hubspot_webhooks::fixtures::fixture_types().collect();
    assert_eq!(listed, expected);
    let out = run(&["types", "--json"], b"");
    let kinds: Vec<Value> = json_lines(&out.stdout);
    assert_eq!(kinds.len(), expected.len());
    assert_eq!(
        kinds.iter().filter(|k| k["kind"] == "channel").count(),
        hubspot_webhooks::CHANNEL_EVENT_TYPES.len()
    );
    let out = run(&["options", "--json"], b"");
    let names: Vec<String> = json_lines(&out.stdout)
        .iter()
        .map(|o| o["name"].as_str().unwrap().to_owned())
        .collect();
    let expected: Vec<&str> = hubspot_webhooks::OPTIONS.iter().map(|o| o.name).collect();
    assert_eq!(names, expected);
    let out = run(&["options", "--fixtures", "--json"], b"");
    let rows = json_lines(&out.stdout);
    assert_eq!(rows.len(), hubspot_webhooks::fixtures::FIXTURE_OPTIONS.len());
    for (row, spec) in rows.iter().zip(hubspot_webhooks::fixtures::FIXTURE_OPTIONS.iter()) {
        assert_eq!((&row["name"], &row["camel"]), (&spec.name.into(), &spec.camel.into()));
        assert_eq!(row["kind"], spec.kind.as_str());
    }
    let out = run(&["fields", "--json"], b"");
    let fields = json_lines(&out.stdout);
    assert_eq!(fields.len(), hubspot_webhooks::FIELDS.len());
    for (line, spec) in fields.iter().zip(hubspot_webhooks::FIELDS.iter()) {
        assert_eq!(line["json"], spec.json);
        assert_eq!(line["name"], spec.name);
        assert_eq!(line["kind"], spec.kind.as_str());
        assert_eq!(line["required"], spec.required);
        assert_eq!(line["isId"], spec.is_id);
        assert_eq!(line["smallInt"], spec.small_int);
        assert_eq!(line["aliasOf"], Value::from(spec.alias_of.map(|id| id.spec().json)));
        assert_eq!(line["carriedBy"], spec.carried_by);
        assert!(!line["doc"].as_str().unwrap().is_empty(), "{}", spec.json);
    }
    let out = run(&["fields"], b"");
    assert!(
        out.stdout
            .starts_with("subscriptionType (text, required), carried by *\n"),
        "{}",
        out.stdout
    );
    assert!(out
        .stdout
        .contains("eventType (text, optional, the legacy name of subscriptionType)"));
}
