// In Node, and in workerd with nodejs_compat, the core computes SHA-256 and HMAC-SHA256 with
// node:crypto (its Digests hook, fed synchronously on views of the module's memory) for bodies
// of 512 bytes or more; below, and everywhere else, with its own Rust digests. This shows that
// the Node and workerd entries really go through node:crypto (counted by wrapping node:crypto's
// own functions), and that both give the same answer on every conformance vector and on
// signatures of assorted inputs (the Rust side in a child process through
// hubspot-webhooks/slim, which never registers node:crypto, and in workerd without
// nodejs_compat). For the comparison every body goes through node:crypto, by the package's
// internal platform.hostDigestsFrom.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as h from 'hubspot-webhooks';
import { platform } from '../pkg/dist/platform.js';
import { digestOutcomes } from './digest-outcomes.mjs';
import { vectorFiles } from './vector-files.mjs';
import { withWorker, wasmDir } from './workerd/miniflare.mjs';

const here = dirname(fileURLToPath(import.meta.url));
let calls = 0;
for (const name of ['createHash', 'createHmac']) {
  const original = crypto[name];
  crypto[name] = (...args) => {
    calls++;
    return original(...args);
  };
}

/** The same outcomes computed with the Rust digests (slim entry, fresh process). */
function rustOutcomes() {
  return JSON.parse(execFileSync(process.execPath, [join(here, 'digest-outcomes-rust.mjs')], { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

test('the Node entry computes digests with node:crypto from 512 bytes of body, with Rust below', () => {
  const url = 'https://example.com/hook';
  const verified = (body) => {
    const headers = h.signedHeaders({ secret: 's3cret', url, body, timestamp: 1_700_000_000_000 });
    const before = calls;
    assert.equal(h.verify({ url, headers, body }, { secret: 's3cret', now: 1_700_000_000_000 }).version, 'v3');
    return calls - before;
  };
  assert.equal(verified('x'.repeat(512)), 1);
  assert.equal(verified('x'.repeat(511)), 0);
  assert.equal(verified('x'.repeat(4096)), 1);
  const before = calls;
  h.signV1('s', '[]');
  h.signV2('s', 'POST', url, '[]');
  assert.equal(calls, before + 2);
});

test('a digest that throws fails closed: the request is refused, never accepted', () => {
  const body = 'x'.repeat(1024);
  const url = 'https://example.com/hook';
  const headers = h.signedHeaders({ secret: 's3cret', url, body, timestamp: 1_700_000_000_000 });
  const original = crypto.createHmac;
  crypto.createHmac = () => {
    throw new Error('no HMAC today');
  };
  try {
    assert.throws(() => h.verify({ url, headers, body }, { secret: 's3cret', now: 1_700_000_000_000 }), (e) => e.code === 'signature_mismatch');
    assert.throws(() => h.signV3('s', 'POST', url, body, 1), (e) => e.code === 'invalid_argument');
  } finally {
    crypto.createHmac = original;
  }
});

/** node:crypto's outcomes (`native`, with its count of calls) equal the Rust ones. */
function sameOutcomes(native, nativeCalls, rust) {
  assert.ok(nativeCalls > 100, `only ${nativeCalls} digests through node:crypto`);
  assert.equal(native.failed, 0, native.failures.join('\n'));
  assert.equal(rust.failed, 0, rust.failures.join('\n'));
  assert.ok(native.outcomes.length > 300, `only ${native.outcomes.length} outcomes`);
  assert.equal(native.outcomes.length, rust.outcomes.length);
  assert.deepEqual(native.outcomes, rust.outcomes);
  assert.deepEqual(native.signatures, rust.signatures);
}

test('node:crypto and Rust digests agree on every conformance vector and assorted signatures', () => {
  const before = calls;
  platform.hostDigestsFrom = 0;
  let native;
  try {
    native = digestOutcomes(h, vectorFiles());
  } finally {
    platform.hostDigestsFrom = 512;
  }
  sameOutcomes(native, calls - before, rustOutcomes());
});

test('inside workerd: node:crypto with nodejs_compat, Rust without, the same answers', async () => {
  const files = JSON.stringify(vectorFiles());
  const run = (options) =>
    withWorker(join(wasmDir, 'test', 'workerd', 'digests-worker.mjs'), async (mf) => {
      const res = await mf.dispatchFetch('http://127.0.0.1/', { method: 'POST', body: files });
      assert.equal(res.status, 200, await res.clone().text());
      return res.json();
    }, { options });
  const native = await run({ compatibilityFlags: ['nodejs_compat'] });
  const rust = await run({});
  assert.equal(native.runtime, 'Cloudflare-Workers');
  assert.ok(native.nodeCompat && !rust.nodeCompat);
  assert.equal(rust.calls, 0);
  sameOutcomes(native, native.calls, rust);
  sameOutcomes(native, native.calls, rustOutcomes());
});
