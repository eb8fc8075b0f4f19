// Wrong arguments from JavaScript, beyond the shared vectors: run in Node (both entries) and
// inside workerd (test/workerd/hostile-worker.mjs). Web APIs only (no Buffer, no node:*).
//
// The rule (README "Errors"): every mistake in what the caller passes (a missing or wrongly
// typed request, body, header, secret or option) throws a HubSpotUsageError: a
// HubSpotWebhookError with code `invalid_argument` and family `usage`, whose message names the
// argument. Never a TypeError, never a crash. Exceptions thrown by the caller's own objects
// (a getter, a Headers-like `forEach`) pass through unchanged.

const SECRET = 'hostile-args-client-secret';
const URL_ = 'https://example.com/hubspot/webhook?x=1';
const NOW = 1_700_000_000_000;
const EVENT =
  '{"eventId":1,"subscriptionId":2,"portalId":3,"appId":4,"occurredAt":1699999999000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":5}';
const BODY = `[${EVENT}]`;

/** [name, fn, expectation]: 'usage' (optionally with a message pattern), { code }, or { ok: check }. */
export function hostileArgumentCases(h) {
  const signed = h.signedHeaders({ secret: SECRET, url: URL_, body: BODY, timestamp: NOW - 1000 });
  const lower = Object.fromEntries(Object.entries(signed).map(([k, v]) => [k.toLowerCase(), v]));
  const bytes = new TextEncoder().encode(BODY);
  const req = (extra = {}) => ({ method: 'POST', url: URL_, headers: lower, body: BODY, ...extra });
  const opts = (extra = {}) => ({ secret: SECRET, now: NOW, ...extra });
  const vp = (request, options) => h.verifyAndParse(request, options);
  const oneEvent = (d) => d.events.length === 1 && d.events[0].objectId === '5' && d.version === 'v3';
  const verified = (d) => d.version === 'v3' && d.secretIndex === 0;
  const cases = [];
  const usage = (name, fn, pattern) => cases.push([name, fn, { usage: pattern }]);
  const ok = (name, fn, check) => cases.push([name, fn, { ok: check }]);
  const code = (name, fn, c) => cases.push([name, fn, { code: c }]);

  // The request itself.
  for (const [what, value] of [
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['a boolean', true],
    ['a string (the body first)', BODY],
    ['a Uint8Array (the body first)', bytes],
    ['a function', () => {}],
    ['a symbol', Symbol('request')],
  ]) {
    usage(`verify(${what})`, () => h.verify(value, opts()), /the request is/);
    usage(`verifyAndParse(${what})`, () => vp(value, opts()), /the request is/);
  }
  usage('request {} (no URL)', () => vp({ body: BODY, headers: lower }, opts()), /no URL/);
  usage('request [] (an array)', () => vp([], opts()), /no URL/);
  usage('request without url, no url option', () => vp(req({ url: undefined }), opts()), /no URL/);
  usage('request url is a number', () => vp(req({ url: 42 }), opts()), /url is a number/);
  usage('request url is an object', () => vp(req({ url: { href: URL_ } }), opts()), /url is an object/);
  ok('request url is a URL object', () => vp(req({ url: new URL(URL_) }), opts()), oneEvent);
  usage('request method is a number', () => vp(req({ method: 42 }), opts()), /method is a number/);
  usage('request method is an object', () => vp(req({ method: {} }), opts()), /method is an object/);
  ok('request method absent (POST)', () => vp(req({ method: undefined }), opts()), oneEvent);
  usage('option url is a number', () => vp(req(), opts({ url: 42 })), /option url is a number/);
  ok('option url is a URL object', () => vp(req({ url: '/hubspot/webhook' }), opts({ url: new URL(URL_) })), oneEvent);

  // Options.
  for (const [what, value] of [
    ['null', null],
    ['a string', SECRET],
    ['a number', 1],
    ['an array', [SECRET]],
  ]) {
    usage(`verify options ${what}`, () => h.verify(req(), value), /the options are/);
    usage(`verifyAndParse options ${what}`, () => vp(req(), value), /the options are/);
    usage(`parseBatch options ${what}`, () => h.parseBatch(BODY, value), /the options are/);
  }
  for (const [name, value] of [
    ['toleranceMs', '300000'],
    ['toleranceMs', -1],
    ['toleranceMs', 1.5],
    ['toleranceMs', NaN],
    ['toleranceMs', Infinity],
    ['toleranceMs', 2 ** 64],
    ['maxFutureMs', 2n ** 70n],
    ['maxFutureMs', -1n],
    ['maxBodyBytes', -5],
    ['maxBodyBytes', {}],
    ['maxEvents', [100]],
    ['maxEvents', '100'],
    ['requireV3', 'yes'],
    ['requireV3', 1],
    ['partial', 'true'],
    ['trustProxy', undefined], // absent: fine (checked below as ok)
  ]) {
    if (value === undefined) continue;
    usage(`option ${name} = ${typeof value === 'bigint' ? `${value}n` : String(value)}`, () => vp(req(), opts({ [name]: value })), new RegExp(`option "?${name}`));
  }
  ok('option maxFutureMs = 10n (a bigint in range)', () => vp(req(), opts({ maxFutureMs: 10n })), oneEvent);
  usage('parseBatch option partial = 1', () => h.parseBatch(BODY, { partial: 1 }), /option "?partial/);
  usage('parseBatch option maxEvents = -1', () => h.parseBatch(BODY, { maxEvents: -1 }), /option "?maxEvents/);
  for (const [what, value] of [
    ['a word', 'now'],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['an invalid Date', new Date('not a date')],
    ['a symbol', Symbol('now')],
    ['an object', {}],
    ['a bigint beyond 64 bits', 2n ** 70n],
  ]) {
    usage(`option now is ${what}`, () => vp(req(), opts({ now: value })), /option now/);
  }
  ok('option now is a Date', () => vp(req(), opts({ now: new Date(NOW) })), oneEvent);
  ok('option now is a bigint', () => vp(req(), opts({ now: BigInt(NOW) })), oneEvent);

  // Secrets.
  usage('no secret', () => vp(req(), { now: NOW }), /no secret/);
  usage('secret null', () => vp(req(), opts({ secret: null })), /no secret/);
  usage('secret a number', () => vp(req(), opts({ secret: 42 })), /a secret is a number/);
  usage('secret a Uint8Array', () => vp(req(), opts({ secret: new TextEncoder().encode(SECRET) })), /a secret is an object/);
  usage('secret a String object', () => vp(req(), opts({ secret: new String(SECRET) })), /a secret is an object/);
  usage('secret a function', () => vp(req(), opts({ secret: () => SECRET })), /a secret is a function/);
  usage('secret empty', () => vp(req(), opts({ secret: '' })), /empty/);
  usage('secrets empty array', () => vp(req(), { secrets: [], now: NOW }), /no secret/);
  usage('secrets with a number', () => vp(req(), { secrets: [SECRET, 42], now: NOW }), /a secret is a number/);
  usage('secrets with an empty one', () => vp(req(), { secrets: ['other', ''], now: NOW }), /secret 1 is empty/);
  usage('secrets a Set', () => vp(req(), { secrets: new Set([SECRET]), now: NOW }), /a secret is an object/);
  ok('secrets rotation', () => vp(req(), { secrets: ['old', SECRET], now: NOW }), (d) => d.secretIndex === 1);
  usage('signV1 secret a number', () => h.signV1(42, BODY), /secret must be a string/);

  // Bodies.
  for (const [what, value, pattern] of [
    ['undefined', undefined, /no body/],
    ['null', null, /no body/],
    ['a number', 42, /the body is a number/],
    ['a boolean', false, /the body is a boolean/],
    ['a symbol', Symbol('body'), /the body is a symbol/],
    ['a function', () => BODY, /the body is a function/],
    ['a parsed JSON array', JSON.parse(BODY), /parsed JSON value/],
    ['a parsed JSON object', JSON.parse(EVENT), /parsed JSON value/],
    ['an empty object', {}, /parsed JSON value/],
    ['a ReadableStream', new ReadableStream(), /stream/],
    ['a Blob', new Blob([BODY]), /Blob/],
  ]) {
    usage(`body ${what}`, () => vp(req({ body: value }), opts()), pattern);
    usage(`body ${what} (option)`, () => vp(req({ body: undefined }), opts({ body: value })), pattern);
    usage(`parseBatch(${what})`, () => h.parseBatch(value), pattern);
  }
  for (const [what, value] of [
    ['a string', BODY],
    ['a Uint8Array', bytes],
    ['an ArrayBuffer', bytes.slice().buffer],
    ['a DataView', new DataView(bytes.slice().buffer)],
    ['a Uint16Array view', new Uint16Array(bytes.slice(0, bytes.length - (bytes.length % 2)).buffer)],
    ['a subarray', new Uint8Array([32, ...bytes, 32]).subarray(1, bytes.length + 1)],
  ]) {
    if (what === 'a Uint16Array view' && bytes.length % 2 !== 0) {
      // The view covers the body minus its last byte: not the signed bytes.
      code(`body ${what}`, () => vp(req({ body: value }), opts()), 'signature_mismatch');
    } else {
      ok(`body ${what}`, () => vp(req({ body: value }), opts()), oneEvent);
    }
  }
  if (typeof SharedArrayBuffer === 'function') {
    const shared = new SharedArrayBuffer(bytes.length);
    new Uint8Array(shared).set(bytes);
    ok('body a SharedArrayBuffer', () => vp(req({ body: shared }), opts()), oneEvent);
  }

  // Headers.
  for (const [what, headers] of [
    ['Headers', new Headers(signed)],
    ['a Map', new Map(Object.entries(signed))],
    ['[name, value] pairs', Object.entries(signed)],
    ['a plain object', lower],
    ['a plain object, mixed case', signed],
    ['a timestamp as a number', { ...lower, 'x-hubspot-request-timestamp': Number(lower['x-hubspot-request-timestamp']) }],
    ['a repeated extra header', { ...lower, 'x-extra': ['a', 'b'] }],
    ['an undefined value', { ...lower, 'x-extra': undefined }],
  ]) {
    ok(`headers ${what}`, () => vp(req({ headers }), opts()), oneEvent);
  }
  code('headers null (no signature)', () => vp(req({ headers: null }), opts()), 'missing_signature');
  code('headers empty object', () => vp(req({ headers: {} }), opts()), 'missing_signature');
  usage('headers a string', () => vp(req({ headers: 'x-hubspot-signature-v3: abc' }), opts()), /`headers` is a string/);
  usage('headers a number', () => vp(req({ headers: 7 }), opts()), /`headers` is a number/);
  usage('headers a flat array', () => vp(req({ headers: ['x-a', 'b'] }), opts()), /header pair is a string/);
  usage('headers pairs of one', () => vp(req({ headers: [['x-a']] }), opts()), /header pair is an array/);
  usage('header value an object', () => vp(req({ headers: { ...lower, 'x-a': {} } }), opts()), /header "x-a" is an object/);
  usage('header value a boolean', () => vp(req({ headers: { ...lower, 'x-a': true } }), opts()), /header "x-a" is a boolean/);
  usage('header value a symbol', () => vp(req({ headers: { ...lower, 'x-a': Symbol('v') } }), opts()), /header "x-a" is a symbol/);
  usage('header name a number (Map)', () => vp(req({ headers: new Map([[1, 'x']]) }), opts()), /header name is a number/);

  // Signing helpers.
  usage('signV2 method a number', () => h.signV2(SECRET, 42, URL_, BODY), /method must be a string/);
  usage('signV3 url undefined', () => h.signV3(SECRET, 'POST', undefined, BODY, NOW), /url must be a string/);
  usage('signV3 timestamp an object', () => h.signV3(SECRET, 'POST', URL_, BODY, {}), /timestamp/);
  usage('signV1 body a parsed object', () => h.signV1(SECRET, JSON.parse(BODY)), /parsed JSON value/);
  usage('signedHeaders(null)', () => h.signedHeaders(null), /signedHeaders takes/);
  usage('signedHeaders({})', () => h.signedHeaders({}), /secret must be a string/);
  usage('signedHeaders url a number', () => h.signedHeaders({ secret: SECRET, url: 42, body: BODY }), /url must be a string/);

  // Router and handlers.
  usage('router.on(number, fn)', () => h.createRouter().on(42, () => {}), /a route is a string/);
  usage('router.on(pattern, not a function)', () => h.createRouter().on('contact.creation', 'handler'), /must be a function/);
  usage('router.on(bigint, null)', () => h.createRouter().on(1n, null), /must be a function/);
  usage('router.dispatch(null)', () => h.createRouter().dispatch(null), /receive takes/);
  usage('router.dispatch(events array)', () => h.createRouter().dispatch([]), /receive takes/);
  usage('router.receive(undefined)', () => h.createRouter().receive(undefined), /receive takes/);
  usage('router.receive({ events: "x" })', () => h.createRouter().receive({ events: 'x' }), /receive takes/);
  usage('router.handlersFor(channel-like without rawJson)', () => h.createRouter().handlersFor({ type: 'X', dedupKey: 'k' }), /handlersFor takes/);
  usage('router.on(typo)', () => h.createRouter().on('contact.creaton', () => {}), /did you mean "contact.creation"/);
  usage('router.on(Custom Channels typo)', () => h.createRouter().on('OUTGOING_CHANNEL_MESSAGE_CREATE', () => {}), /did you mean/);
  usage('createFetchHandler answerFirst "yes"', () => h.createFetchHandler({ secret: SECRET, answerFirst: 'yes' }), /answerFirst must be true or false/);
  usage('createNodeMiddleware answerFirst 1', () => h.createNodeMiddleware({ secret: SECRET, answerFirst: 1 }), /answerFirst must be true or false/);

  // The diagnosis and fixtures (the tools module).
  usage('diagnose(null)', () => h.diagnose(null, opts()), /request/);
  usage('diagnose secret a number', () => h.diagnose(req(), { secret: 42, now: NOW }), /secret/);
  ok('diagnose a good request', () => h.diagnose(req(), opts()), (d) => d.verdict.version === 'v3' && Array.isArray(d.findings));
  usage('verifyAndParse diagnose "yes"', () => vp(req(), opts({ diagnose: 'yes' })), /diagnose/);
  usage('fixtures.delivery(42)', () => h.fixtures.delivery(42, { secret: SECRET }), /type or an array of types/);
  usage('fixtures.delivery([null])', () => h.fixtures.delivery([null], { secret: SECRET }), /type or an array of types/);
  usage('fixtures.delivery without secret', () => h.fixtures.delivery('contact.creation', {}), /secret must be a string/);
  usage('fixtures.delivery options null', () => h.fixtures.delivery('contact.creation', null), /options must be an object/);
  usage('fixtures.delivery unknown option', () => h.fixtures.delivery('contact.creation', { secret: SECRET, sekret: 1 }), /unknown fixture option "sekret"/);
  usage('fixtures.delivery signature "v9"', () => h.fixtures.delivery('contact.creation', { secret: SECRET, signature: 'v9' }), /signature/);
  usage('fixtures.delivery eventsPerType -1', () => h.fixtures.delivery('contact.creation', { secret: SECRET, eventsPerType: -1 }), /eventsPerType/);
  usage('fixtures.delivery eventsPerType 1.5', () => h.fixtures.delivery('contact.creation', { secret: SECRET, eventsPerType: 1.5 }), /eventsPerType/);
  usage('fixtures.delivery duplicate "yes"', () => h.fixtures.delivery('contact.creation', { secret: SECRET, duplicate: 'yes' }), /duplicate/);
  usage('fixtures.delivery nowMs NaN', () => h.fixtures.delivery('contact.creation', { secret: SECRET, nowMs: NaN }), /nowMs/);
  ok('fixtures.delivery verifies', () => {
    const f = h.fixtures.delivery('contact.creation', { secret: SECRET, nowMs: NOW, url: URL_ });
    return vp({ method: f.method, url: f.url, headers: f.headers, body: f.body }, opts());
  }, (d) => d.kind === 'batch' && d.events.length === 1 && d.events[0].subscriptionType === 'contact.creation');
  // Option names: a typo must not leave the default in force without a word.
  usage('verify option toleranceMS', () => h.verify(req(), opts({ toleranceMS: 1 })), /unknown option "toleranceMS": did you mean toleranceMs\?/);
  usage('verifyAndParse option tolerance_ms', () => vp(req(), opts({ tolerance_ms: 1 })), /unknown option "tolerance_ms": did you mean toleranceMs\?/);
  usage('verifyAndParse option secrett', () => vp(req(), { secrett: SECRET, now: NOW }), /unknown option "secrett"/);
  usage('parseBatch option maxEvent', () => h.parseBatch(BODY, { maxEvent: 0 }), /unknown option "maxEvent"/);
  usage('diagnose option requirev3', () => h.diagnose(req(), opts({ requirev3: true })), /did you mean requireV3\?/);
  usage('signedHeaders timestmp', () => h.signedHeaders({ secret: SECRET, url: URL_, body: BODY, timestmp: NOW }), /unknown signedHeaders argument "timestmp"/);
  ok('an option set to undefined is absent', () => vp(req(), opts({ toleranceMS: undefined })), oneEvent);
  // The helpers' configuration, checked when they are created rather than on every request.
  usage('createFetchHandler option toleranceMS', () => h.createFetchHandler({ secret: SECRET, toleranceMS: 5 }), /did you mean toleranceMs\?/);
  usage('createNodeMiddleware option onerror', () => h.createNodeMiddleware({ secret: SECRET, onerror: () => {} }), /did you mean onError\?/);
  usage('createFetchHandler secret a number', () => h.createFetchHandler({ secret: 42 }), /a secret is a number/);
  usage('createNodeMiddleware secrets [null]', () => h.createNodeMiddleware({ secrets: [null] }), /a secret is null/);
  usage('createFetchHandler toleranceMs "x"', () => h.createFetchHandler({ secret: SECRET, toleranceMs: 'x' }), /option "toleranceMs/);
  usage('createNodeMiddleware maxBodyBytes 1.5', () => h.createNodeMiddleware({ secret: SECRET, maxBodyBytes: 1.5 }), /option "maxBodyBytes/);
  usage('createFetchHandler bodyTimeoutMs Infinity', () => h.createFetchHandler({ secret: SECRET, bodyTimeoutMs: Infinity }), /bodyTimeoutMs .*at most 2147483647, got Infinity/);
  usage('createNodeMiddleware bodyTimeoutMs 2^31', () => h.createNodeMiddleware({ secret: SECRET, bodyTimeoutMs: 2 ** 31 }), /bodyTimeoutMs/);
  usage('createFetchHandler router a function', () => h.createFetchHandler({ secret: SECRET, router: () => {} }), /option router/);
  usage('createFetchHandler onError a string', () => h.createFetchHandler({ secret: SECRET, onError: 'log' }), /onError must be a function/);
  // The fetch handler with request-likes and bodies of every shape.
  const answer = async (config, request) => {
    const seen = [];
    const res = await h.createFetchHandler({ secret: SECRET, now: NOW, onError: (e) => seen.push(e), ...config })(request);
    return { status: res.status, seen };
  };
  const signedRequest = (body) => new Request(URL_, { method: 'POST', headers: lower, body, duplex: 'half' });
  ok('fetch handler: a request-like with a string body', () => answer({}, req()), (r) => r.status === 204);
  ok('fetch handler: a request-like with bytes', () => answer({}, req({ body: bytes })), (r) => r.status === 204);
  ok('fetch handler: a stream of string chunks', () => {
    const stream = new ReadableStream({ start: (c) => (c.enqueue(BODY.slice(0, 10)), c.enqueue(BODY.slice(10)), c.close()) });
    return answer({}, signedRequest(stream));
  }, (r) => r.status === 204);
  const readFirst = async () => {
    const request = signedRequest(BODY);
    await request.text();
    return answer({}, request);
  };
  ok('fetch handler: a body already read', readFirst, (r) => r.status === 500 && r.seen[0] instanceof h.HubSpotUsageError && /already read/.test(r.seen[0].message));
  ok('fetch handler: a request-like without a method is a POST, as for verifyAndParse', () => {
    const { method, ...rest } = req();
    return answer({}, rest);
  }, (r) => r.status === 204);
  usage('createFetchHandler on a string', () => h.createFetchHandler({ secret: SECRET, on: 'contact.creation' }), /option on must be an object/);
  ok('fetch handler: an async secret', () => answer({ secret: async () => SECRET }, req()), (r) => r.status === 204);
  ok('fetch handler: an onError that throws still answers', () => answer({ onError: () => { throw new Error('onError failed'); }, secret: 'wrong' }, req()), (r) => r.status === 401);
  usage('createFetchHandler(null)', () => h.createFetchHandler(null), /configuration object/);
  usage('createFetchHandler({})', () => h.createFetchHandler({}), /no secret/);
  usage('createNodeMiddleware("secret")', () => h.createNodeMiddleware('secret'), /configuration object/);
  return cases;
}

function describeError(e) {
  return e instanceof Error ? `${e.name}: ${e.message}` : `a thrown ${typeof e}: ${String(e)}`;
}

/** Runs every case; async because router.dispatch returns a promise. */
export async function runHostileArguments(h, runner) {
  const failures = [];
  const cases = hostileArgumentCases(h);
  for (const [name, fn, expect] of cases) {
    let result;
    let error;
    try {
      result = fn();
      if (result && typeof result.then === 'function') result = await result;
    } catch (e) {
      error = e;
    }
    const problem = (() => {
      if (expect.ok) {
        if (error !== undefined) return `expected success, got ${describeError(error)}`;
        return expect.ok(result) ? undefined : `unexpected result ${JSON.stringify(result, (k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`;
      }
      if (error === undefined) return 'expected an error, got success';
      if (!(error instanceof h.HubSpotWebhookError) || !(error instanceof Error)) return `expected a HubSpotWebhookError, got ${describeError(error)}`;
      if (expect.code) return error.code === expect.code ? undefined : `expected ${expect.code}, got ${error.code}: ${error.message}`;
      if (!(error instanceof h.HubSpotUsageError)) return `expected a HubSpotUsageError, got ${describeError(error)}`;
      if (error.code !== 'invalid_argument' || error.family !== 'usage') return `code ${error.code}, family ${error.family}`;
      if (!error.message.startsWith('invalid_argument: ')) return `message ${error.message}`;
      if (expect.usage && !expect.usage.test(error.message)) return `message does not match ${expect.usage}: ${error.message}`;
      return undefined;
    })();
    if (problem !== undefined) failures.push(`FAIL ${name}: ${problem}`);
  }
  const failed = failures.length;
  return {
    cases: cases.length,
    passed: cases.length - failed,
    failed,
    failures,
    line: `hostile-args ${runner}: ${cases.length} cases, ${cases.length - failed} passed, ${failed} failed`,
  };
}
