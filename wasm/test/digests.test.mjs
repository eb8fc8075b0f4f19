// In Node the core computes SHA-256 and HMAC-SHA256 with node:crypto (its Digests hook, fed
// synchronously on views of the module's memory); elsewhere with its own Rust digests. This
// shows that the Node entry really goes through node:crypto, and that both give the same answer
// on every conformance vector and on signatures of assorted inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto, { randomBytes } from 'node:crypto';
import * as h from 'hubspot-webhooks';
// The same module instances as 'hubspot-webhooks' (the package is linked to ../pkg).
import { platform } from '../pkg/dist/platform.js';
import * as wasm from '../pkg/dist/hubspot_webhooks_wasm.js';
import { runConformance } from './conformance-runner.mjs';
import { vectorFiles } from './vector-files.mjs';

const host = platform.digestHost;

function withRustDigests(fn) {
  wasm.setDigestHost(undefined);
  try {
    return fn();
  } finally {
    wasm.setDigestHost(host);
  }
}

/** Every case's outcome, as comparable data. */
function outcomes() {
  const out = [];
  const api = {
    ...h,
    verifyAndParse(request, options) {
      try {
        const d = h.verifyAndParse(request, options);
        out.push({ version: d.version, secretIndex: d.secretIndex, keys: d.events.map((e) => e.dedupKey) });
        return d;
      } catch (e) {
        out.push({ error: e.code, message: e.message });
        throw e;
      }
    },
  };
  const result = runConformance(api, vectorFiles(), 'node');
  return { result, out };
}

test('the Node entry computes digests with node:crypto', () => {
  assert.ok(host, 'no digest host registered by the Node entry');
  assert.equal(platform.crypto, crypto);
  const body = '[]';
  const url = 'https://example.com/hook';
  const headers = h.signedHeaders({ secret: 's3cret', url, body, timestamp: 1_700_000_000_000 });
  const before = host.calls;
  assert.equal(h.verify({ url, headers, body }, { secret: 's3cret', now: 1_700_000_000_000 }).version, 'v3');
  assert.equal(host.calls, before + 1);
  h.signV1('s', body);
  h.signV2('s', 'POST', url, body);
  assert.equal(host.calls, before + 3);
  withRustDigests(() => h.signV1('s', body));
  assert.equal(host.calls, before + 3, 'setDigestHost(undefined) did not switch to the Rust digests');
});

test('node:crypto and Rust digests agree on every conformance vector', () => {
  const before = host.calls;
  const native = outcomes();
  const used = host.calls - before;
  const rust = withRustDigests(outcomes);
  assert.equal(host.calls - before, used, 'the Rust run went through node:crypto');
  assert.ok(used > 100, `only ${used} digests through node:crypto`);
  assert.equal(native.result.failed, 0, native.result.failures.join('\n'));
  assert.equal(rust.result.failed, 0, rust.result.failures.join('\n'));
  assert.equal(native.out.length, rust.out.length);
  assert.deepEqual(native.out, rust.out);
});

test('node:crypto and Rust digests agree on signatures of assorted inputs', () => {
  const inputs = [
    ['', '', ''],
    ['k', 'POST', 'https://example.com/a?b=%20c&d=%2A'],
    ['pat-na1-x', 'GET', 'https://h.example.com/ü/日本?q=%F0%9F%98%80'],
  ];
  const sizes = [0, 1, 55, 56, 63, 64, 65, 1000, 28_000, 200_000];
  for (const size of sizes) {
    const body = randomBytes(size);
    for (const [secret, method, url] of inputs) {
      const ts = String(1_700_000_000_000 + size);
      const sign = () => [h.signV1(secret, body), h.signV2(secret, method, url, body), h.signV3(secret, method, url, body, ts)];
      const before = host.calls;
      const native = sign();
      assert.equal(host.calls, before + 3);
      assert.deepEqual(native, withRustDigests(sign), `size ${size}, secret ${JSON.stringify(secret)}`);
    }
  }
  // A long secret (HMAC hashes keys over 64 bytes first).
  const long = 'x'.repeat(200);
  const v3 = () => h.signV3(long, 'POST', 'https://e.com/', 'body', '1');
  assert.equal(v3(), withRustDigests(v3));
});
