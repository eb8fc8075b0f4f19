// What the tools module adds to the API: the diagnosis of a request and signed sample
// deliveries (fixtures) for testing a receiver. Both run in the tools module, instantiated on
// first need (core.js); every rule and every sample is the core's.
import { requireReady, throwAnswer, tools, usage } from './errors.js';
import { toolsInput } from './core.js';
import { bodyBytes, callStrings, checkRequest, describe, optionPiece, withinLimit, writeInput } from './arguments.js';

/** A tools answer: its JSON, or the core's error thrown. */
function answer(text) {
  const out = JSON.parse(text);
  if (out.error !== undefined && (typeof out.error === 'object' || out.response !== undefined)) throwAnswer(text);
  return out;
}

/**
 * The core's diagnosis of a request whose signature does not verify (the same request and
 * options as verify): `{ verdict: { version, secretIndex } | { error }, findings: [{ code,
 * message, confirmed }], digests }`. Advice for logs: it never changes the verdict.
 */
export function diagnose(request, options = {}) {
  requireReady();
  checkRequest(request, options);
  const c = callStrings(request, options);
  const bytes = withinLimit(bodyBytes(options.body !== undefined ? options.body : request.body), options);
  const glue = tools();
  const total = writeInput(toolsInput(), c.list, bytes);
  return answer(glue.diagnoseRequest(total, c.list.length, c.secrets, c.options, bytes.length));
}

const NO_BODY = new Uint8Array(0);

/** Signed sample deliveries from the core's fixtures, to test a receiver end to end. */
export const fixtures = {
  /**
   * A signed delivery of `types` (subscription types or Custom Channels types; see types()):
   * `{ method, url, headers, body }`. Options: secret (required), nowMs (default Date.now()),
   * url, signature ("hubspot", "v1", "v2", "v3", "none"), badSignature, eventsPerType,
   * attemptNumber, duplicate, outOfOrder, timestampOffsetMs, seed, portalId, appId.
   */
  delivery(types, options = {}) {
    requireReady();
    const list = typeof types === 'string' ? [types] : types;
    if (!Array.isArray(list) || list.some((t) => typeof t !== 'string')) {
      throw usage(`fixtures.delivery takes a type or an array of types (strings), got ${describe(types)}`);
    }
    if (options === null || typeof options !== 'object') throw usage(`fixtures.delivery options must be an object, got ${describe(options)}`);
    if (typeof options.secret !== 'string') throw usage(`fixture option secret must be a string, got ${describe(options.secret)}`);
    // Every option is the core's to name and check (FixtureOptions::set); the clock is ours.
    const settings = [];
    for (const name of Object.keys(options)) if (options[name] !== undefined) settings.push(name, optionPiece(options[name]));
    if (options.nowMs === undefined && options.now_ms === undefined) settings.push('nowMs', optionPiece(Date.now()));
    const glue = tools();
    const strings = [...list, ...settings];
    const out = answer(glue.fixtureDelivery(writeInput(toolsInput(), strings, NO_BODY), strings.length, list.length));
    return { method: out.method, url: out.url, headers: Object.fromEntries(out.headers), body: out.body };
  },

  /** The types delivery() makes (the core's fixture_types). */
  types() {
    requireReady();
    return JSON.parse(tools().fixtureTypes());
  },
};
