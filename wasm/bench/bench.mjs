// make bench-node: verifyAndParse (Rust core in WebAssembly) against @hubspot/api-client's
// Signature.isValid (v3) + JSON.parse, in one run, on the same bytes (tests/data/batch_*.json).
// Both sides start from the raw body Buffer as a Node server receives it; the peer needs it as a
// string, so its time includes the UTF-8 decode. Prints
// `bench node <case>: ours <us> us, peer <us> us, ratio <ours/peer>`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verify, verifyAndParse, signedHeaders } from 'hubspot-webhooks';
import { median, time, warmUp } from './timing.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const require = createRequire(import.meta.url);
const { Signature } = require('@hubspot/api-client');

const SECRET = 'bench-client-secret-0123456789';
const URL_ = 'https://example.com/hubspot/webhook?portal=1';

function line(name, ours, peer) {
  console.log(`bench node ${name}: ours ${ours.toFixed(2)} us, peer ${peer.toFixed(2)} us, ratio ${(ours / peer).toFixed(2)}`);
}

function setup(file) {
  const body = readFileSync(join(repo, 'tests', 'data', file));
  const timestamp = Date.now();
  const headers = Object.fromEntries(
    Object.entries(signedHeaders({ secret: SECRET, url: URL_, body, timestamp })).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const request = { method: 'POST', url: URL_, headers, body };
  const peer = () => {
    const text = body.toString('utf8');
    const ok = Signature.isValid({
      signatureVersion: 'v3',
      signature: headers['x-hubspot-signature-v3'],
      clientSecret: SECRET,
      requestBody: text,
      url: URL_,
      method: 'POST',
      timestamp: Number(headers['x-hubspot-request-timestamp']),
    });
    if (!ok) throw new Error('peer: signature did not verify');
    return text;
  };
  return { request, peer };
}

let sink = 0;
const b100 = setup('batch_100.json');
const b1 = setup('batch_1.json');
// Sanity: both sides accept, ours parses the same number of events as JSON.parse.
if (verifyAndParse(b100.request, { secret: SECRET }).events.length !== JSON.parse(b100.peer()).length) throw new Error('event counts differ');

warmUp([
  () => verify(b100.request, { secret: SECRET }),
  () => verifyAndParse(b100.request, { secret: SECRET }),
  () => verifyAndParse(b1.request, { secret: SECRET }),
  () => JSON.parse(b100.peer()),
]);

line('verify/100', time(() => (sink += verify(b100.request, { secret: SECRET }).secretIndex)), time(() => (sink += b100.peer().length)));
line(
  'verify+parse/100',
  time(() => (sink += verifyAndParse(b100.request, { secret: SECRET }).events.length)),
  time(() => (sink += JSON.parse(b100.peer()).length)),
);
line(
  'verify+parse/1',
  time(() => (sink += verifyAndParse(b1.request, { secret: SECRET }).events.length)),
  time(() => (sink += JSON.parse(b1.peer()).length)),
);

// Import and instantiate, each in a fresh process (median of 7).
function importTime(specifier, named) {
  const code = `const t0 = performance.now(); const m = await import(${JSON.stringify(specifier)}); if (!m.${named} && !m.default?.${named}) throw new Error('missing'); console.log(performance.now() - t0);`;
  const runs = [];
  for (let i = 0; i < 7; i++) runs.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: here, encoding: 'utf8' })) * 1000);
  return median(runs);
}
line('import+init', importTime('hubspot-webhooks', 'verifyAndParse'), importTime('@hubspot/api-client', 'Signature'));
if (sink === 0) console.log('');
