//! `listen`: a receiver on 127.0.0.1 that verifies each request, answers as the framework
//! helpers do (core's `Response`) and prints the events as JSON lines on standard output.
//! One connection at a time, one request per connection (`Connection: close`); the body is
//! read as a stream and never past `max_body_bytes`.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use clap::Args;
use hubspot_webhooks::{check_body_length, Diagnosis, Options, Request, Response, Verifier};

use crate::common::{err_line, now_ms, options, printable, public_url, warn, Exit, Failure, Outcome, Secrets};
use crate::http::{head_end, is_timeout, parse_head, reason, Chunked, Fed, Head, MAX_HEAD_BYTES};
use crate::render;
use crate::{OptionArgs, SecretArgs};

#[derive(Args)]
pub struct ListenArgs {
    /// The port on 127.0.0.1 (0: any free port; the address is printed on standard error).
    #[arg(long, short, default_value_t = 8787)]
    port: u16,
    /// The public URL HubSpot calls, when this receiver sits behind a tunnel or proxy:
    /// https://abc.example.app (the request's path and query are added) or the full URL
    /// https://abc.example.app/hubspot/webhook (used as it is).
    #[arg(long, value_name = "URL")]
    public_url: Option<String>,
    /// Stop after answering N requests.
    #[arg(long, value_name = "N")]
    max_requests: Option<u64>,
    /// Seconds to wait for a request's head, and then for its body.
    #[arg(long, default_value_t = 10, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=86_400))]
    read_timeout: u64,
    #[command(flatten)]
    secrets: SecretArgs,
    #[command(flatten)]
    options: OptionArgs,
}

/// What one request got, for the log.
struct Handled {
    request_line: String,
    status: u16,
    summary: String,
    diagnosis: Option<Diagnosis>,
    events: Vec<String>,
}

pub fn run(args: ListenArgs, json: bool) -> Outcome {
    let options = options(&args.options)?;
    let secrets = Secrets::load(&args.secrets)?;
    let verifier = Verifier::new(&secrets.0, options).map_err(|e| Failure::core_usage(&e))?;
    if let Some(url) = &args.public_url {
        public_url("public-url", url)?;
    }
    let listener = TcpListener::bind(("127.0.0.1", args.port))
        .map_err(|e| Failure::network(format!("cannot listen on 127.0.0.1:{}: {e}", args.port)))?;
    let address = listener
        .local_addr()
        .map_err(|e| Failure::network(format!("cannot read the bound address: {e}")))?;
    if json {
        err_line(format_args!(
            "{}",
            serde_json::json!({"listening": format!("http://{address}")})
        ));
    } else {
        err_line(format_args!(
            "listening on http://{address} (events as JSON lines on standard output)"
        ));
    }
    let timeout = Duration::from_secs(args.read_timeout);
    let mut answered: u64 = 0;
    while args.max_requests.is_none_or(|max| answered < max) {
        let mut stream = match listener.accept() {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file descriptors, say: the connection waits in the queue, so accepting
                // again at once would fail again at once. A pause keeps this from spinning.
                warn(json, &format!("accepting a connection failed: {e}"));
                std::thread::sleep(Duration::from_millis(100));
                continue;
            }
        };
        let handled = handle(&mut stream, &verifier, &args, &address.to_string(), timeout);
        match handled {
            Ok(handled) => {
                answered += 1;
                log(&handled, json);
            }
            Err(why) => warn(json, &format!("a connection was dropped without an answer: {why}")),
        }
    }
    Ok(Exit::Ok)
}

fn log(handled: &Handled, json: bool) {
    let mut out = std::io::stdout().lock();
    for line in &handled.events {
        // A closed standard output (a pipe whose reader left) is no reason to stop receiving.
        let _ = writeln!(out, "{line}");
    }
    let _ = out.flush();
    if json {
        err_line(format_args!(
            "{}",
            serde_json::json!({
                "request": handled.request_line,
                "status": handled.status,
                "summary": handled.summary,
                "events": handled.events.len(),
                "diagnosis": handled.diagnosis.as_ref().map(render::diagnosis_json),
            })
        ));
    } else {
        // The request line and the Host come from the client: no escape sequence reaches the terminal.
        let line = format!("{} -> {} {}", handled.request_line, handled.status, handled.summary);
        err_line(format_args!("{}", printable(&line)));
        let lines = handled
            .diagnosis
            .as_ref()
            .map(render::diagnosis_text)
            .unwrap_or_default();
        lines.iter().for_each(|l| err_line(format_args!("  {}", printable(l))));
    }
}

/// Reads one request, verifies it and answers. `Err` when no answer could be given (the
/// client went away, or sent no head in time).
fn handle(
    stream: &mut TcpStream,
    verifier: &Verifier,
    args: &ListenArgs,
    address: &str,
    timeout: Duration,
) -> Result<Handled, String> {
    stream.set_write_timeout(Some(timeout)).map_err(|e| e.to_string())?;
    let (head, mut rest) = match read_head(stream, Instant::now() + timeout) {
        Ok(read) => read,
        Err(Refusal::Drop(why)) => return Err(why),
        Err(Refusal::Answer(status, why)) => {
            answer_plain(stream, status, &why);
            return Ok(plain(format!("(unreadable request: {why})"), status, why));
        }
    };
    let mut parts = head.start.split(' ');
    let (method, target) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
    let request_line = format!("{method} {target}");
    if method != "POST" {
        write_response(stream, &Response::method_not_allowed());
        return Ok(plain(request_line, 405, "only POST is accepted".to_owned()));
    }
    let body = match read_body(stream, &head, &mut rest, verifier.options(), Instant::now() + timeout) {
        Ok(body) => body,
        Err(BodyRefusal::TooLarge(error)) => {
            let response = Response::for_error(&error);
            write_response(stream, &response);
            return Ok(plain(
                request_line,
                response.status,
                format!("{}: {}", error.code(), error.message()),
            ));
        }
        Err(BodyRefusal::Malformed(why)) => {
            answer_plain(stream, 400, &why);
            return Ok(plain(request_line, 400, why));
        }
    };
    let url = match &args.public_url {
        Some(public) if public.splitn(4, '/').nth(3).is_some_and(|p| !p.is_empty()) => public.clone(),
        Some(public) => format!("{}{target}", public.trim_end_matches('/')),
        // The absolute form a proxy may send names the whole URL.
        None if target.starts_with("http://") || target.starts_with("https://") => target.to_owned(),
        None => {
            let host = head.header("Host").map(String::from_utf8_lossy);
            format!("http://{}{target}", host.as_deref().unwrap_or(address))
        }
    };
    let mut request = Request::new(method, &url, &body);
    for (name, value) in &head.headers {
        request = request.header(name.as_str(), value.as_slice());
    }
    let (response, summary, diagnosis, events) = match verifier.verify_and_parse_delivery(&request, now_ms()) {
        Ok(verified) => {
            let events = render::event_lines(&verified.delivery);
            let mut summary = render::verified_text(&verified, verifier.secret_count());
            for line in render::rejected_text(&verified.delivery) {
                summary.push_str("; ");
                summary.push_str(&line);
            }
            (Response::accepted(), summary, None, events)
        }
        Err(error) => {
            // The caller gets the plain message; the diagnosis stays in this log.
            let diagnosis = error.diagnosis().cloned();
            let summary = format!("{}: {}", error.code(), error.message());
            (Response::for_error(&error), summary, diagnosis, Vec::new())
        }
    };
    write_response(stream, &response);
    Ok(Handled {
        request_line: format!("{request_line} ({url})"),
        status: response.status,
        summary,
        diagnosis,
        events,
    })
}

fn plain(request_line: String, status: u16, summary: String) -> Handled {
    Handled {
        request_line,
        status,
        summary,
        diagnosis: None,
        events: Vec::new(),
    }
}

enum Refusal {
    /// Close without answering.
    Drop(String),
    /// Answer with this status and message (not a HubSpot request at all).
    Answer(u16, String),
}

/// The head, and the bytes read after it, all before `deadline` (a client dripping a byte at a
/// time does not hold the receiver past it).
fn read_head(stream: &mut TcpStream, deadline: Instant) -> Result<(Head, Vec<u8>), Refusal> {
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 8192];
    let late = || Refusal::Drop("no complete request head before the read timeout".to_owned());
    loop {
        if let Some(end) = head_end(&bytes) {
            let head = parse_head(bytes.get(..end).unwrap_or_default()).map_err(|e| Refusal::Answer(400, e))?;
            let rest = bytes.get(end..).unwrap_or_default().to_vec();
            return Ok((head, rest));
        }
        if bytes.len() > MAX_HEAD_BYTES {
            return Err(Refusal::Answer(431, format!("the head is over {MAX_HEAD_BYTES} bytes")));
        }
        match read_before(stream, &mut buffer, deadline) {
            Ok(0) if bytes.is_empty() => return Err(Refusal::Drop("the client sent nothing".to_owned())),
            Ok(0) => return Err(Refusal::Drop("the client closed before the end of the head".to_owned())),
            Ok(n) => bytes.extend_from_slice(buffer.get(..n).unwrap_or_default()),
            Err(e) if is_timeout(&e) => return Err(late()),
            Err(e) => return Err(Refusal::Drop(e.to_string())),
        }
    }
}

/// Why a body was not read whole.
enum BodyRefusal {
    /// Over `max_body_bytes` (declared, or counted while reading): core's `body_too_large`.
    TooLarge(hubspot_webhooks::Error),
    /// Not a readable HTTP body (a bad length or chunk).
    Malformed(String),
}

/// The body, read as it comes and never past `limit` bytes: a declared length over the limit
/// is refused before any byte is read, a longer body as soon as it goes past (core's
/// `check_body_length`). A body cut short (the client stopped, or the read timed out) is
/// verified as received: its signature cannot match, so it is refused like any forgery. The
/// whole body must come by `deadline`, so a client dripping bytes does not hold the receiver.
fn read_body(
    stream: &mut TcpStream,
    head: &Head,
    rest: &mut Vec<u8>,
    options: &Options,
    deadline: Instant,
) -> Result<Vec<u8>, BodyRefusal> {
    let too_large = |length: u64| check_body_length(length, options).map_err(BodyRefusal::TooLarge);
    let mut buffer = [0u8; 16 * 1024];
    if head.chunked() {
        continue_if_expected(stream, head, rest);
        let mut chunked = Chunked::new(options.max_body_bytes);
        let mut input = std::mem::take(rest);
        loop {
            match chunked.feed(&input).map_err(BodyRefusal::Malformed)? {
                Fed::Done(_) => return Ok(chunked.body),
                Fed::TooLarge => {
                    too_large(chunked.body.len() as u64)?;
                    return Ok(chunked.body);
                }
                Fed::More => {}
            }
            match read_before(stream, &mut buffer, deadline) {
                Ok(0) | Err(_) => return Ok(chunked.body),
                Ok(n) => input = buffer.get(..n).unwrap_or_default().to_vec(),
            }
        }
    }
    let Some(declared) = head.content_length().map_err(BodyRefusal::Malformed)? else {
        return Ok(Vec::new());
    };
    too_large(declared)?;
    continue_if_expected(stream, head, rest);
    let wanted = usize::try_from(declared).unwrap_or(usize::MAX);
    let mut body = std::mem::take(rest);
    body.truncate(wanted);
    while body.len() < wanted {
        match read_before(stream, &mut buffer, deadline) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                let take = n.min(wanted - body.len());
                body.extend_from_slice(buffer.get(..take).unwrap_or_default());
            }
        }
    }
    Ok(body)
}

/// `100 Continue` to a client that waits for it before sending the body (curl does, for bodies
/// over 1 KiB), once the declared length is known to be acceptable.
fn continue_if_expected(stream: &mut TcpStream, head: &Head, rest: &[u8]) {
    let expects = head
        .header("Expect")
        .is_some_and(|v| v.eq_ignore_ascii_case(b"100-continue"));
    if expects && rest.is_empty() {
        let _ = stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
    }
}

fn write_response(stream: &mut TcpStream, response: &Response) {
    let body = response.body.as_deref().unwrap_or_default();
    let mut out = format!("HTTP/1.1 {} {}\r\n", response.status, reason(response.status));
    for (name, value) in &response.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ));
    finish(stream, out.as_bytes());
}

/// A refusal of something that is not an HTTP request at all (no core rule applies).
fn answer_plain(stream: &mut TcpStream, status: u16, why: &str) {
    let body = format!("{why}\n");
    let out = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        reason(status),
        body.len()
    );
    finish(stream, out.as_bytes());
}

/// Writes the answer and closes gently: input the client is still sending is read and dropped
/// for a moment, so that closing does not reset the connection before the answer arrives.
fn finish(stream: &mut TcpStream, answer: &[u8]) {
    if stream.write_all(answer).and_then(|()| stream.flush()).is_err() {
        return;
    }
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let deadline = Instant::now() + Duration::from_millis(500);
    let mut sink = [0u8; 16 * 1024];
    let mut drained = 0usize;
    // At most 500 ms in all: a client dripping bytes does not hold the receiver.
    while drained < 1024 * 1024 {
        match read_before(stream, &mut sink, deadline) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
}

/// One read that ends by `deadline`: a timeout once it has passed.
fn read_before(stream: &mut TcpStream, buffer: &mut [u8], deadline: Instant) -> std::io::Result<usize> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(std::io::ErrorKind::TimedOut.into());
    }
    stream.set_read_timeout(Some(left))?;
    stream.read(buffer)
}
