//! `verify`: check a captured request, print the verdict, the events and (with `--diagnose`)
//! why a signature does not match.

use std::path::PathBuf;

use clap::Args;
use hubspot_webhooks::{ErrorFamily, Request, Verifier};
use serde_json::Value;

use crate::common::out;
use crate::common::{now_ms, options, public_url, read_input, warn, Exit, Failure, Outcome, Secrets};
use crate::http::{head_end, parse_head, Chunked, Fed, Head};
use crate::render;
use crate::{OptionArgs, SecretArgs};

#[derive(Args)]
pub struct VerifyArgs {
    /// The captured request: the raw HTTP request as received, or JSON
    /// {"method", "url", "headers", "body"} (what `sign --json` and `send --dry-run` print);
    /// `-` for standard input.
    #[arg(value_name = "CAPTURE")]
    capture: PathBuf,
    /// The public URL HubSpot called (scheme, host, path, query), when the capture has only a
    /// path, or to check the request against another URL.
    #[arg(long)]
    url: Option<String>,
    /// The receiver's clock, Unix milliseconds (default: now), to check a capture as of when
    /// it was received.
    #[arg(long, allow_negative_numbers = true)]
    now: Option<i64>,
    #[command(flatten)]
    secrets: SecretArgs,
    #[command(flatten)]
    options: OptionArgs,
}

/// A request read from a file.
#[derive(Debug)]
struct Capture {
    method: Vec<u8>,
    url: Vec<u8>,
    headers: Vec<(Vec<u8>, Vec<u8>)>,
    body: Vec<u8>,
    /// Said when the URL was not in the capture and had to be assumed.
    note: Option<String>,
}

pub fn run(args: VerifyArgs, json: bool) -> Outcome {
    if let Some(url) = &args.url {
        public_url("url", url)?;
    }
    let options = options(&args.options)?;
    let secrets = Secrets::load(&args.secrets)?;
    // A capture holds the body, escaped at most six times over in JSON, and its head.
    let limit = u64::try_from(options.max_body_bytes)
        .unwrap_or(u64::MAX)
        .saturating_mul(8)
        .saturating_add(1 << 20);
    let bytes = read_input(&args.capture, "capture", limit)?;
    let capture = parse_capture(&bytes, args.url.as_deref())
        .map_err(|why| Failure::input(format!("{} is not a captured request: {why}", args.capture.display())))?;
    let verifier = Verifier::new(&secrets.0, options).map_err(|e| Failure::core_usage(&e))?;
    let mut request = Request::new(&capture.method, &capture.url, &capture.body);
    for (name, value) in &capture.headers {
        request = request.header(name, value);
    }
    if let Some(note) = &capture.note {
        warn(json, note);
    }
    let now = args.now.unwrap_or_else(now_ms);
    match verifier.verify_and_parse_delivery(&request, now) {
        Ok(verified) => {
            if json {
                out!("{}", render::verified_json(&verified));
            } else {
                out!("{}", render::verified_text(&verified, secrets.0.len()));
                render::event_lines(&verified.delivery).iter().for_each(|l| out!("{l}"));
                render::rejected_text(&verified.delivery)
                    .iter()
                    .for_each(|l| out!("{l}"));
            }
            Ok(Exit::Ok)
        }
        Err(error) if error.code().family() == ErrorFamily::Usage => Err(Failure::core_usage(&error)),
        Err(error) => {
            if json {
                out!("{}", render::error_json(&error));
            } else {
                out!(
                    "not verified: {} (a receiver answers {}): {}",
                    error.code(),
                    error.http_status(),
                    error.message()
                );
                if let Some(diagnosis) = error.diagnosis() {
                    render::diagnosis_text(diagnosis).iter().for_each(|l| out!("{l}"));
                }
            }
            Ok(Exit::Rejected)
        }
    }
}

fn parse_capture(bytes: &[u8], url: Option<&str>) -> Result<Capture, String> {
    let mut capture = match bytes.trim_ascii_start().first() {
        Some(b'{') => json_capture(bytes)?,
        Some(_) => raw_capture(bytes)?,
        None => return Err("the file is empty".to_owned()),
    };
    if let Some(url) = url {
        capture.url = url.as_bytes().to_vec();
        capture.note = None;
    }
    Ok(capture)
}

/// `{"method", "url", "headers", "body"}`; headers as an object or a list of [name, value].
fn json_capture(bytes: &[u8]) -> Result<Capture, String> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| format!("invalid JSON: {e}"))?;
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    let headers: Vec<(Vec<u8>, Vec<u8>)> = match value.get("headers") {
        Some(Value::Object(map)) => map
            .iter()
            .map(|(n, v)| v.as_str().map(|v| (n.as_bytes().to_vec(), v.as_bytes().to_vec())))
            .collect::<Option<_>>(),
        Some(Value::Array(list)) => list
            .iter()
            .map(|pair| match pair.as_array().map(Vec::as_slice) {
                Some([Value::String(n), Value::String(v)]) => Some((n.as_bytes().to_vec(), v.as_bytes().to_vec())),
                _ => None,
            })
            .collect::<Option<_>>(),
        None => Some(Vec::new()),
        Some(_) => None,
    }
    .ok_or("\"headers\" must be an object of strings or a list of [name, value] pairs")?;
    let body = text("body").ok_or("\"body\" must be the body as a string")?;
    let method = text("method").unwrap_or_else(|| "POST".to_owned());
    let target = text("url").unwrap_or_default();
    let host = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(b"host"))
        .map(|(_, v)| v.clone());
    let (url, note) = full_url(target.as_bytes(), host.as_deref())?;
    Ok(Capture {
        method: method.into_bytes(),
        url,
        headers,
        body: body.into_bytes(),
        note,
    })
}

/// A raw HTTP request, as received (CRLF or LF line ends).
fn raw_capture(bytes: &[u8]) -> Result<Capture, String> {
    let end = head_end(bytes).ok_or("no blank line after the headers (a raw HTTP request, or JSON, was expected)")?;
    let head: Head = parse_head(bytes.get(..end).unwrap_or_default())?;
    let mut parts = head.start.split(' ');
    let (method, target, version) = (parts.next(), parts.next(), parts.next());
    let (Some(method), Some(target), Some(version)) = (method, target, version) else {
        return Err(format!(
            "{:?} is not an HTTP request line (METHOD TARGET HTTP/1.1)",
            head.start
        ));
    };
    if !version.starts_with("HTTP/") || parts.next().is_some() || method.is_empty() {
        return Err(format!(
            "{:?} is not an HTTP request line (METHOD TARGET HTTP/1.1)",
            head.start
        ));
    }
    let rest = bytes.get(end..).unwrap_or_default();
    let body = if head.chunked() {
        let mut chunked = Chunked::new(usize::MAX - 1);
        match chunked.feed(rest)? {
            Fed::Done(_) => chunked.body,
            _ => return Err("the chunked body is cut short".to_owned()),
        }
    } else {
        match head.content_length()? {
            Some(n) => {
                let n = usize::try_from(n).map_err(|_| "Content-Length is too large")?;
                rest.get(..n).ok_or(format!(
                    "Content-Length says {n} bytes but the capture holds {}: it is cut short",
                    rest.len()
                ))?
            }
            None => rest,
        }
        .to_vec()
    };
    let (url, note) = full_url(target.as_bytes(), head.header("Host"))?;
    let headers = head.headers.into_iter().map(|(n, v)| (n.into_bytes(), v)).collect();
    Ok(Capture {
        method: method.as_bytes().to_vec(),
        url,
        headers,
        body,
        note,
    })
}

/// The URL to verify: an absolute target as it is; a path with the `Host` header, assuming
/// https:// (HubSpot calls only https URLs), saying so.
fn full_url(target: &[u8], host: Option<&[u8]>) -> Result<(Vec<u8>, Option<String>), String> {
    if target.starts_with(b"http://") || target.starts_with(b"https://") {
        return Ok((target.to_vec(), None));
    }
    let Some(host) = host.filter(|h| !h.is_empty()) else {
        return Err(format!(
            "its URL is {:?}, with no host: give the public URL HubSpot called with --url https://...",
            String::from_utf8_lossy(target)
        ));
    };
    let mut url = b"https://".to_vec();
    url.extend_from_slice(host);
    url.extend_from_slice(target);
    let note = format!(
        "the capture has only a path: verifying against {} (give the public URL HubSpot called with --url)",
        String::from_utf8_lossy(&url)
    );
    Ok((url, Some(note)))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    /// Every prefix of a raw capture, and of a JSON one, parses or fails with a reason; the
    /// whole ones give back the request.
    #[test]
    fn captures_cut_anywhere() {
        let raw = b"POST /hook?a=%7E HTTP/1.1\r\nHost: h.example\r\nTransfer-Encoding: chunked\r\nX-HubSpot-Signature-v3: abc=\r\n\r\n2\r\n[]\r\n0\r\n\r\n";
        let json = br#"{"method":"POST","url":"https://h.example/hook","headers":[["X-A","1"]],"body":"[]"}"#;
        for whole in [&raw[..], &json[..]] {
            for end in 0..whole.len() {
                if let Ok(capture) = parse_capture(&whole[..end], None) {
                    assert!(!capture.method.is_empty());
                }
            }
            let capture = parse_capture(whole, None).unwrap();
            assert_eq!(capture.body, b"[]");
            assert_eq!(capture.method, b"POST");
        }
        let capture = parse_capture(raw, None).unwrap();
        assert_eq!(capture.url, b"https://h.example/hook?a=%7E");
        assert!(capture.note.is_some());
        let capture = parse_capture(raw, Some("https://public.example/x")).unwrap();
        assert_eq!(
            (capture.url.as_slice(), capture.note),
            (&b"https://public.example/x"[..], None)
        );
    }
}
