// A careless or unlucky user of the HTTP helpers, over real HTTP on 127.0.0.1 where a socket is
// involved: an onError that throws (no unhandled rejection, the request still answered), a body
// that other code already consumed or a client already gone before the middleware runs (an
// answer at once, not a wait for bodyTimeoutMs), and bodies of many megabytes passed straight
// to the API (refused without being copied into the module's memory, which never shrinks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import * as h from 'hubspot-webhooks';
// The package's own module instance: initSync() hands back its exports (as test/soak-node.mjs).
import { initSync } from '../pkg/dist/hubspot_webhooks_wasm.js';

const SECRET = 'hostile-http-secret';
// The tests wait for an answer that the code before these fixes never gave: the longest timer,
// so that nothing but the fix answers, and a test timeout that fails rather than hangs.
const NEVER = 2 ** 31 - 1;
const LIMIT = { timeout: 60_000 };

/** Collects unhandled rejections while `fn` runs (Node would end the process on one). */
async function noUnhandled(fn, onRejection = () => {}) {
  const seen = [];
  const listener = (reason) => {
    seen.push(reason);
    onRejection(reason);
  };
  process.on('unhandledRejection', listener);
  try {
    return { result: await fn(), rejections: seen };
  } finally {
    // One more turn of the event loop for late rejections.
    await new Promise((resolve) => setImmediate(resolve));
    process.off('unhandledRejection', listener);
  }
}

/** A server on 127.0.0.1 running `handle`; `fn(port)` runs with it, and it is closed after. */
async function withServer(handle, fn) {
  const server = createServer(handle);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await fn(server.address().port);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** POSTs a signed delivery (or `body` in its place); resolves the status, or 'closed'. */
function post(port, { body, onRequest = () => {} } = {}) {
  const f = h.fixtures.delivery('contact.creation', { secret: SECRET, url: `http://127.0.0.1:${port}/hook` });
  return new Promise((resolve) => {
    const r = httpRequest({ host: '127.0.0.1', port, path: '/hook', method: 'POST', headers: f.headers }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    r.on('error', () => resolve('closed'));
    onRequest(r);
    r.end(body ?? f.body);
  });
}

test('Node middleware: an onError that throws is logged, the request answered, no unhandled rejection', LIMIT, async () => {
  let client;
  const mw = h.createNodeMiddleware({
    secret: SECRET,
    onError: () => {
      throw new Error('onError failed');
    },
  });
  // Before the fix the rejection went unhandled (ending the process) and nothing answered: the
  // listener then cuts the request so that the test fails rather than hangs.
  const { result, rejections } = await noUnhandled(
    () => withServer(mw, (port) => post(port, { body: '[]', onRequest: (r) => (client = r) })),
    () => client?.destroy(),
  );
  assert.deepEqual(rejections, []);
  assert.equal(result, 401);
});

test('fetch handler with answerFirst and no ctx: a failing handler and a throwing onError leave no unhandled rejection', LIMIT, async () => {
  const handler = h.createFetchHandler({
    secret: SECRET,
    answerFirst: true,
    on: { '*': () => Promise.reject(new Error('handler failed')) },
    onError: () => {
      throw new Error('onError failed');
    },
  });
  const f = h.fixtures.delivery('contact.creation', { secret: SECRET });
  const { result, rejections } = await noUnhandled(async () => {
    const res = await handler(new Request(f.url, f));
    // Let the handlers run after the answer.
    await new Promise((resolve) => setTimeout(resolve, 10));
    return res.status;
  });
  assert.equal(result, 204);
  assert.deepEqual(rejections, []);
});

test('Node middleware: a body that earlier code consumed is a usage error at once, not a wait for bodyTimeoutMs', LIMIT, async () => {
  const seen = [];
  const mw = h.createNodeMiddleware({ secret: SECRET, bodyTimeoutMs: NEVER, onError: (e) => seen.push(e) });
  const status = await withServer(
    (req, res) => {
      req.resume();
      req.on('end', () => mw(req, res));
    },
    (port) => post(port),
  );
  assert.equal(status, 500);
  assert.ok(seen[0] instanceof h.HubSpotUsageError, String(seen[0]));
  assert.match(seen[0].message, /already read by other code/);
});

test('Node middleware: a client gone before the middleware runs is handled at once, not after bodyTimeoutMs', LIMIT, async () => {
  let seen;
  const handled = new Promise((resolve) => (seen = resolve));
  const mw = h.createNodeMiddleware({ secret: SECRET, bodyTimeoutMs: NEVER, onError: (e) => seen(e) });
  await withServer(
    (req, res) => req.on('close', () => mw(req, res)),
    async (port) => {
      const f = h.fixtures.delivery('contact.creation', { secret: SECRET, url: `http://127.0.0.1:${port}/hook` });
      const r = httpRequest({ host: '127.0.0.1', port, path: '/hook', method: 'POST', headers: f.headers });
      r.on('error', () => {});
      r.write(f.body.slice(0, 10));
      r.on('socket', (s) => s.on('connect', () => setImmediate(() => r.destroy())));
      const error = await handled;
      assert.ok(error instanceof h.HubSpotSignatureError, String(error));
    },
  );
});

test('a body of many megabytes passed to the API is refused with its full length, without growing the module memory', () => {
  const exports = initSync();
  const f = h.fixtures.delivery('contact.creation', { secret: SECRET });
  h.verifyAndParse(f, { secret: SECRET }); // the input buffer at its usual size
  const before = exports.memory.buffer.byteLength;
  const size = 64 << 20;
  const huge = new Uint8Array(size).fill(0x20);
  for (const call of [() => h.verifyAndParse(f, { secret: SECRET, body: huge }), () => h.parseBatch(huge), () => h.verify(f, { secret: SECRET, body: huge, maxBodyBytes: 1000 })]) {
    assert.throws(call, (e) => e.code === 'body_too_large' && e.message.includes(`the body is ${size} bytes`), 'body_too_large with the full length');
  }
  // The limit plus one byte at most (10 MiB by default), not the 64 MiB.
  const grown = exports.memory.buffer.byteLength - before;
  assert.ok(grown < size / 2, `the module's memory grew by ${grown} bytes`);
  assert.equal(h.verifyAndParse(f, { secret: SECRET }).events.length, 1);
});
