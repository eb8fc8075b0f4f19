// Wrong arguments from JavaScript (test/hostile-args.mjs) in Node, through both entries, and
// inside real workerd: each one a HubSpotUsageError (code invalid_argument) that names it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as esm from 'hubspot-webhooks';
import { runHostileArguments } from './hostile-args.mjs';
import { withWorker, wasmDir, join } from './workerd/miniflare.mjs';

const cjs = createRequire(import.meta.url)('hubspot-webhooks');

function check(t, result) {
  t.diagnostic(result.line);
  assert.equal(result.failed, 0, result.failures.join('\n'));
  assert.ok(result.cases > 100, `only ${result.cases} cases`);
}

test('hostile arguments, Node ESM entry', async (t) => check(t, await runHostileArguments(esm, 'node-esm')));
test('hostile arguments, Node CJS entry', async (t) => check(t, await runHostileArguments(cjs, 'node-cjs')));

test('hostile arguments, inside workerd', async (t) => {
  const result = await withWorker(join(wasmDir, 'test', 'workerd', 'hostile-worker.mjs'), async (mf) => {
    const res = await mf.dispatchFetch('http://127.0.0.1/');
    assert.equal(res.status, 200, await res.clone().text());
    return res.json();
  });
  assert.equal(result.runtime, 'Cloudflare-Workers');
  check(t, result);
});
