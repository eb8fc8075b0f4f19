//! Just enough HTTP/1.1 over std's `TcpStream`: one POST per connection (`Connection: close`)
//! to a `Target` (url.rs), request and response heads, chunked bodies, bounded reads.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

use crate::common::Failure;
use crate::url::Target;

/// The most bytes of a request or response head.
pub const MAX_HEAD_BYTES: usize = 64 * 1024;
/// The most bytes of a receiver's answer `send` keeps.
const MAX_ANSWER_BYTES: usize = 1024 * 1024;

/// A request or response head: the start line and the headers, values as raw bytes.
#[derive(Debug)]
pub struct Head {
    pub start: String,
    pub headers: Vec<(String, Vec<u8>)>,
}

impl Head {
    /// The first value of a header, names compared without regard to case.
    pub fn header(&self, name: &str) -> Option<&[u8]> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_slice())
    }

    /// The declared body length: `Some(n)` for a valid `Content-Length`, an error for another.
    /// Several `Content-Length` headers must agree (RFC 9110 8.6); digits only, no sign.
    pub fn content_length(&self) -> Result<Option<u64>, String> {
        let mut length = None;
        for (_, v) in self
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
        {
            let n = std::str::from_utf8(v)
                .ok()
                .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|s| s.parse::<u64>().ok())
                .ok_or_else(|| format!("Content-Length {:?} is not a number", String::from_utf8_lossy(v)))?;
            if length.is_some_and(|first| first != n) {
                return Err("two Content-Length headers disagree".to_owned());
            }
            length = Some(n);
        }
        Ok(length)
    }

    /// Whether the body is sent in chunks: `chunked` is the last transfer coding.
    pub fn chunked(&self) -> bool {
        self.header("Transfer-Encoding").is_some_and(|v| {
            let last = v.rsplit(|b| *b == b',').next().unwrap_or_default();
            last.trim_ascii().eq_ignore_ascii_case(b"chunked")
        })
    }
}

/// Where a head ends in `bytes`: the index after the blank line (CRLF or, in files, LF alone).
pub fn head_end(bytes: &[u8]) -> Option<usize> {
    let crlf = bytes.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4);
    let lf = bytes.windows(2).position(|w| w == b"\n\n").map(|i| i + 2);
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Parses a head (without its blank line).
pub fn parse_head(bytes: &[u8]) -> Result<Head, String> {
    let text = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    let mut lines = text.split(|b| *b == b'\n').map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    let start = lines.next().unwrap_or_default();
    let start = std::str::from_utf8(start)
        .map_err(|_| "the first line is not text".to_owned())?
        .to_owned();
    let mut headers = Vec::new();
    for line in lines.filter(|l| !l.is_empty()) {
        let Some(colon) = line.iter().position(|b| *b == b':') else {
            return Err(format!(
                "the header line {:?} has no colon",
                String::from_utf8_lossy(line)
            ));
        };
        let (name, value) = line.split_at(colon);
        let name = std::str::from_utf8(name)
            .ok()
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_graphic()))
            .ok_or_else(|| format!("the header name {:?} is not a token", String::from_utf8_lossy(name)))?;
        let value = value.get(1..).unwrap_or_default().trim_ascii();
        headers.push((name.to_owned(), value.to_vec()));
    }
    Ok(Head { start, headers })
}

/// An incremental decoder of a chunked body, stopping past `limit` decoded bytes.
#[derive(Debug)]
pub struct Chunked {
    state: ChunkState,
    line: Vec<u8>,
    pub body: Vec<u8>,
    limit: usize,
    /// Bytes of the trailer so far (after the last chunk), at most `MAX_HEAD_BYTES`.
    trailer: usize,
}

#[derive(Debug, PartialEq)]
enum ChunkState {
    Size,
    Data(u64),
    DataEnd,
    Trailer,
    Done,
}

/// What feeding a chunked decoder gave.
#[derive(Debug, PartialEq)]
pub enum Fed {
    /// More bytes are needed.
    More,
    /// The body is complete; the number of bytes of the input that were used.
    Done(usize),
    /// The body went past the limit (the decoder holds `limit + 1` bytes of it).
    TooLarge,
}

impl Chunked {
    pub fn new(limit: usize) -> Chunked {
        Chunked {
            state: ChunkState::Size,
            line: Vec::new(),
            body: Vec::new(),
            limit,
            trailer: 0,
        }
    }

    pub fn feed(&mut self, bytes: &[u8]) -> Result<Fed, String> {
        let mut used = 0;
        while used < bytes.len() {
            let rest = bytes.get(used..).unwrap_or_default();
            match self.state {
                ChunkState::Data(left) => {
                    let take = rest.len().min(usize::try_from(left).unwrap_or(usize::MAX));
                    let room = (self.limit + 1).saturating_sub(self.body.len());
                    self.body
                        .extend_from_slice(rest.get(..take.min(room)).unwrap_or_default());
                    if self.body.len() > self.limit {
                        return Ok(Fed::TooLarge);
                    }
                    used += take;
                    let left = left - take as u64;
                    self.state = if left == 0 {
                        ChunkState::DataEnd
                    } else {
                        ChunkState::Data(left)
                    };
                }
                ChunkState::Done => return Ok(Fed::Done(used)),
                _ => {
                    let (byte, _) = rest.split_first().ok_or("no byte")?;
                    used += 1;
                    if self.state == ChunkState::Trailer {
                        self.trailer += 1;
                        if self.trailer > MAX_HEAD_BYTES {
                            return Err(format!("the trailer is over {MAX_HEAD_BYTES} bytes"));
                        }
                    }
                    if *byte != b'\n' {
                        if self.line.len() > 1024 {
                            return Err("a chunk line is too long".to_owned());
                        }
                        self.line.push(*byte);
                        continue;
                    }
                    let line = std::mem::take(&mut self.line);
                    let line = line.strip_suffix(b"\r").unwrap_or(&line);
                    self.state = self.next_state(line)?;
                    if self.state == ChunkState::Done {
                        return Ok(Fed::Done(used));
                    }
                }
            }
        }
        Ok(Fed::More)
    }

    fn next_state(&self, line: &[u8]) -> Result<ChunkState, String> {
        Ok(match self.state {
            ChunkState::Size => {
                let size = line.split(|b| *b == b';').next().unwrap_or_default();
                let size = std::str::from_utf8(size)
                    .ok()
                    .and_then(|s| u64::from_str_radix(s.trim(), 16).ok())
                    .ok_or_else(|| format!("bad chunk size {:?}", String::from_utf8_lossy(line)))?;
                if size == 0 {
                    ChunkState::Trailer
                } else {
                    ChunkState::Data(size)
                }
            }
            ChunkState::DataEnd if line.is_empty() => ChunkState::Size,
            ChunkState::DataEnd => return Err("a chunk is longer than its size".to_owned()),
            _ if line.is_empty() => ChunkState::Done,
            _ => ChunkState::Trailer,
        })
    }
}

/// What a receiver answered, and how long it took from connecting to the last byte.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub reason: String,
    pub body: Vec<u8>,
    pub elapsed: Duration,
}

/// POSTs `body` with `headers` to `target`, waiting at most `connect` to connect and `timeout`
/// for the whole answer. A network failure is a `Failure` (exit 3) that says what happened.
pub fn post(
    target: &Target,
    headers: &[(String, String)],
    body: &[u8],
    connect: Duration,
    timeout: Duration,
) -> Result<Answer, Failure> {
    let started = Instant::now();
    let where_ = format!("{}:{}", target.name, target.port);
    let addresses: Vec<SocketAddr> = (target.name.as_str(), target.port)
        .to_socket_addrs()
        .map_err(|e| Failure::network(format!("cannot resolve {}: {e}", target.name)))?
        .collect();
    let mut last = None;
    let mut stream = None;
    for address in &addresses {
        match TcpStream::connect_timeout(address, connect) {
            Ok(s) => {
                stream = Some(s);
                break;
            }
            Err(e) => last = Some(e),
        }
    }
    let Some(mut stream) = stream else {
        let why = last.map_or_else(|| "no address".to_owned(), |e| describe(&e));
        return Err(Failure::network(format!(
            "could not connect to {where_} ({why}): is the receiver running on that port? (HubSpot counts this \
             as a failed delivery and retries it)"
        )));
    };
    let mut request = format!("POST {} HTTP/1.1\r\nHost: {}\r\n", target.path, target.host).into_bytes();
    for (name, value) in headers {
        request.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    request.extend_from_slice(format!("Content-Length: {}\r\nConnection: close\r\n\r\n", body.len()).as_bytes());
    request.extend_from_slice(body);
    let deadline = started + timeout;
    let network = |e: std::io::Error, doing: &str| {
        Failure::network(if is_timeout(&e) {
            format!(
                "{where_} accepted the connection but sent no complete answer within {} s while {doing}; HubSpot \
                 would count this as a failure and retry",
                timeout.as_secs_f64()
            )
        } else {
            format!("the connection to {where_} failed while {doing}: {}", describe(&e))
        })
    };
    let sent = stream
        .set_write_timeout(Some(timeout))
        .and_then(|()| stream.write_all(&request));
    // A receiver may answer (413) and close before the whole body is written: its answer
    // counts; the failed write is reported only when there is none.
    let answer = read_answer(&mut stream, deadline);
    let bytes = match (sent, answer) {
        (_, Ok(bytes)) if head_end(final_answer(&bytes)).is_some() => bytes,
        (Err(e), _) => return Err(network(e, "sending the request")),
        (Ok(()), answer) => answer.map_err(|e| network(e, "waiting for the answer"))?,
    };
    let elapsed = started.elapsed();
    let (endless, bytes) = (bytes.len() >= MAX_ANSWER_BYTES, final_answer(&bytes));
    let end = head_end(bytes).ok_or_else(|| {
        Failure::network(if endless {
            format!("{where_} sent {MAX_ANSWER_BYTES} bytes without the end of an HTTP head")
        } else {
            format!("{where_} closed the connection without an HTTP answer")
        })
    })?;
    let head = parse_head(bytes.get(..end).unwrap_or_default())
        .map_err(|e| Failure::network(format!("{where_} sent no valid HTTP answer: {e}")))?;
    let mut parts = head.start.splitn(3, ' ');
    let (version, status, reason) = (parts.next(), parts.next(), parts.next().unwrap_or_default());
    let status = status
        .filter(|s| s.len() == 3)
        .and_then(|s| s.parse::<u16>().ok())
        .filter(|_| version.is_some_and(|v| v.starts_with("HTTP/")))
        .ok_or_else(|| Failure::network(format!("{where_} sent no valid HTTP status line: {:?}", head.start)))?;
    let rest = bytes.get(end..).unwrap_or_default();
    let body = if head.chunked() {
        let mut chunked = Chunked::new(MAX_ANSWER_BYTES);
        match chunked.feed(rest) {
            Ok(_) => chunked.body,
            Err(_) => rest.to_vec(),
        }
    } else {
        let declared = head
            .content_length()
            .ok()
            .flatten()
            .and_then(|n| usize::try_from(n).ok());
        rest.get(..declared.unwrap_or(rest.len()).min(rest.len()))
            .unwrap_or(rest)
            .to_vec()
    };
    Ok(Answer {
        status,
        reason: reason.to_owned(),
        body,
        elapsed,
    })
}

/// Reads an answer until the server closes, its declared length has come, or the deadline.
fn read_answer(stream: &mut TcpStream, deadline: Instant) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 16 * 1024];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        stream.set_read_timeout(Some(left))?;
        let n = match stream.read(&mut buffer) {
            Ok(n) => n,
            // A reset after a complete answer (the server closed with unread input) is an end.
            Err(e) if !bytes.is_empty() && e.kind() == std::io::ErrorKind::ConnectionReset => 0,
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok(bytes);
        }
        bytes.extend_from_slice(buffer.get(..n).unwrap_or_default());
        if bytes.len() >= MAX_ANSWER_BYTES || complete(&bytes) {
            return Ok(bytes);
        }
    }
}

/// The answer after its interim heads (`100 Continue`, `103 Early Hints`), which a client
/// skips: empty while only those have come.
fn final_answer(mut bytes: &[u8]) -> &[u8] {
    while let Some(end) = head_end(bytes) {
        let line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
        let status = line.split(|b| *b == b' ').nth(1).unwrap_or_default().trim_ascii();
        let interim = status.len() == 3 && status.starts_with(b"1") && status != b"101";
        if !(bytes.starts_with(b"HTTP/") && interim) {
            break;
        }
        bytes = bytes.get(end..).unwrap_or_default();
    }
    bytes
}

/// Whether an answer is complete without waiting for the server to close.
fn complete(bytes: &[u8]) -> bool {
    let bytes = final_answer(bytes);
    let Some(end) = head_end(bytes) else {
        return false;
    };
    let Ok(head) = parse_head(bytes.get(..end).unwrap_or_default()) else {
        return true;
    };
    let rest = bytes.get(end..).unwrap_or_default();
    let no_body = head
        .start
        .split(' ')
        .nth(1)
        .is_some_and(|s| s == "204" || s == "304" || s.starts_with('1'));
    if no_body {
        return true;
    }
    if head.chunked() {
        return matches!(
            Chunked::new(MAX_ANSWER_BYTES).feed(rest),
            Ok(Fed::Done(_) | Fed::TooLarge) | Err(_)
        );
    }
    match head.content_length() {
        Ok(Some(n)) => rest.len() as u64 >= n,
        Ok(None) => false,
        Err(_) => true,
    }
}

pub fn is_timeout(e: &std::io::Error) -> bool {
    matches!(e.kind(), std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock)
}

fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::ConnectionRefused => "connection refused".to_owned(),
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => "timed out".to_owned(),
        std::io::ErrorKind::ConnectionReset => "connection reset by the receiver".to_owned(),
        _ => e.to_string(),
    }
}

/// The reason phrase of a status `listen` answers with.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        _ => "",
    }
}

#[cfg(test)]
#[path = "http_tests.rs"]
mod tests;
