// make bench-node: verifyAndParse (Rust core in WebAssembly) against @hubspot/api-client's
// Signature.isValid (v3) + JSON.parse, in one run, on the same bytes (tests/data/batch_*.json).
// Both sides start from the raw body Buffer as a Node server receives it; the peer needs it as a
// string, so its time includes the UTF-8 decode. Prints
// `bench node <case>: ours <us> us, peer <us> us, ratio <ours/peer>`. After each parse both
// sides read every field of every event (read.mjs), and the checksums of what they read must agree.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventFields, verify, verifyAndParse, signedHeaders } from 'hubspot-webhooks';
import { median, time, warmUp } from './timing.mjs';
import { reader, sameReading } from './read.mjs';
import { SECRET, URL_, lowerCased, sdkChecked } from './peer.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const require = createRequire(import.meta.url);
const { Signature } = require('@hubspot/api-client');

function line(name, ours, peer) {
  console.log(`bench node ${name}: ours ${ours.toFixed(2)} us, peer ${peer.toFixed(2)} us, ratio ${(ours / peer).toFixed(2)}`);
}

function setup(file) {
  const body = readFileSync(join(repo, 'tests', 'data', file));
  const timestamp = Date.now();
  const headers = lowerCased(signedHeaders({ secret: SECRET, url: URL_, body, timestamp }));
  const request = { method: 'POST', url: URL_, headers, body };
  const peer = () => sdkChecked(Signature, headers, () => body.toString('utf8'));
  return { request, peer };
}

let sink = 0;
const { read, checksum } = reader(eventFields());
const b100 = setup('batch_100.json');
const b1 = setup('batch_1.json');
const ours = (b) => verifyAndParse(b.request, { secret: SECRET }).events;
const peer = (b) => JSON.parse(b.peer());
// Both sides accept, and read the same values.
for (const [name, b] of [['100', b100], ['1', b1]]) sameReading(`bench node read/${name}`, checksum(ours(b)), checksum(peer(b)), console.log);

warmUp([() => verify(b100.request, { secret: SECRET }), () => read(ours(b100)), () => read(ours(b1)), () => read(peer(b100))]);

line('verify/100', time(() => (sink += verify(b100.request, { secret: SECRET }).secretIndex)), time(() => (sink += b100.peer().length)));
line('verify+parse/100', time(() => (sink += read(ours(b100)))), time(() => (sink += read(peer(b100)))));
line('verify+parse/1', time(() => (sink += read(ours(b1)))), time(() => (sink += read(peer(b1)))));

// Import and instantiate, each in a fresh process (median of 7).
function importTime(specifier, named) {
  const code = `const t0 = performance.now(); const m = await import(${JSON.stringify(specifier)}); if (!m.${named} && !m.default?.${named}) throw new Error('missing'); console.log(performance.now() - t0);`;
  const runs = [];
  for (let i = 0; i < 7; i++) runs.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: here, encoding: 'utf8' })) * 1000);
  return median(runs);
}
line('import+init', importTime('hubspot-webhooks', 'verifyAndParse'), importTime('@hubspot/api-client', 'Signature'));
if (sink === 0) console.log('');
