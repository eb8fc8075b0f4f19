//! A hostile or careless user's inputs, clients and servers (session 3's bug hunt): each test
//! failed on the code before its fix.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, ChildStderr, Stdio};
use std::time::{Duration, Instant};

use support::{answering_server, bin, json_lines, read_request, run, Listener, SECRET};

/// How long a dripping client keeps dripping before the test gives up on being dropped (the
/// receivers here time out after 1 s).
const DRIP_FOR: Duration = Duration::from_secs(30);

#[test]
fn send_signs_the_url_as_the_receiver_sees_it() {
    // `http://host:port` is sent as `POST /`: the receiver checks `http://host:port/`.
    let listener = Listener::start(&["--max-requests", "2"]);
    for url in [listener.url(""), listener.url("?x=1")] {
        let out = run(&["send", &url, "contact.creation", "--secret", SECRET], b"");
        assert_eq!(out.code, 0, "{}", out.both());
    }
    assert_eq!(json_lines(&listener.finish().stdout).len(), 2);
}

#[test]
fn values_that_cannot_work_are_usage_errors() {
    let send = |extra: &[&str]| {
        let base = [
            "send",
            "http://127.0.0.1:9/x",
            "contact.creation",
            "--dry-run",
            "--secret",
        ];
        run(&[&base[..], &[SECRET], extra].concat(), b"")
    };
    // A timeout that rounds to zero, an empty secret.
    for extra in [
        &["--connect-timeout", "1e-300"][..],
        &["--timeout", "0.0000001"],
        &["--secret", ""],
    ] {
        let out = send(extra);
        assert_eq!(out.code, 2, "{extra:?}: {}", out.both());
        assert!(
            out.stdout.is_empty(),
            "{extra:?}: nothing is sent or printed: {}",
            out.stdout
        );
    }
    let out = run(&["sign", "--url", "https://a.example/x", "--secret", ""], b"[]");
    assert_eq!(out.code, 2, "{}", out.both());
    assert!(out.stderr.contains("empty"), "{}", out.stderr);
    // A read timeout too large for the clock (a panic adding it to now), or none.
    for timeout in ["18446744073709551615", "0"] {
        let out = run(
            &["listen", "--port", "0", "--read-timeout", timeout, "--secret", SECRET],
            b"",
        );
        assert_eq!(out.code, 2, "{timeout}: {}", out.both());
    }
    // verify --url is a full URL, as sign's.
    for url in ["", "/hubspot/webhook"] {
        let out = run(
            &["verify", "-", "--url", url, "--secret", SECRET],
            b"POST /x HTTP/1.1\r\n\r\n[]",
        );
        assert_eq!(out.code, 2, "{url}: {}", out.both());
        assert!(out.stderr.contains("--url"), "{}", out.stderr);
    }
    // A password in a URL is not repeated.
    for url in [
        "http://user:pw-8c1f@h/x",
        "https://user:pw-8c1f@h/x",
        "http://user:pw-8c1f@h /x",
    ] {
        let out = run(&["send", url, "contact.creation", "--dry-run", "--secret", SECRET], b"");
        assert_eq!(out.code, 2, "{url}: {}", out.both());
        assert!(!out.both().contains("pw-8c1f"), "{url}: {}", out.both());
    }
    for url in [
        "http://[::1]junk/x",
        "http://[::1]8080/x",
        "http://h:+80/x",
        "http://h:8_0/x",
    ] {
        let out = run(&["send", url, "contact.creation", "--dry-run", "--secret", SECRET], b"");
        assert_eq!(out.code, 2, "{url}: {}", out.both());
    }
}

#[test]
fn sign_json_refuses_a_body_it_cannot_hold_and_curl_sends_the_body_as_given() {
    let out = run(
        &["sign", "--url", "https://a.example/x", "--json", "--secret", SECRET],
        b"[{\"a\":\"\xff\"}]",
    );
    assert_eq!(out.code, 4, "{}", out.both());
    assert!(
        out.stdout.is_empty(),
        "no capture that would not verify: {}",
        out.stdout
    );
    assert!(out.stderr.contains("not UTF-8"), "{}", out.stderr);
    // A body starting with @ is sent as it is, not as the file it names.
    let (address, received) = answering_server(vec![204]);
    let body = "@/etc/hostname\r\nline two\n";
    let url = format!("http://{address}/x");
    let out = run(&["sign", "--url", &url, "--curl", "--secret", SECRET], body.as_bytes());
    assert_eq!(out.code, 0, "{}", out.both());
    let curl = std::process::Command::new("sh")
        .args(["-c", out.stdout.trim()])
        .output()
        .unwrap();
    assert!(curl.status.success(), "{curl:?}");
    assert_eq!(received.recv().unwrap().body, body.as_bytes());
}

/// A server that answers the first request with `answer`, then holds the connection 5 s.
fn server(answer: &'static [&'static [u8]]) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        read_request(&mut stream);
        for part in answer {
            stream.write_all(part).unwrap();
            std::thread::sleep(Duration::from_millis(200));
        }
        std::thread::sleep(Duration::from_secs(5));
    });
    address
}

#[test]
fn send_skips_interim_answers() {
    // 100 Continue, then the answer: the answer counts.
    let address = server(&[b"HTTP/1.1 100 Continue\r\n\r\n", b"HTTP/1.1 204 No Content\r\n\r\n"]);
    let url = format!("http://{address}/x");
    let out = run(&["send", &url, "contact.creation", "--json", "--secret", SECRET], b"");
    assert_eq!(out.code, 0, "{}", out.both());
    assert_eq!(json_lines(&out.stdout)[0]["status"], 204);
    // 100 Continue, then nothing: no answer before the timeout.
    let address = server(&[b"HTTP/1.1 100 Continue\r\n\r\n"]);
    let url = format!("http://{address}/x");
    let args = ["send", &url, "contact.creation", "--timeout", "1", "--secret", SECRET];
    let out = run(&args, b"");
    assert_eq!(out.code, 3, "{}", out.both());
    // A status of four digits is not HTTP.
    let address = server(&[b"HTTP/1.1 0204 No Content\r\n\r\n"]);
    let url = format!("http://{address}/x");
    let out = run(&["send", &url, "contact.creation", "--secret", SECRET], b"");
    assert_eq!(out.code, 3, "{}", out.both());
}

#[test]
fn json_means_json_lines_on_standard_error_too() {
    for args in [
        &[
            "--json",
            "send",
            "http://127.0.0.1:9/x",
            "contact.creation",
            "--timeout",
            "nan",
        ][..],
        &["--json", "frobnicate"],
        &["verify", "--json"],
        // A capture with a path only: the note on the URL assumed.
        &["verify", "-", "--json", "--secret", SECRET],
    ] {
        let out = run(args, b"POST /x HTTP/1.1\r\nHost: a.example\r\n\r\n[]");
        assert!(!out.stderr.trim().is_empty(), "{args:?}");
        for line in out.stderr.lines().chain(out.stdout.lines()) {
            let parsed: Result<serde_json::Value, _> = serde_json::from_str(line);
            assert!(parsed.is_ok(), "{args:?}: not JSON: {line}");
        }
    }
    let out = run(&["--json", "frobnicate"], b"");
    assert_eq!(out.code, 2);
    assert_eq!(json_lines(&out.stderr)[0]["error"], "usage");
}

/// Starts a `listen` command with its standard error piped: the child, its address, and the
/// rest of its standard error.
fn spawn_listen(command: &mut std::process::Command) -> (Child, String, BufReader<ChildStderr>) {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).unwrap();
    let start = first.find("127.0.0.1:").unwrap();
    let address = first[start..].split(' ').next().unwrap().to_owned();
    (child, address, stderr)
}

#[test]
fn listen_keeps_going_when_its_standard_error_is_gone() {
    let mut command = bin();
    command.args(["listen", "--port", "0", "--max-requests", "2", "--secret", SECRET]);
    let (mut child, address, stderr) = spawn_listen(&mut command);
    drop(stderr);
    let url = format!("http://{address}/x");
    for _ in 0..2 {
        let out = run(&["send", &url, "contact.creation", "--secret", SECRET], b"");
        assert_eq!(out.code, 0, "{}", out.both());
    }
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

/// Writes `piece` every 100 ms until the receiver closes the connection; false if it is still
/// open after `DRIP_FOR`.
fn drip_until_dropped(stream: &mut TcpStream, piece: &[u8]) -> bool {
    let started = Instant::now();
    while started.elapsed() < DRIP_FOR {
        if stream.write_all(piece).is_err() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

#[test]
fn listen_is_not_held_by_a_dripping_client() {
    let listener = Listener::start(&["--max-requests", "3", "--read-timeout", "1"]);
    let host = format!("Host: {}\r\n", listener.address);
    // A head, a line at a time.
    let mut head = TcpStream::connect(&listener.address).unwrap();
    head.write_all(b"POST /x HTTP/1.1\r\n").unwrap();
    assert!(
        drip_until_dropped(&mut head, b"X-Drip: 1\r\n"),
        "held by a dripping head"
    );
    // A body, a byte at a time: verified as received, in time.
    let mut body = TcpStream::connect(&listener.address).unwrap();
    let request = format!("POST /x HTTP/1.1\r\n{host}Content-Length: 100000\r\n\r\n");
    body.write_all(request.as_bytes()).unwrap();
    assert!(drip_until_dropped(&mut body, b" "), "held by a dripping body");
    // Bytes after the answer.
    let mut after = TcpStream::connect(&listener.address).unwrap();
    after
        .write_all(format!("GET /x HTTP/1.1\r\n{host}\r\n").as_bytes())
        .unwrap();
    assert!(drip_until_dropped(&mut after, b"x"), "held by bytes after the answer");
    // An endless trailer after a chunked body.
    let mut trailer = TcpStream::connect(&listener.address).unwrap();
    let request = format!("POST /x HTTP/1.1\r\n{host}Transfer-Encoding: chunked\r\n\r\n2\r\n[]\r\n0\r\n");
    trailer.write_all(request.as_bytes()).unwrap();
    let mut reader = trailer.try_clone().unwrap();
    reader.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let reading = std::thread::spawn(move || {
        let mut answer = Vec::new();
        let _ = reader.read_to_end(&mut answer);
        answer
    });
    let lines = b"X-Trailer: 1\r\n".repeat(1000);
    for _ in 0..1000 {
        if trailer.write_all(&lines).is_err() {
            break;
        }
    }
    let answer = reading.join().unwrap();
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 400 "), "{answer}");
    assert!(answer.contains("trailer"), "{answer}");
    let log = listener.finish();
    assert_eq!(log.code, 0, "{}", log.stderr);
}

#[test]
fn listen_logs_no_escape_sequence_a_client_sends() {
    let listener = Listener::start(&["--max-requests", "1"]);
    let mut stream = TcpStream::connect(&listener.address).unwrap();
    let request = b"POST /\x1b[2J\x1b]0;owned\x07 HTTP/1.1\r\nHost: a\x1b[31m\r\nContent-Length: 2\r\n\r\n[]";
    stream.write_all(request).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 401 "), "{answer}");
    let log = listener.finish();
    assert!(
        !log.stderr.contains('\x1b') && !log.stderr.contains('\x07'),
        "{:?}",
        log.stderr
    );
    assert!(log.stderr.contains("\\u{1b}[2J"), "{}", log.stderr);
}

#[test]
fn listen_out_of_file_descriptors_does_not_spin() {
    // With 4 descriptors (standard streams and the listening socket), no connection can be
    // accepted: each attempt fails at once while the connection waits in the queue.
    let tool = env!("CARGO_BIN_EXE_hubspot-webhooks");
    let script = format!("ulimit -n 4 && exec '{tool}' listen --port 0 --secret {SECRET}");
    let (mut child, address, stderr) = spawn_listen(std::process::Command::new("sh").args(["-c", &script]));
    // Read as they come (a full pipe would stop a spinning receiver too).
    let counting = std::thread::spawn(move || stderr.lines().map_while(Result::ok).count());
    let _client = TcpStream::connect(&address).unwrap();
    std::thread::sleep(Duration::from_secs(1));
    child.kill().unwrap();
    child.wait().unwrap();
    let lines = counting.join().unwrap();
    // About 10 a second with the pause; hundreds of thousands without.
    assert!(
        (1..1000).contains(&lines),
        "{lines} lines of warnings in about a second"
    );
}
