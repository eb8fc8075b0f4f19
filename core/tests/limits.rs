//! The limits that protect a receiver, at their defaults.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use hubspot_webhooks::{
    parse_batch, signed_headers, verify_and_parse, ErrorCode, Options, Request, DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_EVENTS,
};

const EVENT: &str = r#"{"eventId":1,"subscriptionId":2,"portalId":3,"appId":4,"occurredAt":1769081993375,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":5}"#;

/// A valid one-event batch padded with whitespace to exactly `len` bytes.
fn padded_batch(len: usize) -> Vec<u8> {
    let mut body = format!("[{EVENT}").into_bytes();
    body.resize(len - 1, b' ');
    body.push(b']');
    body
}

#[test]
fn default_body_limit_is_ten_mebibytes_and_inclusive() {
    assert_eq!(DEFAULT_MAX_BODY_BYTES, 10 * 1024 * 1024);
    let at_limit = padded_batch(DEFAULT_MAX_BODY_BYTES);
    assert_eq!(parse_batch(&at_limit, &Options::default()).unwrap().events.len(), 1);
    let over = padded_batch(DEFAULT_MAX_BODY_BYTES + 1);
    assert_eq!(
        parse_batch(&over, &Options::default()).unwrap_err().code(),
        ErrorCode::BodyTooLarge
    );
}

#[test]
fn the_size_check_comes_before_any_signature_work() {
    let over = padded_batch(DEFAULT_MAX_BODY_BYTES + 1);
    let url = "https://example.com/hook";
    let headers = signed_headers(b"secret", b"POST", url.as_bytes(), &over, 1_000);
    let mut request = Request::new("POST", url, &over);
    for (name, value) in &headers {
        request = request.header(*name, value.as_str());
    }
    let err = verify_and_parse(&request, &["secret"], 1_000, &Options::default()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::BodyTooLarge);
    let raised = Options {
        max_body_bytes: over.len(),
        ..Options::default()
    };
    assert_eq!(
        verify_and_parse(&request, &["secret"], 1_000, &raised)
            .unwrap()
            .batch
            .events
            .len(),
        1
    );
}

#[test]
fn default_event_limit() {
    let batch = |n: usize| format!("[{}]", vec![EVENT; n].join(",")).into_bytes();
    assert_eq!(
        parse_batch(&batch(DEFAULT_MAX_EVENTS), &Options::default())
            .unwrap()
            .events
            .len(),
        DEFAULT_MAX_EVENTS
    );
    let err = parse_batch(&batch(DEFAULT_MAX_EVENTS + 1), &Options::default()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidBatch);
    assert!(err.message().contains("max_events"), "{}", err.message());
}

#[test]
fn errors_say_what_to_do() {
    let err = parse_batch(EVENT.as_bytes(), &Options::default()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidBatch);
    assert!(err.message().contains("array"), "{}", err.message());
    let err = parse_batch(b"[{\"eventId\":1}]", &Options::default()).unwrap_err();
    assert_eq!((err.index(), err.field()), (Some(0), Some("subscriptionType")));
    // A pretty-printed (re-serialised) body that no longer matches says so.
    let body = format!("[\n  {EVENT}\n]");
    let headers = signed_headers(b"secret", b"POST", b"https://e.com/h", EVENT.as_bytes(), 1_000);
    let mut request = Request::new("POST", "https://e.com/h", &body);
    for (name, value) in &headers {
        request = request.header(*name, value.as_str());
    }
    let err = verify_and_parse(&request, &["secret"], 1_000, &Options::default()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::SignatureMismatch);
    assert!(err.message().contains("raw request body"), "{}", err.message());
    // A form-decoded v3 header ('+' turned into a space) gets a hint.
    let sig = "s9fg/l7gop54ZS/srjGtdZr4E Gn4LNDdUEFKy6/Dlo=";
    let request = Request::new("POST", "https://e.com/h", "[]")
        .header("X-HubSpot-Signature-v3", sig)
        .header("X-HubSpot-Request-Timestamp", "1000");
    let err = verify_and_parse(&request, &["secret"], 1_000, &Options::default()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::MalformedSignature);
    assert!(err.message().contains("'+'"), "{}", err.message());
    // A private-app token instead of the client secret.
    let request = Request::new("POST", "https://e.com/h", "[]")
        .header("X-HubSpot-Signature-v3", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
        .header("X-HubSpot-Request-Timestamp", "1000");
    let err = verify_and_parse(&request, &["pat-na1-123"], 1_000, &Options::default()).unwrap_err();
    assert!(err.message().contains("client secret"), "{}", err.message());
}

/// A message quotes at most `EXCERPT_CHARS` characters of what a caller or a request sent: a
/// megabyte value is not repeated in answers, logs or the C library's last error.
#[test]
fn messages_quote_a_bounded_excerpt() {
    use hubspot_webhooks::{check_pattern, check_pointer, excerpt, fixtures, OptionValue, EXCERPT_CHARS};
    let huge = "a".repeat(1_000_000);
    // Never prints what it got (a megabyte): only its length.
    fn refused<T>(what: &str, result: hubspot_webhooks::Result<T>) -> hubspot_webhooks::Error {
        match result {
            Ok(_) => panic!("{what}: accepted"),
            Err(e) => e,
        }
    }
    let bounded = |what: &str, e: hubspot_webhooks::Error| {
        let shown = e.to_string();
        assert!(shown.len() < 1_000, "{what}: a message of {} bytes", shown.len());
        assert!(
            shown.contains(&"a".repeat(EXCERPT_CHARS)),
            "{what}: the excerpt is there: {shown}"
        );
        assert!(
            e.field().is_none_or(|f| f.len() <= EXCERPT_CHARS + 3),
            "{what}: field {:?}",
            e.field()
        );
    };
    // A body's values and keys.
    let body = format!(
        r#"[{{"eventId":"{huge}","subscriptionId":2,"portalId":3,"appId":4,"occurredAt":5,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":5}}]"#
    );
    bounded(
        "a string eventId",
        refused("eventId", parse_batch(body.as_bytes(), &Options::default())),
    );
    // A caller's arguments.
    bounded("a pointer", refused("pointer", check_pointer(&huge)));
    bounded("a pattern", refused("pattern", check_pattern(&format!("{huge}!"))));
    bounded(
        "an option name",
        refused("option", Options::default().set(&huge, OptionValue::Bool(true))),
    );
    bounded(
        "a fixture type",
        refused(
            "type",
            fixtures::delivery(&[huge.as_str()], &fixtures::FixtureOptions::new("s", 1)),
        ),
    );
    let mut fixture = fixtures::FixtureOptions::new("s", 1);
    bounded(
        "a signature name",
        refused("signature", fixture.set("signature", OptionValue::Text(&huge))),
    );
    // A request's header.
    let request = Request::new("POST", "https://a.example/", "[]")
        .header("X-HubSpot-Signature", "x")
        .header("X-HubSpot-Signature-Version", huge.as_str());
    bounded(
        "a signature version",
        refused("version", verify_and_parse(&request, &["s"], 0, &Options::default())),
    );
    // Short texts are quoted whole, as before.
    assert_eq!(excerpt("v9"), "\"v9\"");
    assert_eq!(
        excerpt(&"é".repeat(65)),
        format!("\"{}\"... (130 bytes)", "é".repeat(64))
    );
}

/// An empty secret is refused wherever the core signs, as verification refuses it: signing with
/// one is a mistake (an unset environment variable), never a signature to send.
#[test]
fn signing_refuses_an_empty_secret() {
    use hubspot_webhooks::fixtures::{delivery, FixtureOptions, FixtureSignature};
    use hubspot_webhooks::signature::{sign_v1_with, sign_v2_with, sign_v3_with};
    use hubspot_webhooks::{signed_headers_with, RustDigests};
    let d = &RustDigests;
    let results = [
        sign_v1_with(d, b"", b"[]").map(drop),
        sign_v2_with(d, b"", b"POST", b"https://a.example/", b"[]").map(drop),
        sign_v3_with(d, b"", b"POST", b"https://a.example/", b"[]", b"1").map(drop),
        signed_headers_with(d, b"", b"POST", b"https://a.example/", b"[]", 1).map(drop),
        delivery(&["contact.creation"], &FixtureOptions::new("", 1)).map(drop),
    ];
    for result in results {
        let e = result.unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidArgument);
        assert!(e.message().starts_with("the secret is empty"), "{e}");
    }
    // An unsigned fixture needs no secret.
    let mut unsigned = FixtureOptions::new("", 1);
    unsigned.signature = FixtureSignature::None;
    assert!(delivery(&["contact.creation"], &unsigned).is_ok());
    assert!(sign_v1_with(d, b"s", b"[]").is_ok());
}

/// Nesting deeper than 128 levels is refused in a Custom Channels event as in a batch event,
/// wherever it stands (so that no binding's reader meets it later).
#[test]
fn custom_channels_events_have_the_batch_nesting_limit() {
    use hubspot_webhooks::{parse_delivery, Delivery};
    let event = |extra: &str| {
        format!(
            r#"{{"type":"OUTGOING_CHANNEL_MESSAGE_CREATED","portalId":"1","channelId":"2","eventTimestamp":"2026-11-30T09:00:00Z","message":{{"id":"m","text":"hi"{extra}}}{extra}}}"#
        )
    };
    let deep = |levels: usize| format!(",\"deep\":{}1{}", "[".repeat(levels), "]".repeat(levels));
    assert!(matches!(
        parse_delivery(event(&deep(100)).as_bytes(), &Options::default()),
        Ok(Delivery::Channel(_))
    ));
    for levels in [200, 100_000] {
        let body = event(&deep(levels));
        let e = match parse_delivery(body.as_bytes(), &Options::default()) {
            Ok(_) => panic!("{levels} levels accepted"),
            Err(e) => e,
        };
        assert_eq!(e.code(), ErrorCode::InvalidEvent, "{levels}: {e}");
        assert!(e.message().len() < 300, "{levels}: {e}");
        let partial = Options {
            partial: true,
            ..Options::default()
        };
        let kept = parse_delivery(body.as_bytes(), &partial).unwrap();
        assert_eq!(kept.rejected().len(), 1, "{levels}: partial parsing rejects the event");
    }
}
