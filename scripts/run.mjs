#!/usr/bin/env node
// Entry for `npm start` / `npm test` on a machine that has only Node: finds pnpm (or fetches the
// pinned one through npx), installs the workspace from the lockfile, then runs the pnpm script.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PNPM_VERSION = '12.21.0';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const task = process.argv[2];
const tasks = { start: 'product:start', test: 'product:test', dev: 'product:dev' };
if (!tasks[task]) {
  console.error(`usage: node scripts/run.mjs ${Object.keys(tasks).join('|')}`);
  process.exit(2);
}

const hasPnpm = spawnSync('pnpm', ['--version'], { stdio: 'ignore', shell: process.platform === 'win32' }).status === 0;
const pnpm = hasPnpm ? ['pnpm'] : ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
const run = (args) => {
  const r = spawnSync(pnpm[0], [...pnpm.slice(1), ...args], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!hasPnpm) console.log(`pnpm not found: using pnpm@${PNPM_VERSION} through npx`);
run(['install', '--frozen-lockfile']);
run(['run', tasks[task]]);
