// make bench-node, where the time goes: verifyAndParse of the 100-event batch in Node, split
// two ways.
// - Phases, through the public API, timed like bench.mjs (CPU time), for 1 and 100 events: verify
//   alone, parseBatch (no signature), verifyAndParse, the read of every field (read.mjs) of our
//   events; the peer's check, JSON.parse and the read of its events; an empty batch's call.
// - A CPU profile (node:inspector, what `node --cpu-prof` records) of verifyAndParse + read,
//   with the package's .wasm replaced by the same module keeping its function names (wasm-opt
//   as the build runs it, plus -g; checked to be the package's code byte for byte): self time
//   per part, in microseconds per call.
// Usage: node bench/profile.mjs <wasm-bindgen out dir of the package's build>
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { wasmOpt } from '../scripts/wasm-opt.mjs';
import { time, warmUp } from './timing.mjs';
import { reader } from './read.mjs';
import { SECRET, URL_, lowerCased, sdkChecked } from './peer.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const wasmDir = resolve(here, '..');
const [bindgenDir] = process.argv.slice(2);
if (!bindgenDir) throw new Error('usage: node bench/profile.mjs <wasm-bindgen out dir of the package build>');
const WASM = 'hubspot_webhooks_wasm_bg.wasm';

// The package, with its module keeping names: wasm-opt as the build runs it (scripts/wasm-opt.mjs),
// then again without --strip-debug and with -g; stripping the names must give the package's bytes.
const tmp = mkdtempSync(join(tmpdir(), 'hubspot-webhooks-profile-'));
const stripped = join(tmp, 'stripped.wasm');
const named = join(tmp, 'named.wasm');
wasmOpt(join(bindgenDir, WASM), stripped);
if (!readFileSync(stripped).equals(readFileSync(join(wasmDir, 'pkg', 'dist', WASM)))) {
  throw new Error(`${bindgenDir} is not the build of wasm/pkg (make wasm-pkg first)`);
}
// The features the package's build enables (scripts/wasm-opt.mjs).
const features = ['bulk-memory', 'nontrapping-float-to-int', 'sign-ext', 'mutable-globals', 'reference-types', 'multivalue'].map((f) => `--enable-${f}`);
const wasmOptBin = join(wasmDir, 'node_modules', '.bin', 'wasm-opt');
execFileSync(wasmOptBin, ['-O3', '-g', '--strip-producers', ...features, join(bindgenDir, WASM), '-o', named], { stdio: 'inherit' });
// Both written again by wasm-opt alike (writing changes the bytes), the names dropped.
const rewritten = (input, name) => {
  execFileSync(wasmOptBin, ['--strip-debug', ...features, input, '-o', join(tmp, name)]);
  return readFileSync(join(tmp, name));
};
const sameCode = rewritten(named, 'a.wasm').equals(rewritten(stripped, 'b.wasm'));
cpSync(join(wasmDir, 'pkg'), join(tmp, 'pkg'), { recursive: true });
writeFileSync(join(tmp, 'pkg', 'dist', WASM), readFileSync(named));
const { Signature } = createRequire(import.meta.url)('@hubspot/api-client');
const h = await import(pathToFileURL(join(tmp, 'pkg', 'dist', 'node.mjs')).href);

const { read } = reader(h.eventFields());
const out = (what, us, note = '') => console.log(`bench node profile ${what}: ${us.toFixed(2)} us${note}`);
let sink = 0;

function phases(name) {
  const body = readFileSync(join(wasmDir, '..', 'tests', 'data', `batch_${name}.json`));
  const headers = lowerCased(h.signedHeaders({ secret: SECRET, url: URL_, body, timestamp: Date.now() }));
  const request = { method: 'POST', url: URL_, headers, body };
  const ours = () => h.verifyAndParse(request, { secret: SECRET }).events;
  const text = body.toString('utf8');
  const events = ours();
  const parsed = JSON.parse(text);
  warmUp([() => read(ours()), () => read(JSON.parse(text))]);
  const whole = time(() => (sink += read(ours())));
  for (const [what, us] of [
    [`verify/${name} (node:crypto HMAC)`, time(() => (sink += h.verify(request, { secret: SECRET }).secretIndex))],
    [`parseBatch/${name} (no signature)`, time(() => (sink += h.parseBatch(body).events.length))],
    [`verifyAndParse/${name}`, time(() => (sink += ours().length))],
    [`read of our ${name} events`, time(() => (sink += read(events)))],
    [`verifyAndParse/${name} + read`, whole],
    [`peer's Signature.isValid/${name} (UTF-8 decode included)`, time(() => (sink += sdkChecked(Signature, headers, () => body.toString('utf8')).length))],
    [`JSON.parse/${name} (text given)`, time(() => (sink += JSON.parse(text).length))],
    [`read of JSON.parse's ${name} events`, time(() => (sink += read(parsed)))],
  ]) out(`phase ${what}`, us);
  return { whole, ours };
}
out('phase parseBatch of an empty batch (the fixed cost of a call)', time(() => (sink += h.parseBatch('[]').events.length)));
const cases = [['verify+parse/1', phases('1')], ['verify+parse/100', phases('100')]];

const PARTS = [
  // wasm functions, by the Rust path in their names (what the compiler inlined counts where it went:
  // exports::delivery holds the loop over events with much of the encoder)
  ['wasm: protocol encoder (hand-over description)', /hubspot_webhooks_wasm::(protocol|units)/],
  ['wasm: dedup keys', /dedup/i],
  ['wasm: core parse (typed reader)', /hubspot_webhooks::/],
  ['wasm: serde_json', /serde_json::/],
  ['wasm: memory (alloc, copy)', /dlmalloc|alloc::|__rust_(re)?alloc|__rust_dealloc|memcpy|memmove|memset|memcmp/],
  ['wasm: exports::delivery (the loop over events, encoder inlined)', /hubspot_webhooks_wasm::exports::delivery/],
  ['wasm: entry points and glue', /hubspot_webhooks_wasm::|wasm_bindgen|__wbg|__wbindgen/],
];

/** A CPU profile of `whole`'s loop (3 s of CPU): self time by part, in microseconds per call. */
async function profileOf(label, { whole, ours }) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 50 });
  await session.post('Profiler.start');
  const start = process.cpuUsage();
  for (let spent = 0; spent < 3e6; spent = process.cpuUsage(start).user + process.cpuUsage(start).system) {
    for (let i = 0; i < 200; i++) sink += read(ours());
  }
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const byPart = new Map();
  const byFunction = new Map();
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  let total = 0;
  for (const id of profile.samples) {
    const { functionName, url } = nodes.get(id).callFrame;
    let part;
    if (url.startsWith('wasm://')) {
      part = PARTS.find(([, re]) => re.test(functionName))?.[0] ?? 'wasm: other (core, alloc, formatting ...)';
      byFunction.set(functionName, (byFunction.get(functionName) ?? 0) + 1);
    } else if (functionName === '(garbage collector)') part = 'JS: garbage collection';
    else if (functionName === '(program)' || functionName === '(idle)') part = 'runtime (program, idle)';
    else if (/decoding\.js|head\.js/.test(url)) part = 'JS: decoding the description into events';
    else if (/read\.mjs/.test(url)) part = 'JS: the bench\'s read of every field';
    else if (/encoding/.test(url) || functionName === 'decode') part = 'JS: UTF-8 decode of the body (rawJson, string fields)';
    // node:crypto's Hmac: its JavaScript, and its native key set-up (`init`, no script).
    else if (/crypto|hash/.test(url) || /^(Hmac|update|digest)$/.test(functionName) || (functionName === 'init' && url === '')) part = 'JS: node:crypto HMAC';
    else if (/hubspot_webhooks_wasm\.js/.test(url)) part = 'JS: wasm-bindgen glue (arguments into wasm memory)';
    else if (/api\.js|arguments\.js|core\.js|errors\.js/.test(url)) part = 'JS: arguments and call';
    else part = `JS: other (${functionName || '(anonymous)'} ${url.split('/').pop()})`;
    byPart.set(part, (byPart.get(part) ?? 0) + 1);
    total++;
  }
  const parts = [...byPart].sort((a, b) => b[1] - a[1]);
  for (const [part, n] of parts) if (n / total >= 0.005) out(`${label} part ${part}`, (whole * n) / total, ` (${((100 * n) / total).toFixed(1)}%)`);
  for (const [fn, n] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 12)) out(`${label} wasm function ${fn.slice(0, 110)}`, (whole * n) / total, ` (${((100 * n) / total).toFixed(1)}%)`);
  return total;
}

let samples = 0;
for (const [label, c] of cases) samples += await profileOf(label, c);
console.log(`bench node profile: ${samples} samples; the named module is the package's code byte for byte: ${sameCode}`);
rmSync(tmp, { recursive: true, force: true });
if (sink === 0) console.log('');
