// The peer of every JavaScript bench (Node and workerd): HubSpot's SDK check,
// @hubspot/api-client's Signature.isValid with v3, on the body's text. Its signature check
// needs the body as a string, so its time includes the UTF-8 decode (`text()`).

export const SECRET = 'bench-client-secret-0123456789';
export const URL_ = 'https://example.com/hubspot/webhook?portal=1';

/** The body's text once the SDK accepted it; throws if it does not. */
export function sdkChecked(Signature, headers, text) {
  const requestBody = text();
  const ok = Signature.isValid({
    signatureVersion: 'v3',
    signature: headers['x-hubspot-signature-v3'],
    clientSecret: SECRET,
    requestBody,
    url: URL_,
    method: 'POST',
    timestamp: Number(headers['x-hubspot-request-timestamp']),
  });
  if (!ok) throw new Error('peer: signature did not verify');
  return requestBody;
}

/** The headers HubSpot would send (the package's signedHeaders), lower-cased as servers see them. */
export function lowerCased(headers) {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
