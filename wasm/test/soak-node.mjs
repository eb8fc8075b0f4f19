// The soak loop (test/soak.mjs) in Node, run by test/soak.test.mjs as
// `node --expose-gc test/soak-node.mjs <calls>`; prints the result as JSON.
import { readFileSync } from 'node:fs';
import * as h from 'hubspot-webhooks';
// The package's own module instance (linked to ../pkg): initSync() hands back its exports.
import { initSync } from '../pkg/dist/hubspot_webhooks_wasm.js';
import { soak } from './soak.mjs';

if (typeof gc !== 'function') throw new Error('run with --expose-gc');
const exports = initSync();
const calls = Number(process.argv[2] ?? 200_000);
const body = readFileSync(new URL('../../tests/data/batch_1.json', import.meta.url));
const sample = () => {
  gc();
  gc();
  return { wasmBytes: exports.memory.buffer.byteLength, tableLength: exports.__wbindgen_externrefs.length, heapUsed: process.memoryUsage().heapUsed };
};
const t0 = performance.now();
const result = soak(h, { body, now: Date.now(), calls, sample });
console.log(JSON.stringify({ ...result, ms: Math.round(performance.now() - t0) }));
