// The package's errors: one class per error family of the core, carrying the core's code,
// family and HTTP status (what the HTTP helpers answer).
import { isReady, schema, toolsOrUndefined, wasm } from './core.js';

/** Every error of this package. `code` is the stable snake_case code of the core. */
export class HubSpotWebhookError extends Error {
  constructor(message, details = {}) {
    super(message);
    this.code = details.code;
    this.family = details.family;
    if (details.status !== undefined) this.status = details.status;
    if (details.index !== undefined) this.index = details.index;
    if (details.field !== undefined) this.field = details.field;
    // With `diagnose: true`: the findings ({ findings: [{ code, message, confirmed }], digests })
    // and the message with them, for logs (never sent to the caller).
    if (details.diagnosis !== undefined) this.diagnosis = details.diagnosis;
    if (details.detailedMessage !== undefined) this.detailedMessage = details.detailedMessage;
  }
}

/** The request is not authentic or not fresh (missing, malformed or wrong signature, stale timestamp). */
export class HubSpotSignatureError extends HubSpotWebhookError {}

/** The body is not a valid batch of events (too large, not JSON, not an array, a bad event). */
export class HubSpotPayloadError extends HubSpotWebhookError {}

/** The caller's mistake: no secret, a parsed body instead of the raw bytes, a bad option. */
export class HubSpotUsageError extends HubSpotWebhookError {}

for (const Class of [HubSpotWebhookError, HubSpotSignatureError, HubSpotPayloadError, HubSpotUsageError]) {
  Object.defineProperty(Class.prototype, 'name', { value: Class.name, writable: true, configurable: true });
}

const ERROR_CLASS = { signature: HubSpotSignatureError, payload: HubSpotPayloadError, usage: HubSpotUsageError };

/** The HTTP answer of the core for an error (Response::for_error), kept off the enumerable members. */
const RESPONSE = Symbol('response');

/** An error of the core (`{ code, family, status, message, index?, field? }`) as an Error. */
export function toError(e, response) {
  const Class = ERROR_CLASS[e.family] ?? HubSpotWebhookError;
  const error = new Class(`${e.code}: ${e.message}`, e);
  if (response !== undefined) Object.defineProperty(error, RESPONSE, { value: response });
  return error;
}

/** The core's HTTP answer for `error`, when the core made the error. */
export function responseOf(error) {
  return error?.[RESPONSE];
}

/** Throws the error of a `{"error": ...}` answer of the module. */
export function throwAnswer(text) {
  const out = JSON.parse(text);
  throw toError(out.error, out.response);
}

/** A usage error (code invalid_argument) for a mistake in what the caller passed. */
export function usage(message) {
  // Before initialisation (hubspot-webhooks/slim) the module cannot spell the code itself.
  if (!isReady()) return new HubSpotUsageError(`invalid_argument: ${message}`, { code: 'invalid_argument', family: 'usage' });
  const out = JSON.parse(wasm.usageError(message));
  return toError(out.error, out.response);
}

/** The tools module's exports (instantiated on first need), or a usage error when none is registered. */
export function tools() {
  const t = toolsOrUndefined();
  if (t === undefined) throw usage('the tools module is not loaded: with hubspot-webhooks/slim, call initToolsSync({ module }) first');
  return t;
}

export function requireReady() {
  if (!isReady()) {
    throw usage('hubspot-webhooks/slim is not initialised: call initSync({ module }) or await init() first');
  }
}

/** Every error code of the core: `{ code, family, number, status, description }`. */
export function errorCodes() {
  requireReady();
  return schema.errors.map((c) => ({ ...c }));
}
