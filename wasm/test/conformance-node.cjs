// Conformance in Node through the CommonJS entry (require('hubspot-webhooks')).
const api = require('hubspot-webhooks');

(async () => {
  const { runConformance } = await import('./conformance-runner.mjs');
  const { report, vectorFiles } = await import('./vector-files.mjs');
  if (typeof api.verifyAndParse !== 'function') throw new Error('require() did not give the API');
  report(runConformance(api, vectorFiles(), 'node'));
})().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
