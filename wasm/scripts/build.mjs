// Assembles the npm package in wasm/pkg from the wasm-bindgen output (--target web) and
// wasm/pkg-src: wasm-opt (npm binaryen), the ESM entries, a CommonJS bundle (esbuild), the
// types and package.json. Prints the .wasm size raw and gzipped.
// Usage: node scripts/build.mjs <wasm-bindgen out dir> <version>
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { wasmOpt } from './wasm-opt.mjs';

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const [bindgenDir, version] = process.argv.slice(2);
if (!bindgenDir || !version) throw new Error('usage: node scripts/build.mjs <wasm-bindgen out dir> <version>');
const src = join(here, 'pkg-src');
const pkg = join(here, 'pkg');
const dist = join(pkg, 'dist');
const bin = (name) => join(here, 'node_modules', '.bin', name);

rmSync(pkg, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const wasmName = 'hubspot_webhooks_wasm_bg.wasm';
wasmOpt(join(bindgenDir, wasmName), join(dist, wasmName));
copyFileSync(join(bindgenDir, 'hubspot_webhooks_wasm.js'), join(dist, 'hubspot_webhooks_wasm.js'));
// Every module of pkg-src (the CommonJS entry is bundled below instead).
for (const f of readdirSync(src)) if (/\.m?js$/.test(f) && f !== 'node-cjs-entry.mjs') copyFileSync(join(src, f), join(dist, f));
const cjsEntry = join(dist, 'node-cjs-entry.mjs');
copyFileSync(join(src, 'node-cjs-entry.mjs'), cjsEntry);
execFileSync(bin('esbuild'), [
  cjsEntry, '--bundle', '--platform=node', '--format=cjs', '--target=node18',
  '--log-level=error', `--outfile=${join(dist, 'node.cjs')}`,
], { stdio: 'inherit' });
rmSync(cjsEntry);
for (const f of ['index.d.ts', 'slim.d.ts']) copyFileSync(join(src, f), join(pkg, f));
copyFileSync(join(src, 'index.d.ts'), join(pkg, 'index.d.cts'));
if (existsSync(join(here, 'README.md'))) copyFileSync(join(here, 'README.md'), join(pkg, 'README.md'));
// The licence texts, from the repository's root.
for (const f of ['LICENSE-MIT', 'LICENSE-APACHE']) copyFileSync(join(here, '..', f), join(pkg, f));
const manifest = JSON.parse(readFileSync(join(src, 'package.json'), 'utf8'));
manifest.version = version;
writeFileSync(join(pkg, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');

const bytes = readFileSync(join(dist, wasmName));
const gz = gzipSync(bytes, { level: 9 }).length;
console.log(`wasm size: ${bytes.length} bytes raw, ${gz} bytes gzipped (budget 102400 gzipped)`);

// The dev tree imports the package by name, through its exports map.
const link = join(here, 'node_modules', 'hubspot-webhooks');
rmSync(link, { recursive: true, force: true });
mkdirSync(join(here, 'node_modules'), { recursive: true });
symlinkSync('../pkg', link, 'dir');
