//! An arbitrary request for the request-level targets (`verify_request`, `diagnose`): method,
//! URL, headers, body and clock. A header's name is most often one of HubSpot's, in the
//! spellings senders and proxies use, so that the inputs reach the signature checks.

use arbitrary::Arbitrary;
use hubspot_webhooks::Request;

const NAMES: [&[u8]; 6] = [
    b"X-HubSpot-Signature-v3",
    b"x-hubspot-signature",
    b"X-HubSpot-Signature",
    b"X-HubSpot-Signature-Version",
    b"X-HUBSPOT-REQUEST-TIMESTAMP",
    b"Host",
];

#[derive(Arbitrary, Debug)]
pub struct ArbitraryRequest<'a> {
    pub method: &'a [u8],
    pub url: &'a [u8],
    /// A header: the `NAMES` entry of that number, else the name given, and the value.
    pub headers: Vec<(u8, &'a [u8], &'a [u8])>,
    pub body: &'a [u8],
    pub now_ms: i64,
}

impl<'a> ArbitraryRequest<'a> {
    pub fn request(&self) -> Request<'a> {
        let mut request = Request::new(self.method, self.url, self.body);
        for &(which, name, value) in &self.headers {
            let name: &[u8] = NAMES.get(usize::from(which)).copied().unwrap_or(name);
            request = request.header(name, value);
        }
        request
    }
}
