//! http:// URLs to send to: where they point, and what is wrong with one that cannot be used.
//! No TLS: https:// is refused with a message saying what to do instead (cli/README.md, "send (trigger)").

use crate::common::Failure;

/// Where an http:// URL points.
#[derive(Clone, Debug)]
pub struct Target {
    /// The `Host` header: host and port as written in the URL.
    pub host: String,
    /// Host name (or address) and port to connect to.
    pub name: String,
    pub port: u16,
    /// The request-target: path and query as written (`/` when the URL has no path).
    pub path: String,
}

/// Parses an http:// URL; https:// and anything else is a usage failure saying why.
pub fn parse_url(url: &str) -> Result<Target, Failure> {
    let shown = without_password(url);
    let bad = |why: &str| Failure::usage(format!("bad URL {shown:?}: {why}"));
    if url.bytes().any(|b| b.is_ascii_whitespace() || b.is_ascii_control()) {
        return Err(bad("it contains white space or control characters"));
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(bad("write the full URL, e.g. http://127.0.0.1:8787/webhook"));
    };
    if scheme.eq_ignore_ascii_case("https") && shown == url {
        return Err(Failure::usage(format!(
            "{url}: this tool speaks plain HTTP only and does not send to https:// URLs. Send to your receiver's \
             local http:// address and sign for the public URL HubSpot calls with --signed-url {url}"
        )));
    }
    if !scheme.eq_ignore_ascii_case("http") {
        return Err(bad("only http:// URLs can be sent to"));
    }
    let split = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(split);
    if path.starts_with('#') || path.contains('#') {
        return Err(bad("a URL HubSpot calls has no #fragment"));
    }
    let path = match path {
        "" => "/".to_owned(),
        p if p.starts_with('?') => format!("/{p}"),
        p => p.to_owned(),
    };
    if authority.is_empty() || authority.contains('@') {
        return Err(bad(
            "give a host (and no user name), e.g. http://127.0.0.1:8787/webhook",
        ));
    }
    let (name, port) = if let Some(v6) = authority.strip_prefix('[') {
        let Some((address, after)) = v6.split_once(']') else {
            return Err(bad("an IPv6 address needs its closing ]"));
        };
        match after {
            "" => (address, None),
            _ => (
                address,
                Some(
                    after
                        .strip_prefix(':')
                        .ok_or_else(|| bad("write [IPv6 address]:port"))?,
                ),
            ),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (authority, None),
        }
    };
    let port = match port {
        None => 80,
        Some(p) => Some(p)
            .filter(|p| p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u16>().ok())
            .filter(|p| *p > 0)
            .ok_or_else(|| bad("the port is not a number from 1 to 65535"))?,
    };
    if name.is_empty() {
        return Err(bad("the host is empty"));
    }
    Ok(Target {
        host: authority.to_owned(),
        name: name.to_owned(),
        port,
        path,
    })
}

/// The URL for messages: a user name and password in it (`http://user:pw@host/`, which HubSpot
/// never calls) are not repeated.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest.get(..end).and_then(|authority| authority.rfind('@')) {
        Some(at) => format!("{scheme}://...@{}", rest.get(at + 1..).unwrap_or_default()),
        None => url.to_owned(),
    }
}
