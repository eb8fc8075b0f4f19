// The vector files: every *.json of tests/vectors, then of $HUBSPOT_WEBHOOKS_VECTORS.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function jsonFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.json'))
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name: join(dir, name), text: readFileSync(join(dir, name), 'utf8') }));
}

export function vectorFiles() {
  const files = jsonFiles(join(repo, 'tests', 'vectors'));
  const extra = process.env.HUBSPOT_WEBHOOKS_VECTORS;
  if (extra) {
    if (!existsSync(extra)) throw new Error(`HUBSPOT_WEBHOOKS_VECTORS=${extra} does not exist`);
    files.push(...jsonFiles(resolve(extra)));
  }
  return files;
}

export function report(result) {
  for (const f of result.failures) console.log(f);
  console.log(result.line);
  console.log(`${result.passed} passed, ${result.failed} failed`);
  if (result.failed > 0) process.exitCode = 1;
}
