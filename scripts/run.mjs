#!/usr/bin/env node
// Entry for `npm start` / `npm test` on a machine that has only Node: finds pnpm (or fetches the
// pinned one through npx), installs the workspace from the lockfile, then runs the pnpm script.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
const run = (args, env = process.env) => {
  const r = spawnSync(pnpm[0], [...pnpm.slice(1), ...args], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32', env });
  return r.status ?? 1;
};

if (!hasPnpm) console.log(`pnpm not found: using pnpm@${PNPM_VERSION} through npx`);
const installed = run(['install', '--frozen-lockfile']);
if (installed !== 0) process.exit(installed);
if (task !== 'test') process.exit(run(['run', tasks[task]]));

// Each suite appends "name passed failed skipped" to this file; the run ends with one line for all of them.
const dir = mkdtempSync(`${tmpdir()}/xianfeng-test-summary-`);
const summary = `${dir}/summary.txt`;
const status = run(['run', tasks[task]], { ...process.env, XF_TEST_SUMMARY: summary });
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  for (const line of readFileSync(summary, 'utf8').trim().split('\n')) {
    const [, p, f, s] = line.split(' ');
    passed += Number(p);
    failed += Number(f);
    skipped += Number(s);
  }
} catch {
  failed = Math.max(failed, 1); // no suite reported anything
}
// A failure outside any suite (a build, a crash) still counts as one.
if (status !== 0 && failed === 0) failed = 1;
rmSync(dir, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(status !== 0 || failed > 0 ? status || 1 : 0);
