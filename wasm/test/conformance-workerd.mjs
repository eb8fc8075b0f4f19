// Conformance inside real workerd: the shared runner, the package's workerd entry.
import { withWorker, wasmDir, join } from './workerd/miniflare.mjs';
import { report, vectorFiles } from './vector-files.mjs';

const files = vectorFiles();
const result = await withWorker(join(wasmDir, 'test', 'workerd', 'conformance-worker.mjs'), async (mf) => {
  const res = await mf.dispatchFetch('http://127.0.0.1/', { method: 'POST', body: JSON.stringify(files) });
  if (!res.ok) throw new Error(`worker answered ${res.status}: ${await res.text()}`);
  return res.json();
});
if (result.runtime !== 'Cloudflare-Workers') throw new Error(`not workerd: ${result.runtime}`);
report(result);
