// The .d.ts is complete enough for a typed example (ESM and CJS) under `tsc --noEmit --strict`,
// and truthful: the values at run time have the types it declares.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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
const DECLARED = {
  subscriptionType: STR, objectType: STR, action: STR, eventId: ID, portalId: ID, appId: ID, occurredAt: INT64,
  attemptNumber: (v) => typeof v === 'number' && Number.isSafeInteger(v), subscriptionId: ID, objectId: ID,
  objectTypeId: STR, effectiveObjectTypeId: STR, changeSource: STR, sourceId: STR, changeFlag: STR, eventTypeName: STR,
  dedupKey: STR, rawJson: STR, propertyName: STR, propertyValue: (v) => v !== undefined, isSensitive: BOOL,
  associationType: STR, fromObjectId: ID, toObjectId: ID, associationRemoved: BOOL, isPrimaryAssociation: BOOL,
  fromObjectTypeId: STR, toObjectTypeId: STR, associationTypeId: ID, associationCategory: STR, primaryObjectId: ID,
  mergedObjectIds: (v) => Array.isArray(v) && v.every(ID), newObjectId: ID, numberOfPropertiesMoved: INT64,
  messageId: STR, messageType: STR,
  conversation: (v) => v !== null && typeof v === 'object' && STR(v.change) && (v.threadId === undefined || ID(v.threadId)),
};

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
