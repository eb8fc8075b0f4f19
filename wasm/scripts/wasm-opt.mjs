// wasm-opt (npm binaryen) as the package's build runs it; shared by scripts/build.mjs and
// bench/protocol.mjs, so that what is measured is optimised alike.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(dirname(fileURLToPath(import.meta.url)));

export function wasmOpt(input, output) {
  execFileSync(join(here, 'node_modules', '.bin', 'wasm-opt'), [
    '-O3', '--strip-debug', '--strip-producers',
    '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
    input, '-o', output,
  ], { stdio: 'inherit' });
}
