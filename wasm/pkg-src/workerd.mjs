// Cloudflare Workers (workerd): the runtime refuses to compile WebAssembly from bytes, so the
// .wasm file is imported as a compiled WebAssembly.Module (wrangler and Miniflare do this for
// *.wasm imports) and instantiated synchronously.
import wasmModule from './hubspot_webhooks_wasm_bg.wasm';
import { initSync } from './api.js';

initSync({ module: wasmModule });

export * from './api.js';
