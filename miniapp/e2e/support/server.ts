/**
 * Starts the real product (`node ../server/dist/main.js`) for the browser test: embedded PostgreSQL in
 * a fresh temporary DATA_DIR, the stand-in WeChat, the demo seed and the built H5 client, on a free port.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const MINIAPP_DIR = resolve(__dirname, '..', '..')
export const SERVER_MAIN = resolve(MINIAPP_DIR, '..', 'server', 'dist', 'main.js')
export const H5_DIR = resolve(MINIAPP_DIR, 'dist', 'h5')

export interface RunningServer {
  baseUrl: string
  port: number
  dataDir: string
  /** What the server printed so far (LOG_LEVEL=warn keeps it short), for failure messages. */
  output: () => string
  stop: () => Promise<void>
}

/** A TCP port free on this machine right now. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => ok(port))
    })
  })
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The postmaster's pid from `<DATA_DIR>/pg/postmaster.pid`, if the cluster is running. */
function postmasterPid(dataDir: string): number | null {
  const file = join(dataDir, 'pg', 'postmaster.pid')
  if (!existsSync(file)) return null
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0])
  return Number.isInteger(pid) && pid > 0 ? pid : null
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true)
  return new Promise((ok) => {
    const t = setTimeout(() => ok(false), ms)
    child.once('exit', () => {
      clearTimeout(t)
      ok(true)
    })
  })
}

export function assertBuilt(): void {
  if (!existsSync(SERVER_MAIN)) {
    throw new Error(
      `The server is not built: ${SERVER_MAIN} is missing.\n` +
        `Build it first:  pnpm --filter ./shared run build && pnpm --filter ./server run build  (the root \`pnpm test\` does this).`,
    )
  }
  if (!existsSync(join(H5_DIR, 'index.html'))) {
    throw new Error(`The H5 client is not built: ${H5_DIR}/index.html is missing. Run: pnpm --filter ./miniapp build:h5`)
  }
}

export async function startServer({ timeoutMs = 90_000 } = {}): Promise<RunningServer> {
  assertBuilt()
  const dataDir = mkdtempSync(join(tmpdir(), 'xianfeng-e2e-data-'))
  chmodSync(dataDir, 0o755) // postgres runs as the postgres user when we are root
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  let log = ''
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: MINIAPP_DIR,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      H5_DIR,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      PUBLIC_BASE_URL: baseUrl,
      // Whatever the shell has: this run gets its own embedded database, stand-in WeChat and demo seed.
      DATABASE_URL: '',
      WECHAT_API_BASE: '',
      SEED_DEMO: 'true',
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const keep = (b: Buffer) => {
    log += b.toString()
    if (log.length > 200_000) log = log.slice(-100_000)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  // If the test process dies without afterAll, do not leave the server behind.
  const onExit = () => child.kill('SIGTERM')
  process.once('exit', onExit)

  let pgPid: number | null = null
  const cleanup = async () => {
    process.removeListener('exit', onExit)
    const exited = await waitForExit(child, 25_000)
    if (!exited) {
      child.kill('SIGKILL')
      await waitForExit(child, 5_000)
    }
    // SIGTERM stops the embedded PostgreSQL; make sure it did.
    const pid = pgPid ?? postmasterPid(dataDir)
    let orphan = false
    if (pid) {
      const deadline = Date.now() + 10_000
      while (isAlive(pid) && Date.now() < deadline) await sleep(100)
      if (isAlive(pid)) {
        orphan = true
        process.kill(pid, 'SIGINT')
        const hard = Date.now() + 10_000
        while (isAlive(pid) && Date.now() < hard) await sleep(100)
        if (isAlive(pid)) process.kill(pid, 'SIGKILL')
      }
    }
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 })
    if (!exited) throw new Error(`the server did not exit within 25 s of SIGTERM (killed). Output:\n${log}`)
    if (orphan) throw new Error(`the server exited but left its embedded PostgreSQL (pid ${pid}) running; it was stopped by the test`)
  }

  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await cleanup().catch(() => undefined)
      throw new Error(`the server exited during startup (code ${child.exitCode ?? child.signalCode}). Output:\n${log}`)
    }
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`, { signal: AbortSignal.timeout(5_000) })
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM')
      await cleanup().catch(() => undefined)
      throw new Error(`the server did not answer ${baseUrl}/api/v1/health within ${timeoutMs / 1000} s. Output:\n${log}`)
    }
    await sleep(250)
  }
  pgPid = postmasterPid(dataDir)

  let stopped = false
  return {
    baseUrl,
    port,
    dataDir,
    output: () => log,
    stop: async () => {
      if (stopped) return
      stopped = true
      child.kill('SIGTERM')
      await cleanup()
    },
  }
}
