//! `sign`: the headers HubSpot would send with a body, or a curl command that sends them.

use std::path::PathBuf;

use clap::Args;
use hubspot_webhooks::fixtures::FixtureSignature;
use hubspot_webhooks::{
    parse_delivery, sign_v1, sign_v2, sign_v3, signed_headers, Options, HEADER_REQUEST_TIMESTAMP, HEADER_SIGNATURE,
    HEADER_SIGNATURE_V3, HEADER_SIGNATURE_VERSION,
};

use crate::common::out;
use crate::common::{now_ms, public_url, read_input, signing_kind, warn, Exit, Failure, Outcome, Secrets};
use crate::SecretArgs;

#[derive(Args)]
pub struct SignArgs {
    /// The body file, exactly the bytes to send (`-`: standard input).
    #[arg(default_value = "-", value_name = "BODY_FILE")]
    body: PathBuf,
    /// The full public URL HubSpot calls (signed by v2 and v3).
    #[arg(long)]
    url: String,
    /// Which signatures: hubspot (v1 and v3, as HubSpot's Webhooks API sends), v1, v2 or v3.
    #[arg(long = "signature", default_value = "hubspot", value_parser = signing_kind)]
    signature: FixtureSignature,
    /// The HTTP method signed by v2 and v3.
    #[arg(long, default_value = "POST")]
    method: String,
    /// The v3 timestamp, Unix milliseconds (default: now).
    #[arg(long, allow_negative_numbers = true)]
    timestamp: Option<i64>,
    /// Print a curl command that sends the body with these headers instead of the headers.
    #[arg(long)]
    curl: bool,
    #[command(flatten)]
    secrets: SecretArgs,
}

/// The largest body `sign` reads (256 MiB): far beyond what HubSpot sends or a receiver accepts
/// (`max_body_bytes`, 10 MiB by default), so only an endless input reaches it.
const MAX_BODY_FILE: u64 = 256 << 20;

pub fn run(args: SignArgs, json: bool) -> Outcome {
    public_url("url", &args.url)?;
    let secrets = Secrets::load(&args.secrets)?;
    let body = read_input(&args.body, "body file", MAX_BODY_FILE)?;
    if let Err(e) = parse_delivery(&body, &Options::default()) {
        let why = format!("{}: {}", e.code(), e.message());
        warn(
            json,
            &format!("signing anyway, but HubSpot would never send this body ({why})"),
        );
    }
    let timestamp = args.timestamp.unwrap_or_else(now_ms);
    let headers = headers(
        args.signature,
        secrets.signing(),
        &args.method,
        &args.url,
        &body,
        timestamp,
    );
    if args.curl {
        out!("{}", curl(&args, &headers, &body)?);
    } else if json {
        // A JSON capture holds the body as text: another body would be changed, and not verify.
        let text = std::str::from_utf8(&body)
            .map_err(|_| Failure::input("the body is not UTF-8 text, which a JSON capture cannot hold: drop --json"))?;
        let capture = serde_json::json!({
            "method": args.method,
            "url": args.url,
            "headers": headers,
            "body": text,
        });
        out!("{capture}");
    } else {
        for (name, value) in &headers {
            out!("{name}: {value}");
        }
    }
    Ok(Exit::Ok)
}

/// The signature headers of `kind`, with `Content-Type` first.
fn headers(
    kind: FixtureSignature,
    secret: &[u8],
    method: &str,
    url: &str,
    body: &[u8],
    timestamp: i64,
) -> Vec<(String, String)> {
    let (method, url_bytes) = (method.as_bytes(), url.as_bytes());
    let owned = |list: Vec<(&str, String)>| list.into_iter().map(|(n, v)| (n.to_owned(), v)).collect();
    let json = ("Content-Type", "application/json".to_owned());
    match kind {
        FixtureSignature::V1 => owned(vec![
            json,
            (HEADER_SIGNATURE, sign_v1(secret, body)),
            (HEADER_SIGNATURE_VERSION, "v1".to_owned()),
        ]),
        FixtureSignature::V2 => owned(vec![
            json,
            (HEADER_SIGNATURE, sign_v2(secret, method, url_bytes, body)),
            (HEADER_SIGNATURE_VERSION, "v2".to_owned()),
        ]),
        FixtureSignature::V3 => {
            let ts = timestamp.to_string();
            owned(vec![
                json,
                (
                    HEADER_SIGNATURE_V3,
                    sign_v3(secret, method, url_bytes, body, ts.as_bytes()),
                ),
                (HEADER_REQUEST_TIMESTAMP, ts),
            ])
        }
        _ => owned(signed_headers(secret, method, url_bytes, body, timestamp)),
    }
}

/// A curl command sending the body with the headers; the secret is never in it (only
/// signatures, which are sent anyway).
fn curl(args: &SignArgs, headers: &[(String, String)], body: &[u8]) -> Result<String, Failure> {
    let mut line = format!("curl -sS -X {} {}", shell_quote(&args.method), shell_quote(&args.url));
    for (name, value) in headers {
        line.push_str(&format!(" -H {}", shell_quote(&format!("{name}: {value}"))));
    }
    if args.body.as_os_str() == "-" {
        let text = std::str::from_utf8(body)
            .ok()
            .filter(|t| !t.contains('\0'))
            .ok_or_else(|| Failure::input("the body is not text: give it as a file for --curl"))?;
        // --data-raw: sent as it is, even when it starts with @ (--data-binary would read a file).
        line.push_str(&format!(" --data-raw {}", shell_quote(text)));
    } else {
        let path = args.body.to_string_lossy();
        line.push_str(&format!(" --data-binary {}", shell_quote(&format!("@{path}"))));
    }
    Ok(line)
}

/// Single-quoted for POSIX shells.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}
