// The size budget of the .wasm: 100 KB gzipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';

// The main module (verify, parse, deliveries, routing): 100 KB gzipped. The tools module (the
// core's diagnosis, loaded on first need): 128 KB gzipped.
const BUDGETS = { hubspot_webhooks_wasm_bg: 100 * 1024, hubspot_webhooks_tools_bg: 128 * 1024 };

for (const [name, budget] of Object.entries(BUDGETS)) {
  test(`${name}.wasm is at most ${budget} bytes gzipped`, (t) => {
    const path = createRequire(import.meta.url).resolve(`hubspot-webhooks/${name}.wasm`);
    const raw = readFileSync(path);
    const gz = gzipSync(raw, { level: 9 }).length;
    t.diagnostic(`${name}: ${raw.length} bytes raw, ${gz} bytes gzipped`);
    assert.ok(gz <= budget, `${gz} bytes gzipped is over the budget of ${budget}`);
  });
}
