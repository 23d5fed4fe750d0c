#!/usr/bin/env node
// `pnpm bench [name]`: compiles the benchmarks and runs one (or all) of bench/*.bench.ts.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const server = join(here, '..');
execFileSync(process.execPath, [join(server, 'node_modules/typescript/bin/tsc'), '-p', join(server, 'tsconfig.bench.json')], { stdio: 'inherit' });
const all = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace(/\.bench\.ts$/, ''));
const wanted = process.argv[2] ? [process.argv[2]] : all;
for (const name of wanted) {
  if (!all.includes(name)) throw new Error(`no benchmark "${name}"; have: ${all.join(', ')}`);
  console.log(`\n=== ${name} ===`);
  execFileSync(process.execPath, ['--enable-source-maps', join(server, 'dist-bench/bench', `${name}.bench.js`)], { stdio: 'inherit', env: process.env });
}
