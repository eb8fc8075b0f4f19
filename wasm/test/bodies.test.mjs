// Hostile bodies over real HTTP on 127.0.0.1, against the Node middleware (its own process) and
// the Workers fetch handler inside workerd: a 200 MB body (answered 413 once past the limit,
// sent with a Content-Length or chunked, without reading the rest; by the Node middleware at
// once when its Content-Length says so), a client that stalls mid-body (answered once the body timeout
// passes, from what arrived) and clients that disconnect mid-body. The server's peak memory
// (VmHWM of its process) must stay far below the 200 MB sent, and it must still answer after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { withWorker, wasmDir } from './workerd/miniflare.mjs';

const MB = 1 << 20;

function peakKiB(pid) {
  return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
}

/** Sends a POST of `length` declared bytes, `sent` of them actually sent; resolves the status line received (or 'closed'). */
function post(port, { length, sent, stall = false, disconnect = false, chunked = false }) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let done = false;
    const finish = (v) => {
      if (!done) {
        done = true;
        socket.destroy();
        resolve(v);
      }
    };
    socket.on('data', (d) => {
      answer += d.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (m) finish(Number(m[1]));
    });
    socket.on('error', () => finish(answer ? answer.slice(0, 12) : 'closed'));
    socket.on('close', () => finish(answer ? answer.slice(0, 12) : 'closed'));
    const framing = chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${length}`;
    socket.write(`POST /webhook HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n${framing}\r\n\r\n`);
    const chunk = Buffer.alloc(MB, 0x20);
    let left = sent;
    const pump = () => {
      while (left > 0 && !done) {
        const n = Math.min(left, chunk.length);
        left -= n;
        const part = chunked ? Buffer.concat([Buffer.from(`${n.toString(16)}\r\n`), chunk.subarray(0, n), Buffer.from('\r\n')]) : chunk.subarray(0, n);
        if (!socket.write(part)) return socket.once('drain', pump);
      }
      if (disconnect) finish('disconnected');
      // stall: keep the socket open, send nothing more.
      else if (!stall && left === 0) socket.end();
    };
    pump();
  });
}

async function hostileBodies(port, pid, t, where, { declared = false } = {}) {
  const before = peakKiB(pid);
  assert.equal(await post(port, { length: 200 * MB, sent: 200 * MB }), 413, `${where}: 200 MB body`);
  assert.equal(await post(port, { sent: 200 * MB, chunked: true }), 413, `${where}: 200 MB body, chunked`);
  // The Node middleware: a declared length over the limit is answered at once, without reading
  // or waiting for the body (the fetch handler reads up to the limit: see declaredOver).
  if (declared) assert.equal(await post(port, { length: 200 * MB, sent: 100, stall: true }), 413, `${where}: declared 200 MB, stalled`);
  // Stalled mid-body: answered (401: no signature over what arrived) once the body timeout passes.
  assert.equal(await post(port, { length: 10_000, sent: 100, stall: true }), 401, `${where}: stalled body`);
  for (let i = 0; i < 5; i++) assert.equal(await post(port, { length: 100_000, sent: 1000, disconnect: true }), 'disconnected');
  // Still serving.
  assert.equal(await post(port, { length: 2, sent: 2 }), 401, `${where}: after`);
  const after = peakKiB(pid);
  t.diagnostic(`${where}: peak memory ${before} KiB -> ${after} KiB after 200 MB, a stalled and 5 cut bodies`);
  assert.ok(after - before < 64 * 1024, `${where}: peak memory grew by ${after - before} KiB`);
}

test('the Node middleware: 200 MB, stalled and cut bodies', { timeout: 120_000 }, async (t) => {
  const child = spawn(process.execPath, [join(wasmDir, 'test', 'body-server.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise((resolve, reject) => {
      child.stdout.on('data', (d) => {
        const m = /port (\d+)/.exec(String(d));
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    await hostileBodies(port, child.pid, t, 'node', { declared: true });
  } finally {
    child.kill();
  }
});

test('the fetch handler in workerd: 200 MB, stalled and cut bodies', { timeout: 120_000 }, async (t) => {
  await withWorker(
    join(wasmDir, 'test', 'workerd', 'http-worker.mjs'),
    async (mf) => {
      const port = Number((await mf.ready).port);
      const pids = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => /workerd/.test(l))
        .map((l) => Number(l.trim().split(/\s+/)[0]));
      assert.equal(pids.length, 1, 'the workerd process');
      await hostileBodies(port, pids[0], t, 'workerd');
    },
    { options: { bindings: { SECRET: 'bodies-secret', MAX_BODY_BYTES: String(MB), BODY_TIMEOUT_MS: '500' } } },
  );
});
