//! What every command shares: exit codes, failures, secrets, options and input files.

use std::fmt;
use std::io::Read;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use hubspot_webhooks::fixtures::FixtureSignature;
use hubspot_webhooks::{OptionValue, Options};

use crate::{OptionArgs, SecretArgs};

/// `println!` for a command's output. When standard output is a pipe whose reader has gone
/// (`hubspot-webhooks options | head -1`), the command stops there quietly with status 0, as
/// other Unix tools do, instead of panicking; another write failure (a full disk) is an input
/// failure (exit 4).
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::common::write_line(format_args!($($arg)*))
    };
}
pub(crate) use out;

pub fn write_line(line: fmt::Arguments<'_>) {
    use std::io::{ErrorKind, Write};
    let mut stdout = std::io::stdout().lock();
    let written = stdout.write_fmt(line).and_then(|()| stdout.write_all(b"\n"));
    match written.and_then(|()| stdout.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == ErrorKind::BrokenPipe => std::process::exit(Exit::Ok as i32),
        Err(e) => {
            err_line(format_args!("hubspot-webhooks: cannot write the output: {e}"));
            std::process::exit(Exit::Input as i32);
        }
    }
}

/// A line on standard error (`eprintln!` without its panic): a standard error that cannot be
/// written, such as a pipe whose reader has gone (`listen 2>&1 | head -1`), is no reason to stop.
pub fn err_line(line: fmt::Arguments<'_>) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// A warning or note on standard error: `hubspot-webhooks: warning: <message>`, or with `--json`
/// `{"warning": <message>}`, so that every line there is JSON.
pub fn warn(json: bool, message: &str) {
    if json {
        err_line(format_args!("{}", serde_json::json!({ "warning": message })));
    } else {
        err_line(format_args!("hubspot-webhooks: warning: {}", printable(message)));
    }
}

/// Text from the other side of a connection (a request line, a receiver's answer), for a
/// terminal: control characters (an escape sequence, a carriage return) are shown escaped
/// instead of acting on the terminal; line breaks and tabs stay.
pub fn printable(text: &str) -> String {
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            shown.extend(c.escape_unicode());
        } else {
            shown.push(c);
        }
    }
    shown
}

/// The exit codes (cli/README.md, "Exit codes").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Done: verified, or every delivery accepted.
    Ok = 0,
    /// The request did not verify, or the receiver's answer would make HubSpot retry.
    Rejected = 1,
    /// Bad arguments: an unknown option or event type, a bad URL or value, no secret.
    Usage = 2,
    /// The network failed: no connection, no answer in time, an address in use.
    Network = 3,
    /// An input file is missing, unreadable, or not what it should be.
    Input = 4,
}

impl Exit {
    /// The name `--json` gives the failure.
    pub fn name(self) -> &'static str {
        match self {
            Exit::Ok => "ok",
            Exit::Rejected => "rejected",
            Exit::Usage => "usage",
            Exit::Network => "network",
            Exit::Input => "input",
        }
    }
}

/// Why a command stopped: the exit code and a message for people. Messages never hold a secret.
#[derive(Debug)]
pub struct Failure {
    pub exit: Exit,
    pub message: String,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            exit: Exit::Usage,
            message: message.into(),
        }
    }

    pub fn input(message: impl Into<String>) -> Failure {
        Failure {
            exit: Exit::Input,
            message: message.into(),
        }
    }

    pub fn network(message: impl Into<String>) -> Failure {
        Failure {
            exit: Exit::Network,
            message: message.into(),
        }
    }

    /// A core error about the caller's arguments (`invalid_argument`): its message, exit 2.
    pub fn core_usage(error: &hubspot_webhooks::Error) -> Failure {
        Failure::usage(error.message())
    }
}

pub type Outcome = Result<Exit, Failure>;

/// The client secrets, in the order given. `Debug` never shows them.
pub struct Secrets(pub Vec<Vec<u8>>);

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secrets([redacted; {}])", self.0.len())
    }
}

pub const SECRET_ENV: &str = "HUBSPOT_CLIENT_SECRET";

/// The largest secret file read: a client secret is a UUID; this leaves room for any key.
const MAX_SECRET_FILE: u64 = 64 * 1024;

impl Secrets {
    /// `--secret` and `--secret-file` in order; the environment variable when neither is given.
    pub fn load(args: &SecretArgs) -> Result<Secrets, Failure> {
        let mut secrets: Vec<Vec<u8>> = args.secrets.iter().map(|s| s.as_bytes().to_vec()).collect();
        for path in &args.secret_files {
            let mut bytes = read_file(path, "secret file", MAX_SECRET_FILE)?;
            if bytes.ends_with(b"\n") {
                bytes.pop();
                if bytes.ends_with(b"\r") {
                    bytes.pop();
                }
            }
            secrets.push(bytes);
        }
        if secrets.is_empty() {
            if let Some(value) = std::env::var_os(SECRET_ENV) {
                secrets.push(value.into_encoded_bytes());
            }
        }
        if secrets.is_empty() {
            return Err(Failure::usage(format!(
                "no client secret: give --secret-file FILE, set {SECRET_ENV}, or give --secret \
                 (the app's client secret, from its Auth settings)"
            )));
        }
        // Core's rules on secrets (none empty) for every command, signing ones included.
        hubspot_webhooks::Verifier::new(&secrets, Options::default()).map_err(|e| Failure::core_usage(&e))?;
        Ok(Secrets(secrets))
    }

    /// The secret that signs: the first one.
    pub fn signing(&self) -> &[u8] {
        self.0.first().map_or(&[], Vec::as_slice)
    }

    /// The signing secret as text (fixtures take a `&str`).
    pub fn signing_text(&self) -> Result<&str, Failure> {
        std::str::from_utf8(self.signing())
            .map_err(|_| Failure::usage("the client secret is not UTF-8 text; HubSpot's client secrets are"))
    }
}

/// Core's options from `--option NAME=VALUE` and `--diagnose` (core checks names and values).
pub fn options(args: &OptionArgs) -> Result<Options, Failure> {
    let mut options = Options::default();
    for given in &args.options {
        let Some((name, value)) = given.split_once('=') else {
            return Err(Failure::usage(format!(
                "--option {given:?}: write NAME=VALUE, e.g. tolerance_ms=600000 (`hubspot-webhooks options` lists them)"
            )));
        };
        let (name, value) = (name.trim(), value.trim());
        let value = match value {
            "true" => OptionValue::Bool(true),
            "false" => OptionValue::Bool(false),
            _ => value.parse::<i128>().map_or(OptionValue::Text(value), OptionValue::Int),
        };
        options.set(name, value).map_err(|e| Failure::core_usage(&e))?;
    }
    if args.diagnose {
        options.diagnose = true;
    }
    Ok(options)
}

/// A `--signature` value, by core's names (`FixtureSignature::from_name`).
pub fn signature_kind(name: &str) -> Result<FixtureSignature, String> {
    FixtureSignature::from_name(name).ok_or_else(|| format!("{name:?}: use hubspot, v1, v2, v3 or none"))
}

/// A `--signature` value for `sign`: `none` signs nothing, so it is refused.
pub fn signing_kind(name: &str) -> Result<FixtureSignature, String> {
    match signature_kind(name) {
        Ok(FixtureSignature::None) | Err(_) => Err(format!("{name:?}: use hubspot, v1, v2 or v3")),
        kind => kind,
    }
}

/// Checks that `--<flag>` is a full http(s) URL, as HubSpot signs it (scheme, host, path).
pub fn public_url(flag: &str, url: &str) -> Result<(), Failure> {
    if url.starts_with("https://") || url.starts_with("http://") {
        return Ok(());
    }
    Err(Failure::usage(format!(
        "--{flag} {url:?}: give the full public URL HubSpot calls, e.g. https://example.com/hubspot/webhook"
    )))
}

/// The clock, Unix milliseconds.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// A file's bytes, or standard input's for `-`, at most `limit` of them (an endless input such as
/// `/dev/zero` or a pipe that never closes is refused past it, not read into memory). `what`
/// names the file in messages.
pub fn read_input(path: &Path, what: &str, limit: u64) -> Result<Vec<u8>, Failure> {
    if path.as_os_str() == "-" {
        let read = read_limited(std::io::stdin().lock(), limit);
        return read.map_err(|why| Failure::input(format!("cannot read the {what} from standard input: {why}")));
    }
    read_file(path, what, limit)
}

/// A file's bytes, at most `limit` of them (see [`read_input`]).
fn read_file(path: &Path, what: &str, limit: u64) -> Result<Vec<u8>, Failure> {
    let read = std::fs::File::open(path)
        .map_err(|e| reason(&e))
        .and_then(|file| read_limited(file, limit));
    read.map_err(|why| Failure::input(format!("cannot read the {what} {}: {why}", path.display())))
}

fn read_limited(from: impl Read, limit: u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    from.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| reason(&e))?;
    if bytes.len() as u64 > limit {
        return Err(format!("it is larger than {limit} bytes"));
    }
    Ok(bytes)
}

fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::IsADirectory => "it is a directory".to_owned(),
        _ => e.to_string(),
    }
}
