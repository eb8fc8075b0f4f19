//! The HTTP pieces on their own: URLs, heads, chunked bodies, when an answer is complete.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use super::*;
use crate::url::parse_url;

#[test]
fn urls() {
    let t = parse_url("http://127.0.0.1:8787/hubspot/webhook?a=%7E&b=1").unwrap();
    assert_eq!(
        (t.host.as_str(), t.name.as_str(), t.port),
        ("127.0.0.1:8787", "127.0.0.1", 8787)
    );
    assert_eq!(t.path, "/hubspot/webhook?a=%7E&b=1", "the target is kept as written");
    let t = parse_url("http://localhost").unwrap();
    assert_eq!((t.port, t.path.as_str(), t.host.as_str()), (80, "/", "localhost"));
    let t = parse_url("HTTP://[::1]:9000?x=1").unwrap();
    assert_eq!((t.name.as_str(), t.port, t.path.as_str()), ("::1", 9000, "/?x=1"));
    let https = parse_url("https://hooks.example.com/x").unwrap_err();
    assert!(
        https.message.contains("--signed-url https://hooks.example.com/x"),
        "{}",
        https.message
    );
    for bad in [
        "http://host:0/",
        "http://host:x/",
        "http://[::1/",
        "http://[::1]junk/",
        "http://host:+80/",
        "http://user@host/",
        "http://host/#f",
        "host/x",
    ] {
        assert_eq!(parse_url(bad).unwrap_err().exit, crate::common::Exit::Usage, "{bad}");
    }
}

#[test]
fn heads() {
    let text = b"POST /x HTTP/1.1\r\nHost: a\r\nX-Empty:\r\nX-Pad:   v  \r\n\r\nbody";
    let end = head_end(text).unwrap();
    assert_eq!(&text[end..], b"body");
    let head = parse_head(&text[..end]).unwrap();
    assert_eq!(head.start, "POST /x HTTP/1.1");
    assert_eq!(head.header("x-pad"), Some(&b"v"[..]));
    assert_eq!(head.header("X-EMPTY"), Some(&b""[..]));
    assert_eq!(head.content_length(), Ok(None));
    assert_eq!(head_end(b"GET / HTTP/1.1\nHost: a\n\n[]"), Some(24));
    assert!(parse_head(b"POST / HTTP/1.1\r\nBad Name: v\r\n").is_err());
    let head = parse_head(b"POST / HTTP/1.1\r\nContent-Length: -1\r\n").unwrap();
    assert!(head.content_length().is_err());
    // A sign, or two lengths that disagree, are no length; two that agree are one.
    for bad in [
        "Content-Length: +2",
        "Content-Length: 2\r\nContent-Length: 100",
        "Content-Length: ",
    ] {
        let head = parse_head(format!("POST / HTTP/1.1\r\n{bad}\r\n").as_bytes()).unwrap();
        assert!(head.content_length().is_err(), "{bad}");
    }
    let head = parse_head(b"POST / HTTP/1.1\r\nContent-Length: 2\r\ncontent-length: 2\r\n").unwrap();
    assert_eq!(head.content_length(), Ok(Some(2)));
    // Chunked only when it is the last coding.
    for (coding, chunked) in [
        ("chunked", true),
        ("gzip, Chunked", true),
        ("nonchunked", false),
        ("chunked, gzip", false),
    ] {
        let head = parse_head(format!("POST / HTTP/1.1\r\nTransfer-Encoding: {coding}\r\n").as_bytes()).unwrap();
        assert_eq!(head.chunked(), chunked, "{coding}");
    }
}

#[test]
fn chunked_bodies() {
    let body = b"4;ext=1\r\n[{}]\r\n1\r\n \r\n0\r\nTrailer: x\r\n\r\nnext";
    let mut whole = Chunked::new(100);
    assert_eq!(whole.feed(body), Ok(Fed::Done(body.len() - 4)));
    assert_eq!(whole.body, b"[{}] ");
    // Byte by byte, as a slow client sends it.
    let mut slow = Chunked::new(100);
    let mut done = None;
    for (i, b) in body.iter().enumerate() {
        if let Fed::Done(_) = slow.feed(std::slice::from_ref(b)).unwrap() {
            done = Some(i);
            break;
        }
    }
    assert_eq!(done, Some(body.len() - 5));
    assert_eq!(slow.body, b"[{}] ");
    // Past the limit it stops with limit + 1 bytes.
    let mut small = Chunked::new(3);
    assert_eq!(small.feed(b"10\r\n0123456789abcdef\r\n0\r\n\r\n"), Ok(Fed::TooLarge));
    assert_eq!(small.body.len(), 4);
    assert!(Chunked::new(9).feed(b"zz\r\n").is_err());
    assert!(Chunked::new(9).feed(b"1\r\nab\r\n").is_err());
    assert_eq!(Chunked::new(9).feed(b"5\r\nab"), Ok(Fed::More));
    // An endless trailer is refused past the size of a head.
    let mut endless = Chunked::new(9);
    assert_eq!(endless.feed(b"0\r\n"), Ok(Fed::More));
    let lines = b"X-T: 1\r\n".repeat(MAX_HEAD_BYTES / 8 + 1);
    assert!(endless.feed(&lines).unwrap_err().contains("trailer"));
}

#[test]
fn complete_answers() {
    assert!(!complete(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabc"));
    assert!(complete(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcde"));
    assert!(complete(b"HTTP/1.1 204 No Content\r\n\r\n"));
    assert!(!complete(b"HTTP/1.1 200 OK\r\n\r\nuntil close"));
    assert!(!complete(
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n"
    ));
    assert!(complete(
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
    ));
    assert!(!complete(b"HTTP/1.1 200 OK\r\nContent-Len"));
    // Interim answers are skipped: the answer is the one after them.
    assert!(!complete(b"HTTP/1.1 100 Continue\r\n\r\n"));
    assert!(!complete(
        b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: x\r\n\r\n"
    ));
    let answer = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n";
    assert!(complete(answer));
    assert_eq!(final_answer(answer), b"HTTP/1.1 204 No Content\r\n\r\n");
    let ok = b"HTTP/1.1 200 OK\r\nX: 100 y\r\n\r\n";
    assert_eq!(final_answer(ok), ok);
}
