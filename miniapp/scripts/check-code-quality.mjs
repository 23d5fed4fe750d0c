#!/usr/bin/env node
// WeChat's own code-quality checker (miniprogram-ci checkCodeQuality, the DevTools "代码质量" panel) on
// the weapp build: package sizes, JS/WXML/WXSS compression, lazy code loading, image and audio sizes,
// and what the main package carries only for subpackages. Fails on any failed item.
// It runs offline and needs no upload key: ci.Project insists on `privateKey` or `privateKeyPath`
// (miniprogram-ci 2.1.42 throws "privateKeyPath should not be empty" otherwise), but checkCodeQuality
// never reads it, so a placeholder string stands in. Upload and preview would need the real key. The weapp build
// (dist/weapp) is rebuilt first when missing or stale; WEAPP_BUILD=always|never overrides that.
import { appendFileSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureBuild } from './h5-build.mjs'

const miniapp = join(dirname(fileURLToPath(import.meta.url)), '..')
const projectPath = join(miniapp, 'dist', 'weapp')
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`

/** Bytes under a folder (what the package would weigh before WeChat's own compression). */
function size(path) {
  const st = statSync(path)
  if (!st.isDirectory()) return st.size
  return readdirSync(path).reduce((sum, name) => sum + size(join(path, name)), 0)
}

let failed = 1
try {
  console.log(ensureBuild('weapp', 'app.json', process.env.WEAPP_BUILD || 'auto'))
  const config = JSON.parse(readFileSync(join(projectPath, 'project.config.json'), 'utf8'))
  const app = JSON.parse(readFileSync(join(projectPath, 'app.json'), 'utf8'))
  const ci = createRequire(join(miniapp, 'package.json'))('miniprogram-ci')
  const project = new ci.Project({
    appid: config.appid,
    type: 'miniProgram',
    projectPath,
    privateKey: 'placeholder: checkCodeQuality does not read the upload key',
    ignores: ['node_modules/**/*'],
  })
  const t0 = Date.now()
  const results = await ci.checkCodeQuality(project)

  const subRoots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/+$/, ''))
  const total = size(projectPath) - size(join(projectPath, 'project.config.json'))
  const subs = subRoots.map((root) => ({ root, bytes: size(join(projectPath, root)) }))
  const main = total - subs.reduce((sum, s) => sum + s.bytes, 0)
  console.log(`\ncheckCodeQuality (${((Date.now() - t0) / 1000).toFixed(1)} s), appid ${config.appid}:`)
  for (const r of results) console.log(`  ${r.success ? 'ok  ' : 'FAIL'} ${r.name}${r.success ? '' : ` — ${r.text}`}`)
  console.log(`sizes: main package ${kib(main)}, total ${kib(total)} (${subs.map((s) => `${s.root} ${kib(s.bytes)}`).join(', ')})`)
  const bad = results.filter((r) => !r.success)
  for (const r of bad) console.log(`\n${r.name}: ${r.text}\n  ${r.docURL ?? ''}\n  ${JSON.stringify(r.detail ?? {}).slice(0, 2000)}`)
  failed = bad.length
  if (!results.length) {
    console.log('checkCodeQuality returned no items')
    failed = 1
  }
  console.log(`\nweapp code quality ${failed ? 'FAILED' : 'passed'}: ${results.length - bad.length}/${results.length} items`)
  if (process.env.XF_TEST_SUMMARY) appendFileSync(process.env.XF_TEST_SUMMARY, `weapp-quality ${results.length - bad.length} ${bad.length || (results.length ? 0 : 1)} 0\n`)
} catch (e) {
  console.error(`weapp code quality check could not run: ${e?.stack ?? e}`)
  if (process.env.XF_TEST_SUMMARY) appendFileSync(process.env.XF_TEST_SUMMARY, 'weapp-quality 0 1 0\n')
}
// The checker leaves a file watcher running.
process.exit(failed ? 1 : 0)
