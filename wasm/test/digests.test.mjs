// In Node the core computes SHA-256 and HMAC-SHA256 with node:crypto (its Digests hook, fed
// synchronously on views of the module's memory); elsewhere with its own Rust digests. This
// shows that the Node entry really goes through node:crypto (counted by wrapping node:crypto's
// own functions: the package ships no test hook), and that both give the same answer on every
// conformance vector and on signatures of assorted inputs (the Rust side in a child process
// through hubspot-webhooks/slim, which never registers node:crypto).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as h from 'hubspot-webhooks';
import { digestOutcomes } from './digest-outcomes.mjs';

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
  return JSON.parse(execFileSync(process.execPath, [join(here, 'digest-outcomes.mjs')], { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

test('the Node entry computes digests with node:crypto', () => {
  const body = '[]';
  const url = 'https://example.com/hook';
  const headers = h.signedHeaders({ secret: 's3cret', url, body, timestamp: 1_700_000_000_000 });
  const before = calls;
  assert.equal(h.verify({ url, headers, body }, { secret: 's3cret', now: 1_700_000_000_000 }).version, 'v3');
  assert.equal(calls, before + 1);
  h.signV1('s', body);
  h.signV2('s', 'POST', url, body);
  assert.equal(calls, before + 3);
});

test('a digest that throws fails closed: the request is refused, never accepted', () => {
  const body = '[]';
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

test('node:crypto and Rust digests agree on every conformance vector and assorted signatures', () => {
  const before = calls;
  const native = digestOutcomes(h);
  assert.ok(calls - before > 100, `only ${calls - before} digests through node:crypto`);
  const rust = rustOutcomes();
  assert.equal(native.failed, 0, native.failures.join('\n'));
  assert.equal(rust.failed, 0, rust.failures.join('\n'));
  assert.ok(native.outcomes.length > 300, `only ${native.outcomes.length} outcomes`);
  assert.equal(native.outcomes.length, rust.outcomes.length);
  assert.deepEqual(native.outcomes, rust.outcomes);
  assert.deepEqual(native.signatures, rust.signatures);
});
