// The README's quick starts are the tested examples, verbatim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const read = (p) => readFileSync(new URL(p, import.meta.url), 'utf8');

test('README quick starts are copies of examples/cloudflare-worker, examples/node-server and examples/custom-channels', () => {
  const readme = read('../README.md');
  for (const example of ['../examples/cloudflare-worker/src/index.js', '../examples/node-server/server.js', '../examples/custom-channels/receiver.mjs']) {
    assert.ok(readme.includes('```js\n' + read(example).trimEnd() + '\n```'), `${example} is not in the README as is`);
  }
});

test('the Custom Channels quick start runs as it is and routes the event to its handler', () => {
  const out = execFileSync(process.execPath, ['receiver.mjs'], {
    cwd: fileURLToPath(new URL('../examples/custom-channels/', import.meta.url)),
    env: { ...process.env, HUBSPOT_CLIENT_SECRET: 'readme-test-secret' },
    encoding: 'utf8',
  });
  assert.match(out, /^channel delivery, dedup key hscc1:/m);
  assert.match(out, /^send to \S+: .+ \(thread \d+\)$/m);
});
