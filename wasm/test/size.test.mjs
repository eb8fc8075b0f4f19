// The size budget of the .wasm: 100 KB gzipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';

const BUDGET = 100 * 1024;

test(`the .wasm is at most ${BUDGET} bytes gzipped`, (t) => {
  const path = createRequire(import.meta.url).resolve('hubspot-webhooks/hubspot_webhooks_wasm_bg.wasm');
  const raw = readFileSync(path);
  const gz = gzipSync(raw, { level: 9 }).length;
  t.diagnostic(`wasm: ${raw.length} bytes raw, ${gz} bytes gzipped`);
  assert.ok(gz <= BUDGET, `${gz} bytes gzipped is over the budget of ${BUDGET}`);
});
