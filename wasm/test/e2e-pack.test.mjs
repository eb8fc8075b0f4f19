// The packed tarball (npm pack) installed into a fresh project and imported by name, in Node
// (ESM, CJS, slim) and in workerd (wrangler bundles the example worker with the workerd
// condition); then the two examples, served on 127.0.0.1, get real HTTP POSTs signed like
// HubSpot's: good, forged, stale, parsed-then-restringified, and a few more.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signedHeaders } from 'hubspot-webhooks';

const wasmDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SECRET = 'e2e-client-secret-0000-1111';
let tmp;
let app;
let tarballFiles;

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'hubspot-webhooks-pack-'));
  execFileSync('npm', ['pack', join(wasmDir, 'pkg'), '--pack-destination', tmp, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack made no tarball');
  tarballFiles = execFileSync('tar', ['tzf', join(tmp, tarball)], { encoding: 'utf8' }).trim().split('\n').sort();
  app = join(tmp, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'fresh-app', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', join(tmp, tarball)], { cwd: app, stdio: ['ignore', 'ignore', 'inherit'] });
  cpSync(join(wasmDir, 'examples', 'cloudflare-worker'), join(app, 'worker'), { recursive: true, filter: (p) => !p.includes('node_modules') });
  cpSync(join(wasmDir, 'examples', 'node-server'), join(app, 'node-server'), { recursive: true, filter: (p) => !p.includes('node_modules') });
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('the tarball holds the package and nothing else (no tests, benchmarks or test hooks)', () => {
  const modules = readdirSync(join(wasmDir, 'pkg-src')).filter((f) => /\.m?js$/.test(f) && f !== 'node-cjs-entry.mjs');
  const expected = [
    'package.json', 'README.md', 'LICENSE-MIT', 'LICENSE-APACHE', 'index.d.ts', 'index.d.cts', 'slim.d.ts',
    'dist/hubspot_webhooks_wasm.js', 'dist/hubspot_webhooks_wasm_bg.wasm', 'dist/hubspot_webhooks_tools.js', 'dist/hubspot_webhooks_tools_bg.wasm', 'dist/schema.js', 'dist/node.cjs', 'dist/head.js',
    ...modules.map((f) => `dist/${f}`),
  ].map((f) => `package/${f}`);
  assert.deepEqual(tarballFiles, expected.sort());
  // No module of the package holds a test hook (the digest call counter of old).
  for (const f of modules) assert.doesNotMatch(readFileSync(join(wasmDir, 'pkg-src', f), 'utf8'), /digestHost|calls\+\+|__test/, f);
});

function nodeIn(cwd, args) {
  return execFileSync(process.execPath, args, { cwd, encoding: 'utf8' }).trim();
}

test('the tarball imports by name in Node: ESM, CJS and slim', () => {
  const check = "typeof h.verifyAndParse + ' ' + h.parseBatch('[]').events.length + ' ' + (new h.HubSpotSignatureError('x') instanceof Error)";
  assert.equal(nodeIn(app, ['--input-type=module', '-e', `import * as h from 'hubspot-webhooks'; console.log(${check})`]), 'function 0 true');
  assert.equal(nodeIn(app, ['--input-type=commonjs', '-e', `const h = require('hubspot-webhooks'); console.log(${check})`]), 'function 0 true');
  const slim = [
    "import * as h from 'hubspot-webhooks/slim';",
    "import { readFileSync } from 'node:fs';",
    "import { createRequire } from 'node:module';",
    'let before = "";',
    'try { h.parseBatch("[]") } catch (e) { before = e.code }',
    "h.initSync({ module: readFileSync(createRequire(import.meta.url).resolve('hubspot-webhooks/hubspot_webhooks_wasm_bg.wasm')) });",
    "console.log(before + ' ' + h.parseBatch('[]').events.length);",
  ].join('\n');
  assert.equal(nodeIn(app, ['--input-type=module', '-e', slim]), 'invalid_argument 0');
});

const BODY =
  '[{"eventId":1001,"subscriptionId":25,"portalId":33,"appId":1160452,"occurredAt":1700000000000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":9007199254740993,"changeSource":"CRM_UI"},' +
  '{"eventId":1002,"subscriptionId":26,"portalId":33,"appId":1160452,"occurredAt":1700000000001,"subscriptionType":"contact.propertyChange","attemptNumber":0,"objectId":123,"propertyName":"firstname","propertyValue":"J\\u00fcrgen"},' +
  '{"eventId":1003,"subscriptionId":27,"portalId":33,"appId":1160452,"occurredAt":1700000000002,"subscriptionType":"conversation.newMessage","attemptNumber":0,"objectId":3624100517,"messageId":"e835c5f4","messageType":"MESSAGE","changeFlag":"NEW_MESSAGE"}]';

async function post(url, body, headers) {
  const res = await fetch(url, { method: 'POST', body, headers });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** The HubSpot-like requests every example must answer the same way. */
async function checkEndpoint(url) {
  const now = Date.now();
  const good = signedHeaders({ secret: SECRET, url, body: BODY, timestamp: now });
  assert.deepEqual(await post(url, BODY, good), { status: 204, json: undefined }, 'good delivery');

  const forged = signedHeaders({ secret: 'not-the-secret', url, body: BODY, timestamp: now });
  const f = await post(url, BODY, forged);
  assert.equal(f.status, 401, 'forged');
  assert.equal(f.json.code, 'signature_mismatch');

  const stale = signedHeaders({ secret: SECRET, url, body: BODY, timestamp: now - 10 * 60 * 1000 });
  const s = await post(url, BODY, stale);
  assert.equal(s.status, 401, 'stale');
  assert.equal(s.json.code, 'timestamp_too_old');

  // The classic mistake: the body parsed and restringified (\u00fc and a big ID come back changed).
  const restringified = JSON.stringify(JSON.parse(BODY));
  assert.notEqual(restringified, BODY);
  const r = await post(url, restringified, good);
  assert.equal(r.status, 401, 'restringified');
  assert.equal(r.json.code, 'signature_mismatch');

  const wrongUrl = signedHeaders({ secret: SECRET, url: url + '/', body: BODY, timestamp: now });
  assert.equal((await post(url, BODY, wrongUrl)).status, 401, 'signed for another URL');

  const notBatch = '{"eventId":1}';
  const nb = await post(url, notBatch, signedHeaders({ secret: SECRET, url, body: notBatch, timestamp: now }));
  assert.equal(nb.status, 400, 'not a batch');
  assert.equal(nb.json.code, 'invalid_batch');

  const unsigned = await post(url, BODY, { 'Content-Type': 'application/json' });
  assert.equal(unsigned.status, 401);
  assert.equal(unsigned.json.code, 'missing_signature');

  const get = await fetch(url);
  assert.equal(get.status, 405);
  assert.equal(get.headers.get('allow'), 'POST');
}

test('examples/cloudflare-worker in workerd (wrangler dev, 127.0.0.1), from the tarball', { timeout: 120_000 }, async () => {
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false'; // no network: the placeholder Request.cf
  const { unstable_dev } = await import('wrangler');
  // Local secrets of `wrangler dev` live in .dev.vars.
  writeFileSync(join(app, 'worker', '.dev.vars'), `HUBSPOT_CLIENT_SECRET=${SECRET}\n`);
  const worker = await unstable_dev(join(app, 'worker', 'src', 'index.js'), {
    config: join(app, 'worker', 'wrangler.toml'),
    ip: '127.0.0.1',
    port: 0,
    logLevel: 'warn',
    experimental: { disableExperimentalWarning: true, disableDevRegistry: true },
  });
  try {
    const res = await fetch(`http://127.0.0.1:${worker.port}/webhook`);
    assert.equal(res.status, 405);
    await checkEndpoint(`http://127.0.0.1:${worker.port}/webhook`);
  } finally {
    await worker.stop();
  }
});

test('examples/node-server on node:http, from the tarball', { timeout: 60_000 }, async () => {
  const child = spawn(process.execPath, ['server.js'], {
    cwd: join(app, 'node-server'),
    env: { ...process.env, PORT: '0', HUBSPOT_CLIENT_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  try {
    const url = await new Promise((resolveUrl, reject) => {
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const m = out.match(/listening on (\S+)/);
        if (m) resolveUrl(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
    });
    await checkEndpoint(url);
    // The router ran for the good delivery: exact IDs, the classic and catch-all routes.
    assert.match(out, /new contact 9007199254740993 in portal 33/);
    assert.match(out, /message e835c5f4 \(MESSAGE\) in thread 3624100517/);
    assert.match(out, /contact\.propertyChange hs1:1160452:33:26:contact\.propertyChange:1002:123:-:-:1700000000001/);
  } finally {
    child.kill();
  }
});
