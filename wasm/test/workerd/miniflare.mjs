// Starts a worker in real workerd (Miniflare, from the wrangler npm package) bound to
// 127.0.0.1, and always disposes of it.
import { Miniflare } from 'miniflare';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const wasmDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function withWorker(scriptPath, fn, extra = {}) {
  const mf = new Miniflare({
    host: '127.0.0.1',
    port: 0,
    modules: true,
    modulesRoot: extra.modulesRoot ?? wasmDir,
    scriptPath,
    // *.js are ES modules here (wasm-bindgen's glue); *.wasm are compiled WebAssembly modules.
    modulesRules: [
      { type: 'ESModule', include: ['**/*.js', '**/*.mjs'] },
      { type: 'CompiledWasm', include: ['**/*.wasm'] },
    ],
    compatibilityDate: '2026-04-01',
    ...extra.options,
  });
  try {
    await mf.ready;
    return await fn(mf);
  } finally {
    await mf.dispose();
  }
}

export { join };
