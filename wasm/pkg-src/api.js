// The JavaScript API of hubspot-webhooks. It adapts requests (Fetch `Request`-likes, Node's
// `IncomingMessage`), bodies and options to the Rust core compiled to WebAssembly, and turns its
// answers into plain objects and `Error` subclasses. No HubSpot rule lives here: signatures,
// headers, timestamps, parsing, options, HTTP answers and router patterns are all the core's.
import { digestsFor, mainInput, schema, toolsInput, wasm } from './core.js';
import { requireReady, throwAnswer, tools, usage } from './errors.js';
import { bodyBytes, callStrings, checkOptions, checkRequest, coreOptions, describe, DECLARED_LENGTH, knownNames, millis, text, withinLimit, writeInput } from './arguments.js';
import { delivery } from './decoding.js';

export { init, initSync } from './core.js';
export { HubSpotWebhookError, HubSpotSignatureError, HubSpotPayloadError, HubSpotUsageError, errorCodes } from './errors.js';
export { unknownFields } from './decoding.js';
export { WebhookRouter, createRouter } from './router.js';
export { statusFor, createFetchHandler, createNodeMiddleware } from './http.js';
export { diagnose, fixtures } from './tools.js';

function call(request, options, parse) {
  requireReady();
  checkRequest(request, options);
  const c = callStrings(request, options);
  const body = options.body !== undefined ? options.body : request.body;
  const full = bodyBytes(body);
  const bytes = withinLimit(full, options);
  digestsFor(bytes.length);
  const total = writeInput(mainInput, c.list, bytes);
  // The body's full length: the core refuses a body cut at the limit (or one not read) with it.
  const length = options[DECLARED_LENGTH] ?? full.length;
  const answer = wasm.verify(total, c.list.length, c.secrets, c.options, bytes.length, parse, length);
  try {
    return delivery(answer, body, bytes);
  } catch (error) {
    // `diagnose: true`: a signature or timestamp failure runs again in the tools module, whose
    // core searches for the cause; its error carries the findings (diagnosis, detailedMessage).
    if (options.diagnose === true && error?.family === 'signature') {
      const glue = tools();
      const again = glue.verify(writeInput(toolsInput(), c.list, bytes), c.list.length, c.secrets, c.options, bytes.length, parse, length);
      if (again.startsWith('{"error"')) throwAnswer(again);
    }
    throw error;
  }
}

/**
 * Verifies a request's HubSpot signature. Returns `{ version, secretIndex }`; throws a
 * HubSpotSignatureError (or Payload/Usage error) otherwise.
 */
export function verify(request, options = {}) {
  const out = call(request, options, false);
  return { version: out.version, secretIndex: out.secretIndex };
}

/**
 * Verifies a request and parses its body: `{ kind, version, secretIndex, events, rejected,
 * channelEvent }`; `kind` is "batch" (events) or "channel" (one Custom Channels event in
 * `channelEvent`, `events` empty), as the body decides.
 */
export function verifyAndParse(request, options = {}) {
  return call(request, options, true);
}

/** Parses a body without checking any signature: `{ kind, events, rejected, channelEvent }`. */
export function parseBatch(body, options = {}) {
  requireReady();
  checkOptions(options);
  const full = bodyBytes(body);
  const bytes = withinLimit(full, options);
  const o = coreOptions(options);
  const out = delivery(wasm.parse(writeInput(mainInput, o, bytes), o.length, bytes.length, full.length), body, bytes);
  return { kind: out.kind, events: out.events, rejected: out.rejected, channelEvent: out.channelEvent };
}

/** The typed fields of an event, from the core's table: `{ json, name, kind, required, carriedBy, doc, ... }`. */
export function eventFields() {
  requireReady();
  return schema.fields.map((f) => ({ ...f }));
}

// ---------------------------------------------------------------------------------------------
// Signing (to test your own handlers)

/** A signature, or the core's error (a digest failure). */
function signature(answer) {
  if (answer.startsWith('{')) throwAnswer(answer);
  return answer;
}

/** The v1 signature (hex) of `body`. */
export function signV1(secret, body) {
  requireReady();
  return signature(tools().sign('v1', text(secret, 'secret'), '', '', bodyBytes(body), ''));
}

/** The v2 signature (hex) of method, URL and body. */
export function signV2(secret, method, url, body) {
  requireReady();
  return signature(tools().sign('v2', text(secret, 'secret'), text(method, 'method'), text(url, 'url'), bodyBytes(body), ''));
}

/** The v3 signature (base64) of method, URL, body and timestamp (the header text, or ms). */
export function signV3(secret, method, url, body, timestamp) {
  requireReady();
  const ts = typeof timestamp === 'string' ? timestamp : String(millis(timestamp, 'timestamp'));
  return signature(tools().sign('v3', text(secret, 'secret'), text(method, 'method'), text(url, 'url'), bodyBytes(body), ts));
}

/**
 * The headers HubSpot would send with `body` to `url`: Content-Type, the v1 and v3 signatures
 * and the timestamp (default now).
 */
export function signedHeaders(args = {}) {
  requireReady();
  if (args === null || typeof args !== 'object') throw usage(`signedHeaders takes { secret, url, body, timestamp }, got ${describe(args)}`);
  knownNames(args, ['secret', 'url', 'body', 'method', 'timestamp'], 'signedHeaders argument');
  const { secret, url, body, method = 'POST', timestamp } = args;
  const ts = millis(timestamp ?? Date.now(), 'timestamp');
  const answer = tools().signedHeaders(text(secret, 'secret'), text(method, 'method'), text(url, 'url'), bodyBytes(body), ts);
  if (answer.startsWith('{')) throwAnswer(answer);
  return Object.fromEntries(JSON.parse(answer));
}
