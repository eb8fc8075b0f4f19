// The conformance runner (docs/vectors.md), shared by Node (ESM and CJS)
// and workerd: it gets the package's API and the vector files' texts, and touches no file system.

/** JSON.parse, keeping integers beyond 2^53 exact by reading them as decimal strings. */
export function parseLossless(text) {
  return JSON.parse(text.replace(/"(?:[^"\\]|\\.)*"|-?\d{16,}(?![.\deE])/g, (tok) => (tok.startsWith('"') ? tok : `"${tok}"`)));
}

/** Events with every derived member (a conversation; a classic event of a known object type). */
const TYPED_PROBE =
  '[{"eventId":1,"portalId":2,"appId":3,"occurredAt":4,"attemptNumber":0,"subscriptionType":"conversation.propertyChange","objectId":5,"propertyName":"status","propertyValue":"OPEN"},' +
  '{"eventId":1,"portalId":2,"appId":3,"occurredAt":4,"attemptNumber":0,"subscriptionType":"contact.creation"}]';

function bodyOf(request) {
  if (typeof request.body_base64 === 'string') {
    const bin = atob(request.body_base64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  return request.body ?? '';
}

const OPTION_NAMES = {
  tolerance_ms: 'toleranceMs',
  max_future_ms: 'maxFutureMs',
  require_v3: 'requireV3',
  max_body_bytes: 'maxBodyBytes',
  partial: 'partial',
  max_events: 'maxEvents',
  diagnose: 'diagnose',
};

function options(caseOptions = {}) {
  const out = {};
  for (const [name, value] of Object.entries(caseOptions)) {
    if (!(name in OPTION_NAMES)) throw new Error(`unknown option ${name}`);
    out[OPTION_NAMES[name]] = typeof value === 'string' ? Number(value) : value;
  }
  return out;
}

const isIntegerText = (v) => typeof v === 'bigint' || (typeof v === 'string' && /^-?\d+$/.test(v)) || (typeof v === 'number' && Number.isInteger(v));

/** docs/vectors.md 4.1 equality: integers by decimal text, null = absent, JSON equality otherwise. */
function same(expected, actual) {
  if (expected === null) return actual === null || actual === undefined;
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((x, i) => same(x, actual[i]));
  }
  if (isIntegerText(expected) && isIntegerText(actual)) return String(expected) === String(actual);
  if (typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const keys = Object.keys(expected);
    return keys.length === Object.keys(actual).length && keys.every((k) => same(expected[k], actual[k]));
  }
  return expected === actual;
}

/**
 * Compares the listed fields through the typed surface only: an event's own members (the core's
 * typed fields and derived members), and for a name the core does not type, `unknownFields`.
 */
function compareEvent(api, typed, expected, event, where, problems) {
  let unknown;
  for (const [field, want] of Object.entries(expected)) {
    let got;
    if (typed.has(field)) got = event[field];
    else got = (unknown ??= api.unknownFields(event))[field];
    if (!same(want, got)) problems.push(`${where}.${field}: expected ${show(want)}, got ${show(got)}`);
  }
}

/**
 * Compares a Custom Channels event (the package's `channelEvent`) with `expect.ok.channel_event`:
 * every key listed (null: absent or null), nested objects recursively, arrays element by element
 * with exactly that many elements.
 */
function compareChannel(want, got, where, problems) {
  if (want === null) {
    if (got !== null && got !== undefined) problems.push(`${where}: expected null, got ${show(got)}`);
  } else if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) problems.push(`${where}: expected ${show(want)}, got ${show(got)}`);
    else want.forEach((w, i) => compareChannel(w, got[i], `${where}[${i}]`, problems));
  } else if (typeof want === 'object') {
    if (got === null || typeof got !== 'object') problems.push(`${where}: expected an object, got ${show(got)}`);
    else for (const [k, w] of Object.entries(want)) compareChannel(w, got[k], `${where}.${k}`, problems);
  } else if (!same(want, typeof want === 'string' && typeof got === 'number' ? String(got) : got)) {
    problems.push(`${where}: expected ${show(want)}, got ${show(got)}`);
  }
}

function show(v) {
  return typeof v === 'bigint' ? `${v}n` : JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : x));
}

function runCase(api, typed, c) {
  const req = c.request ?? {};
  const body = bodyOf(req);
  const opts = options(c.options);
  const secrets = c.secrets ?? [];
  let result;
  let error;
  try {
    if (secrets.length === 0) {
      result = api.parseBatch(body, opts);
    } else if (c.verify_only === true) {
      result = api.verify(
        { method: req.method ?? 'POST', url: req.url, headers: req.headers ?? {}, body },
        { ...opts, secrets, now: typeof c.now_ms === 'string' ? BigInt(c.now_ms) : c.now_ms, url: req.url },
      );
    } else {
      result = api.verifyAndParse(
        { method: req.method ?? 'POST', url: req.url, headers: req.headers ?? {}, body },
        { ...opts, secrets, now: typeof c.now_ms === 'string' ? BigInt(c.now_ms) : c.now_ms, url: req.url },
      );
    }
  } catch (e) {
    error = e;
  }
  const problems = [];
  const expect = c.expect ?? {};
  if (expect.error !== undefined) {
    const want = typeof expect.error === "string" ? expect.error : expect.error?.error;
    if (error === undefined) problems.push(`expected error ${want}, got success (${result.kind ?? 'verified'})`);
    else if (!(error instanceof api.HubSpotWebhookError)) problems.push(`expected error ${want}, got a non-HubSpotWebhookError: ${error}`);
    else {
      if (error.code !== want) problems.push(`expected error ${want}, got ${error.code} (${error.message})`);
      const klass = { signature: api.HubSpotSignatureError, payload: api.HubSpotPayloadError, usage: api.HubSpotUsageError }[error.family];
      if (!klass || !(error instanceof klass)) problems.push(`error ${error.code} of family ${error.family} is a ${error.name}`);
      if (expect.diagnosis !== undefined) {
        const got = (error.diagnosis?.findings ?? []).map((f) => f.code);
        if (!same(expect.diagnosis, got)) problems.push(`diagnosis: expected ${show(expect.diagnosis)}, got ${show(got)}`);
      }
    }
    return problems;
  }
  const ok = expect.ok ?? {};
  if (error !== undefined) return [`expected success, got ${error?.code ?? ''} ${error?.message ?? error}`];
  if (ok.version !== undefined && ok.version !== result.version) problems.push(`version: expected ${ok.version}, got ${result.version}`);
  if (ok.secret_index !== undefined && Number(ok.secret_index) !== result.secretIndex) {
    problems.push(`secret_index: expected ${ok.secret_index}, got ${result.secretIndex}`);
  }
  if (c.verify_only === true) {
    const keys = Object.keys(result).sort().join(',');
    if (keys !== 'secretIndex,version') problems.push(`verify answered ${keys}`);
    return problems;
  }
  const wantKind = ok.channel_event !== undefined || (ok.events === undefined && ok.rejected !== undefined) ? 'channel' : 'batch';
  if (result.kind !== wantKind) problems.push(`kind: expected ${wantKind}, got ${result.kind}`);
  if (ok.channel_event !== undefined) compareChannel(ok.channel_event, result.channelEvent, 'channel_event', problems);
  const events = ok.events ?? [];
  if (result.events.length !== events.length) problems.push(`events: expected ${events.length}, got ${result.events.length}`);
  events.forEach((want, i) => {
    if (result.events[i] !== undefined) compareEvent(api, typed, want, result.events[i], `events[${i}]`, problems);
  });
  const rejected = ok.rejected ?? [];
  const gotRejected = result.rejected.map((r) => ({ index: r.index, error: r.error.code }));
  if (!same(rejected.map((r) => ({ index: r.index, error: r.error })), gotRejected)) {
    problems.push(`rejected: expected ${JSON.stringify(rejected)}, got ${JSON.stringify(gotRejected)}`);
  }
  for (const r of result.rejected) {
    if (!(r.error instanceof api.HubSpotPayloadError)) problems.push(`rejected[${r.index}].error is not a HubSpotPayloadError`);
  }
  return problems;
}

/**
 * Runs every case of `files` ([{ name, text }]) against `api` and returns the summary line and
 * the failures.
 */
export function runConformance(api, files, runner) {
  // The typed members: the core's fields (eventFields) and what an event of the package carries
  // besides (derived members, found on the events themselves).
  const typed = new Set(api.eventFields().map((f) => f.json));
  for (const e of api.parseBatch(TYPED_PROBE).events) for (const name of Object.keys(e)) typed.add(name);
  let cases = 0;
  let passed = 0;
  const failures = [];
  for (const file of files) {
    let doc;
    try {
      doc = parseLossless(file.text);
    } catch (e) {
      failures.push(`${file.name}: not valid JSON: ${e.message}`);
      cases++;
      continue;
    }
    for (const c of doc.cases ?? []) {
      cases++;
      let problems;
      try {
        problems = runCase(api, typed, c);
      } catch (e) {
        problems = [`runner error: ${e?.stack ?? e}`];
      }
      if (problems.length === 0) passed++;
      else failures.push(`FAIL ${file.name} :: ${c.name}\n  ${problems.join('\n  ')}`);
    }
  }
  if (files.length === 0) failures.push(`no vector files: the runner ran nothing`);
  if (cases === 0) failures.push(`0 cases in ${files.length} files`);
  const failed = cases - passed + (cases === 0 || files.length === 0 ? 1 : 0);
  return {
    cases,
    passed,
    failed,
    failures,
    line: `conformance ${runner}: ${cases} cases from ${files.length} files, ${passed} passed, ${failed} failed`,
  };
}
