// The README's quick starts are the tested examples, verbatim.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const read = (p) => readFileSync(new URL(p, import.meta.url), 'utf8');

test('README quick starts are copies of examples/cloudflare-worker and examples/node-server', () => {
  const readme = read('../README.md');
  for (const example of ['../examples/cloudflare-worker/src/index.js', '../examples/node-server/server.js']) {
    assert.ok(readme.includes('```js\n' + read(example).trimEnd() + '\n```'), `${example} is not in the README as is`);
  }
});
