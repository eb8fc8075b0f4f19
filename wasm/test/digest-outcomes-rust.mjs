// The outcomes of digest-outcomes.mjs through hubspot-webhooks/slim (the Rust digests: slim never
// registers node:crypto), printed as JSON; run in a child process by digests.test.mjs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as h from 'hubspot-webhooks/slim';
import { digestOutcomes } from './digest-outcomes.mjs';
import { vectorFiles } from './vector-files.mjs';

const resolve = createRequire(import.meta.url).resolve;
h.initSync({ module: readFileSync(resolve('hubspot-webhooks/hubspot_webhooks_wasm_bg.wasm')) });
h.initToolsSync({ module: readFileSync(resolve('hubspot-webhooks/hubspot_webhooks_tools_bg.wasm')) });
process.stdout.write(JSON.stringify(digestOutcomes(h, vectorFiles()), (_, v) => (typeof v === 'bigint' ? String(v) : v)));
