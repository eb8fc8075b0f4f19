// Node (ESM): the module is compiled synchronously from the .wasm file next to this one, and
// the core computes its digests with node:crypto (synchronous, native).
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { initSync } from './api.js';
import { platform } from './platform.js';
import * as tools from './hubspot_webhooks_tools.js';

platform.crypto = crypto;
platform.toolsGlue = tools;
platform.toolsModule = () => readFileSync(new URL('./hubspot_webhooks_tools_bg.wasm', import.meta.url));
initSync({ module: readFileSync(new URL('./hubspot_webhooks_wasm_bg.wasm', import.meta.url)) });

export * from './api.js';
