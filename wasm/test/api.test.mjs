// The JavaScript surface: request shapes, errors and hints, IDs, the router and the handlers.
// Run over both Node entry points (ESM import and CJS require), as one suite.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import * as esm from 'hubspot-webhooks';

const cjs = createRequire(import.meta.url)('hubspot-webhooks');
const SECRET = 'abbababa-beef-aaaa-bbbb-abbaabbaabba';
const URL_ = 'https://example.com/hubspot/webhook';
const NOW = 1_700_000_000_000;

const EVENT = (extra) =>
  JSON.stringify({
    eventId: 1,
    subscriptionId: 2,
    portalId: 3,
    appId: 4,
    occurredAt: NOW - 1000,
    subscriptionType: 'contact.creation',
    attemptNumber: 0,
    objectId: 5,
    ...extra,
  });

for (const [entry, h] of [
  ['esm', esm],
  ['cjs', cjs],
]) {
  const signed = (body, { secret = SECRET, url = URL_, timestamp = NOW - 500 } = {}) => ({
    method: 'POST',
    url,
    headers: new Headers(h.signedHeaders({ secret, url, body, timestamp })),
    body,
  });

  describe(`${entry} entry`, () => {
    test('verifyAndParse over every request and body shape', () => {
      const body = `[${EVENT()}]`;
      const headers = h.signedHeaders({ secret: SECRET, url: URL_, body, timestamp: NOW - 500 });
      const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
      const bodies = [body, new TextEncoder().encode(body), new TextEncoder().encode(body).buffer, Buffer.from(body), new DataView(new TextEncoder().encode(body).buffer)];
      const headerShapes = [new Headers(headers), lower, Object.entries(headers), new Map(Object.entries(headers))];
      for (const b of bodies) {
        for (const hs of headerShapes) {
          const d = h.verifyAndParse({ method: 'POST', url: URL_, headers: hs, body: b }, { secret: SECRET, now: NOW });
          assert.equal(d.version, 'v3');
          assert.equal(d.secretIndex, 0);
          assert.equal(d.events.length, 1);
        }
      }
      // The body in the options (Fetch: `await request.arrayBuffer()`), a Date as the clock.
      const d = h.verifyAndParse({ method: 'POST', url: URL_, headers: new Headers(headers) }, { secret: SECRET, now: new Date(NOW), body });
      assert.equal(d.events[0].objectType, 'contact');
      assert.deepEqual(h.verify({ url: URL_, headers, body }, { secrets: ['old', SECRET], now: NOW }), { version: 'v3', secretIndex: 1 });
    });

    test('Node IncomingMessage-like: the URL is rebuilt from Host (and X-Forwarded-* with trustProxy)', () => {
      const body = `[${EVENT()}]`;
      const publicUrl = 'https://hooks.example.com/hubspot?x=1';
      const headers = Object.fromEntries(
        Object.entries(h.signedHeaders({ secret: SECRET, url: publicUrl, body, timestamp: NOW })).map(([k, v]) => [k.toLowerCase(), v]),
      );
      const req = { method: 'POST', url: '/hubspot?x=1', headers: { ...headers, host: 'hooks.example.com' }, socket: { encrypted: true } };
      assert.equal(h.verify(req, { secret: SECRET, now: NOW, body: Buffer.from(body) }).version, 'v3');
      const proxied = { method: 'POST', url: '/hubspot?x=1', headers: { ...headers, host: '10.0.0.1:8080', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'hooks.example.com' } };
      assert.throws(() => h.verify(proxied, { secret: SECRET, now: NOW, body }), (e) => e.code === 'signature_mismatch' && /http:\/\//.test(e.message));
      assert.equal(h.verify(proxied, { secret: SECRET, now: NOW, body, trustProxy: true }).version, 'v3');
      assert.equal(h.verify(proxied, { secret: SECRET, now: NOW, body, url: publicUrl }).version, 'v3');
    });

    test('IDs are exact strings, times numbers, events plain objects', () => {
      const body = `[${EVENT({ objectId: 0, mergedObjectIds: [0, 2], propertyValue: false, subscriptionType: 'contact.merge', primaryObjectId: 1 })}]`
        .replace('"objectId":0', '"objectId":9007199254740993')
        .replace('[0,2]', '[9007199254740993,2]')
        .replace('"primaryObjectId":1', '"primaryObjectId":9223372036854775807');
      const [e] = h.parseBatch(body).events;
      assert.equal(e.objectId, '9007199254740993');
      assert.equal(e.primaryObjectId, '9223372036854775807');
      assert.deepEqual(e.mergedObjectIds, ['9007199254740993', '2']);
      assert.equal(e.eventId, '1');
      assert.equal(e.occurredAt, NOW - 1000);
      assert.equal(e.propertyValue, false);
      assert.equal(e.action, 'merge');
      assert.equal(Object.getPrototypeOf(e), Object.prototype);
      assert.ok(e.rawJson.includes('9007199254740993'));
      assert.equal(e.rawJson, body.slice(1, -1));
      // The original text is the body's, even when the caller reuses the buffer afterwards.
      const buf = Buffer.from(`[${EVENT()}, ${EVENT({ eventId: 2 })}]`);
      const events = h.parseBatch(buf).events;
      buf.fill(0);
      assert.equal(events[1].rawJson, EVENT({ eventId: 2 }));
      assert.equal(JSON.parse(JSON.stringify(events[0])).rawJson, EVENT());
      assert.match(e.dedupKey, /^hs1:4:3:2:contact\.merge:1:9007199254740993:-:-:/);
      const retry = h.parseBatch(body.replace('"attemptNumber":0', '"attemptNumber":3')).events[0];
      assert.equal(retry.dedupKey, e.dedupKey);
      // A time beyond 2^53 is no real time; it comes as a bigint rather than rounded.
      const far = h.parseBatch(`[${EVENT({ occurredAt: 1 })}]`.replace('"occurredAt":1', '"occurredAt":9223372036854775807')).events[0];
      assert.equal(far.occurredAt, 9223372036854775807n);
    });

    test('non-ASCII bodies: strings and rawJson exact, from bytes and from a string', () => {
      const one = EVENT({ subscriptionType: 'contact.propertyChange', propertyName: 'ü名😀', propertyValue: 'J\u00fcrgen 😀 "q"' });
      const two = EVENT({ eventId: 2, subscriptionType: 'contact.propertyChange', propertyValue: { a: [1, 2] }, changeSource: '😀😀' });
      const three = EVENT({ eventId: 3, subscriptionType: 'contact.propertyChange', propertyValue: false }).replace('"eventId":3', '"eventId":3 ');
      const body = `[${one},\n ${two},${three}]`;
      for (const b of [body, Buffer.from(body), new TextEncoder().encode(body).buffer]) {
        const [a, c, d] = h.parseBatch(b).events;
        assert.equal(a.propertyName, 'ü名😀');
        assert.equal(a.propertyValue, 'Jürgen 😀 "q"');
        assert.deepEqual(c.propertyValue, { a: [1, 2] });
        assert.equal(c.changeSource, '😀😀');
        assert.equal(d.propertyValue, false);
        assert.deepEqual([a.rawJson, c.rawJson, d.rawJson], [one, two, three]);
      }
      // A lone surrogate in a string body: the core reads U+FFFD (as UTF-8 has it); rawJson is
      // the caller's own text.
      const lone = `[${EVENT({ propertyValue: 'aXb' }).replace('X', '\ud800')}]`;
      const [e] = h.parseBatch(lone).events;
      assert.equal(e.propertyValue, 'a\ufffdb');
      assert.equal(e.rawJson, lone.slice(1, -1));
    });

    test('generic object events and conversations', () => {
      const body = `[${EVENT({ subscriptionType: 'object.creation', objectTypeId: '0-1' })},${EVENT({
        subscriptionType: 'conversation.propertyChange',
        propertyName: 'status',
        propertyValue: 'CLOSED',
      })},${EVENT({ subscriptionType: 'conversation.newMessage', messageId: 'm1', messageType: 'COMMENT' })}]`;
      const [generic, status, message] = h.parseBatch(body).events;
      assert.equal(generic.objectType, 'contact');
      assert.equal(generic.subscriptionType, 'object.creation');
      assert.deepEqual(status.conversation, { threadId: '5', change: 'statusChanged', status: 'CLOSED' });
      assert.deepEqual(message.conversation, { threadId: '5', change: 'newMessage', messageId: 'm1', messageType: 'COMMENT' });
      assert.equal(generic.conversation, undefined);
    });

    test('every conversation change carries its values', () => {
      const property = (name, value) => EVENT({ subscriptionType: 'conversation.propertyChange', propertyName: name, propertyValue: value });
      const type = (subscriptionType, more = {}) => EVENT({ subscriptionType, ...more });
      const events = [
        property('assignedTo', '77'),
        property('assignedTo', ''),
        property('status', 'OPEN'),
        property('isArchived', 'true'),
        property('isArchived', false),
        property('isArchived', 'maybe'),
        property('hs_thread_x', 'v'),
        type('conversation.newMessage', { messageId: 'm', messageType: 'MESSAGE' }),
        type('conversation.newMessage'),
        type('conversation.creation'),
        type('conversation.deletion'),
        type('conversation.privacyDeletion'),
        type('conversation.somethingNew'),
      ];
      const changes = h.parseBatch(`[${events.join(',')}]`).events.map(({ conversation: { threadId, ...rest } }) => (assert.equal(threadId, '5'), rest));
      assert.deepEqual(changes, [
        { change: 'assigneeChanged', assignee: '77' },
        { change: 'assigneeChanged' },
        { change: 'statusChanged', status: 'OPEN' },
        { change: 'archivedChanged', archived: true },
        { change: 'archivedChanged', archived: false },
        { change: 'archivedChanged' },
        { change: 'propertyChanged', propertyName: 'hs_thread_x', propertyValue: 'v' },
        { change: 'newMessage', messageId: 'm', messageType: 'MESSAGE' },
        { change: 'newMessage' },
        { change: 'created' },
        { change: 'deleted' },
        { change: 'privacyDeleted' },
        { change: 'other' },
      ]);
    });

    test('errors are Error subclasses per family, with codes and helpful messages', () => {
      const body = `[${EVENT()}]`;
      const cases = [
        [() => h.verify(signed(body, { secret: 'wrong' }), { secret: SECRET, now: NOW }), h.HubSpotSignatureError, 'signature_mismatch'],
        [() => h.verify(signed(body), { secret: SECRET, now: NOW + 3_600_000 }), h.HubSpotSignatureError, 'timestamp_too_old'],
        [() => h.verify({ url: URL_, headers: {}, body }, { secret: SECRET }), h.HubSpotSignatureError, 'missing_signature'],
        [() => h.parseBatch('{'), h.HubSpotPayloadError, 'invalid_json'],
        [() => h.parseBatch('{}'), h.HubSpotPayloadError, 'invalid_batch'],
        [() => h.parseBatch('[{}]'), h.HubSpotPayloadError, 'invalid_event'],
        [() => h.parseBatch(body, { maxBodyBytes: 3 }), h.HubSpotPayloadError, 'body_too_large'],
        [() => h.verify(signed(body), { now: NOW }), h.HubSpotUsageError, 'invalid_argument'],
        [() => h.verify(signed(body), { secret: '', now: NOW }), h.HubSpotUsageError, 'invalid_argument'],
        [() => h.verify(signed(body), { secret: 42, now: NOW }), h.HubSpotUsageError, 'invalid_argument'],
        [() => h.verify(signed(body), { secret: SECRET, now: NOW, toleranceMs: -1 }), h.HubSpotUsageError, 'invalid_argument'],
        [() => h.verify(signed(body), { secret: SECRET, now: NOW, requireV3: 'yes' }), h.HubSpotUsageError, 'invalid_argument'],
        [() => h.verify(signed(body), { secret: SECRET, now: 'now' }), h.HubSpotUsageError, 'invalid_argument'],
        [() => h.verify(null, { secret: SECRET }), h.HubSpotUsageError, 'invalid_argument'],
        [() => h.parseBatch(undefined), h.HubSpotUsageError, 'invalid_argument'],
      ];
      for (const [fn, Class, code] of cases) {
        assert.throws(fn, (e) => {
          assert.ok(e instanceof Class, `${code}: ${e}`);
          assert.ok(e instanceof h.HubSpotWebhookError);
          assert.ok(e instanceof Error);
          assert.equal(e.code, code);
          assert.equal(e.name, Class.name);
          assert.ok(e.message.startsWith(`${code}: `));
          return true;
        });
      }
      const event = (() => {
        try {
          h.parseBatch(`[${EVENT()},${EVENT({ eventId: 'x' })}]`);
        } catch (e) {
          return e;
        }
      })();
      assert.equal(event.index, 1);
      assert.equal(event.field, 'eventId');
      const codes = h.errorCodes().map((c) => c.code);
      assert.ok(codes.includes('signature_mismatch') && codes.includes('invalid_argument'));
    });

    test('hints: parsed body, stream, access token, form-decoded +, pretty-printed body', () => {
      const body = `[${EVENT()}]`;
      assert.throws(() => h.verify({ ...signed(body), body: JSON.parse(body) }, { secret: SECRET, now: NOW }), /parsed JSON value.*express\.raw/);
      assert.throws(() => h.verify({ ...signed(body), body: new ReadableStream() }, { secret: SECRET, now: NOW }), /stream.*arrayBuffer/);
      assert.throws(() => h.verify(signed(body, { secret: 'pat-na1-123' }), { secret: 'pat-na1-123x', now: NOW }), /access token/);
      const req = signed(body);
      req.headers.set('X-HubSpot-Signature-v3', req.headers.get('X-HubSpot-Signature-v3').replace(/[A-Za-z0-9/]/, '+').replace('+', ' '));
      assert.throws(() => h.verify(req, { secret: SECRET, now: NOW }), (e) => e.code === 'malformed_signature' && /form/.test(e.message));
      const pretty = JSON.stringify(JSON.parse(body), null, 2);
      assert.throws(() => h.verify({ ...signed(body), body: pretty }, { secret: SECRET, now: NOW }), /re-serialised/);
    });

    test('partial parsing keeps the good events and types the rejected ones', () => {
      const { events, rejected } = h.parseBatch(`[${EVENT()},${EVENT({ portalId: 'x' })}]`, { partial: true });
      assert.equal(events.length, 1);
      assert.equal(rejected.length, 1);
      assert.equal(rejected[0].index, 1);
      assert.ok(rejected[0].error instanceof h.HubSpotPayloadError);
      assert.equal(rejected[0].error.field, 'portalId');
      assert.ok(rejected[0].rawJson.includes('"portalId":"x"'));
    });

    test('signing helpers agree with each other and with verify', () => {
      const body = '[]';
      const headers = h.signedHeaders({ secret: SECRET, url: URL_, body, timestamp: NOW });
      assert.equal(headers['X-HubSpot-Signature'], h.signV1(SECRET, body));
      assert.equal(headers['X-HubSpot-Signature-v3'], h.signV3(SECRET, 'POST', URL_, body, NOW));
      assert.equal(headers['X-HubSpot-Signature-v3'], h.signV3(SECRET, 'POST', URL_, body, String(NOW)));
      const v2 = { 'X-HubSpot-Signature': h.signV2(SECRET, 'POST', URL_, body), 'X-HubSpot-Signature-Version': 'v2' };
      assert.equal(h.verify({ url: URL_, headers: v2, body }, { secret: SECRET }).version, 'v2');
    });

    test('router: subscription type, object type and action, wildcards, catch-all, order', async () => {
      const seen = [];
      const router = h
        .createRouter()
        .on('contact.creation', (e) => seen.push(`contact.creation:${e.subscriptionType}`))
        .on('conversation.newMessage', (e) => seen.push(`newMessage:${e.messageId}`))
        .on('contact.*', (e) => seen.push(`contact.*:${e.action}`))
        .on('*.propertyChange', (e) => seen.push(`*.propertyChange:${e.objectType}`))
        .on('object.creation', () => seen.push('object.creation'))
        .onAny(async (e, ctx) => seen.push(`any:${e.eventId}:${ctx.delivery.events.length}:${ctx.tag}`));
      const body = `[${EVENT()},${EVENT({ eventId: 2, subscriptionType: 'object.creation', objectTypeId: '0-1' })},${EVENT({
        eventId: 3,
        subscriptionType: 'conversation.newMessage',
        messageId: 'm',
      })},${EVENT({ eventId: 4, subscriptionType: 'deal.propertyChange' })}]`;
      await router.dispatch(h.parseBatch(body), { tag: 't' });
      assert.deepEqual(seen, [
        'contact.creation:contact.creation',
        'contact.*:creation',
        'any:1:4:t',
        'contact.creation:object.creation',
        'contact.*:creation',
        'object.creation',
        'any:2:4:t',
        'newMessage:m',
        'any:3:4:t',
        '*.propertyChange:deal',
        'any:4:4:t',
      ]);
      assert.throws(() => router.on('x', 'not a function'), h.HubSpotUsageError);
      assert.throws(() => router.on('', () => {}), h.HubSpotUsageError);
    });

    test("createFetchHandler answers per the core's policy (docs/decisions.md 17) and runs the router", async () => {
      const seen = [];
      const handler = h.createFetchHandler({ secret: (env) => env.SECRET, now: NOW, on: { 'contact.creation': (e) => seen.push(e.objectId) } });
      const body = `[${EVENT()}]`;
      const req = (b, init = {}) =>
        new Request(URL_, { method: 'POST', body: b, headers: h.signedHeaders({ secret: SECRET, url: URL_, body, timestamp: NOW }), ...init });
      assert.equal((await handler(req(body), { SECRET })).status, 204);
      assert.deepEqual(seen, ['5']);
      assert.equal((await handler(req(body), { SECRET: 'other' })).status, 401);
      assert.equal((await handler(new Request(URL_), { SECRET })).status, 405);
      assert.equal((await handler(req(body + ' '), { SECRET })).status, 401);
      const errors = [];
      const quiet = h.createFetchHandler({ secret: () => undefined, now: NOW, onError: (e) => errors.push(e) });
      const misconfigured = await quiet(req(body), {});
      assert.equal(misconfigured.status, 500);
      assert.equal((await misconfigured.json()).code, 'invalid_argument');
      assert.ok(errors[0] instanceof h.HubSpotUsageError);
      const failing = h.createFetchHandler({ secret: SECRET, now: NOW, onError: () => {}, on: { '*': () => Promise.reject(new Error('db down')) } });
      assert.equal((await failing(req(body))).status, 500);
      assert.throws(() => h.createFetchHandler({}), h.HubSpotUsageError);
    });

    test('createFetchHandler with trustProxy checks the URL from X-Forwarded-Proto/Host', async () => {
      const body = `[${EVENT()}]`;
      const internal = 'http://10.0.0.7:8080/hubspot/webhook?x=%7E';
      const external = 'https://hooks.example.com/hubspot/webhook?x=%7E';
      const headers = { ...h.signedHeaders({ secret: SECRET, url: external, body, timestamp: NOW }), 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'hooks.example.com' };
      const request = () => new Request(internal, { method: 'POST', body, headers });
      const trusting = h.createFetchHandler({ secret: SECRET, now: NOW, trustProxy: true, onError: () => {} });
      assert.equal((await trusting(request())).status, 204);
      const plain = h.createFetchHandler({ secret: SECRET, now: NOW, onError: () => {} });
      const refused = await plain(request());
      assert.equal(refused.status, 401);
      assert.equal((await refused.json()).code, 'signature_mismatch');
    });

    test('exact values: big numbers in propertyValue and unknown fields, never rounded', () => {
      const body = `[${EVENT({ subscriptionType: 'deal.propertyChange', propertyName: 'amount', propertyValue: 0, hs_x: 0, hs_list: [0, 1.5] })}]`
        .replace('"propertyValue":0', '"propertyValue":12345678901234567890123')
        .replace('"hs_x":0', '"hs_x":98765432109876543210')
        .replace('[0,1.5]', '[18446744073709551616,1.50,0.10000000000000000001]');
      const [e] = h.parseBatch(body).events;
      assert.equal(e.propertyValue, 12345678901234567890123n);
      assert.deepEqual(h.unknownFields(e), { hs_x: 98765432109876543210n, hs_list: [18446744073709551616n, 1.5, '0.10000000000000000001'] });
      assert.equal(h.parseBatch(body.replace('12345678901234567890123', '12500.50')).events[0].propertyValue, 12500.5);
      assert.deepEqual(h.unknownFields(h.parseBatch(`[${EVENT()}]`).events[0]), {});
      assert.ok(h.eventFields().some((f) => f.json === 'propertyValue' && f.kind === 'value'));
    });

    test('createNodeMiddleware: reads the raw body, takes express.raw Buffers, refuses parsed bodies', async () => {
      const body = `[${EVENT()}]`;
      const headers = Object.fromEntries(
        Object.entries(h.signedHeaders({ secret: SECRET, url: 'http://localhost/hook', body, timestamp: NOW })).map(([k, v]) => [k.toLowerCase(), v]),
      );
      const seen = [];
      const mw = h.createNodeMiddleware({ secret: SECRET, now: NOW, onError: () => {}, on: { '*': (e, ctx) => seen.push([e.eventId, typeof ctx.req]) } });
      const run = (req, next) =>
        new Promise((resolve) => {
          const res = {
            statusCode: 200,
            headers: {},
            headersSent: false,
            setHeader(k, v) {
              this.headers[k.toLowerCase()] = v;
            },
            end(b) {
              this.headersSent = true;
              resolve({ status: this.statusCode, body: b, headers: this.headers });
            },
          };
          mw(req, res, next && ((err) => resolve({ next: err })));
        });
      const stream = (chunks, extra = {}) => Object.assign(Readable.from(chunks.map((c) => Buffer.from(c))), { method: 'POST', url: '/hook', headers: { ...headers, host: 'localhost' }, ...extra });
      assert.equal((await run(stream([body.slice(0, 10), body.slice(10)]))).status, 204);
      assert.deepEqual(seen, [['1', 'object']]);
      assert.equal((await run(stream([], { body: Buffer.from(body) }))).status, 204);
      const forged = await run(stream([body.replace('"portalId":3', '"portalId":4')]));
      assert.equal(forged.status, 401);
      assert.equal(JSON.parse(forged.body).code, 'signature_mismatch');
      assert.equal((await run(stream([body], { method: 'GET' }))).status, 405);
      // express.json() already ran: the body is an object and the stream is consumed.
      const consumed = { method: 'POST', url: '/hook', headers: { ...headers, host: 'localhost' }, body: JSON.parse(body), readableEnded: true };
      const parsed = consumed;
      const viaNext = await run(parsed, true);
      assert.ok(viaNext.next instanceof h.HubSpotUsageError);
      assert.match(viaNext.next.message, /already parsed by a JSON body parser.*express\.raw/);
      const errors = [];
      const quiet = h.createNodeMiddleware({ secret: SECRET, now: NOW, onError: (e) => errors.push(e) });
      const direct = await new Promise((resolve) =>
        quiet(consumed, { setHeader() {}, end(b) { resolve({ status: this.statusCode, body: b }); } }),
      );
      assert.equal(direct.status, 500);
      assert.ok(errors[0] instanceof h.HubSpotUsageError);
      // Over the body limit: stops reading and answers 413.
      const small = h.createNodeMiddleware({ secret: SECRET, now: NOW, maxBodyBytes: 16 });
      const big = await new Promise((resolve) =>
        small(stream([body, body]), { setHeader() {}, end(b) { resolve({ status: this.statusCode, body: b }); } }),
      );
      assert.equal(big.status, 413);
      assert.equal(JSON.parse(big.body).code, 'body_too_large');
    });
  });
}

test('ESM and CJS entries are separate module instances with the same API', () => {
  assert.deepEqual(Object.keys(esm).sort(), Object.keys(cjs).sort());
});

test('diagnose: true in a helper: the findings reach onError (the server log), never the caller', async () => {
  const url = 'https://example.com/hook';
  const f = esm.fixtures.delivery('contact.creation', { secret: 's3cret', nowMs: 1_700_000_000_000, url });
  const seen = [];
  const fetch = esm.createFetchHandler({ secret: 's3cret', now: 1_700_000_000_000, diagnose: true, onError: (e) => seen.push(e) });
  // The receiver sees http:// (TLS ended at a proxy): the signature does not match.
  const res = await fetch(new Request(url.replace('https:', 'http:'), { method: 'POST', headers: f.headers, body: f.body }));
  assert.equal(res.status, 401);
  const body = await res.text();
  assert.deepEqual(Object.keys(JSON.parse(body)).sort(), ['code', 'message']);
  // The core's plain message (Response::for_error), not the one with the findings.
  assert.equal(`${seen[0].code}: ${JSON.parse(body).message}`, seen[0].message);
  assert.deepEqual(seen[0].diagnosis.findings.map((x) => x.code), ['url_scheme']);
  assert.ok(!body.includes(seen[0].diagnosis.findings[0].message), body);
  assert.ok(seen[0].detailedMessage.includes(seen[0].diagnosis.findings[0].message));
});
