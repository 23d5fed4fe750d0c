/**
 * The H5 client's first load, measured in Chromium against the real product (`pnpm bench:h5` from
 * the root; needs `server/dist` and Chromium like the browser test). Prints, per network profile:
 * first contentful paint (median of RUNS cold loads, then a warm reload), the JavaScript the first
 * load transfers (compressed bytes on the wire) and everything it transfers.
 *
 * The phone profile is the one issue 13 names: 150 ms round trip, 1.6 Mbps down, 750 kbps up and a
 * CPU four times slower. Printed figures, not a timed test: nothing here fails on a slow result.
 */
import type { Browser, Page } from 'playwright-core'
import { chromiumAvailability, launchBrowser, PHONE } from '../e2e/support/browser'
import { startServer, type RunningServer } from '../e2e/support/server'

const RUNS = Number(process.env.RUNS ?? 5)
const PROFILES = [
  { name: 'unthrottled', latency: 0, down: -1, up: -1, cpu: 1 },
  { name: 'phone (150 ms RTT, 1.6 Mbps, 4× CPU)', latency: 150, down: (1.6e6 / 8) | 0, up: (750e3 / 8) | 0, cpu: 4 },
]

let server: RunningServer
let browser: Browser

const availability = chromiumAvailability()
const run = availability.run ? test : test.skip

beforeAll(async () => {
  if (!availability.run) return
  server = await startServer()
  browser = await launchBrowser()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

interface Load {
  fcp: number
  jsBytes: number
  allBytes: number
  requests: number
}

async function load(page: Page, profile: (typeof PROFILES)[number], url: string): Promise<Load> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: profile.latency, downloadThroughput: profile.down, uploadThroughput: profile.up })
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu })
  const types = new Map<string, string>()
  let jsBytes = 0
  let allBytes = 0
  let requests = 0
  cdp.on('Network.responseReceived', (e: { requestId: string; type: string }) => types.set(e.requestId, e.type))
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    requests++
    allBytes += e.encodedDataLength
    if (types.get(e.requestId) === 'Script') jsBytes += e.encodedDataLength
  })
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 })
  const fcp = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const seen = performance.getEntriesByName('first-contentful-paint')[0]
        if (seen) return resolve(seen.startTime)
        new PerformanceObserver((list) => {
          const e = list.getEntriesByName('first-contentful-paint')[0]
          if (e) resolve(e.startTime)
        }).observe({ type: 'paint', buffered: true })
      }),
  )
  await page.waitForLoadState('networkidle', { timeout: 120_000 }).catch(() => undefined)
  await cdp.detach()
  return { fcp, jsBytes, allBytes, requests }
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

run('H5 first load: FCP and bytes', async () => {
  const url = `${server.baseUrl}/`
  const lines: string[] = [`H5 first load of ${url} (home page), ${RUNS} cold loads per profile, phone viewport ${PHONE.width}×${PHONE.height}`]
  for (const profile of PROFILES) {
    const cold: Load[] = []
    let warm: Load | null = null
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
      const page = await context.newPage()
      cold.push(await load(page, profile, url))
      if (i === 0) warm = await load(page, profile, url) // same context: the browser cache is warm
      await context.close()
    }
    lines.push(
      `  ${profile.name}: FCP median ${median(cold.map((l) => l.fcp)).toFixed(0)} ms (min ${Math.min(...cold.map((l) => l.fcp)).toFixed(0)}, max ${Math.max(...cold.map((l) => l.fcp)).toFixed(0)}); ` +
        `JS on the wire ${kb(cold[0].jsBytes)}, all ${kb(cold[0].allBytes)} in ${cold[0].requests} requests; ` +
        `warm reload FCP ${warm!.fcp.toFixed(0)} ms, ${kb(warm!.allBytes)} transferred`,
    )
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`)
}, 900_000)
