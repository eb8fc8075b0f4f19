// The command-line tool (cli/, `hubspot-webhooks send`) against examples/node-server and the
// Workers fetch handler inside workerd, over real HTTP on 127.0.0.1: every fixture type is
// accepted (exit 0, every answer 2xx; Custom Channels included), spoiled signatures are refused
// (exit 1, 401). make test-node builds the tool and names it in HUBSPOT_WEBHOOKS_CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { httpCases } from './http-cases.mjs';
import { withWorker, wasmDir } from './workerd/miniflare.mjs';

const run = promisify(execFile);
const cli = process.env.HUBSPOT_WEBHOOKS_CLI ?? '';
const secret = httpCases().secret;

function tool() {
  try {
    accessSync(cli, constants.X_OK);
  } catch {
    assert.fail(`HUBSPOT_WEBHOOKS_CLI (${JSON.stringify(cli)}) is not the built tool: run through make test-node`);
  }
  return cli;
}

/** Runs `send --json`; resolves with the exit code and the answers' statuses. */
async function send(url, ...args) {
  let code = 0;
  let stdout = '';
  try {
    ({ stdout } = await run(tool(), ['send', '--json', '--secret', secret, url, ...args], { timeout: 120_000 }));
  } catch (e) {
    if (typeof e.code !== 'number') throw e;
    ({ code, stdout } = e);
  }
  const lines = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  assert.ok(lines.length > 0, `no JSON lines from send: ${stdout}`);
  return { code, statuses: lines.filter((l) => 'status' in l).map((l) => l.status), lines };
}

async function sendEverything(t, where, url) {
  const all = await send(url, '--all');
  assert.equal(all.code, 0, JSON.stringify(all.lines));
  assert.ok(all.statuses.length === 5 && all.statuses.every((s) => s >= 200 && s < 300), JSON.stringify(all.lines));
  const bad = await send(url, '--bad-signature', 'contact.creation', 'OUTGOING_CHANNEL_MESSAGE_CREATED');
  assert.equal(bad.code, 1, JSON.stringify(bad.lines));
  assert.deepEqual(bad.statuses, [401, 401]);
  t.diagnostic(`${where}: send --all accepted (${all.statuses.join(', ')}), spoiled signatures refused`);
}

test('send reaches examples/node-server with every fixture type', async (t) => {
  const child = spawn(process.execPath, ['server.js'], {
    cwd: join(wasmDir, 'examples', 'node-server'),
    env: { ...process.env, PORT: '0', HUBSPOT_CLIENT_SECRET: secret },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+\/webhook)/);
        if (m) resolve(m[1]);
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
    });
    await sendEverything(t, 'examples/node-server', url);
  } finally {
    child.kill();
  }
});

test('send reaches the Workers fetch handler in workerd with every fixture type', async (t) => {
  await withWorker(
    join(wasmDir, 'test', 'workerd', 'http-worker.mjs'),
    async (mf) => {
      const port = Number((await mf.ready).port);
      await sendEverything(t, 'workerd fetch handler', `http://127.0.0.1:${port}/webhook`);
    },
    { options: { bindings: { SECRET: secret, MAX_BODY_BYTES: String(10 * 1024 * 1024), BODY_TIMEOUT_MS: '10000' } } },
  );
});
