// Cloudflare Workers (workerd): the runtime refuses to compile WebAssembly from bytes, so the
// .wasm file is imported as a compiled WebAssembly.Module (wrangler and Miniflare do this for
// *.wasm imports) and instantiated synchronously.
import wasmModule from './hubspot_webhooks_wasm_bg.wasm';
import toolsModule from './hubspot_webhooks_tools_bg.wasm';
import * as tools from './hubspot_webhooks_tools.js';
import { initSync } from './api.js';
import { platform } from './platform.js';

// With nodejs_compat (compatibility date 2024-09-23 or later) workerd has a global `process`
// whose getBuiltinModule gives node:crypto: synchronous, native SHA-256 and HMAC, which the core
// then uses as in Node. Without the flag there is no `process` and the core's Rust digests run.
// No import of node:crypto, so a Worker without nodejs_compat loads and bundles alike.
function nodeCrypto() {
  try {
    return globalThis.process?.getBuiltinModule?.('node:crypto');
  } catch {
    return undefined;
  }
}

platform.crypto = nodeCrypto();
initSync({ module: wasmModule });
// The tools module is compiled with the Worker (workerd compiles every imported .wasm at start-up)
// but instantiated only on first need.
platform.toolsGlue = tools;
platform.toolsModule = () => toolsModule;

export * from './api.js';
