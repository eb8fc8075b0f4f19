// The .d.ts is complete enough for a typed example (ESM and CJS) under `tsc --noEmit --strict`,
// and truthful: the values at run time have the types it declares.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as h from 'hubspot-webhooks';
import { parseLossless } from './conformance-runner.mjs';
import { vectorFiles } from './vector-files.mjs';

const here = dirname(fileURLToPath(import.meta.url));

test('tsc --noEmit on test/types (typed example, discriminated union, @ts-expect-error checks)', () => {
  const tsc = join(here, '..', 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', join(here, 'types')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

// The runtime side of the same promise: every member of every event the vectors produce has
// the type index.d.ts gives it.

const ID = (v) => typeof v === 'string' && /^-?\d+$/.test(v);
const STR = (v) => typeof v === 'string';
const INT64 = (v) => (typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'bigint' && (v > Number.MAX_SAFE_INTEGER || v < -Number.MAX_SAFE_INTEGER));
const BOOL = (v) => typeof v === 'boolean';
const JSON_VALUE = (v) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';
/** The runtime type of each kind of the core's table (IDs are strings: see index.d.ts, Id). */
const BY_KIND = {
  text: () => STR,
  enum: () => STR,
  bool: () => BOOL,
  value: () => JSON_VALUE,
  int: (f) => (f.id ? ID : f.json === 'attemptNumber' ? (v) => typeof v === 'number' && Number.isSafeInteger(v) : INT64),
  int_list: (f) => (v) => Array.isArray(v) && v.every(f.id ? ID : INT64),
};
/** The type index.d.ts must give each kind. */
/** (Text and enum members may be literal unions or a named union of them.) */
const DECLARED_TYPE = { text: /string|['`]/, enum: /string|['`]|^[A-Z]\w*Type$/, bool: /boolean/, value: /JsonValue/, int: /Id|Int64|number/, int_list: /Id\[\]|Int64\[\]/ };
const DECLARED = {
  // Members the core derives (not fields).
  objectType: STR, action: STR, effectiveObjectTypeId: STR, dedupKey: STR, rawJson: STR,
  conversation: (v) => v !== null && typeof v === 'object' && STR(v.change) && (v.threadId === undefined || ID(v.threadId)),
};
for (const f of h.eventFields()) if (f.aliasOf === null) DECLARED[f.json] = BY_KIND[f.kind](f);

test('index.d.ts declares every field of the core table with the type of its kind', () => {
  const dts = readFileSync(join(here, '..', 'pkg-src', 'index.d.ts'), 'utf8');
  const fields = h.eventFields().filter((f) => f.aliasOf === null);
  assert.ok(fields.length >= 30, `only ${fields.length} fields`);
  const problems = [];
  for (const f of fields) {
    const declared = [...dts.slice(0, dts.indexOf('// Custom Channels (')).matchAll(new RegExp(`^\\s+${f.json}(\\??): ([^;]+);`, 'gm'))];
    if (declared.length === 0) problems.push(`${f.json} (${f.kind}) is not declared`);
    for (const [, optional, type] of declared) {
      if (!DECLARED_TYPE[f.kind].test(type)) problems.push(`${f.json}: ${type} is not a type of kind ${f.kind}`);
      if (f.required && optional === '?') problems.push(`${f.json} is required but declared optional`);
    }
  }
  assert.deepEqual(problems, []);
});

test('runtime values have the types index.d.ts declares (every event of every vector)', () => {
  let events = 0;
  for (const file of vectorFiles()) {
    for (const c of parseLossless(file.text).cases ?? []) {
      const body = c.request?.body_base64 !== undefined ? Uint8Array.from(atob(c.request.body_base64), (ch) => ch.charCodeAt(0)) : c.request?.body ?? '';
      let out;
      try {
        out = h.parseBatch(body, { partial: true, ...(c.options?.max_events !== undefined ? { maxEvents: Number(c.options.max_events) } : {}) });
      } catch {
        continue;
      }
      for (const e of out.events) {
        events++;
        for (const [name, value] of Object.entries(e)) {
          assert.ok(name in DECLARED, `${file.name} ${c.name}: undeclared member ${name}`);
          assert.ok(DECLARED[name](value), `${file.name} ${c.name}: ${name} = ${typeof value} ${String(value)}`);
        }
      }
    }
  }
  assert.ok(events > 100, `only ${events} events`);
  // Beyond 2^53: a bigint, as Int64 says.
  const far = h.parseBatch('[{"eventId":1,"portalId":2,"appId":3,"occurredAt":9007199254740993,"subscriptionType":"contact.merge","attemptNumber":0,"numberOfPropertiesMoved":-9223372036854775808}]').events[0];
  assert.equal(far.occurredAt, 9007199254740993n);
  assert.equal(far.numberOfPropertiesMoved, -9223372036854775808n);
  assert.equal(h.parseBatch('[{"eventId":1,"portalId":2,"appId":3,"occurredAt":9007199254740991,"subscriptionType":"a.b","attemptNumber":0}]').events[0].occurredAt, 9007199254740991);
});

/** The members an interface of index.d.ts declares (an inline object type counts as one member). */
function declaredMembers(dts, name) {
  const start = dts.indexOf(`export interface ${name} {`);
  assert.ok(start >= 0, `index.d.ts declares no interface ${name}`);
  let depth = 0;
  let i = dts.indexOf('{', start);
  const from = i + 1;
  for (; i < dts.length; i++) {
    if (dts[i] === '{') depth++;
    else if (dts[i] === '}' && --depth === 0) break;
  }
  const body = dts.slice(from, i);
  const members = new Map();
  let level = 0;
  for (const line of body.split('\n')) {
    const m = level === 0 ? /^\s+(\w+)\??: (.*)$/.exec(line) : null;
    if (m) members.set(m[1], m[2]);
    level += (line.match(/{/g) ?? []).length - (line.match(/}/g) ?? []).length;
  }
  return members;
}

test("index.d.ts's Custom Channels types declare exactly the members of core's serialised events", () => {
  const dts = readFileSync(new URL('../pkg-src/index.d.ts', import.meta.url), 'utf8');
  const events = [];
  for (const type of h.fixtures.types().filter((t) => /^[A-Z_]+$/.test(t))) {
    events.push(h.parseBatch(h.fixtures.delivery(type, { secret: 's' }).body).channelEvent);
  }
  const vectors = JSON.parse(readFileSync(new URL('../../tests/vectors/channels.json', import.meta.url), 'utf8'));
  for (const c of vectors.cases) {
    if (c.expect?.ok?.channel_event === undefined) continue;
    events.push(h.parseBatch(c.request.body).channelEvent);
  }
  assert.ok(events.length >= 4, `only ${events.length} Custom Channels events`);
  const problems = [];
  const seen = new Set();
  const compare = (value, name, where) => {
    const declared = declaredMembers(dts, name);
    seen.add(name);
    for (const key of Object.keys(value)) if (!declared.has(key)) problems.push(`${where}.${key} is not declared in ${name}`);
    for (const key of declared.keys()) if (!(key in value)) problems.push(`${name}.${key} is declared but ${where} has no ${key}`);
  };
  const participant = (p, where) => {
    compare(p, 'ChannelParticipant', where);
    if (p.deliveryIdentifier) compare(p.deliveryIdentifier, 'DeliveryIdentifier', `${where}.deliveryIdentifier`);
  };
  for (const e of events) {
    compare(e, 'ChannelEvent', 'event');
    if (e.channelAccountDeliveryIdentifier) compare(e.channelAccountDeliveryIdentifier, 'DeliveryIdentifier', 'event.channelAccountDeliveryIdentifier');
    if (!e.message) continue;
    compare(e.message, 'ChannelMessage', 'event.message');
    for (const p of [...(e.message.senders ?? []), ...(e.message.recipients ?? [])]) participant(p, 'event.message participant');
    for (const a of e.message.attachments ?? []) compare(a, 'ChannelAttachment', 'event.message.attachments[]');
    if (e.message.status) {
      const inline = declaredMembers(dts, 'ChannelMessage').get('status');
      for (const key of Object.keys(e.message.status)) if (!inline.includes(`${key}:`)) problems.push(`message.status.${key} is not declared`);
    }
  }
  assert.deepEqual(problems, []);
  assert.deepEqual([...seen].sort(), ['ChannelAttachment', 'ChannelEvent', 'ChannelMessage', 'ChannelParticipant', 'DeliveryIdentifier']);
});
