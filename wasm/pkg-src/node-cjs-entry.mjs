// Node (CommonJS): bundled by esbuild into dist/node.cjs; loads the .wasm synchronously, and
// the core computes its digests with node:crypto (synchronous, native).
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initSync } from './api.js';
import { platform } from './platform.js';
import * as tools from './hubspot_webhooks_tools.js';

platform.crypto = crypto;
platform.toolsGlue = tools;
platform.toolsModule = () => readFileSync(join(__dirname, 'hubspot_webhooks_tools_bg.wasm'));
initSync({ module: readFileSync(join(__dirname, 'hubspot_webhooks_wasm_bg.wasm')) });

export * from './api.js';
