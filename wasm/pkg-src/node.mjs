// Node (ESM): the module is compiled synchronously from the .wasm file next to this one.
import { readFileSync } from 'node:fs';
import { initSync } from './api.js';

initSync({ module: readFileSync(new URL('./hubspot_webhooks_wasm_bg.wasm', import.meta.url)) });

export * from './api.js';
