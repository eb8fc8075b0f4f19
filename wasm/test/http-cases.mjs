// The shared HTTP case table (tests/http/cases.json) sent over real HTTP to a helper on
// 127.0.0.1: each case's request-target exactly as written (node:http sends it verbatim), its
// signature computed now with the package's signing functions. The helper under test reads a
// case's public URL from the X-Test-Public-Url header (its `url` option is a function of the
// request), so one server answers every case.
import { request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function httpCases() {
  return JSON.parse(readFileSync(join(repo, 'tests', 'http', 'cases.json'), 'utf8'));
}

/** Sends one request; resolves `{ status, headers, body }` (a connection the server closes after answering is fine). */
export function send(port, { method, target, headers, body }) {
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path: target, headers });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolvePromise({ status: res.statusCode, headers: res.headers, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const fill = (template, vars) => template.replaceAll('{origin}', vars.origin).replaceAll('{target}', vars.target);

/** The request of a case, signed now. */
export function caseRequest(h, table, c, port) {
  const origin = `http://127.0.0.1:${port}`;
  const vars = { origin, target: c.target };
  const body = c.body + ' '.repeat(c.body_padding ?? 0);
  const signedUrl = fill(c.signed_url ?? '{origin}{target}', vars);
  const headers = { 'Content-Type': 'application/json', ...c.headers };
  const now = Date.now() + (c.timestamp_offset_ms ?? 0);
  if (c.sign === 'v3') {
    headers['X-HubSpot-Signature-v3'] = h.signV3(table.secret, c.method, signedUrl, body, now);
    headers['X-HubSpot-Request-Timestamp'] = String(now);
  } else if (c.sign === 'v2') {
    headers['X-HubSpot-Signature'] = h.signV2(table.secret, c.method, signedUrl, body);
    headers['X-HubSpot-Signature-Version'] = 'v2';
  } else if (c.sign === 'v1') {
    headers['X-HubSpot-Signature'] = h.signV1(table.secret, body);
    headers['X-HubSpot-Signature-Version'] = 'v1';
  } else if (c.sign !== 'none') {
    throw new Error(`case ${c.name}: unknown sign ${c.sign}`);
  }
  if (c.public_url !== undefined) headers['X-Test-Public-Url'] = fill(c.public_url, vars);
  return { method: c.method, target: c.target, headers, body: c.method === 'GET' ? undefined : body };
}

/** The cases that run a router (target /routed/<name>): they need the routed app and an observer. */
export function routed(c) {
  return c.target.startsWith('/routed/');
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Runs the cases `select` keeps against the helper listening on `port`; returns the counts and
 * the failures (never passes with 0 cases). `observer` ({ reset, handled, release }, async)
 * shows what the routed app's handlers recorded: a case's `expect.handled` is compared once the
 * answer came (with `answer_first`, the answer must come while the handler still waits: nothing
 * recorded; then the handler is released and the runner waits for `handled`).
 */
export async function runHttpCases(h, port, select = () => true, observer = undefined) {
  const table = httpCases();
  const failures = [];
  let ran = 0;
  for (const c of table.cases) {
    if (!select(c)) continue;
    ran++;
    const watch = c.expect.handled !== undefined;
    if (watch && observer === undefined) {
      failures.push(`${c.name}: expects handled ${JSON.stringify(c.expect.handled)}, but no observer was given`);
      continue;
    }
    if (watch) await observer.reset();
    const res = await send(port, caseRequest(h, table, c, port));
    let code;
    try {
      code = res.body ? JSON.parse(res.body).code : undefined;
    } catch {
      code = `(not JSON: ${res.body.slice(0, 80)})`;
    }
    if (res.status !== c.expect.status || (c.expect.code !== undefined && code !== c.expect.code)) {
      failures.push(`${c.name}: expected ${c.expect.status} ${c.expect.code ?? ''}, got ${res.status} ${code ?? ''} ${res.body.slice(0, 200)}`);
    }
    if (!watch) continue;
    let handled = await observer.handled();
    if (c.answer_first === true) {
      if (handled.length !== 0) failures.push(`${c.name}: answered after the handler finished (handled ${JSON.stringify(handled)})`);
      await observer.release();
      // The handler finishes after the answer: wait for it (a bounded wait, not a timed assertion).
      for (let i = 0; i < 200 && !same(handled, c.expect.handled); i++) {
        await new Promise((r) => setTimeout(r, 10));
        handled = await observer.handled();
      }
    }
    if (!same(handled, c.expect.handled)) {
      failures.push(`${c.name}: handled ${JSON.stringify(handled)}, expected ${JSON.stringify(c.expect.handled)}`);
    }
  }
  if (ran === 0) failures.push('0 cases ran');
  return { cases: table.cases.length, ran, failed: failures.length, failures };
}

/** The table's start-up errors against what registering each pattern threw (`startupErrors` of routed-app.mjs). */
export function checkStartupErrors(table, results) {
  const failures = [];
  table.startup_errors.forEach((want, i) => {
    const got = results[i];
    if (got?.code !== want.code) failures.push(`start-up ${JSON.stringify(want.pattern)}: expected ${want.code}, got ${got?.code} (${got?.message})`);
    else if (want.suggests !== undefined && !got.message.includes(JSON.stringify(want.suggests))) {
      failures.push(`start-up ${JSON.stringify(want.pattern)}: the message does not suggest ${want.suggests}: ${got.message}`);
    }
  });
  if (table.startup_errors.length === 0) failures.push('no start-up errors in the table');
  return failures;
}
