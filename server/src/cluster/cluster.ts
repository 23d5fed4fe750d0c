import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DEV_WECHAT_PUSH_AES_KEY, DEV_WECHAT_PUSH_TOKEN } from '../config/config.js';
import { runMigrations } from '../database/data-source.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../database/embedded-postgres.js';
import { seedDemoIfEmpty } from '../database/seed.js';
import { startStandin, type StandinHandle } from '../wechat/standin/standin.js';
import { startBalancer, type BalancerHandle } from './balancer.js';
import { startObjectStore, type ObjectStoreHandle } from './object-store.js';

/**
 * A production-shaped deployment on one machine: one PostgreSQL, the stand-in WeChat, an S3-compatible
 * store, N API processes (each with its own DATA_DIR: nothing is shared through a disk) and a balancer
 * in front of them on one port. `pnpm cluster` runs it; test/cluster.e2e-spec.ts drives it.
 */
export interface ClusterOptions {
  /** Working folder: the database (if embedded), the object store, each instance's DATA_DIR. */
  dir: string;
  /** The balancer's port (0: any free one). */
  port?: number;
  instances?: number;
  /** An existing database; unset → an embedded PostgreSQL under `dir`. */
  databaseUrl?: string;
  /** Environment given to every instance before the cluster's own settings (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** `node` (default when nginx is not on PATH) or `nginx`. */
  balancer?: 'node' | 'nginx';
  /** Load the demo data into an empty database (default true). */
  seed?: boolean;
  /** Each line an instance prints, with its id; default: dropped. */
  onLog?: (instance: string, line: string) => void;
  /** The server's built entry (default: dist/main.js beside this file). */
  serverEntry?: string;
}

export interface ClusterInstance {
  id: string;
  url: string;
  port: number;
  dataDir: string;
  process: ChildProcess | null;
  /** Sends a signal (SIGKILL for a crash) and waits for the process to end. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts a stopped instance again on the same port and folder. */
  start(): Promise<void>;
}

export interface ClusterHandle {
  /** The balancer: the one address users and the H5 app use. */
  url: string;
  databaseUrl: string;
  instances: ClusterInstance[];
  standin: StandinHandle;
  store: ObjectStoreHandle;
  balancerKind: 'node' | 'nginx';
  /** Node balancer only: per-instance request counts and retries. */
  balancerStats(): ReturnType<BalancerHandle['stats']> | null;
  stop(): Promise<void>;
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

export const hasNginx = () => spawnSync('nginx', ['-v'], { stdio: 'ignore' }).status === 0;

/**
 * Until `url` answers /health (as `instance`, when given: a port picked free may have been taken by
 * another server meanwhile, whose answer must not pass for this instance's).
 */
async function waitHealthy(url: string, proc: () => ChildProcess | null, instance?: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const p = proc();
    if (!p || p.exitCode !== null || p.signalCode !== null) throw new Error(`${url}: the instance exited during start-up`);
    try {
      const res = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200 && (!instance || ((await res.json()) as { instance?: string }).instance === instance)) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url}: not healthy after ${timeoutMs} ms`);
}

/**
 * The nginx equivalent of the Node balancer: round robin, an upstream that fails is skipped for
 * `fail_timeout`, and nginx's default `proxy_next_upstream` never resends a non-idempotent request
 * once it was sent.
 */
export function nginxConfig(o: { port: number; upstreams: string[]; dir: string }): string {
  return `worker_processes 1;
pid ${o.dir}/nginx.pid;
error_log ${o.dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${o.dir}/body;
  proxy_temp_path ${o.dir}/proxy;
  fastcgi_temp_path ${o.dir}/fastcgi;
  uwsgi_temp_path ${o.dir}/uwsgi;
  scgi_temp_path ${o.dir}/scgi;
  upstream xianfeng {
${o.upstreams.map((u) => `    server ${u.replace(/^http:\/\//, '')} max_fails=1 fail_timeout=2s;`).join('\n')}
    keepalive 64;
  }
  server {
    listen ${o.port};
    client_max_body_size 8m;
    # In memory, not temporary files (nginx's workers may not be able to write the folder).
    client_body_buffer_size 8m;
    proxy_max_temp_file_size 0;
    location / {
      proxy_pass http://xianfeng;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_next_upstream error timeout http_502;
      proxy_connect_timeout 2s;
    }
  }
}
`;
}

export async function startCluster(opts: ClusterOptions): Promise<ClusterHandle> {
  const n = opts.instances ?? 3;
  const log = opts.onLog ?? (() => undefined);
  const entry = opts.serverEntry ?? fileURLToPath(new URL('../main.js', import.meta.url));
  if (!existsSync(entry)) throw new Error(`${entry} not found: build the server first (pnpm --filter ./server run build)`);
  const balancerKind = opts.balancer ?? (hasNginx() ? 'nginx' : 'node');
  await mkdir(opts.dir, { recursive: true });
  const cleanups: Array<() => Promise<unknown>> = [];
  const stopAll = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    cleanups.length = 0;
  };
  try {
    let databaseUrl = opts.databaseUrl;
    if (!databaseUrl) {
      // Any free port: a `pnpm start` on the same machine keeps its usual one.
      const pg: EmbeddedDatabase = await startEmbeddedPostgres({ dataDir: join(opts.dir, 'db'), port: 0, log: (l) => log('postgres', l) });
      cleanups.push(() => pg.stop());
      databaseUrl = pg.url;
    }
    // Once, before any instance: the instances then find nothing to migrate or seed.
    await runMigrations(databaseUrl);
    if (opts.seed ?? true) await seedDemoIfEmpty(databaseUrl);
    const standin = await startStandin({ port: 0 });
    cleanups.push(() => standin.close());
    const store = await startObjectStore({ directory: join(opts.dir, 's3') });
    cleanups.push(() => store.close());

    const balancerPort = opts.port || (await freePort());
    const publicUrl = `http://127.0.0.1:${balancerPort}`;
    const ports = await Promise.all(Array.from({ length: n }, () => freePort()));
    const instances: ClusterInstance[] = ports.map((port, i) => {
      const id = `api-${i + 1}`;
      const dataDir = join(opts.dir, id);
      const url = `http://127.0.0.1:${port}`;
      const inst: ClusterInstance = {
        id,
        url,
        port,
        dataDir,
        process: null,
        async start() {
          await mkdir(dataDir, { recursive: true });
          const env: NodeJS.ProcessEnv = {
            ...(opts.env ?? process.env),
            PORT: String(port),
            HOST: '127.0.0.1',
            INSTANCE_ID: id,
            DATABASE_URL: databaseUrl,
            DATA_DIR: dataDir,
            WECHAT_API_BASE: standin.url,
            PUBLIC_BASE_URL: publicUrl,
            // Only the balancer's X-Forwarded-For is believed (it connects from this address).
            TRUST_PROXY: '127.0.0.1',
            JOBS_ENABLED: 'true',
            SEED_DEMO: 'false',
            ...store.env,
          };
          const child = spawn(process.execPath, ['--enable-source-maps', entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
          inst.process = child;
          for (const s of [child.stdout, child.stderr]) createInterface({ input: s }).on('line', (l) => log(id, l));
          await waitHealthy(url, () => inst.process, id);
        },
        async kill(signal: NodeJS.Signals = 'SIGTERM') {
          const child = inst.process;
          if (!child || child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise<void>((r) => child.once('exit', () => r()));
          child.kill(signal);
          await exited;
        },
      };
      return inst;
    });
    cleanups.push(() => Promise.all(instances.map((i) => i.kill('SIGTERM'))));
    // One after another: three Nest start-ups at once on two cores only take longer each.
    for (const inst of instances) await inst.start();

    let balancer: BalancerHandle | null = null;
    if (balancerKind === 'nginx') {
      const dir = join(opts.dir, 'nginx');
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'nginx.conf'), nginxConfig({ port: balancerPort, upstreams: instances.map((i) => i.url), dir }));
      const nginx = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
      for (const s of [nginx.stdout, nginx.stderr]) createInterface({ input: s }).on('line', (l) => log('nginx', l));
      cleanups.push(
        () =>
          new Promise<void>((r) => {
            if (nginx.exitCode !== null) return r();
            nginx.once('exit', () => r());
            nginx.kill('SIGQUIT');
          }),
      );
      await waitHealthy(publicUrl, () => nginx);
    } else {
      balancer = await startBalancer({ port: balancerPort, backends: instances.map((i) => i.url) });
      cleanups.push(() => balancer!.close());
    }
    // WeChat's image-check verdicts come back through the balancer, to whichever instance, signed
    // with the message-push credentials every instance shares.
    const env = opts.env ?? process.env;
    standin.setPushTarget({
      url: `${publicUrl}/api/v1/wechat/push`,
      token: env.WECHAT_PUSH_TOKEN || DEV_WECHAT_PUSH_TOKEN,
      aesKey: env.WECHAT_PUSH_AES_KEY || DEV_WECHAT_PUSH_AES_KEY,
      appId: env.WECHAT_APPID || 'wx-dev-appid',
    });
    return {
      url: publicUrl,
      databaseUrl,
      instances,
      standin,
      store,
      balancerKind,
      balancerStats: () => balancer?.stats() ?? null,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
