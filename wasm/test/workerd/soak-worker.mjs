// The soak loop (test/soak.mjs) inside workerd, through the package's workerd entry; the
// one-event body comes in the POST, `?calls=N` sets the length. Answers the result as JSON.
import * as h from '../../pkg/dist/workerd.mjs';
// The entry's own module instance: initSync() hands back its exports.
import { initSync } from '../../pkg/dist/hubspot_webhooks_wasm.js';
import { soak } from '../soak.mjs';

export default {
  async fetch(request) {
    const exports = initSync();
    const calls = Number(new URL(request.url).searchParams.get('calls') ?? 200_000);
    const body = new Uint8Array(await request.arrayBuffer());
    const sample = () => ({ wasmBytes: exports.memory.buffer.byteLength, tableLength: exports.__wbindgen_externrefs.length });
    const t0 = Date.now();
    const result = soak(h, { body, now: Date.now(), calls, sample });
    return Response.json({ ...result, runtime: navigator.userAgent, ms: Date.now() - t0 });
  },
};
