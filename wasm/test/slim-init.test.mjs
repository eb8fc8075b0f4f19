// hubspot-webhooks/slim initialised wrongly, in a fresh process each: nothing, a number, bytes
// that are not WebAssembly, the tools module given as the main one and the main one as the
// tools module are each a HubSpotUsageError that names the call, and the right module
// afterwards still initialises the package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

const SCRIPT = `
import * as h from 'hubspot-webhooks/slim';
import { readFileSync } from 'node:fs';
const file = (name) => readFileSync(new URL('../pkg/dist/' + name, 'file://${here}/'));
const main = file('hubspot_webhooks_wasm_bg.wasm');
const tools = file('hubspot_webhooks_tools_bg.wasm');
const out = [];
const attempt = async (name, fn) => {
  try {
    await fn();
    out.push([name, 'ok']);
  } catch (e) {
    out.push([name, e instanceof h.HubSpotUsageError ? 'usage' : e?.name, String(e?.message)]);
  }
};
await attempt('initSync()', () => h.initSync());
await attempt('initSync(42)', () => h.initSync(42));
await attempt('initSync(not wasm)', () => h.initSync({ module: new Uint8Array([1, 2, 3]) }));
await attempt('initSync(tools module)', () => h.initSync({ module: tools }));
await attempt('init(tools module)', () => h.init(tools));
await attempt('initSync(main module)', () => h.initSync({ module: main }));
await attempt('initToolsSync(42)', () => h.initToolsSync(42));
await attempt('initToolsSync(main module)', () => h.initToolsSync({ module: main }));
await attempt('router.on with the main module as tools', () => h.createRouter().on('*', () => {}));
await attempt('initToolsSync(tools module)', () => h.initToolsSync({ module: tools }));
await attempt('router.on', () => h.createRouter().on('*', () => {}));
console.log(JSON.stringify(out));
`;

test('hubspot-webhooks/slim: wrong modules are usage errors, and the right one still initialises', () => {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', SCRIPT], { cwd: here, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const results = Object.fromEntries(JSON.parse(r.stdout).map(([name, ...rest]) => [name, rest]));
  const usage = (name, pattern) => {
    assert.equal(results[name][0], 'usage', `${name}: ${results[name]}`);
    assert.match(results[name][1], pattern, name);
  };
  usage('initSync()', /initSync takes the package's hubspot_webhooks_wasm_bg.wasm.*got undefined/);
  usage('initSync(42)', /initSync takes .*got a number/);
  usage('initSync(not wasm)', /initSync: what was given is not this package's hubspot_webhooks_wasm_bg.wasm/);
  usage('initSync(tools module)', /initSync: what was given is not/);
  usage('init(tools module)', /init: could not instantiate/);
  assert.deepEqual(results['initSync(main module)'], ['ok']);
  usage('initToolsSync(42)', /initToolsSync takes the package's hubspot_webhooks_tools_bg.wasm/);
  assert.deepEqual(results['initToolsSync(main module)'], ['ok']); // registered; instantiated on first need
  usage('router.on with the main module as tools', /initToolsSync: what was given is not this package's hubspot_webhooks_tools_bg.wasm/);
  assert.deepEqual(results['initToolsSync(tools module)'], ['ok']);
  assert.deepEqual(results['router.on'], ['ok']);
});
