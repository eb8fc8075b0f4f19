// make bench-node, second part: the batch path through the package's protocol (parseBatch)
// against serde-wasm-bindgen (the module built with the `serde-events` feature, optimised alike:
// events as JavaScript objects made by serde), in one run, on the same bytes
// (tests/data/batch_*.json). Prints `bench node protocol <case>: protocol <us> us, serde <us> us,
// ratio <protocol/serde>`, then `bench node floor <case>`: the core's parse alone (nothing handed
// over) against the peer's `JSON.parse` of the body's text.
// Usage: node bench/protocol.mjs <wasm-bindgen out dir of the serde-events build>
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { parseBatch } from 'hubspot-webhooks';
import { wasmOpt } from '../scripts/wasm-opt.mjs';
import { time, warmUp } from './timing.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [bindgenDir] = process.argv.slice(2);
if (!bindgenDir) throw new Error('usage: node bench/protocol.mjs <wasm-bindgen out dir of the serde-events build>');
const optimised = join(tmpdir(), `hubspot-webhooks-serde-${process.pid}.wasm`);
wasmOpt(join(bindgenDir, 'hubspot_webhooks_wasm_bg.wasm'), optimised);
const serde = await import(pathToFileURL(join(bindgenDir, 'hubspot_webhooks_wasm.js')).href);
serde.initSync({ module: readFileSync(optimised) });

let sink = 0;
for (const [name, file] of [['parse/100', 'batch_100.json'], ['parse/1', 'batch_1.json']]) {
  const body = readFileSync(join(repo, 'tests', 'data', file));
  const ours = parseBatch(body).events;
  const theirs = serde.parseBodySerde(body);
  // The same events, member for member (rawJson and exact values included).
  const same = ours.length === theirs.length && ours.every((e, i) => e.dedupKey === theirs[i].dedupKey && e.rawJson === theirs[i].rawJson && e.objectId === theirs[i].objectId);
  if (!same) throw new Error(`${name}: the two paths give different events`);
  warmUp([() => parseBatch(body), () => serde.parseBodySerde(body)]);
  const protocol = time(() => (sink += parseBatch(body).events.length));
  const viaSerde = time(() => (sink += serde.parseBodySerde(body).length));
  console.log(`bench node protocol ${name}: protocol ${protocol.toFixed(2)} us, serde ${viaSerde.toFixed(2)} us, ratio ${(protocol / viaSerde).toFixed(2)}`);
  // The floor of any hand-over: the core's parse alone (the body copied in, the events left in
  // the module) against the peer's parse (the body's text and JSON.parse, objects built).
  if (serde.parseOnly(body) !== ours.length) throw new Error(`${name}: parseOnly counts other events`);
  warmUp([() => serde.parseOnly(body), () => JSON.parse(body.toString('utf8'))]);
  const floor = time(() => (sink += serde.parseOnly(body)));
  const peer = time(() => (sink += JSON.parse(body.toString('utf8')).length));
  console.log(`bench node floor ${name}: core parse alone ${floor.toFixed(2)} us, JSON.parse ${peer.toFixed(2)} us, ratio ${(floor / peer).toFixed(2)}; the protocol's hand-over and objects ${(protocol - floor).toFixed(2)} us`);
}
if (sink === 0) console.log('');
