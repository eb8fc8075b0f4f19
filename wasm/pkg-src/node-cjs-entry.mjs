// Node (CommonJS): bundled by esbuild into dist/node.cjs; loads the .wasm synchronously.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initSync } from './api.js';

initSync({ module: readFileSync(join(__dirname, 'hubspot_webhooks_wasm_bg.wasm')) });

export * from './api.js';
