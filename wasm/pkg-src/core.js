// The WebAssembly module and what the package reads once: instantiation, the host's digests,
// and the schema (the batch protocol's version, tags and members, the core's field table,
// options, error codes and fixed HTTP answers; dist/schema.js, generated from the tools module
// when the package is built), checked here at start-up against the main module's layout() so
// that mismatched files fail loudly rather than decode garbage. The tools module is
// instantiated on first need.
import wasmInit, * as wasm from './hubspot_webhooks_wasm.js';
import { platform } from './platform.js';
import { HEAD } from './head.js';
import { SCHEMA } from './schema.js';
import { usage } from './errors.js';
import { describe } from './arguments.js';

export { wasm };

/** The batch protocol this decoder reads (src/protocol.rs, PROTOCOL_VERSION). */
const PROTOCOL = 1;
/** The value tags this decoder knows, by name (src/protocol.rs, TAGS: the names by code). */
export const TAG = { str: 0, num: 1, true: 2, false: 3, big: 4, json: 5, list: 6, obj: 7, end: 8, slice: 9, text: 10, start: 11 };
/** The field kinds the types are written for (core's FieldKind::code). */
const KIND = { text: 1, int: 2, bool: 3, int_list: 4, value: 5, enum: 6 };

/** The header of the batch protocol's numbers this decoder reads, by name. */
const HEADER = ['status', 'length', 'version', 'secretIndex', 'rejected', 'events', 'strings'];

/** The schema, once initialised. */
export let schema;
/** The module's memory (the batch protocol's numbers are read there, in place). */
export let memory;

/**
 * SHA-256 and HMAC-SHA256 from the host's `createHash` / `createHmac` (node:crypto), called
 * synchronously by the core (its Digests hook) with the parts as [address, length, ...] of the
 * module's memory: they are hashed in place, never copied. An exception here fails the digest,
 * and the core rejects the request.
 */
function hostDigests(crypto, memory) {
  const bytes = (ranges, i) => new Uint8Array(memory.buffer, ranges[i], ranges[i + 1]);
  return {
    sha256(parts, out) {
      const hash = crypto.createHash('sha256');
      for (let i = 0; i < parts.length; i += 2) hash.update(bytes(parts, i));
      out.set(hash.digest());
    },
    hmacSha256(key, parts, out) {
      const mac = crypto.createHmac('sha256', bytes(key, 0));
      for (let i = 0; i < parts.length; i += 2) mac.update(bytes(parts, i));
      out.set(mac.digest());
    },
  };
}

function mismatch(what) {
  return new Error(`hubspot-webhooks: the WebAssembly module does not match this package (${what}); reinstall the package`);
}

/** The batch protocol's layout as `s` describes it, in the form of the module's layout(). */
function layoutOf(s) {
  const members = [...s.fields.map((f) => f.json), ...s.derived];
  return [
    s.protocol,
    s.header.join(','),
    s.tags.join(','),
    members.join(','),
    s.fields.filter((f) => f.id).map((f) => f.json).join(','),
    s.head.map(([code, form]) => `${code}:${form}`).join(','),
  ].join('|');
}

/** Reads and checks the schema (dist/schema.js, built from the same core) against the module. */
function readSchema() {
  const s = SCHEMA;
  if (wasm.layout() !== layoutOf(s)) throw mismatch('the batch protocol differs from dist/schema.js');
  if (s.protocol !== PROTOCOL) throw mismatch(`protocol ${s.protocol}, expected ${PROTOCOL}`);
  if (HEADER.some((name, i) => s.header[i] !== name) || s.header.length !== HEADER.length) throw mismatch(`header ${s.header}`);
  s.at = Object.fromEntries(HEADER.map((name, i) => [name, i]));
  for (const [name, code] of Object.entries(TAG)) if (s.tags[code] !== name) throw mismatch(`tag ${name} is ${s.tags.indexOf(name)}`);
  if (s.tags.length !== Object.keys(TAG).length) throw mismatch('unknown tags');
  const kinds = Object.fromEntries(s.kinds);
  for (const [name, code] of Object.entries(KIND)) if (kinds[name] !== code) throw mismatch(`kind ${name} is ${kinds[name]}`);
  const seen = new Set();
  for (const f of s.fields) {
    if (kinds[f.kind] !== f.kindCode || seen.has(f.json)) throw mismatch(`field ${f.json}`);
    seen.add(f.json);
  }
  s.members = [...s.fields.map((f) => f.json), ...s.derived];
  // Each value of a conversation change crosses as the member of its name: none may lack one.
  for (const name of s.changeValues) if (!s.members.includes(name)) throw mismatch(`conversation value ${name} has no member`);
  // dist/head.js is generated from the same table when the package is built.
  if (s.head.length !== HEAD.length || s.head.some(([code, form], i) => s.members[code] !== HEAD[i][0] || form !== HEAD[i][1])) {
    throw mismatch(`head ${JSON.stringify(s.head)}`);
  }
  // The options the core takes, by their JavaScript (camelCase) names.
  s.optionNames = s.options.map((o) => o.camel);
  s.status = Object.fromEntries(s.errors.map((e) => [e.code, e.status]));
  return s;
}

let ready = false;

/**
 * A module's input buffer (src/exports.rs, `input` and `with_input`), where a call's arguments
 * are written: its glue, its memory, the buffer's address and size (grown by arguments.js,
 * writeInput), and a view of the memory (made again once the memory grew and detached it).
 */
function inputOf(glue, exports) {
  return { glue, memory: exports.memory, at: 0, size: 0, bytes: new Uint8Array(0) };
}

/** The main module's input buffer, once initialised. */
export let mainInput;
/** The tools module's, once instantiated (see toolsInput()). */
let toolsInputBuffer;

/** The host's digests (node:crypto), when the platform has them. */
let host;
/** Whether they are registered with the main module now (see digestsFor). */
let hostOn = false;

/**
 * The digests for a body of `length` bytes: the host's from `platform.hostDigestsFrom` bytes on,
 * the Rust ones below. Each node:crypto call pays a fixed set-up (about 2 us in Node and in
 * workerd) that the Rust HMAC of a few hundred bytes undercuts (bench/README.md). Crosses only
 * when the choice changes.
 */
export function digestsFor(length) {
  const on = host !== undefined && length >= platform.hostDigestsFrom;
  if (on !== hostOn) {
    wasm.setDigestHost(on ? host : undefined);
    hostOn = on;
  }
}

function hasDigests(crypto) {
  return Boolean(crypto) && typeof crypto.createHash === 'function' && typeof crypto.createHmac === 'function';
}

function initialised(exports) {
  if (hasDigests(platform.crypto)) host = hostDigests(platform.crypto, exports.memory);
  memory = exports.memory;
  mainInput = inputOf(wasm, exports);
  schema = readSchema();
  ready = true;
}

/** The tools module's glue once instantiated (see tools()). */
let toolsGlue;

/**
 * The tools module (router pattern checks with suggestions, unknown fields, signing, the
 * diagnosis), instantiated on first need from what the platform entry registered
 * (`platform.toolsGlue`, `platform.toolsModule()`); undefined when none is registered
 * (hubspot-webhooks/slim before initToolsSync).
 */
export function toolsOrUndefined() {
  if (toolsGlue === undefined && platform.toolsGlue !== undefined && platform.toolsModule !== undefined) {
    const exports = instantiated(platform.toolsGlue, platform.toolsModule(), 'initToolsSync', TOOLS_FILE);
    if (hasDigests(platform.crypto)) platform.toolsGlue.setDigestHost(hostDigests(platform.crypto, exports.memory));
    toolsInputBuffer = inputOf(platform.toolsGlue, exports);
    toolsGlue = platform.toolsGlue;
  }
  return toolsGlue;
}

/** The tools module's input buffer (call once toolsOrUndefined() gave the module). */
export function toolsInput() {
  return toolsInputBuffer;
}

const MAIN_FILE = 'hubspot_webhooks_wasm_bg.wasm';
const TOOLS_FILE = 'hubspot_webhooks_tools_bg.wasm';

/** The module of an initialisation's argument (`{ module }` or the module): a WebAssembly.Module or its bytes. */
function moduleOf(input, call, file) {
  const module = input !== null && typeof input === 'object' && 'module' in input ? input.module : input;
  if (module instanceof WebAssembly.Module || module instanceof ArrayBuffer || ArrayBuffer.isView(module)) return module;
  throw usage(`${call} takes the package's ${file}, compiled (a WebAssembly.Module) or as bytes, as { module }; got ${describe(module)}`);
}

/** The exports of `glue` instantiated with `module`; a usage error for other bytes or another module. */
function instantiated(glue, module, call, file) {
  try {
    return glue.initSync({ module });
  } catch (error) {
    throw usage(`${call}: what was given is not this package's ${file} (${error?.message ?? error})`);
  }
}

/** Registers the tools module's compiled module or bytes (hubspot-webhooks/slim); instantiated on first need. */
export function initToolsSync(input) {
  const module = moduleOf(input, 'initToolsSync', TOOLS_FILE);
  platform.toolsModule = () => module;
}

export function isReady() {
  return ready;
}

/** Instantiates the WebAssembly module synchronously (hubspot-webhooks/slim). */
export function initSync(input) {
  if (ready) return;
  initialised(instantiated(wasm, moduleOf(input, 'initSync', MAIN_FILE), 'initSync', MAIN_FILE));
}

/** Instantiates the WebAssembly module (hubspot-webhooks/slim): a URL, Response, bytes or Module. */
export async function init(input) {
  if (ready) return;
  const source = input !== null && typeof input === 'object' && 'module_or_path' in input ? input.module_or_path : input;
  let exports;
  try {
    exports = await wasmInit(source === undefined ? undefined : { module_or_path: source });
  } catch (error) {
    throw usage(`init: could not instantiate this package's ${MAIN_FILE} from what was given (${error?.message ?? error})`);
  }
  initialised(exports);
}
