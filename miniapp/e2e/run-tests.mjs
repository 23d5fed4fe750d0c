#!/usr/bin/env node
// The miniapp's test command: the jsdom unit tests, then the browser test (the built H5 client in
// Chromium against the real server), then one summary line. Exits non-zero if either failed.
//
//   node e2e/run-tests.mjs            unit, then browser          (pnpm test)
//   node e2e/run-tests.mjs unit       unit tests only             (pnpm test:unit)
//   node e2e/run-tests.mjs e2e [...]  browser test only; extra args go to jest  (pnpm test:e2e)
//
// The browser test needs the H5 build: it is rebuilt first when missing or older than its sources
// (src/, config/, the shared package's dist). E2E_BUILD=always|never overrides that.
import { ensureH5 } from '../scripts/h5-build.mjs'
import { spawnSync } from 'node:child_process'
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const miniapp = join(dirname(fileURLToPath(import.meta.url)), '..')
const jestBin = createRequire(join(miniapp, 'package.json')).resolve('jest/bin/jest')
const [mode = 'all', ...extra] = process.argv.slice(2)
if (!['all', 'unit', 'e2e'].includes(mode)) {
  console.error('usage: node e2e/run-tests.mjs [all|unit|e2e] [jest args]')
  process.exit(2)
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`
const work = mkdtempSync(join(tmpdir(), 'xianfeng-miniapp-test-'))

/** Runs jest with a JSON report beside the normal output; answers what it counted. */
function runJest(label, args) {
  const report = join(work, `${label}.json`)
  const t0 = Date.now()
  const r = spawnSync(process.execPath, [jestBin, ...args, '--json', `--outputFile=${report}`], {
    cwd: miniapp,
    stdio: 'inherit',
    env: process.env,
  })
  const ms = Date.now() - t0
  let counts = null
  try {
    const j = JSON.parse(readFileSync(report, 'utf8'))
    counts = { passed: j.numPassedTests, failed: j.numFailedTests, skipped: j.numPendingTests + j.numTodoTests, total: j.numTotalTests, suitesFailed: j.numFailedTestSuites }
  } catch {
    // jest did not get as far as writing a report
  }
  const ok = r.status === 0 && !!counts && counts.failed === 0 && counts.suitesFailed === 0
  // For the root test command's one closing line over the whole workspace.
  if (process.env.XF_TEST_SUMMARY) {
    appendFileSync(process.env.XF_TEST_SUMMARY, `miniapp-${label} ${counts?.passed ?? 0} ${(counts?.failed ?? 0) + (counts?.suitesFailed ?? 0) + (counts ? 0 : 1)} ${counts?.skipped ?? 0}\n`)
  }
  return { ok, ms, counts, status: r.status }
}

function describe(result) {
  const c = result.counts
  if (!c) return `FAILED (jest exited ${result.status}, no report)`
  if (result.ok && c.passed === 0 && c.skipped > 0) return `SKIPPED (${c.skipped} tests; Chromium not found, see the warning above)`
  const verdict = result.ok ? 'passed' : 'FAILED'
  const parts = [`${c.passed}/${c.total} passed`]
  if (c.failed) parts.push(`${c.failed} failed`)
  if (c.skipped) parts.push(`${c.skipped} skipped`)
  if (c.suitesFailed && !c.failed) parts.push(`${c.suitesFailed} suite(s) failed to run`)
  return `${verdict} (${parts.join(', ')}, ${seconds(result.ms)})`
}

const t0 = Date.now()
const lines = []
let failed = false

if (mode === 'all' || mode === 'unit') {
  console.log('\n▶ unit tests (jest, jsdom)')
  const unit = runJest('unit', mode === 'unit' ? extra : [])
  failed ||= !unit.ok
  lines.push(`unit ${describe(unit)}`)
}

if (mode === 'all' || mode === 'e2e') {
  let note = null
  try {
    const server = join(miniapp, '..', 'server', 'dist', 'main.js')
    if (!existsSync(server)) {
      throw new Error(`the server is not built (${server} is missing): run pnpm --filter ./shared run build && pnpm --filter ./server run build`)
    }
    note = ensureH5()
  } catch (e) {
    failed = true
    lines.push(`browser FAILED: ${e.message}`)
  }
  if (note) {
    console.log('\n▶ browser test (Chromium + the real server)')
    const e2e = runJest('e2e', ['-c', 'jest.e2e.config.cjs', ...(mode === 'e2e' ? extra : [])])
    failed ||= !e2e.ok
    const screens = join(tmpdir(), 'xianfeng-e2e-screens')
    const shots = existsSync(screens) && statSync(screens).mtimeMs >= t0 && readdirSync(screens).length > 0 ? `; screenshots in ${screens}` : ''
    lines.push(`browser ${describe(e2e)}; ${note}${shots}`)
  }
}

rmSync(work, { recursive: true, force: true })
console.log(`\nminiapp tests ${failed ? 'FAILED' : 'passed'}: ${lines.join(' · ')} · total ${seconds(Date.now() - t0)}`)
process.exit(failed ? 1 : 0)
