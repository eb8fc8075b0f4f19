// The caller's arguments as the module takes them: bodies as bytes, requests as one text of
// strings, the core's options as one object. Every mistake is a HubSpotUsageError that names
// the argument; no HubSpot rule lives here.
import { schema } from './core.js';
import { usage } from './errors.js';

const encoder = new TextEncoder();

export function describe(value) {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? `an object (${Object.prototype.toString.call(value).slice(8, -1)})` : `a ${typeof value}`;
}

export function bodyBytes(body) {
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

/** An option of the HTTP helpers only: the declared Content-Length of a body they did not read (over the limit). */
export const DECLARED_LENGTH = Symbol('declared body length');

/**
 * The bytes of a body the module takes: all of them, or of a body over the size limit
 * (`maxBodyBytes`, else the core's default) the first limit + 1, which the core refuses as
 * body_too_large (told the full length). A body of gigabytes is never copied into the module's
 * memory, which cannot give it back (nor hold 4 GiB).
 */
export function withinLimit(bytes, options) {
  let limit = Number(options.maxBodyBytes ?? schema.defaultMaxBodyBytes);
  if (!(limit >= 0)) limit = schema.defaultMaxBodyBytes; // a bad option: the core names it
  return bytes.length > limit + 1 ? bytes.subarray(0, limit + 1) : bytes;
}

const HEADERS_SHAPE = 'a Fetch Headers, a Map, [name, value] pairs or a plain object of names to values';

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

/** A URL option: a string, a URL, or a function of the request giving one (undefined: the request's own). */
function configuredUrl(url, request) {
  const value = typeof url === 'function' ? url(request) : url;
  if (value === undefined || value === null || typeof value === 'string') return value ?? undefined;
  if (typeof URL === 'function' && value instanceof URL) return value.href;
  throw usage(`option url is ${describe(value)}: pass the full public URL HubSpot called, as a string or URL (or a function of the request giving one)`);
}

const ORIGIN = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([\s\S]*)$/;

/**
 * The full URL HubSpot called. `options.url` wins; a Fetch request has it; Node gives only the
 * request-target as sent, so the URL is rebuilt from the Host header. With `trustProxy`,
 * X-Forwarded-Proto and X-Forwarded-Host replace the scheme and host of either.
 */
export function requestUrl(request, options) {
  const configured = configuredUrl(options.url, request);
  if (configured !== undefined) return configured;
  let url = request.originalUrl ?? request.url;
  if (typeof URL === 'function' && url instanceof URL) url = url.href;
  if (url !== undefined && url !== null && typeof url !== 'string') {
    throw usage(`the request's url is ${describe(url)}: it must be a string (or pass the \`url\` option)`);
  }
  if (typeof url !== 'string' || url === '') {
    throw usage('the request has no URL: pass the full public URL HubSpot called as the `url` option (v2 and v3 signatures cover it)');
  }
  const headers = request.headers;
  const forwarded = (name) => {
    const v = options.trustProxy === true ? headerOf(headers, name) : undefined;
    return typeof v === 'string' && v !== '' ? v.split(',')[0].trim() : undefined;
  };
  if (url.startsWith('/')) {
    const host = forwarded('x-forwarded-host') ?? headerOf(headers, 'host');
    if (host === undefined) return url; // the core's mismatch message says a full URL is needed
    const proto = forwarded('x-forwarded-proto') ?? (request.socket?.encrypted ? 'https' : 'http');
    return `${proto}://${host}${url}`;
  }
  const m = options.trustProxy === true ? ORIGIN.exec(url) : null;
  if (m === null) return url;
  return `${forwarded('x-forwarded-proto') ?? m[1]}://${forwarded('x-forwarded-host') ?? m[2]}${m[3]}`;
}

export function secretList(options) {
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

const BITS = new DataView(new ArrayBuffer(8));

/** A number's IEEE 754 bits, read as a signed 64-bit integer, in decimal. */
function floatBits(v) {
  BITS.setFloat64(0, v);
  return BITS.getBigInt64(0).toString();
}

/** No option set: the core's defaults. */
const NO_OPTIONS = [];

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/**
 * An option's value as a piece (src/exports.rs, `set_pieces`): a kind letter and the value's
 * text, for the core to set by name and check (Options::set, FixtureOptions::set). A Date is its
 * Unix ms; a bigint beyond the core's integers goes as a float, which the core names as out of
 * range; a value of another type as its type's name, which the core names in its error.
 */
export function optionPiece(value) {
  const v = value instanceof Date ? value.getTime() : value;
  if (typeof v === 'boolean') return v ? 'b1' : 'b0';
  if (typeof v === 'number') return Number.isSafeInteger(v) ? 'i' + String(v) : 'f' + floatBits(v);
  if (typeof v === 'bigint') return v >= I64_MIN && v <= I64_MAX ? 'i' + String(v) : 'f' + floatBits(Number(v));
  if (typeof v === 'string') return 's' + v;
  return 'o' + (Array.isArray(v) ? 'array' : typeof v);
}

/**
 * The core's options among `options` (its names from the module's table) as pieces: each name,
 * then its piece (optionPiece).
 */
export function coreOptions(options) {
  let out = NO_OPTIONS;
  for (const name of schema.optionNames) {
    const v = options[name];
    if (v === undefined || v === null) continue;
    if (out === NO_OPTIONS) out = [];
    out.push(name, optionPiece(v));
  }
  return out;
}

/** Unix milliseconds as the core's i64 (a bigint across the boundary): a number, a bigint or a Date. */
export function millis(value, name) {
  const v = value instanceof Date ? value.getTime() : value;
  let ms;
  if (typeof v === 'bigint') ms = v;
  else if (typeof v === 'number' && Number.isFinite(v)) ms = BigInt(Math.trunc(v));
  else throw usage(`${name} must be Unix milliseconds (a number such as Date.now(), a bigint or a Date), got ${typeof v === 'number' ? v : describe(v)}`);
  if (ms < I64_MIN || ms > I64_MAX) throw usage(`${name} is out of the range of a 64-bit integer of milliseconds: ${v}`);
  return ms;
}

/** The time of a call (option `now`, default now) as the decimal text of its Unix ms. */
export function nowText(options) {
  const v = options.now ?? Date.now();
  return typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : String(millis(v, 'option now'));
}

export const wellFormed =
  typeof ''.isWellFormed === 'function'
    ? (s) => (s.isWellFormed() ? s : s.toWellFormed())
    : (s) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/**
 * A call's strings for the module (src/exports.rs, `call`): the time, the method, the URL, the
 * secrets, the header names and values, then the option pieces; and how many secrets and option
 * pieces there are.
 */
export function callStrings(request, options) {
  const method = request.method ?? 'POST';
  if (typeof method !== 'string') throw usage(`the request's method is ${describe(method)}: it must be a string such as "POST"`);
  const list = [nowText(options), method, requestUrl(request, options)];
  const secrets = secretList(options);
  for (const s of secrets) list.push(s);
  flatHeaders(request.headers, list);
  const o = coreOptions(options);
  for (const piece of o) list.push(piece);
  return { list, secrets: secrets.length, options: o.length };
}

/** `n` as a u32, little-endian, at `p` of `mem`. */
function putU32(mem, p, n) {
  mem[p] = n & 255;
  mem[p + 1] = (n >>> 8) & 255;
  mem[p + 2] = (n >>> 16) & 255;
  mem[p + 3] = n >>> 24;
}

/**
 * Writes a call's arguments into a module's input buffer (core.js, inputOf; src/exports.rs,
 * `with_input`): the strings' UTF-8 (a lone surrogate as U+FFFD), the body's bytes, then each
 * string's length in bytes (u32, little-endian). Grows the buffer when needed; returns the bytes
 * written. The strings go as one text in one encodeInto: when it writes one byte per UTF-16 unit
 * they are all ASCII, and each one's length is its JavaScript length.
 */
export function writeInput(input, strings, body) {
  const text = strings.join('');
  const need = 3 * text.length + body.length + 4 * strings.length;
  if (need > input.size) {
    input.size = Math.max(need, 2 * input.size, 4096);
    input.at = input.glue.input(input.size);
  }
  if (input.bytes.length === 0) input.bytes = new Uint8Array(input.memory.buffer);
  const mem = input.bytes;
  const at = input.at;
  const written = encoder.encodeInto(text, mem.subarray(at)).written;
  let p = at + written;
  const ascii = written === text.length;
  if (!ascii) p = at;
  const lengths = new Array(strings.length);
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i];
    if (ascii) lengths[i] = s.length;
    else p += lengths[i] = encoder.encodeInto(s, mem.subarray(p)).written;
  }
  mem.set(body, p);
  p += body.length;
  for (let i = 0; i < lengths.length; i++, p += 4) putU32(mem, p, lengths[i]);
  return p - at;
}

/**
 * Throws for a name among `given`'s that is none of `names` (the core's options and the
 * package's own), as a typo such as `toleranceMS` or `tolerance_ms` would otherwise leave the
 * default in force without a word.
 */
export function knownNames(given, names, what = 'option') {
  for (const name of Object.keys(given)) {
    if (given[name] === undefined || names.includes(name)) continue;
    const plain = name.toLowerCase().replace(/_/g, '');
    const near = names.find((n) => n.toLowerCase() === plain);
    const hint = near === undefined ? '' : `: did you mean ${near}?`;
    throw usage(`unknown ${what} ${JSON.stringify(name)}${hint} (the ${what}s are ${names.join(', ')})`);
  }
}

/** The names a verifying call's options may have: the core's, then the package's own. */
let callNames;
export function callOptionNames() {
  return (callNames ??= [...schema.optionNames, 'secret', 'secrets', 'body', 'url', 'trustProxy', 'now']);
}

export function checkOptions(options, names = schema.optionNames) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw usage(`the options are ${describe(options)}: pass an object such as { secret }`);
  }
  knownNames(options, names);
}

export function checkRequest(request, options) {
  const bytes = request instanceof ArrayBuffer || ArrayBuffer.isView(request);
  if (request === null || typeof request !== 'object' || bytes) {
    const hint = typeof request === 'string' || bytes ? ' (the body goes in the request or in the `body` option)' : '';
    throw usage(`the request is ${describe(request)}: pass a Fetch Request-like { method, url, headers, body } or a Node IncomingMessage${hint}`);
  }
  checkOptions(options, callOptionNames());
}

export function text(value, name) {
  if (typeof value !== 'string') throw usage(`${name} must be a string`);
  return value;
}
