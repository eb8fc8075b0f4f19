// The module's answers as the package's results: deliveries (the batch protocol, documented in
// src/protocol.rs) built into plain objects, and exact JSON values. Member names come from the
// module's schema (the core's field table and derived members); none is written here.
import { memory, schema, TAG, wasm } from './core.js';
import { requireReady, throwAnswer, toError, tools, usage } from './errors.js';
import { wellFormed } from './arguments.js';
import { HEAD, SET, makeHead } from './head.js';

const { str: STR, num: NUM, true: TRUE, false: FALSE, big: BIG, json: JSON_TEXT, list: LIST, obj: OBJ, end: END, slice: SLICE, text: TEXT, start: START } = TAG;

// ignoreBOM: keep a leading BOM, so that offsets count the same characters as the core.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

const INTEGER = /^-?(?:0|[1-9]\d*)$/;
const NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** A decimal number's value as sign, significant digits and exponent (`12500.50` and `1.25005e4` alike). */
function decimal(text) {
  const m = NUMBER.exec(text);
  if (m === null) return text;
  const fraction = m[3] ?? '';
  let digits = (m[2] + fraction).replace(/^0+/, '');
  if (digits === '') return '0';
  const significant = digits.replace(/0+$/, '');
  const exponent = Number(m[4] ?? 0) - fraction.length + (digits.length - significant.length);
  return `${m[1]}${significant}e${exponent}`;
}

/**
 * A JSON number, exactly: a number when one holds its value exactly (`12500.5`, `12500.50`),
 * a bigint for an integer beyond (`12345678901234567890123n`), else its JSON text
 * (`"0.10000000000000000001"`, `"1e400"`).
 */
export function exactNumber(text) {
  const v = Number(text);
  if (Number.isFinite(v) && decimal(String(v)) === decimal(text)) return v;
  return INTEGER.test(text) ? BigInt(text) : text;
}

const STRING = /"(?:[^"\\]|\\[\s\S])*"/y;
const SCALAR = /-?\d[0-9.eE+-]*|true|false|null/y;
const SPACE = /[ \t\n\r]*/y;

function member(o, key, value) {
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

/** A JSON text the core checked, as a value with every number exact (see exactNumber). */
export function exactJson(text) {
  let i = 0;
  const skip = () => {
    SPACE.lastIndex = i;
    SPACE.exec(text);
    i = SPACE.lastIndex;
  };
  const token = (re) => {
    re.lastIndex = i;
    const m = re.exec(text);
    if (m === null) throw new Error(`hubspot-webhooks: not JSON at ${i} (mismatched files?)`);
    i = re.lastIndex;
    return m[0];
  };
  const value = () => {
    skip();
    const c = text[i];
    if (c === '"') return JSON.parse(token(STRING));
    if (c === '[' || c === '{') {
      const object = c === '{';
      const out = object ? {} : [];
      i++;
      skip();
      if (text[i] === (object ? '}' : ']')) return i++, out;
      for (;;) {
        if (object) {
          skip();
          const key = JSON.parse(token(STRING));
          skip();
          i++; // :
          member(out, key, value());
        } else out.push(value());
        skip();
        if (text[i++] !== ',') return out;
      }
    }
    const scalar = token(SCALAR);
    return scalar === 'true' ? true : scalar === 'false' ? false : scalar === 'null' ? null : exactNumber(scalar);
  };
  return value();
}

let view;

/** The module's memory as f64s (a new view after it grew: the old buffer is then detached, of length 0). */
function numbers() {
  if (view === undefined || view.length === 0) view = new Float64Array(memory.buffer);
  return view;
}

/**
 * The core's answer to a call as the package's result: the module answers with a text (every
 * string of the delivery, one after the other) and numbers (read in place, `numbersAt`) that describe the
 * events member by member. Each event's `rawJson` is a slice of the body's text (`body` is the
 * raw body as given, a string used as is, and `bytes` its bytes), so it is never copied through
 * the module and stays right when the caller reuses its buffer afterwards; so are the string
 * fields that stand unescaped in the body (sliced from the text the core read: a string body
 * made well-formed).
 */
export function delivery(text, body, bytes) {
  const n = numbers();
  const at = wasm.numbersAt() / 8;
  const H = schema.at;
  const status = n[at + H.status];
  if (status === CHANNEL) return channelDelivery(text);
  if (status !== 0) throwAnswer(text);
  const count = n[at + H.strings];
  const strings = new Array(count);
  let p = at + schema.header.length;
  for (let i = 0, from = 0; i < count; i++) {
    const to = n[p++];
    strings[i] = text.slice(from, to);
    from = to;
  }
  const eventCount = n[at + H.events];
  const events = new Array(eventCount);
  const end = at + n[at + H.length];
  let index = 0;
  // The body's text as given (rawJson), and as the core read it (string fields): a string body
  // made well-formed. Only when there are events (verify answers none).
  const bodyText = eventCount === 0 ? '' : typeof body === 'string' ? body : decoder.decode(bytes);
  const fieldText = eventCount === 0 || typeof body !== 'string' ? bodyText : wellFormed(body);
  let e;
  let outer;
  while (p < end) {
    const op = n[p++];
    const set = SET[op >>> 4];
    switch (op & 15) {
      case START: // the head, two numbers per member (head.js, generated from the module's schema)
        e = makeHead(n, p, strings, fieldText, bodyText);
        p += 2 * HEAD.length;
        break;
      case STR:
        set(e, strings[n[p++]]);
        break;
      case NUM:
        set(e, n[p++]);
        break;
      case TRUE:
        set(e, true);
        break;
      case FALSE:
        set(e, false);
        break;
      case BIG: // an integer beyond 2^53 that is no ID: a bigint, not a rounded number
        set(e, BigInt(strings[n[p++]]));
        break;
      case JSON_TEXT: // a non-string propertyValue, exact
        set(e, exactJson(strings[n[p++]]));
        break;
      case LIST: {
        const list = new Array(n[p++]);
        for (let i = 0; i < list.length; i++, p += 2) {
          const tag = n[p];
          list[i] = tag === NUM ? n[p + 1] : tag === BIG ? BigInt(strings[n[p + 1]]) : strings[n[p + 1]];
        }
        set(e, list);
        break;
      }
      case OBJ:
        outer = e;
        e = {};
        set(outer, e);
        break;
      case END:
        if (outer !== undefined) {
          e = outer;
          outer = undefined;
        } else {
          events[index++] = e;
        }
        break;
      case TEXT: // a string field, a slice of the body's text as the core read it
        set(e, fieldText.slice(n[p], n[p + 1]));
        p += 2;
        break;
      case SLICE: // a slice of the body as given
        set(e, bodyText.slice(n[p], n[p + 1]));
        p += 2;
        break;
      default:
        throw new Error(`hubspot-webhooks: unknown tag ${op & 15} from the WebAssembly module (mismatched files?)`);
    }
  }
  const rejectedAt = n[at + H.rejected];
  const rejected = rejectedAt >= 0 ? JSON.parse(strings[rejectedAt]) : [];
  for (const r of rejected) r.error = toError(r.error);
  const version = n[at + H.version];
  const secretIndex = n[at + H.secretIndex];
  return { kind: 'batch', version: version >= 0 ? strings[version] : undefined, secretIndex: secretIndex >= 0 ? secretIndex : undefined, events, rejected, channelEvent: undefined };
}

/** Status 2 of the protocol: a Custom Channels delivery (src/protocol.rs, `channel`). */
const CHANNEL = 2;

/**
 * A Custom Channels delivery: its one event as the core serialises it (IDs and times as text, the
 * times' Unix ms, dedupKey, rawJson), or with partial parsing the event rejected; `events` empty,
 * so code written for batches keeps working on a shared endpoint.
 */
function channelDelivery(text) {
  const d = JSON.parse(text);
  for (const r of d.rejected) r.error = toError(r.error);
  return {
    kind: 'channel',
    version: d.version ?? undefined,
    secretIndex: d.secretIndex ?? undefined,
    events: [],
    rejected: d.rejected,
    channelEvent: d.event ?? undefined,
  };
}

/**
 * The members of an event's original JSON that are not typed fields (new fields HubSpot may
 * add), each value exact (see exactJson): `{ hs_future_count: 98765432109876543210n }`.
 */
export function unknownFields(event) {
  requireReady();
  if (event === null || typeof event !== 'object' || typeof event.rawJson !== 'string') {
    throw usage('unknownFields takes an event of verifyAndParse or parseBatch (with its rawJson)');
  }
  const answer = tools().unknownFields(event.rawJson);
  if (answer.startsWith('{')) throwAnswer(answer);
  const pairs = JSON.parse(answer);
  const out = {};
  for (const [key, json] of pairs) member(out, key, exactJson(json));
  return out;
}
