#!/usr/bin/env node
// Builds the H5 client (dist/h5) only when it is missing or older than what goes into it.
// `node scripts/h5-build.mjs` from the command line; `ensureH5()` from the browser-test runner.
// H5_BUILD=always|never overrides the check (E2E_BUILD is read too, for the test runner's users).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const miniapp = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Newest modification time under `path` (files only), 0 when it does not exist. */
function newest(path) {
  if (!existsSync(path)) return 0
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let max = 0
  for (const name of readdirSync(path)) {
    if (name === 'node_modules') continue
    max = Math.max(max, newest(join(path, name)))
  }
  return max
}

/** Builds dist/h5 if stale. Answers a note for a summary; throws if the build fails. */
export function ensureH5() {
  return ensureBuild('h5', 'index.html', process.env.H5_BUILD || process.env.E2E_BUILD || 'auto')
}

/** Builds dist/<target> (h5 or weapp) if `marker` in it is missing or older than the sources. */
export function ensureBuild(target, marker, policy = 'auto') {
  const index = join(miniapp, 'dist', target, marker)
  const built = existsSync(index) ? statSync(index).mtimeMs : 0
  // shared/src, not shared/dist: the workspace rebuilds shared/dist before every run, rewriting it unchanged.
  const sources = Math.max(
    newest(join(miniapp, 'src')),
    newest(join(miniapp, 'config')),
    newest(join(miniapp, 'babel.config.js')),
    newest(join(miniapp, 'package.json')),
    newest(join(miniapp, '..', 'shared', 'src')),
  )
  const stale = !built || sources > built
  const label = target === 'h5' ? 'H5' : target
  if (policy === 'never' || (policy !== 'always' && !stale)) return built ? `${label} build up to date` : `no ${label} build (build policy never)`
  console.log(`\n▶ building the ${label} client (${built ? 'sources changed since the last build' : 'no build yet'}): pnpm run build:${target}`)
  const t0 = Date.now()
  // Under pnpm, npm_execpath is pnpm itself: a script (pnpm ≤ 10) or a native binary (pnpm 12).
  const exec = process.env.npm_execpath && /pnpm/.test(process.env.npm_execpath) ? process.env.npm_execpath : null
  const pnpm = !exec ? ['pnpm'] : /\.[cm]?js$/.test(exec) ? [process.execPath, exec] : [exec]
  const r = spawnSync(pnpm[0], [...pnpm.slice(1), 'run', `build:${target}`], { cwd: miniapp, stdio: 'inherit', env: process.env })
  if (r.status !== 0) throw new Error(`pnpm run build:${target} failed (exit ${r.status ?? r.signal})`)
  return `${label} built in ${((Date.now() - t0) / 1000).toFixed(1)} s`
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(ensureH5())
}
