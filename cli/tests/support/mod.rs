//! What the CLI tests share: running the built binary with a deadline, a `listen` child
//! process, and a small HTTP client and server of their own on 127.0.0.1.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

pub const SECRET: &str = "cli-test-secret-8c1f";

/// Every run must end well within this (the hang tests wait for a 1 s timeout).
const DEADLINE: Duration = Duration::from_secs(120);

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn both(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }
}

pub fn bin() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hubspot-webhooks"));
    command.env_remove("HUBSPOT_CLIENT_SECRET");
    command
}

/// Runs the tool with `args` (and `stdin`), no secret in the environment; fails the test on a
/// panic or when it does not finish before the deadline.
pub fn run(args: &[&str], stdin: &[u8]) -> Run {
    run_command(bin().args(args), stdin)
}

pub fn run_command(command: &mut Command, stdin: &[u8]) -> Run {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let output = wait(child);
    let run = Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "a panic: {}", run.stderr);
    run
}

fn wait(child: Child) -> std::process::Output {
    let pid = child.id();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(DEADLINE) {
        Ok(output) => output.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").arg(pid.to_string()).status();
            panic!("the tool did not finish within {DEADLINE:?}");
        }
    }
}

/// A running `listen`: its address, and its output once it stops.
pub struct Listener {
    child: Option<Child>,
    pub address: String,
    stderr_lines: mpsc::Receiver<String>,
    /// Standard output, read as it comes (a full pipe would stop the receiver).
    stdout: Option<std::thread::JoinHandle<String>>,
}

impl Listener {
    /// `listen --port 0 --secret SECRET` with `extra` arguments.
    pub fn start(extra: &[&str]) -> Listener {
        Listener::start_with(SECRET, extra)
    }

    /// `listen --port 0 --secret <secret>` with `extra` arguments.
    pub fn start_with(secret: &str, extra: &[&str]) -> Listener {
        let mut child = bin()
            .args(["listen", "--port", "0", "--secret", secret])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .stdin(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let stdout = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stdout.read_to_string(&mut text);
            text
        });
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let first = rx.recv_timeout(DEADLINE).expect("listen printed no address");
        let start = first.find("http://").expect("an address");
        let address: String = first[start + 7..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ':')
            .collect();
        Listener {
            child: Some(child),
            address,
            stderr_lines: rx,
            stdout: Some(stdout),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// Waits for it to stop (after --max-requests): exit code, stdout, stderr after the first line.
    pub fn finish(mut self) -> Run {
        let child = self.child.take().unwrap();
        let output = wait(child);
        assert!(output.stdout.is_empty(), "read by the thread");
        // The reader thread ends at the end of the child's standard error.
        let stderr: Vec<String> = self.stderr_lines.iter().collect();
        let run = Run {
            code: output.status.code().unwrap_or(-1),
            stdout: self.stdout.take().map(|t| t.join().unwrap()).unwrap_or_default(),
            stderr: stderr.join("\n"),
        };
        assert!(!run.stderr.contains("panicked"), "a panic: {}", run.stderr);
        run
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// One request read by a test server: head text and body.
pub struct Received {
    pub head: String,
    pub body: Vec<u8>,
}

/// Reads one request (head, then a Content-Length body).
pub fn read_request(stream: &mut TcpStream) -> Received {
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 8192];
    let end = loop {
        if let Some(i) = bytes.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut buffer).unwrap();
        assert!(n > 0, "the client closed before the end of the head");
        bytes.extend_from_slice(&buffer[..n]);
    };
    let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse().unwrap())
        })
        .unwrap_or(0);
    let mut body = bytes[end..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut buffer).unwrap();
        assert!(n > 0, "the client closed before the end of the body");
        body.extend_from_slice(&buffer[..n]);
    }
    Received { head, body }
}

/// A server on 127.0.0.1 answering each request with the next status of `statuses`, and
/// sending what it received back through the channel.
pub fn answering_server(statuses: Vec<u16>) -> (String, mpsc::Receiver<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for status in statuses {
            let (mut stream, _) = listener.accept().unwrap();
            let received = read_request(&mut stream);
            let body = if status == 204 { "" } else { "{\"error\":\"try again\"}" };
            let answer = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            stream.write_all(answer.as_bytes()).unwrap();
            let _ = tx.send(received);
        }
    });
    (address, rx)
}

/// Sends raw request bytes and returns the status and the body of the answer.
pub fn exchange(address: &str, request: &[u8]) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    // The receiver may answer (413) before the whole body is written.
    let _ = stream.write_all(request);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no answer: {text:?}"));
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

/// The JSON lines of a text, parsed.
pub fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}
