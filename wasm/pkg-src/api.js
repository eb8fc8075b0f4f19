// The JavaScript API of hubspot-webhooks. It adapts requests (Fetch `Request`-likes, Node's
// `IncomingMessage`), bodies and options to the Rust core compiled to WebAssembly, and turns its
// answers into plain objects and `Error` subclasses. No HubSpot rule lives here: signatures,
// headers, timestamps and parsing are all the core's.
import wasmInit, * as wasm from './hubspot_webhooks_wasm.js';
import { platform } from './platform.js';

let ready = false;

/**
 * SHA-256 and HMAC-SHA256 from the host's `createHash` / `createHmac` (node:crypto), called
 * synchronously by the core (its Digests hook) with the parts as [address, length, ...] of the
 * module's memory: they are hashed in place, never copied. The core keeps every rule of what is
 * hashed; an exception here makes it fall back to its own digests.
 */
function hostDigests(crypto, memory) {
  const bytes = (ranges, i) => new Uint8Array(memory.buffer, ranges[i], ranges[i + 1]);
  return {
    calls: 0,
    sha256(parts, out) {
      const hash = crypto.createHash('sha256');
      for (let i = 0; i < parts.length; i += 2) hash.update(bytes(parts, i));
      out.set(hash.digest());
      this.calls++;
    },
    hmacSha256(key, parts, out) {
      const mac = crypto.createHmac('sha256', bytes(key, 0));
      for (let i = 0; i < parts.length; i += 2) mac.update(bytes(parts, i));
      out.set(mac.digest());
      this.calls++;
    },
  };
}

function initialised(exports) {
  const crypto = platform.crypto;
  if (platform.digestHost === undefined && crypto && typeof crypto.createHash === 'function' && typeof crypto.createHmac === 'function') {
    platform.digestHost = hostDigests(crypto, exports.memory);
    wasm.setDigestHost(platform.digestHost);
  }
  ready = true;
}

/** Instantiates the WebAssembly module synchronously (hubspot-webhooks/slim). */
export function initSync(input) {
  if (ready) return;
  const module = input !== null && typeof input === 'object' && 'module' in input ? input.module : input;
  initialised(wasm.initSync({ module }));
}

/** Instantiates the WebAssembly module (hubspot-webhooks/slim): a URL, Response, bytes or Module. */
export async function init(input) {
  if (ready) return;
  const source = input !== null && typeof input === 'object' && 'module_or_path' in input ? input.module_or_path : input;
  initialised(await wasmInit(source === undefined ? undefined : { module_or_path: source }));
}

function requireReady() {
  if (!ready) {
    // The code string needs the module itself, which is not there yet.
    throw new HubSpotUsageError(
      'invalid_argument: hubspot-webhooks/slim is not initialised: call initSync({ module }) or await init() first',
      { code: 'invalid_argument', family: 'usage' },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Errors

/** Every error of this package. `code` is the stable snake_case code of the core. */
export class HubSpotWebhookError extends Error {
  constructor(message, details = {}) {
    super(message);
    this.code = details.code;
    this.family = details.family;
    if (details.index !== undefined) this.index = details.index;
    if (details.field !== undefined) this.field = details.field;
  }
}
Object.defineProperty(HubSpotWebhookError.prototype, 'name', { value: 'HubSpotWebhookError', writable: true, configurable: true });

/** The request is not authentic or not fresh (missing, malformed or wrong signature, stale timestamp). */
export class HubSpotSignatureError extends HubSpotWebhookError {}
Object.defineProperty(HubSpotSignatureError.prototype, 'name', { value: 'HubSpotSignatureError', writable: true, configurable: true });

/** The body is not a valid batch of events (too large, not JSON, not an array, a bad event). */
export class HubSpotPayloadError extends HubSpotWebhookError {}
Object.defineProperty(HubSpotPayloadError.prototype, 'name', { value: 'HubSpotPayloadError', writable: true, configurable: true });

/** The caller's mistake: no secret, a parsed body instead of the raw bytes, a bad option. */
export class HubSpotUsageError extends HubSpotWebhookError {}
Object.defineProperty(HubSpotUsageError.prototype, 'name', { value: 'HubSpotUsageError', writable: true, configurable: true });

const ERROR_CLASS = { signature: HubSpotSignatureError, payload: HubSpotPayloadError, usage: HubSpotUsageError };

function toError(e) {
  const Class = ERROR_CLASS[e.family] ?? HubSpotWebhookError;
  return new Class(`${e.code}: ${e.message}`, e);
}

function usage(message) {
  // Before initialisation (hubspot-webhooks/slim) the module cannot spell the code itself.
  if (!ready) return new HubSpotUsageError(`invalid_argument: ${message}`, { code: 'invalid_argument', family: 'usage' });
  return toError(JSON.parse(wasm.usageError(message)).error);
}

/** Parses an answer of the core, throwing its error. */
function answer(text) {
  const out = JSON.parse(text);
  if (out.error !== undefined) throw toError(out.error);
  return out;
}

let codes;
/** Every error code of the core: `{ code, family, number, description }`. */
export function errorCodes() {
  requireReady();
  codes ??= JSON.parse(wasm.errorCodes());
  return codes.map((c) => ({ ...c }));
}

// ---------------------------------------------------------------------------------------------
// Arguments

const encoder = new TextEncoder();

function bodyBytes(body) {
  if (body instanceof Uint8Array) return body; // Buffer too
  if (typeof body === 'string') return encoder.encode(body);
  if (body instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && body instanceof SharedArrayBuffer)) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body === undefined || body === null) {
    throw usage('no body: pass the raw request body (a string, Buffer, Uint8Array or ArrayBuffer) as `body`');
  }
  if (typeof body.getReader === 'function' || typeof body.pipe === 'function') {
    throw usage(
      'the body is a stream: read it first and pass the bytes, e.g. `verifyAndParse(request, { secret, body: await request.arrayBuffer() })`, or use createFetchHandler / createNodeMiddleware, which read it themselves',
    );
  }
  if (typeof body.arrayBuffer === 'function') {
    throw usage('the body is a Blob (or a Request/Response): read it first and pass the bytes, e.g. `body: await blob.arrayBuffer()`');
  }
  if (typeof body === 'object') {
    throw usage(
      'the body is a parsed JSON value, not the raw bytes: the signature covers the exact bytes HubSpot sent, and JSON.stringify does not give them back. ' +
        'Pass the raw body: in Express mount express.raw({ type: "application/json" }) on the webhook route before express.json(), or use createNodeMiddleware, which reads the body itself',
    );
  }
  throw usage(`the body is a ${typeof body}: pass the raw request body as a string, Buffer, Uint8Array or ArrayBuffer`);
}

const HEADERS_SHAPE = 'a Fetch Headers, a Map, [name, value] pairs or a plain object of names to values';

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? `an object (${Object.prototype.toString.call(value).slice(8, -1)})` : `a ${typeof value}`;
}

/** A header value: a string, or a number (a timestamp) as its text; several for a repeated header. */
function pushHeader(out, name, value) {
  if (typeof name !== 'string') throw usage(`a header name is ${describe(name)}: header names are strings`);
  if (typeof value === 'string') out.push(name, value);
  else if (typeof value === 'number' || typeof value === 'bigint') out.push(name, String(value));
  else if (value === undefined || value === null) return; // absent, as Node leaves unset headers
  else if (Array.isArray(value)) for (const v of value) pushHeader(out, name, v);
  else throw usage(`header ${JSON.stringify(name)} is ${describe(value)}: header values are strings`);
}

/** Headers appended to `out` as name, value, ...: Fetch `Headers`, a `Map`, pairs, or Node's header object. */
function flatHeaders(headers, out) {
  if (headers === undefined || headers === null) return out;
  if (typeof headers !== 'object') throw usage(`\`headers\` is ${describe(headers)}: pass ${HEADERS_SHAPE}`);
  if (typeof headers.forEach === 'function' && typeof headers.get === 'function') {
    headers.forEach((value, name) => pushHeader(out, name, value));
  } else if (typeof headers[Symbol.iterator] === 'function') {
    for (const pair of headers) {
      if (!Array.isArray(pair) || pair.length !== 2) throw usage(`a header pair is ${describe(pair)}: header pairs are [name, value] arrays`);
      pushHeader(out, pair[0], pair[1]);
    }
  } else {
    for (const name of Object.keys(headers)) pushHeader(out, name, headers[name]);
  }
  return out;
}

function headerOf(headers, name) {
  if (headers === undefined || headers === null) return undefined;
  if (typeof headers.get === 'function') return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The full URL HubSpot called. `options.url` wins; a Fetch request has it; Node gives only the
 * path, so the URL is rebuilt from the Host header (and, with `trustProxy`, X-Forwarded-Proto
 * and X-Forwarded-Host).
 */
function requestUrl(request, options) {
  if (options.url !== undefined && options.url !== null) {
    if (typeof options.url === 'string') return options.url;
    if (typeof URL === 'function' && options.url instanceof URL) return options.url.href;
    throw usage(`option url is ${describe(options.url)}: pass the full public URL HubSpot called, as a string or URL`);
  }
  let url = request.originalUrl ?? request.url;
  if (typeof URL === 'function' && url instanceof URL) url = url.href;
  if (url !== undefined && url !== null && typeof url !== 'string') {
    throw usage(`the request's url is ${describe(url)}: it must be a string (or pass the \`url\` option)`);
  }
  if (typeof url !== 'string' || url === '') {
    throw usage('the request has no URL: pass the full public URL HubSpot called as the `url` option (v2 and v3 signatures cover it)');
  }
  if (!url.startsWith('/')) return url;
  const headers = request.headers;
  const forwarded = (name) => {
    const v = options.trustProxy ? headerOf(headers, name) : undefined;
    return typeof v === 'string' && v !== '' ? v.split(',')[0].trim() : undefined;
  };
  const host = forwarded('x-forwarded-host') ?? headerOf(headers, 'host');
  if (host === undefined) return url; // the core's mismatch message says a full URL is needed
  const proto = forwarded('x-forwarded-proto') ?? (request.socket?.encrypted ? 'https' : 'http');
  return `${proto}://${host}${url}`;
}

function secretList(options) {
  let secrets = options.secrets ?? options.secret;
  if (secrets === undefined || secrets === null) {
    throw usage("no secret: pass `secret` (your app's client secret, from the app's Auth settings) or `secrets` (several, during a rotation)");
  }
  if (!Array.isArray(secrets)) secrets = [secrets];
  for (const s of secrets) {
    if (typeof s !== 'string') {
      throw usage(`a secret is ${describe(s)}: pass your app's client secret as a string (is the environment variable set?)`);
    }
  }
  return secrets;
}

function optionalNumber(options, name) {
  const v = options[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number') throw usage(`option ${name} must be a number, got ${describe(v)}`);
  return v;
}

function flag(options, name) {
  const v = options[name];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw usage(`option ${name} must be true or false, got ${describe(v)}`);
  return v;
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** Unix milliseconds as the core's i64 (a bigint across the boundary): a number, a bigint or a Date. */
function millis(value, name) {
  const v = value instanceof Date ? value.getTime() : value;
  let ms;
  if (typeof v === 'bigint') ms = v;
  else if (typeof v === 'number' && Number.isFinite(v)) ms = BigInt(Math.trunc(v));
  else throw usage(`${name} must be Unix milliseconds (a number such as Date.now(), a bigint or a Date), got ${typeof v === 'number' ? v : describe(v)}`);
  if (ms < I64_MIN || ms > I64_MAX) throw usage(`${name} is out of the range of a 64-bit integer of milliseconds: ${v}`);
  return ms;
}

function nowMs(options) {
  return millis(options.now ?? Date.now(), 'option now');
}

const wellFormed =
  typeof ''.isWellFormed === 'function'
    ? (s) => (s.isWellFormed() ? s : s.toWellFormed())
    : (s) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/**
 * The strings of a request for the module, as one text (one crossing rather than one per
 * string) and their lengths: method, URL, secrets, then header names and values. A lone
 * surrogate becomes U+FFFD, as it would in UTF-8 anyway, so lengths count what the module sees.
 */
function requestStrings(request, options) {
  const method = request.method ?? 'POST';
  if (typeof method !== 'string') throw usage(`the request's method is ${describe(method)}: it must be a string such as "POST"`);
  const list = [method, requestUrl(request, options)];
  const secrets = secretList(options);
  for (const s of secrets) list.push(s);
  flatHeaders(request.headers, list);
  const lengths = new Uint32Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const s = wellFormed(list[i]);
    list[i] = s;
    lengths[i] = s.length;
  }
  return { text: list.join(''), lengths, secretCount: secrets.length };
}

function checkRequest(request, options) {
  const bytes = request instanceof ArrayBuffer || ArrayBuffer.isView(request);
  if (request === null || typeof request !== 'object' || bytes) {
    const hint = typeof request === 'string' || bytes ? ' (the body goes in the request or in the `body` option)' : '';
    throw usage(`the request is ${describe(request)}: pass a Fetch Request-like { method, url, headers, body } or a Node IncomingMessage${hint}`);
  }
  checkOptions(options);
}

function checkOptions(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw usage(`the options are ${describe(options)}: pass an object such as { secret }`);
  }
}

function bodyOf(request, options) {
  return options.body !== undefined ? options.body : request.body;
}

// ignoreBOM: keep a leading BOM, so that offsets count the same characters as the core.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

let fieldNames;

/**
 * The core's answer to a call as the package's result. The module answers with a text (every
 * string of the delivery, one after the other) and numbers (`takeNumbers`) that describe the
 * events member by member (see "Events" in src/lib.rs); the events are built here as plain
 * objects, with no JSON in between. Each event's `rawJson` is a slice of the body's text (`body`
 * is the raw body as given, a string used as is, and `bytes` its bytes), so it is never copied
 * through the module and stays right when the caller reuses its buffer afterwards; so are the
 * string fields that stand unescaped in the body (sliced from the text the core read: a string
 * body made well-formed). The members every event has come first, as one object literal (one
 * shape from the start).
 */
function delivery(text, body, bytes) {
  const n = wasm.takeNumbers();
  if (n[0] !== 0) throw toError(JSON.parse(text).error);
  fieldNames ??= JSON.parse(wasm.eventFieldNames());
  const names = fieldNames;
  const count = n[5];
  const strings = new Array(count);
  let p = 6;
  for (let i = 0, at = 0; i < count; i++) {
    const end = n[p++];
    strings[i] = text.slice(at, end);
    at = end;
  }
  const events = new Array(n[4]);
  let index = 0;
  let bodyText;
  let fieldText;
  let e;
  let outer;
  while (p < n.length) {
    const op = n[p++];
    const name = names[op >>> 4];
    switch (op & 15) {
      case 0: // string
        e[name] = strings[n[p++]];
        break;
      case 1: // number
        e[name] = n[p++];
        break;
      case 2:
        e[name] = true;
        break;
      case 3:
        e[name] = false;
        break;
      case 4: // a time or count beyond 2^53 (no real time is): a bigint, not a rounded number
        e[name] = BigInt(strings[n[p++]]);
        break;
      case 5: // JSON as sent (a propertyValue that is not a string)
        e[name] = JSON.parse(strings[n[p++]]);
        break;
      case 6: {
        // strings
        const list = new Array(n[p++]);
        for (let i = 0; i < list.length; i++) list[i] = strings[n[p++]];
        e[name] = list;
        break;
      }
      case 7: // a nested object
        outer = e;
        e = {};
        outer[name] = e;
        break;
      case 8: // the end of a nested object or of an event
        if (outer !== undefined) {
          e = outer;
          outer = undefined;
        } else {
          events[index++] = e;
          e = undefined; // the next event starts with its head
        }
        break;
      case 10: {
        // the members every event has (one shape, built at once; see kind::HEAD in src/lib.rs)
        fieldText ??= typeof body === 'string' ? wellFormed(body) : (bodyText ??= decoder.decode(bytes));
        const subscriptionType = n[p] >= 0 ? fieldText.slice(n[p], n[p + 1]) : strings[n[p + 1]];
        const occurredAt = n[p + 9] < 0 ? n[p + 8] : BigInt(strings[n[p + 9]]);
        e =
          n[p + 5] >= 0
            ? {
                subscriptionType,
                objectType: strings[n[p + 2]],
                action: strings[n[p + 3]],
                eventId: strings[n[p + 4]],
                subscriptionId: strings[n[p + 5]],
                portalId: strings[n[p + 6]],
                appId: strings[n[p + 7]],
                occurredAt,
                attemptNumber: n[p + 10],
              }
            : {
                subscriptionType,
                objectType: strings[n[p + 2]],
                action: strings[n[p + 3]],
                eventId: strings[n[p + 4]],
                portalId: strings[n[p + 6]],
                appId: strings[n[p + 7]],
                occurredAt,
                attemptNumber: n[p + 10],
              };
        p += 11;
        break;
      }
      case 11: // a string field, a slice of the body's text as the core read it
        fieldText ??= typeof body === 'string' ? wellFormed(body) : (bodyText ??= decoder.decode(bytes));
        e[name] = fieldText.slice(n[p], n[p + 1]);
        p += 2;
        break;
      case 9: // a slice of the body
        bodyText ??= typeof body === 'string' ? body : decoder.decode(bytes);
        e[name] = bodyText.slice(n[p], n[p + 1]);
        p += 2;
        break;
      default:
        throw new Error(`hubspot-webhooks: unknown member kind ${op & 15} from the WebAssembly module (mismatched files?)`);
    }
  }
  const rejected = n[3] >= 0 ? JSON.parse(strings[n[3]]) : [];
  for (const r of rejected) r.error = toError(r.error);
  return { version: n[1] >= 0 ? strings[n[1]] : undefined, secretIndex: n[2] >= 0 ? n[2] : undefined, events, rejected };
}

// ---------------------------------------------------------------------------------------------
// Verification and parsing

/**
 * Verifies a request's HubSpot signature. Returns `{ version, secretIndex }`; throws a
 * HubSpotSignatureError (or Payload/Usage error) otherwise.
 */
export function verify(request, options = {}) {
  requireReady();
  checkRequest(request, options);
  const strings = requestStrings(request, options);
  const out = delivery(
    wasm.verifyRequest(
      strings.text,
      strings.lengths,
      strings.secretCount,
      bodyBytes(bodyOf(request, options)),
      nowMs(options),
      optionalNumber(options, 'toleranceMs'),
      optionalNumber(options, 'maxFutureMs'),
      flag(options, 'requireV3'),
      optionalNumber(options, 'maxBodyBytes'),
    ),
  );
  return { version: out.version, secretIndex: out.secretIndex };
}

/**
 * Verifies a request and parses its body: `{ version, secretIndex, events, rejected }`.
 */
export function verifyAndParse(request, options = {}) {
  requireReady();
  checkRequest(request, options);
  const strings = requestStrings(request, options);
  const body = bodyOf(request, options);
  const bytes = bodyBytes(body);
  const text = wasm.verifyAndParseRequest(
    strings.text,
    strings.lengths,
    strings.secretCount,
    bytes,
    nowMs(options),
    optionalNumber(options, 'toleranceMs'),
    optionalNumber(options, 'maxFutureMs'),
    flag(options, 'requireV3'),
    optionalNumber(options, 'maxBodyBytes'),
    flag(options, 'partial'),
    optionalNumber(options, 'maxEvents'),
  );
  return delivery(text, body, bytes);
}

/** Parses a body without checking any signature: `{ events, rejected }`. */
export function parseBatch(body, options = {}) {
  requireReady();
  checkOptions(options);
  const bytes = bodyBytes(body);
  const out = delivery(
    wasm.parseBody(bytes, flag(options, 'partial'), optionalNumber(options, 'maxBodyBytes'), optionalNumber(options, 'maxEvents')),
    body,
    bytes,
  );
  return { events: out.events, rejected: out.rejected };
}

// ---------------------------------------------------------------------------------------------
// Signing (to test your own handlers)

function text(value, name) {
  if (typeof value !== 'string') throw usage(`${name} must be a string`);
  return value;
}

/** The v1 signature (hex) of `body`. */
export function signV1(secret, body) {
  requireReady();
  return wasm.signV1(text(secret, 'secret'), bodyBytes(body));
}

/** The v2 signature (hex) of method, URL and body. */
export function signV2(secret, method, url, body) {
  requireReady();
  return wasm.signV2(text(secret, 'secret'), text(method, 'method'), text(url, 'url'), bodyBytes(body));
}

/** The v3 signature (base64) of method, URL, body and timestamp (the header text, or ms). */
export function signV3(secret, method, url, body, timestamp) {
  requireReady();
  const ts = typeof timestamp === 'string' ? timestamp : String(millis(timestamp, 'timestamp'));
  return wasm.signV3(text(secret, 'secret'), text(method, 'method'), text(url, 'url'), bodyBytes(body), ts);
}

/**
 * The headers HubSpot would send with `body` to `url`: Content-Type, the v1 and v3 signatures
 * and the timestamp (default now).
 */
export function signedHeaders(args = {}) {
  requireReady();
  if (args === null || typeof args !== 'object') throw usage(`signedHeaders takes { secret, url, body, timestamp }, got ${describe(args)}`);
  const { secret, url, body, method = 'POST', timestamp } = args;
  const ts = millis(timestamp ?? Date.now(), 'timestamp');
  return answer(wasm.signedHeaders(text(secret, 'secret'), text(method, 'method'), text(url, 'url'), bodyBytes(body), ts));
}

// ---------------------------------------------------------------------------------------------
// Router

function compilePattern(pattern) {
  if (typeof pattern !== 'string' || pattern === '') {
    throw usage('a route is a string: a subscription type ("conversation.newMessage"), "objectType.action" with * for any part ("contact.*"), or "*"');
  }
  if (pattern === '*') return () => true;
  const dot = pattern.indexOf('.');
  const objectType = dot < 0 ? pattern : pattern.slice(0, dot);
  const action = dot < 0 ? '*' : pattern.slice(dot + 1);
  return (e) =>
    e.subscriptionType === pattern ||
    ((objectType === '*' || objectType === e.objectType) && (action === '*' || action === e.action));
}

/**
 * Routes events to handlers. `on('conversation.newMessage', h)` matches the subscription type
 * or the object type and action (so `on('contact.creation', h)` also gets generic
 * `object.creation` events of contacts); `*` matches any part; `on('*', h)` catches all.
 */
export class WebhookRouter {
  #routes = [];

  on(pattern, handler) {
    if (typeof handler !== 'function') throw usage(`the handler for ${typeof pattern === 'string' ? JSON.stringify(pattern) : describe(pattern)} must be a function`);
    this.#routes.push({ match: compilePattern(pattern), handler });
    return this;
  }

  /** A handler for every event (the catch-all). */
  onAny(handler) {
    return this.on('*', handler);
  }

  /** The handlers that match `event`, in the order they were added. */
  handlersFor(event) {
    const out = [];
    for (const r of this.#routes) if (r.match(event)) out.push(r.handler);
    return out;
  }

  /** Runs the matching handlers of every event of a delivery, in order, one at a time. */
  async dispatch(delivery, context = {}) {
    if (delivery === null || typeof delivery !== 'object' || !Array.isArray(delivery.events)) {
      throw usage(`dispatch takes the result of verifyAndParse or parseBatch ({ events }), got ${describe(delivery)}`);
    }
    for (const event of delivery.events) {
      for (const r of this.#routes) {
        if (r.match(event)) await r.handler(event, { ...context, delivery });
      }
    }
  }
}

export function createRouter() {
  return new WebhookRouter();
}

// ---------------------------------------------------------------------------------------------
// HTTP handlers

/**
 * The HTTP status for an error: 401 for a signature problem, 413 for a body over the limit,
 * 400 for any other payload problem, 500 for a usage (configuration) problem. HubSpot retries
 * every 4xx and 5xx answer.
 */
export function statusFor(error) {
  if (!(error instanceof HubSpotWebhookError)) return 500;
  if (error instanceof HubSpotSignatureError) return 401;
  if (error instanceof HubSpotPayloadError) return error.code === 'body_too_large' ? 413 : 400;
  return 500;
}

const VERIFY_OPTIONS = ['toleranceMs', 'maxFutureMs', 'requireV3', 'maxBodyBytes', 'partial', 'maxEvents', 'url', 'trustProxy', 'now'];

function handlerConfig(config) {
  if (config === null || typeof config !== 'object') throw usage('pass a configuration object: { secret, router }');
  const router = config.router ?? new WebhookRouter();
  if (config.on !== undefined) {
    for (const [pattern, handler] of Object.entries(config.on)) router.on(pattern, handler);
  }
  if (config.secret === undefined && config.secrets === undefined) {
    throw usage("no secret: pass `secret` (your app's client secret) or `secrets`, or a function (env) => secret on Workers");
  }
  const options = {};
  for (const name of VERIFY_OPTIONS) if (config[name] !== undefined) options[name] = config[name];
  const onError = config.onError ?? ((error) => {
    if (statusFor(error) >= 500) console.error('hubspot-webhooks:', error);
  });
  return { router, options, onError, secretSource: config.secrets ?? config.secret };
}

function resolveSecret(source, env) {
  return typeof source === 'function' ? source(env) : source;
}

function errorBody(error) {
  const code = error instanceof HubSpotWebhookError ? error.code : 'handler_failed';
  const message = error instanceof HubSpotWebhookError && !(error instanceof HubSpotUsageError) ? error.message : undefined;
  return JSON.stringify(message === undefined ? { error: code } : { error: code, message });
}

/**
 * A fetch handler, `(request, env, ctx) => Promise<Response>`, for Cloudflare Workers
 * (`export default { fetch: createFetchHandler(...) }`) and fetch-style Node servers. It answers
 * 405 to anything but POST, verifies and parses the raw body, runs the router, then answers 204
 * (or the error's status, see statusFor).
 */
export function createFetchHandler(config) {
  const { router, options, onError, secretSource } = handlerConfig(config);
  return async function fetch(request, env, ctx) {
    if (request.method !== 'POST') {
      return new Response(null, { status: 405, headers: { Allow: 'POST' } });
    }
    let delivery;
    try {
      const body = new Uint8Array(await request.arrayBuffer());
      const secrets = resolveSecret(secretSource, env);
      delivery = verifyAndParse(request, { ...options, secrets, body });
    } catch (error) {
      onError(error, request);
      return new Response(errorBody(error), { status: statusFor(error), headers: { 'Content-Type': 'application/json' } });
    }
    try {
      await router.dispatch(delivery, { request, env, ctx });
    } catch (error) {
      onError(error, request);
      return new Response(JSON.stringify({ error: 'handler_failed' }), { status: 500, headers: { 'Content-Type': 'application/json' } });
    }
    return new Response(null, { status: 204 });
  };
}

function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk) => {
      if (done) return;
      const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
      chunks.push(bytes);
      size += bytes.length;
      // Past the limit, keep one byte more than allowed (the core then answers body_too_large)
      // and stop buffering.
      if (limit !== undefined && size > limit) {
        done = true;
        req.resume();
        resolve(concat(chunks, size).subarray(0, limit + 1));
      }
    });
    req.on('end', () => {
      if (!done) {
        done = true;
        resolve(concat(chunks, size));
      }
    });
    req.on('error', (e) => {
      if (!done) {
        done = true;
        reject(e);
      }
    });
  });
}

function concat(chunks, size) {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

let defaultBodyLimit;

/**
 * A Node `http` / Express handler, `(req, res, next?) => void`. It reads the raw body itself
 * (or takes `req.body` when express.raw() already read it as a Buffer), verifies and parses it,
 * runs the router and answers 204, or the error's status (see statusFor). A body that a JSON
 * body parser already parsed is a usage error that says how to fix the setup.
 */
export function createNodeMiddleware(config) {
  const { router, options, onError, secretSource } = handlerConfig(config);
  const send = (res, status, body, headers = {}) => {
    res.statusCode = status;
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (body !== undefined) res.setHeader('Content-Type', 'application/json');
    res.end(body);
  };
  const fail = (req, res, next, error) => {
    onError(error, req);
    if (statusFor(error) >= 500 && typeof next === 'function') next(error);
    else send(res, statusFor(error), errorBody(error));
  };
  return function hubspotWebhooks(req, res, next) {
    if (req.method !== 'POST') {
      send(res, 405, undefined, { Allow: 'POST' });
      return;
    }
    (async () => {
      let delivery;
      try {
        let body = req.body;
        const preRead = body instanceof Uint8Array || typeof body === 'string';
        if (!preRead) {
          if (body !== undefined && body !== null && (req.readableEnded || req.complete)) {
            throw usage(
              'the request body was already parsed by a JSON body parser (req.body is an object), so the raw bytes HubSpot signed are gone. ' +
                'Mount this middleware before express.json(), or use express.raw({ type: "application/json" }) on the webhook route',
            );
          }
          if (defaultBodyLimit === undefined) {
            requireReady();
            defaultBodyLimit = JSON.parse(wasm.defaultOptions()).maxBodyBytes;
          }
          body = await readBody(req, options.maxBodyBytes ?? defaultBodyLimit);
        }
        delivery = verifyAndParse(req, { ...options, secrets: resolveSecret(secretSource, process.env), body });
      } catch (error) {
        fail(req, res, next, error);
        return;
      }
      try {
        await router.dispatch(delivery, { req, res });
      } catch (error) {
        onError(error, req);
        if (!res.headersSent) send(res, 500, JSON.stringify({ error: 'handler_failed' }));
        return;
      }
      if (!res.headersSent) send(res, 204);
    })();
  };
}
