//! Property tests: sign-then-verify round-trips, single-byte changes that must fail, and
//! arbitrary input that must never panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use hubspot_webhooks::{
    parse_batch, parse_batch_full_reader, sign_v1, sign_v2, signed_headers, verify, verify_and_parse, ErrorCode,
    Options, Request, SignatureVersion, KNOWN_FIELDS,
};
use proptest::prelude::*;

const NOW: i64 = 1_700_000_000_000;

fn request_from<'a>(
    method: &'a str,
    url: &'a [u8],
    body: &'a [u8],
    headers: &'a [(&'static str, String)],
) -> Request<'a> {
    let mut r = Request::new(method, url, body);
    for (name, value) in headers {
        r = r.header(*name, value.as_str());
    }
    r
}

fn secret() -> impl Strategy<Value = String> {
    "[ -~]{1,64}"
}

fn url() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        "https://[a-z]{1,12}\\.example\\.com/[a-zA-Z0-9%/_.~:@!$'()*,;=&?+-]{0,40}".prop_map(String::into_bytes),
        proptest::collection::vec(any::<u8>(), 0..60),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn v3_round_trips(secret in secret(), url in url(), body in proptest::collection::vec(any::<u8>(), 0..512), age in 0i64..=300_000) {
        let headers = signed_headers(secret.as_bytes(), b"POST", &url, &body, NOW - age);
        let req = request_from("POST", &url, &body, &headers);
        let verified = verify(&req, &[&secret], NOW, &Options::default()).unwrap();
        prop_assert_eq!(verified.version, SignatureVersion::V3);
        prop_assert_eq!(verified.secret_index, 0);
    }

    #[test]
    fn v1_v2_round_trip(secret in secret(), url in url(), body in proptest::collection::vec(any::<u8>(), 0..512)) {
        let v1 = sign_v1(secret.as_bytes(), &body);
        let req = Request::new("POST", &url, &body).header("X-HubSpot-Signature", v1.as_str());
        prop_assert_eq!(verify(&req, &[&secret], NOW, &Options::default()).unwrap().version, SignatureVersion::V1);
        let v2 = sign_v2(secret.as_bytes(), b"GET", &url, &body);
        let req = Request::new("GET", &url, &body).header("x-hubspot-signature", v2.as_str()).header("X-HUBSPOT-SIGNATURE-VERSION", "v2");
        prop_assert_eq!(verify(&req, &[&secret], NOW, &Options::default()).unwrap().version, SignatureVersion::V2);
    }

    #[test]
    fn one_changed_byte_fails(
        secret in secret(),
        url in "https://[a-z]{1,12}\\.example\\.com/[a-z0-9/]{0,20}",
        body in proptest::collection::vec(any::<u8>(), 1..256),
        which in 0usize..4,
        pos in any::<prop::sample::Index>(),
        flip in 1u8..=255,
    ) {
        let ts = NOW - 1_000;
        let headers = signed_headers(secret.as_bytes(), b"POST", url.as_bytes(), &body, ts);
        let mut url = url.into_bytes();
        let mut body = body;
        let mut timestamp = ts.to_string().into_bytes();
        let mut signature = headers.iter().find(|(n, _)| *n == "X-HubSpot-Signature-v3").unwrap().1.clone().into_bytes();
        // Change one byte of one part; the change must make verification fail.
        let target: &mut Vec<u8> = match which { 0 => &mut url, 1 => &mut body, 2 => &mut timestamp, _ => &mut signature };
        let i = pos.index(target.len());
        target[i] ^= flip;
        let req = Request::new("POST", &url, &body)
            .header("X-HubSpot-Signature-v3", &signature)
            .header("X-HubSpot-Request-Timestamp", &timestamp);
        let result = verify(&req, &[&secret], NOW, &Options::default());
        // The URL has no '%', so no change can decode back to the same text: every change fails.
        prop_assert!(result.is_err(), "a changed byte in part {} still verified", which);
    }

    #[test]
    fn arbitrary_requests_never_panic(
        method in proptest::collection::vec(any::<u8>(), 0..8),
        url in proptest::collection::vec(any::<u8>(), 0..64),
        headers in proptest::collection::vec((prop_oneof![
            Just(b"X-HubSpot-Signature-v3".to_vec()), Just(b"X-HubSpot-Signature".to_vec()),
            Just(b"X-HubSpot-Signature-Version".to_vec()), Just(b"X-HubSpot-Request-Timestamp".to_vec()),
            proptest::collection::vec(any::<u8>(), 0..20)],
            proptest::collection::vec(any::<u8>(), 0..64)), 0..6),
        body in proptest::collection::vec(any::<u8>(), 0..256),
        now in any::<i64>(),
        require_v3 in any::<bool>(),
        partial in any::<bool>(),
    ) {
        let mut req = Request::new(&method, &url, &body);
        for (n, v) in &headers {
            req = req.header(n, v);
        }
        let options = Options { require_v3, partial, ..Options::default() };
        let _ = verify_and_parse(&req, &["s"], now, &options);
    }

    #[test]
    fn arbitrary_bodies_never_panic(body in proptest::collection::vec(any::<u8>(), 0..512), partial in any::<bool>()) {
        let _ = parse_batch(&body, &Options { partial, ..Options::default() });
    }

    #[test]
    fn arbitrary_event_json_never_panics(event in event_json(), partial in any::<bool>()) {
        let body = format!("[{event}]");
        match parse_batch(body.as_bytes(), &Options { partial, ..Options::default() }) {
            Ok(batch) => prop_assert_eq!(batch.events.len() + batch.rejected.len(), 1),
            Err(e) => prop_assert!(matches!(e.code(), ErrorCode::InvalidEvent | ErrorCode::InvalidBatch)),
        }
    }
}

/// JSON objects built from HubSpot's field names with values of any JSON type.
fn event_json() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        Just("null".to_owned()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        any::<f64>()
            .prop_map(|f| format!("{f:?}"))
            .prop_filter("finite", |s| !s.contains("inf") && !s.contains("NaN")),
        any::<bool>().prop_map(|b| b.to_string()),
        "[ -~]{0,12}".prop_map(|s| serde_json::to_string(&s).unwrap()),
        Just("[1,2,3]".to_owned()),
        Just("{\"a\":[{}]}".to_owned()),
    ];
    let name = prop::sample::select(hubspot_webhooks::KNOWN_FIELDS.to_vec()).prop_map(str::to_owned);
    proptest::collection::vec((name, value), 0..12).prop_map(|fields| {
        let parts: Vec<String> = fields.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
        format!("{{{}}}", parts.join(","))
    })
}

/// A member value as JSON text, mostly of the kinds the plain reader takes (so that whole
/// events go through it, with values right and wrong for their field), and sometimes of the
/// kinds it leaves to the full reader (escapes, fractions, exponents, big or malformed numbers,
/// nesting, bad literals, control characters).
fn json_value() -> impl Strategy<Value = String> {
    let plain = prop_oneof![
        "[a-zA-Z0-9 :._é-]{0,12}".prop_map(|s| format!("\"{s}\"")),
        any::<i64>().prop_map(|n| n.to_string()),
        (-3i64..1000).prop_map(|n| n.to_string()),
        prop_oneof![
            Just("9223372036854775807"),
            Just("-9223372036854775808"),
            Just("4294967295"),
            Just("4294967296"),
            Just("true"),
            Just("false"),
            Just("null"),
            Just("[]"),
            Just("[1,2]"),
            Just("[ 1 , -2 ]"),
            Just("\"MESSAGE\""),
        ]
        .prop_map(str::to_owned),
    ];
    let other = prop_oneof![
        Just(r#""a\"b""#),
        Just(r#""\u00e9t\u00e9""#),
        Just("\"tab\there\""),
        Just("9223372036854775808"),
        Just("-9223372036854775809"),
        Just("12345678901234567890123"),
        Just("01"),
        Just("-0"),
        Just("-"),
        Just("1.5"),
        Just("1e3"),
        Just("2E+2"),
        Just("-0.0"),
        Just("tru"),
        Just("nul"),
        Just("1x"),
        Just("truex"),
        Just("[1,]"),
        Just("[1.5]"),
        Just("[\"a\"]"),
        Just("{}"),
        Just("{\"a\":[1,{\"b\":null}]}"),
        Just("[[1]]"),
    ]
    .prop_map(str::to_owned);
    prop_oneof![6 => plain, 1 => other]
}

/// A body of event-like objects: typed field names and unknown ones, any value, odd spacing.
fn event_body() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        8 => proptest::sample::select(KNOWN_FIELDS.to_vec()).prop_map(str::to_owned),
        1 => Just("someFutureField".to_owned()),
        1 => Just("objectI\\u0064".to_owned()),
    ];
    let ws = proptest::sample::select(vec!["", " ", "\n\t ", "\r\n"]);
    let member = (key, json_value(), ws.clone()).prop_map(|(k, v, w)| format!("{w}\"{k}\"{w}:{w}{v}{w}"));
    let head =
        r#""eventId":1,"portalId":2,"appId":3,"occurredAt":4,"attemptNumber":0,"subscriptionType":"contact.creation""#;
    let event = (proptest::collection::vec(member, 0..5), any::<bool>()).prop_map(move |(members, with_head)| {
        let mut all: Vec<String> = if with_head { vec![head.to_owned()] } else { Vec::new() };
        all.extend(members);
        format!("{{{}}}", all.join(","))
    });
    (proptest::collection::vec(event, 0..4), ws).prop_map(|(events, w)| format!("[{w}{}{w}]", events.join(",")))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4096, .. ProptestConfig::default() })]

    /// The plain-event fast path decides nothing of its own: with it and without it, every body
    /// gives the same events, rejections and errors, strict and partial.
    #[test]
    fn the_fast_path_agrees_with_the_full_reader(body in event_body()) {
        for partial in [false, true] {
            let options = Options { partial, ..Options::default() };
            prop_assert_eq!(parse_batch(body.as_bytes(), &options), parse_batch_full_reader(body.as_bytes(), &options), "{}", body);
        }
    }
}
