// Outcomes that depend on the digests: every conformance case's verification and the
// signatures of assorted inputs. Imported by digests.test.mjs (node:crypto, Node entry) and
// test/workerd/digests-worker.mjs (the workerd entry, with and without nodejs_compat), and by
// digest-outcomes-rust.mjs (hubspot-webhooks/slim: the Rust digests, in a child process).
import { runConformance } from './conformance-runner.mjs';

/** The outcomes with the package `h` on the vector files `files` ([{ name, text }]). */
export function digestOutcomes(h, files) {
  const outcomes = [];
  const api = {
    ...h,
    verifyAndParse(request, options) {
      try {
        const d = h.verifyAndParse(request, options);
        outcomes.push({ version: d.version, secretIndex: d.secretIndex, keys: d.events.map((e) => e.dedupKey) });
        return d;
      } catch (e) {
        outcomes.push({ error: e.code, message: e.message });
        throw e;
      }
    },
  };
  const result = runConformance(api, files, 'digests');
  const signatures = [];
  const inputs = [
    ['s', '', ''], // an empty secret is refused by signing, as by verification
    ['k', 'POST', 'https://example.com/a?b=%20c&d=%2A'],
    ['pat-na1-x', 'GET', 'https://h.example.com/ü/日本?q=%F0%9F%98%80'],
    ['x'.repeat(200), 'POST', 'https://e.com/'], // HMAC hashes keys over 64 bytes first
  ];
  for (const size of [0, 1, 55, 56, 63, 64, 65, 1000, 28_000, 200_000]) {
    const body = new Uint8Array(size);
    for (let i = 0; i < size; i++) body[i] = (i * 131 + size) & 255;
    for (const [secret, method, url] of inputs) {
      const ts = String(1_700_000_000_000 + size);
      signatures.push([h.signV1(secret, body), h.signV2(secret, method, url, body), h.signV3(secret, method, url, body, ts)]);
    }
  }
  return { failed: result.failed, failures: result.failures, outcomes, signatures };
}
