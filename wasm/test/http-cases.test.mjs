// tests/http/cases.json over real HTTP on 127.0.0.1, against the Node middleware and the Workers
// fetch handler inside workerd (every case; the routers at /routed/<name> from routed-app.mjs),
// and examples/node-server (the cases that need no configuration and no router: no public URL,
// no body limit of the table's own).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import * as h from 'hubspot-webhooks';
import { checkStartupErrors, httpCases, routed, runHttpCases } from './http-cases.mjs';
import { routedApp, startupErrors } from './routed-app.mjs';
import { withWorker, wasmDir } from './workerd/miniflare.mjs';

const table = httpCases();

function check(t, where, result, expected) {
  t.diagnostic(`${where}: ${result.ran} of ${result.cases} cases ran, ${result.ran - result.failed} passed, ${result.failed} failed`);
  assert.deepEqual(result.failures, []);
  assert.equal(result.ran, expected);
}

test('every case against createNodeMiddleware on node:http (routers at /routed/<name>)', async (t) => {
  const config = (extra) => ({
    secret: table.secret,
    maxBodyBytes: table.max_body_bytes,
    url: (req) => req.headers['x-test-public-url'],
    onError: () => {},
    ...extra,
  });
  const app = routedApp(h);
  const middlewares = { default: h.createNodeMiddleware(config({ on: { '*': () => {} } })) };
  for (const [name, router] of Object.entries(app.routers)) {
    middlewares[name] = h.createNodeMiddleware(config({ router, answerFirst: name === 'answer-first' }));
  }
  const server = createServer((req, res) => {
    const m = req.url.match(/^\/routed\/([^/?]+)/);
    (m ? middlewares[m[1]] : middlewares.default)(req, res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const observer = { reset: () => app.reset(), handled: () => [...app.handled], release: () => app.release() };
  try {
    check(t, 'node middleware', await runHttpCases(h, server.address().port, () => true, observer), table.cases.length);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

test("the table's start-up errors: a typo'd router pattern fails at registration, with core's suggestion", () => {
  assert.deepEqual(checkStartupErrors(table, startupErrors(h, table)), []);
});

test('every case against createFetchHandler inside workerd (routers at /routed/<name>)', async (t) => {
  const result = await withWorker(
    join(wasmDir, 'test', 'workerd', 'http-worker.mjs'),
    async (mf) => {
      const base = (await mf.ready).href ?? `http://127.0.0.1:${(await mf.ready).port}/`;
      const port = Number((await mf.ready).port);
      const call = async (path, init) => mf.dispatchFetch(new URL(path, base), init);
      const observer = {
        reset: async () => void (await call('/__reset')).arrayBuffer(),
        handled: async () => (await call('/__handled')).json(),
        release: async () => void (await call('/__release')).arrayBuffer(),
      };
      const startup = await (await call('/__startup', { method: 'POST', body: JSON.stringify(table) })).json();
      return { run: await runHttpCases(h, port, () => true, observer), startup };
    },
    { options: { bindings: { SECRET: table.secret, MAX_BODY_BYTES: String(table.max_body_bytes), BODY_TIMEOUT_MS: '10000' } } },
  );
  check(t, 'workerd fetch handler', result.run, table.cases.length);
  assert.deepEqual(checkStartupErrors(table, result.startup), []);
});

test('the cases that need no configuration against examples/node-server', async (t) => {
  const child = spawn(process.execPath, ['server.js'], {
    cwd: join(wasmDir, 'examples', 'node-server'),
    env: { ...process.env, PORT: '0', HUBSPOT_CLIENT_SECRET: table.secret },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const m = out.match(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
    });
    const plain = (c) => c.public_url === undefined && c.body_padding === undefined;
    const select = (c) => plain(c) && !routed(c);
    check(t, 'examples/node-server', await runHttpCases(h, port, select), table.cases.filter(select).length);
  } finally {
    child.kill();
  }
});
