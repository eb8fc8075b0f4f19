//! Wrong input and broken networks: a clear message and the documented exit code, never a
//! panic (every run checks that), and the secret never shown.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use std::net::TcpListener;

use support::{bin, run, run_command, Run, SECRET};

const USAGE: i32 = 2;
const NETWORK: i32 = 3;
const INPUT: i32 = 4;

fn expect(out: &Run, code: i32, words: &[&str]) {
    assert_eq!(out.code, code, "{}", out.both());
    for word in words {
        assert!(out.stderr.contains(word), "{word:?} not in: {}", out.stderr);
    }
}

fn temp_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("hubspot-webhooks-cli-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn input_files_that_cannot_be_used() {
    let dir = temp_dir();
    let missing = dir.join("missing.http");
    let out = run(&["verify", missing.to_str().unwrap(), "--secret", SECRET], b"");
    expect(&out, INPUT, &["cannot read the capture", "no such file"]);
    let out = run(&["verify", dir.to_str().unwrap(), "--secret", SECRET], b"");
    expect(&out, INPUT, &["it is a directory"]);
    let out = run(
        &[
            "sign",
            missing.to_str().unwrap(),
            "--url",
            "https://a.example/x",
            "--secret",
            SECRET,
        ],
        b"",
    );
    expect(&out, INPUT, &["cannot read the body file"]);
    let out = run(&["verify", "--secret-file", missing.to_str().unwrap(), "-"], b"{}");
    expect(&out, INPUT, &["cannot read the secret file"]);
    for (name, content, why) in [
        ("empty.http", &b""[..], "the file is empty"),
        ("garbage.http", b"hello there", "no blank line after the headers"),
        ("noline.http", b"hello there\r\n\r\n", "is not an HTTP request line"),
        (
            "badheader.http",
            b"POST / HTTP/1.1\r\nno colon here\r\n\r\n",
            "has no colon",
        ),
        (
            "cut.http",
            b"POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 99\r\n\r\n[]",
            "cut short",
        ),
        (
            "badlength.http",
            b"POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: lots\r\n\r\n[]",
            "not a number",
        ),
        (
            "nohost.http",
            b"POST /x HTTP/1.1\r\n\r\n[]",
            "give the public URL HubSpot called with --url",
        ),
        ("bad.json", b"{\"method\": ", "invalid JSON"),
        (
            "headers.json",
            b"{\"url\": \"https://a/x\", \"headers\": 5, \"body\": \"[]\"}",
            "\"headers\" must be",
        ),
        (
            "body.json",
            b"{\"url\": \"https://a/x\", \"body\": 5}",
            "\"body\" must be",
        ),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, content).unwrap();
        let out = run(&["verify", path.to_str().unwrap(), "--secret", SECRET], b"");
        expect(&out, INPUT, &["is not a captured request", why]);
    }
}

#[test]
fn bad_urls_and_values() {
    for (url, why) in [
        ("https://hooks.example.com/x", "plain HTTP only"),
        ("ftp://host/x", "only http:// URLs"),
        ("127.0.0.1:8787/x", "write the full URL"),
        ("http://127.0.0.1:99999/x", "the port is not a number"),
        ("http:///x", "give a host"),
        ("http://a b/x", "white space"),
    ] {
        let out = run(&["send", url, "contact.creation", "--secret", SECRET], b"");
        expect(&out, USAGE, &[why]);
    }
    let out = run(
        &["send", "http://127.0.0.1:9/x", "contact.creaton", "--secret", SECRET],
        b"",
    );
    expect(&out, USAGE, &["contact.creaton", "did you mean \"contact.creation\""]);
    let out = run(
        &[
            "send",
            "http://127.0.0.1:9/x",
            "CHANNEL_ACCOUNT_PURGED",
            "contact.creation",
            "--dry-run",
            "--secret",
            SECRET,
        ],
        b"",
    );
    assert_eq!(out.code, 0, "Custom Channels events go alone: {}", out.both());
    for (args, why) in [
        (&["--events-per-type", "0"][..], "--events-per-type must be"),
        (&["--timeout", "soon"], "not a number of seconds"),
        (&["--timeout=-1"], "not a number of seconds"),
        (&["--signature", "v9"], "use hubspot, v1, v2, v3 or none"),
        (&["--retries", "-1"], "error"),
    ] {
        let mut all = vec!["send", "http://127.0.0.1:9/x", "contact.creation", "--secret", SECRET];
        all.extend_from_slice(args);
        expect(&run(&all, b""), USAGE, &[why]);
    }
    for (option, why) in [
        ("tolerance_ms=-5", "tolerance_ms"),
        ("tolerance_ms=soon", "tolerance_ms"),
        ("require_v3=1", "require_v3"),
        ("nope=1", "unknown option \"nope\""),
        ("tolerance_ms", "write NAME=VALUE"),
    ] {
        let out = run(&["verify", "-", "--option", option, "--secret", SECRET], b"{}");
        expect(&out, USAGE, &[why]);
        let out = run(&["listen", "--port", "0", "--option", option, "--secret", SECRET], b"");
        expect(&out, USAGE, &[why]);
    }
    let out = run(&["sign", "--url", "/hubspot/webhook", "--secret", SECRET], b"[]");
    expect(&out, USAGE, &["give the full public URL"]);
    let out = run(
        &[
            "sign",
            "--url",
            "https://a.example/x",
            "--signature",
            "none",
            "--secret",
            SECRET,
        ],
        b"[]",
    );
    expect(&out, USAGE, &["use hubspot, v1, v2 or v3"]);
    let out = run(
        &[
            "listen",
            "--port",
            "0",
            "--public-url",
            "abc.example",
            "--secret",
            SECRET,
        ],
        b"",
    );
    expect(&out, USAGE, &["--public-url \"abc.example\": give the full public URL"]);
    let url = "http://127.0.0.1:9/x";
    let out = run(
        &[
            "send",
            url,
            "deal.creation",
            "--signed-url",
            "abc.example/x",
            "--secret",
            SECRET,
        ],
        b"",
    );
    expect(
        &out,
        USAGE,
        &["--signed-url \"abc.example/x\": give the full public URL"],
    );
    let out = run(&["verify", "-"], b"{}");
    expect(&out, USAGE, &["no client secret", "HUBSPOT_CLIENT_SECRET"]);
    let out = run(&["frobnicate"], b"");
    assert_eq!(out.code, USAGE, "{}", out.both());
}

#[test]
fn a_receiver_that_is_down_or_hangs() {
    // Down: a port that was just free.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/webhook");
    let out = run(&["send", &url, "contact.creation", "--secret", SECRET], b"");
    expect(&out, NETWORK, &["could not connect", "connection refused"]);
    // Hangs: accepts the connection and never answers. The run ends after --timeout (the
    // helper fails the test if it takes more than two minutes).
    let hanging = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/webhook", hanging.local_addr().unwrap());
    let held = std::thread::spawn(move || {
        let connection = hanging.accept();
        std::thread::sleep(std::time::Duration::from_secs(5));
        drop(connection);
    });
    let out = run(
        &[
            "send",
            &url,
            "contact.creation",
            "--timeout",
            "1",
            "--json",
            "--secret",
            SECRET,
        ],
        b"",
    );
    expect(
        &out,
        NETWORK,
        &["no complete answer within 1 s", "\"error\":\"network\""],
    );
    held.join().unwrap();
    // listen on a port in use.
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = run(&["listen", "--port", &port, "--secret", SECRET], b"");
    expect(&out, NETWORK, &["cannot listen on 127.0.0.1"]);
}

#[test]
fn the_secret_is_never_shown() {
    let dir = temp_dir();
    let secret_file = dir.join("secret");
    std::fs::write(&secret_file, format!("{SECRET}\n")).unwrap();
    let body = dir.join("body.json");
    std::fs::write(&body, "[]").unwrap();
    let secret_file = secret_file.to_str().unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec!["sign", "--url", "https://a.example/x"],
        vec!["sign", "--url", "https://a.example/x", "--curl"],
        vec!["sign", "--url", "https://a.example/x", "--json"],
        vec!["send", "http://127.0.0.1:9/x", "contact.creation", "--dry-run"],
        vec!["send", "http://127.0.0.1:1/x", "contact.creation", "--json"],
        vec!["send", "https://a.example/x", "contact.creation"],
        vec!["verify", "-", "--diagnose"],
        vec!["verify", "-", "--diagnose", "--json", "--url", "http://a.example/x"],
    ];
    let mut checked = 0;
    for command in &commands {
        for source in ["flag", "file", "env"] {
            let mut cmd = bin();
            cmd.args(command);
            match source {
                "flag" => cmd.args(["--secret", SECRET]),
                "file" => cmd.args(["--secret-file", secret_file]),
                _ => cmd.env("HUBSPOT_CLIENT_SECRET", SECRET),
            };
            let stdin = if command[0] == "verify" {
                // A request signed with the secret, checked with a URL that does not match.
                let signed = run(
                    &[
                        "sign",
                        body.to_str().unwrap(),
                        "--url",
                        "https://a.example/x",
                        "--json",
                        "--secret",
                        SECRET,
                    ],
                    b"",
                );
                signed.stdout.into_bytes()
            } else {
                b"[]".to_vec()
            };
            let out = run_command(&mut cmd, &stdin);
            assert!(
                !out.both().contains(SECRET),
                "{command:?} via {source} shows the secret: {}",
                out.both()
            );
            checked += 1;
        }
    }
    assert_eq!(checked, commands.len() * 3);
    // The secret file's trailing newline is not part of the secret.
    let signed = run(
        &[
            "sign",
            body.to_str().unwrap(),
            "--url",
            "https://a.example/x",
            "--json",
            "--secret-file",
            secret_file,
        ],
        b"",
    );
    let out = run(&["verify", "-", "--secret", SECRET], signed.stdout.as_bytes());
    assert_eq!(out.code, 0, "{}", out.both());
}

/// Output into a pipe whose reader has gone (`hubspot-webhooks fields | head -1`): each
/// printing command stops quietly with status 0; into a full disk: exit 4 and a message.
#[test]
fn standard_output_closed_or_full() {
    let body = temp_dir().join("closed-stdout.json");
    std::fs::write(&body, "[]").unwrap();
    let body = body.to_str().unwrap();
    let signed = run(
        &[
            "sign",
            body,
            "--secret",
            SECRET,
            "--url",
            "http://a.example/x",
            "--json",
        ],
        b"",
    );
    let capture = temp_dir().join("closed-stdout-capture.json");
    std::fs::write(&capture, signed.stdout).unwrap();
    let capture = capture.to_str().unwrap();
    let commands: [&[&str]; 5] = [
        &["fields"],
        &["options", "--fixtures", "--json"],
        &["types"],
        &["sign", body, "--secret", SECRET, "--url", "http://a.example/x"],
        &["verify", capture, "--secret", SECRET],
    ];
    for args in commands {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let mut command = bin();
        command.args(args).stdout(writer).stderr(std::process::Stdio::piped());
        let out = command.stdin(std::process::Stdio::null()).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
    if std::path::Path::new("/dev/full").exists() {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let out = bin().args(["fields"]).stdout(full).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(INPUT), "{stderr}");
        assert!(stderr.contains("cannot write the output"), "{stderr}");
    }
}

/// An endless input (`/dev/zero`, a pipe that never closes) is refused past a limit, never read
/// into memory: the capture past 8 x max_body_bytes + 1 MiB, a secret file past 64 KiB, a body
/// to sign past 256 MiB.
#[test]
fn endless_inputs_are_refused_past_a_limit() {
    if !std::path::Path::new("/dev/zero").exists() {
        return;
    }
    let cases: [(&[&str], &str); 4] = [
        (
            &["verify", "/dev/zero", "--secret", SECRET],
            "the capture /dev/zero: it is larger than 84934656 bytes",
        ),
        (
            &["verify", "/dev/zero", "--secret", SECRET, "-o", "max_body_bytes=1000"],
            "larger than 1056576 bytes",
        ),
        (
            &[
                "sign",
                "/dev/zero",
                "--secret-file",
                "/dev/zero",
                "--url",
                "http://a.example/x",
            ],
            "the secret file /dev/zero: it is larger than 65536 bytes",
        ),
        (
            &["sign", "/dev/zero", "--secret", SECRET, "--url", "http://a.example/x"],
            "the body file /dev/zero: it is larger than 268435456 bytes",
        ),
    ];
    for (args, words) in cases {
        expect(&run(args, b""), INPUT, &[words]);
    }
}
