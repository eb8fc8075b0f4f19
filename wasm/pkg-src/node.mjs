// Node (ESM): the module is compiled synchronously from the .wasm file next to this one, and
// the core computes its digests with node:crypto (synchronous, native).
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { initSync } from './api.js';
import { platform } from './platform.js';

platform.crypto = crypto;
initSync({ module: readFileSync(new URL('./hubspot_webhooks_wasm_bg.wasm', import.meta.url)) });

export * from './api.js';
