// The bench inside workerd (bundled by wrangler with nodejs_compat, run by bench/workerd.mjs):
// the package's workerd entry against @hubspot/api-client's Signature.isValid (v3, node:crypto
// under nodejs_compat) + JSON.parse, on the bodies the driver posts. Both sides start from the
// body's bytes, as `await request.arrayBuffer()` gives them; the peer's time includes the UTF-8
// decode it needs. After each parse both sides read every field of every event (read.mjs).
//
//   POST /body?name=100       the body (tests/data/batch_100.json) under a name
//   GET  /check               what each side read, per body: checksum, events, fields
//   GET  /warm?rounds=N       every case's both sides in turn, N times
//   GET  /run?case=&side=&n=  one sample: n calls between two awaited timers (see measure())
import { createHmac } from 'node:crypto';
import { Signature } from '@hubspot/api-client';
import { eventFields, signedHeaders, verify, verifyAndParse } from 'hubspot-webhooks';
import { reader } from './read.mjs';
import { SECRET, URL_, lowerCased, sdkChecked } from './peer.mjs';

const decoder = new TextDecoder();
const { read, checksum } = reader(eventFields());
const bodies = new Map();

/** A body signed now (v3 allows 5 minutes: each sample signs again, untimed). */
function signed(name) {
  const body = bodies.get(name);
  if (body === undefined) throw new Error(`no body ${name}`);
  const headers = lowerCased(signedHeaders({ secret: SECRET, url: URL_, body, timestamp: Date.now() }));
  const request = { method: 'POST', url: URL_, headers, body };
  const peerText = () => sdkChecked(Signature, headers, () => decoder.decode(body));
  const v3Source = `POST${URL_}${decoder.decode(body)}${headers['x-hubspot-request-timestamp']}`;
  return {
    ours: () => verifyAndParse(request, { secret: SECRET }).events,
    peer: () => JSON.parse(peerText()),
    verify: () => verify(request, { secret: SECRET }).secretIndex,
    peerVerify: () => peerText().length,
  };
}

const CASES = {
  'verify/100': (s = signed('100')) => ({ ours: s.verify, peer: s.peerVerify }),
  'verify+parse/100': (s = signed('100')) => ({ ours: () => read(s.ours()), peer: () => read(s.peer()) }),
  'verify+parse/1': (s = signed('1')) => ({ ours: () => read(s.ours()), peer: () => read(s.peer()) }),
};

/**
 * n calls of fn, timed by the isolate's clock between two awaited timers. Deployed Workers move
 * Date.now() only when I/O (a timer included) completes, so the clock is read right after one;
 * local workerd moves it in real time with a 1 ms step, hence samples of 100 ms or more.
 */
async function measure(fn, n) {
  let sink = 0;
  await scheduler.wait(0);
  const t0 = Date.now();
  for (let i = 0; i < n; i++) sink += Number(fn());
  await scheduler.wait(0);
  return { ms: Date.now() - t0, sink };
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const q = (k) => url.searchParams.get(k);
    switch (url.pathname) {
      case '/body':
        bodies.set(q('name'), new Uint8Array(await request.arrayBuffer()));
        return new Response('ok');
      case '/check': {
        const out = {};
        for (const name of bodies.keys()) {
          const s = signed(name);
          out[name] = { ours: checksum(s.ours()), peer: checksum(s.peer()) };
        }
        // The package's workerd entry takes node:crypto from process.getBuiltinModule (nodejs_compat).
        const packageNodeCrypto = globalThis.process?.getBuiltinModule?.('node:crypto')?.createHmac === createHmac;
        return Response.json({ runtime: navigator.userAgent, nodeCrypto: typeof createHmac === 'function', packageNodeCrypto, checked: out });
      }
      case '/warm': {
        const fns = Object.values(CASES).flatMap((c) => Object.values(c()));
        let sink = 0;
        for (let r = Number(q('rounds')); r > 0; r--) for (const fn of fns) sink += Number(fn());
        await scheduler.wait(0);
        return Response.json({ sink });
      }
      case '/run': {
        const c = CASES[q('case')];
        if (c === undefined || !['ours', 'peer'].includes(q('side'))) return new Response('bad case', { status: 400 });
        const fn = c()[q('side')];
        return Response.json(await measure(fn, Number(q('n'))));
      }
      default:
        return new Response('not found', { status: 404 });
    }
  },
};
