// make bench-workerd: the bench inside workerd (Miniflare, as pinned by wrangler in package.json,
// on 127.0.0.1, nodejs_compat). wrangler bundles each worker as a user's deploy would (the
// package through its `workerd` export, @hubspot/api-client whole), then:
// - per case, ours and the peer's samples alternate; a sample is one request running n calls
//   (workerd-worker.mjs). The figure is the workerd process's CPU time over the sample (the sum
//   of its threads' /proc schedstat, nanoseconds), less an empty request's, per call: other work
//   on a shared machine changes it less than wall-clock time. The isolate's own clock over the
//   same calls is printed beside it as a check.
// - start-up: CPU time of a fresh workerd process until it serves, with a worker that imports
//   the package (or the SDK), less that of an empty worker (median of 7 processes each):
//   compiling and instantiating the module and evaluating the JavaScript.
// - the fallback: the 100-event cases again with the package's Rust digests, what a Worker
//   without nodejs_compat gets (the same worker bundled with an entry that sets the package's
//   internal platform.hostDigestsFrom beyond any body), printed as
//   `bench workerd fallback (Rust digests) <case>: ...`.
// Prints `bench workerd <case>: ours <us> us, peer <us> us, ratio <ours/peer>`; fails unless
// both sides read the same events (checksums).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { median } from './timing.mjs';
import { sameReading } from './read.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const wasmDir = resolve(here, '..');
const repo = resolve(wasmDir, '..');
const COMPAT = { compatibilityDate: '2026-04-01', compatibilityFlags: ['nodejs_compat'] };
const SAMPLES = 15;
const SAMPLE_MS = 60;

if (!existsSync('/proc/self/task')) throw new Error('bench/workerd.mjs reads the CPU time of workerd from /proc (Linux only)');
const tmp = mkdtempSync(join(tmpdir(), 'hubspot-webhooks-bench-'));
symlinkSync(join(wasmDir, 'node_modules'), join(tmp, 'node_modules'));

/** The worker at `main` bundled by `wrangler deploy --dry-run` into its own folder. */
function bundle(name, main, alias = {}) {
  const dir = join(tmp, name);
  mkdirSync(dir);
  const flags = COMPAT.compatibilityFlags.map((f) => JSON.stringify(f)).join(', ');
  const aliases = Object.entries(alias).map(([k, v]) => `${JSON.stringify(k)} = ${JSON.stringify(v)}\n`).join('');
  writeFileSync(join(dir, 'wrangler.toml'), `name = "bench-${name}"\nmain = ${JSON.stringify(main)}\ncompatibility_date = "${COMPAT.compatibilityDate}"\ncompatibility_flags = [${flags}]\n[alias]\n${aliases}`);
  execFileSync(join(wasmDir, 'node_modules', '.bin', 'wrangler'), ['deploy', '--dry-run', '--outdir', join(dir, 'out'), '--config', join(dir, 'wrangler.toml')], {
    cwd: tmp,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return join(dir, 'out');
}

/** A start-up worker that imports `what` and answers with the type of one of its exports. */
function startWorker(name, line) {
  const main = join(tmp, `${name}.mjs`);
  writeFileSync(main, `${line}\nexport default { fetch() { return new Response(String(probe)); } };\n`);
  return bundle(name, main);
}

function workerdPids() {
  const pids = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === process.pid && stat.includes('(workerd)')) pids.push(p);
    } catch {
      // the process ended meanwhile
    }
  }
  return pids;
}

/** CPU time of every thread of the process, in nanoseconds. */
function cpuNs(pid) {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended meanwhile
    }
  }
  return ns;
}

async function withWorker(outDir, fn) {
  const before = new Set(workerdPids());
  const mf = new Miniflare({
    host: '127.0.0.1',
    port: 0,
    modules: true,
    modulesRoot: outDir,
    scriptPath: join(outDir, readdirSync(outDir).find((f) => f.endsWith('.js'))),
    modulesRules: [
      { type: 'ESModule', include: ['**/*.js'] },
      { type: 'CompiledWasm', include: ['**/*.wasm'] },
    ],
    ...COMPAT,
  });
  try {
    await mf.ready;
    const pids = workerdPids().filter((p) => !before.has(p));
    if (pids.length !== 1) throw new Error(`expected one new workerd process, found ${pids.length}`);
    return await fn(mf, pids[0]);
  } finally {
    await mf.dispose();
  }
}

function line(name, ours, peer, what = 'ours', other = 'peer') {
  console.log(`bench workerd ${name}: ${what} ${ours.toFixed(2)} us, ${other} ${peer.toFixed(2)} us, ratio ${(ours / peer).toFixed(2)}`);
}

async function benchCalls(outDir, cases, label = '') {
  await withWorker(outDir, async (mf, pid) => {
    const get = async (path) => {
      const res = await mf.dispatchFetch(`http://127.0.0.1${path}`);
      if (!res.ok) throw new Error(`worker answered ${res.status} to ${path}: ${await res.text()}`);
      return res.json();
    };
    for (const name of ['100', '1']) {
      const res = await mf.dispatchFetch(`http://127.0.0.1/body?name=${name}`, { method: 'POST', body: readFileSync(join(repo, 'tests', 'data', `batch_${name}.json`)) });
      await res.text();
    }
    const check = await get('/check');
    if (check.runtime !== 'Cloudflare-Workers' || !check.nodeCrypto) throw new Error(`not workerd with nodejs_compat: ${JSON.stringify(check)}`);
    if (!check.packageNodeCrypto) throw new Error('the package does not see node:crypto through process.getBuiltinModule under nodejs_compat');
    for (const [name, c] of Object.entries(check.checked)) sameReading(`bench workerd read/${name}`, c.ours, c.peer, console.log);
    await get('/warm?rounds=2000');
    // One sample: CPU time of workerd (ns) and the isolate's clock (ms) over n calls.
    const sample = async (c, side, n) => {
      const t0 = cpuNs(pid);
      const r = await get(`/run?case=${encodeURIComponent(c)}&side=${side}&n=${n}`);
      return { cpu: cpuNs(pid) - t0, ms: r.ms };
    };
    const empty = [];
    for (let i = 0; i < 15; i++) empty.push(await sample('verify/100', 'ours', 0));
    const idle = { cpu: median(empty.map((s) => s.cpu)), ms: median(empty.map((s) => s.ms)) };
    for (const c of cases) {
      const n = {};
      for (const side of ['ours', 'peer']) {
        n[side] = 1;
        while ((await sample(c, side, n[side])).cpu - idle.cpu < SAMPLE_MS * 1e6) n[side] *= 2;
      }
      const cpu = { ours: [], peer: [] };
      const clock = { ours: [], peer: [] };
      for (let i = 0; i < SAMPLES; i++) {
        for (const side of ['ours', 'peer']) {
          const s = await sample(c, side, n[side]);
          cpu[side].push((s.cpu - idle.cpu) / 1000 / n[side]);
          clock[side].push(((s.ms - idle.ms) * 1000) / n[side]);
        }
      }
      line(`${label}${c}`, median(cpu.ours), median(cpu.peer));
      console.log(`  (isolate clock: ours ${median(clock.ours).toFixed(2)} us, peer ${median(clock.peer).toFixed(2)} us, ratio ${(median(clock.ours) / median(clock.peer)).toFixed(2)})`);
    }
  });
}

/** CPU time (us) of a fresh workerd serving the worker in `outDir`, median of 7 processes. */
async function startCpu(outDir) {
  const runs = [];
  for (let i = 0; i < 7; i++) runs.push(await withWorker(outDir, async (mf, pid) => {
    const cpu = cpuNs(pid);
    await (await mf.dispatchFetch('http://127.0.0.1/')).text();
    return cpu / 1000;
  }));
  return median(runs);
}

try {
  await benchCalls(bundle('calls', join(here, 'workerd-worker.mjs')), ['verify/100', 'verify+parse/100', 'verify+parse/1']);
  // The fallback: the package's Rust digests, as without nodejs_compat (the peer needs it).
  const dist = join(wasmDir, 'pkg', 'dist');
  const entry = join(tmp, 'rust-digests-entry.mjs');
  writeFileSync(entry, [
    `import { platform } from ${JSON.stringify(join(dist, 'platform.js'))};`,
    'platform.hostDigestsFrom = Infinity;',
    `export * from ${JSON.stringify(join(dist, 'workerd.mjs'))};`,
  ].join('\n'));
  const fallback = bundle('calls-rust-digests', join(here, 'workerd-worker.mjs'), { 'hubspot-webhooks': entry });
  await benchCalls(fallback, ['verify/100', 'verify+parse/100'], 'fallback (Rust digests) ');
  const empty = await startCpu(startWorker('start-empty', 'const probe = 0;'));
  const ours = await startCpu(startWorker('start-ours', "import { verifyAndParse as probe } from 'hubspot-webhooks';"));
  const peer = await startCpu(startWorker('start-peer', "import { Signature as probe } from '@hubspot/api-client';"));
  line('start-up', ours - empty, peer - empty);
  console.log(`  (a fresh workerd process serving an empty worker: ${(empty / 1000).toFixed(1)} ms of CPU, subtracted)`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
