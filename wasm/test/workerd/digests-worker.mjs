// The digests inside workerd, through the package's workerd entry: with nodejs_compat the core's
// SHA-256 and HMAC go through node:crypto (counted by wrapping its functions, as the Node test
// does), without it through the Rust digests. The vector files come in the POST body as
// [{ name, text }]; the answer is the outcomes of test/digest-outcomes.mjs.
import { platform } from '../../pkg/dist/platform.js';
import * as h from '../../pkg/dist/workerd.mjs';
import { digestOutcomes } from '../digest-outcomes.mjs';

const crypto = globalThis.process?.getBuiltinModule?.('node:crypto');
let calls = 0;
if (crypto !== undefined) {
  for (const name of ['createHash', 'createHmac']) {
    const original = crypto[name];
    crypto[name] = (...args) => {
      calls++;
      return original(...args);
    };
  }
}

export default {
  async fetch(request) {
    const files = await request.json();
    // Every body through the host's digests when there are any, not only the larger ones.
    platform.hostDigestsFrom = 0;
    const out = digestOutcomes(h, files);
    return Response.json({ ...out, calls, nodeCompat: crypto !== undefined, runtime: navigator.userAgent });
  },
};
