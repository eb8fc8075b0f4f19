// A body sent a byte at a time (a million chunks of one byte) to the fetch handler and to the
// Node middleware, in a fresh process with --expose-gc: the JavaScript heap at its peak while
// reading may grow by a few times the body's bytes, never by hundreds of bytes per chunk (a
// race per read piled its reactions on one promise, and every chunk was kept as its own object:
// 347 MB for this 1 MB body before).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const CHUNKS = 1_000_000;

const SCRIPT = `
import * as h from 'hubspot-webhooks';
import { Readable } from 'node:stream';
const secret = 'drip-secret';
const f = h.fixtures.delivery('contact.creation', { secret, url: 'https://example.com/hook' });
const one = new Uint8Array([0x20]);
let peak = 0;
let base = 0;
const sample = (n) => {
  if (n % 100_000 === 0) {
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed - base);
  }
};
const start = () => {
  peak = 0;
  gc();
  base = process.memoryUsage().heapUsed;
};
const out = {};
{
  const handler = h.createFetchHandler({ secret, onError: () => {} });
  let n = 0;
  const stream = new ReadableStream({ pull(c) { if (++n > ${CHUNKS}) return c.close(); c.enqueue(one); sample(n); } }, { highWaterMark: 0 });
  start();
  const res = await handler(new Request(f.url, { method: 'POST', headers: f.headers, body: stream, duplex: 'half' }));
  out.fetch = { status: res.status, chunks: n - 1, peak };
}
{
  const mw = h.createNodeMiddleware({ secret, url: f.url, onError: () => {} });
  let n = 0;
  const req = new Readable({ read() { if (++n > ${CHUNKS}) return this.push(null); this.push(Buffer.from(one)); sample(n); } });
  Object.assign(req, { method: 'POST', url: '/hook', headers: Object.fromEntries(Object.entries(f.headers).map(([k, v]) => [k.toLowerCase(), v])) });
  start();
  const status = await new Promise((resolve) => mw(req, { headersSent: false, setHeader() {}, end() { resolve(this.statusCode); } }));
  out.node = { status, chunks: n - 1, peak };
}
console.log(JSON.stringify(out));
`;

test('a body of a million one-byte chunks: the heap grows by a few MB, not hundreds', () => {
  const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', SCRIPT], { cwd: here, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  for (const [helper, { status, chunks, peak }] of Object.entries(out)) {
    assert.equal(status, 401, helper); // the body is a million spaces, not what was signed
    assert.equal(chunks, CHUNKS, helper);
    assert.ok(peak < 32 * CHUNKS, `${helper}: the heap grew by ${peak} bytes while reading ${CHUNKS} one-byte chunks`);
  }
});
