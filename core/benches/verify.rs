//! `make bench`: verify and verify-and-parse against the limit measured in the same run
//! (HMAC-SHA256 alone over the same bytes; plus `serde_json::from_slice::<Value>` of the body).
//!
//! Prints one line per case: `bench rust <case>: ours <us> us, limit <us> us, ratio <r>`.
//! `diagnose/100` is the diagnosis of a mismatched 100-event request (signed with another
//! secret, so every deformation is tried); its limit is one HMAC, and the line also says how
//! many digests the diagnosis computed (bounded by `DIAGNOSIS_MAX_DIGESTS`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::Criterion;
use hmac::{Hmac, KeyInit, Mac};
use hubspot_webhooks::{diagnose, signed_headers, verify, verify_and_parse, Options, Request, DIAGNOSIS_MAX_DIGESTS};
use sha2::Sha256;

const SECRET: &str = "bench-client-secret-2f9c61aa";
const URL: &str = "https://hooks.example.com/hubspot/webhook";
const NOW: i64 = 1_769_081_994_066;
const BATCH_100: &[u8] = include_bytes!("../../tests/data/batch_100.json");
const BATCH_1: &[u8] = include_bytes!("../../tests/data/batch_1.json");

/// The floor: HMAC-SHA256 over the same bytes v3 signs.
fn hmac_only(body: &[u8], timestamp: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(b"POST");
    mac.update(URL.as_bytes());
    mac.update(body);
    mac.update(timestamp);
    mac.finalize().into_bytes().into()
}

fn main() {
    let out_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target")))
        .join("criterion");
    let mut c = Criterion::default()
        .output_directory(&out_dir)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .without_plots()
        .configure_from_args();
    let options = Options::default();
    let ts = NOW - 700;
    let timestamp = ts.to_string();
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Verify,
        Parse,
        Diagnose,
    }
    let cases: [(&str, &[u8], Mode); 4] = [
        ("verify/100", BATCH_100, Mode::Verify),
        ("verify+parse/100", BATCH_100, Mode::Parse),
        ("verify+parse/1", BATCH_1, Mode::Parse),
        ("diagnose/100", BATCH_100, Mode::Diagnose),
    ];
    let mut digests = 0;
    for (case, body, mode) in cases {
        let secret: &[u8] = if mode == Mode::Diagnose {
            b"another-apps-secret"
        } else {
            SECRET.as_bytes()
        };
        let headers = signed_headers(secret, b"POST", URL.as_bytes(), body, ts);
        let mut request = Request::new("POST", URL, body);
        for (name, value) in &headers {
            request = request.header(*name, value.as_str());
        }
        let mut group = c.benchmark_group(case.replace('/', "_"));
        group.bench_function("ours", |b| {
            b.iter(|| match mode {
                Mode::Parse => {
                    black_box(verify_and_parse(black_box(&request), &[SECRET], NOW, &options).unwrap());
                }
                Mode::Verify => {
                    black_box(verify(black_box(&request), &[SECRET], NOW, &options).unwrap());
                }
                Mode::Diagnose => {
                    let d = diagnose(black_box(&request), &[SECRET], NOW, &options);
                    assert_eq!(d.codes(), ["no_match"]);
                    digests = d.digests;
                    black_box(d);
                }
            })
        });
        group.bench_function("limit", |b| {
            b.iter(|| {
                black_box(hmac_only(black_box(body), timestamp.as_bytes()));
                if mode == Mode::Parse {
                    black_box(serde_json::from_slice::<serde_json::Value>(black_box(body)).unwrap());
                }
            })
        });
        group.finish();
    }
    c.final_summary();

    for (case, _, _) in cases {
        let median_us = |which: &str| -> Option<f64> {
            let path = out_dir
                .join(case.replace('/', "_"))
                .join(which)
                .join("new/estimates.json");
            let text = std::fs::read_to_string(path).ok()?;
            let v: serde_json::Value = serde_json::from_str(&text).ok()?;
            Some(v["median"]["point_estimate"].as_f64()? / 1000.0)
        };
        let extra = if case == "diagnose/100" {
            format!(", {digests} digests (at most {DIAGNOSIS_MAX_DIGESTS})")
        } else {
            String::new()
        };
        match (median_us("ours"), median_us("limit")) {
            (Some(ours), Some(limit)) => {
                println!(
                    "bench rust {case}: ours {ours:.2} us, limit {limit:.2} us, ratio {:.2}{extra}",
                    ours / limit
                )
            }
            _ => println!("bench rust {case}: no measurement (was the case filtered out?)"),
        }
    }
}
