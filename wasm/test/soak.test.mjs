// Leaks and soak: many verify-and-parse calls on a one-event batch in one process (with
// forged (also diagnosed, in the tools module), stale, Custom Channels, partial and
// wrong-argument calls mixed in), in Node and inside workerd. After
// warm-up, the module's memory and its table of JavaScript references must not grow at all,
// and Node's JS heap (after gc) by at most 1 MiB. SOAK_CALLS sets the number of calls
// (default 200 000: a few seconds in each).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { growth } from './soak.mjs';
import { withWorker, wasmDir } from './workerd/miniflare.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const calls = (fallback) => Number(process.env.SOAK_CALLS ?? fallback);

function report(t, where, result) {
  const [first] = result.samples;
  const last = result.samples.at(-1);
  t.diagnostic(
    `${where}: ${result.calls} calls in ${result.ms} ms; wasm memory ${first.wasmBytes} -> ${last.wasmBytes} bytes, ` +
      `reference table ${first.tableLength} -> ${last.tableLength}` +
      (first.heapUsed === undefined ? '' : `, JS heap ${first.heapUsed} -> ${last.heapUsed} bytes`),
  );
  assert.equal(result.counts.signature_mismatch, result.calls / 16, JSON.stringify(result.counts));
  assert.equal(result.counts.channel, result.calls / 16, JSON.stringify(result.counts));
  assert.equal(result.counts.diagnosed, result.calls / 16, JSON.stringify(result.counts));
  assert.ok(result.counts.events > result.calls / 2);
  assert.deepEqual(growth(result.samples), []);
}

test('the growth check sees growth', () => {
  const base = { wasmBytes: 65536, tableLength: 128, heapUsed: 1e6 };
  assert.deepEqual(growth([base, base, base]), []);
  assert.equal(growth([base, { ...base, wasmBytes: 131072 }]).length, 1);
  assert.equal(growth([base, { ...base, tableLength: 129 }]).length, 1);
  assert.equal(growth([base, { ...base, heapUsed: 3e6 }]).length, 1);
});

test('soak in Node: flat wasm memory, reference table and JS heap', (t) => {
  const out = execFileSync(process.execPath, ['--expose-gc', join(here, 'soak-node.mjs'), String(calls(200_000))], { encoding: 'utf8' });
  report(t, 'node', JSON.parse(out));
});

test('soak inside workerd: flat wasm memory and reference table', async (t) => {
  const body = readFileSync(resolve(wasmDir, '..', 'tests', 'data', 'batch_1.json'));
  const result = await withWorker(join(wasmDir, 'test', 'workerd', 'soak-worker.mjs'), async (mf) => {
    const res = await mf.dispatchFetch(`http://127.0.0.1/?calls=${calls(200_000)}`, { method: 'POST', body });
    assert.equal(res.status, 200, await res.clone().text());
    return res.json();
  });
  assert.equal(result.runtime, 'Cloudflare-Workers');
  report(t, 'workerd', result);
});
