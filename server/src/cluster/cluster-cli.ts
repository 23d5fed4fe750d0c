/**
 * `pnpm cluster`: three API instances behind one balancer on CLUSTER_PORT (default 8080), with one
 * PostgreSQL (embedded unless DATABASE_URL is set), the stand-in WeChat and a local S3 store, all under
 * CLUSTER_DIR (default .data/cluster). Every other variable of the README passes through to each
 * instance. Ctrl-C stops everything.
 */
import { resolve } from 'node:path';
import { startCluster } from './cluster.js';

const port = Number(process.env.CLUSTER_PORT || 8080);
const instances = Number(process.env.CLUSTER_INSTANCES || 3);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`CLUSTER_PORT must be a port number, got "${process.env.CLUSTER_PORT}"`);
  process.exit(78);
}
if (!Number.isInteger(instances) || instances < 1 || instances > 16) {
  console.error(`CLUSTER_INSTANCES must be between 1 and 16, got "${process.env.CLUSTER_INSTANCES}"`);
  process.exit(78);
}
const balancer = process.env.CLUSTER_BALANCER;
if (balancer !== undefined && balancer !== 'node' && balancer !== 'nginx') {
  console.error(`CLUSTER_BALANCER must be node or nginx, got "${balancer}"`);
  process.exit(78);
}
const dir = resolve(process.env.CLUSTER_DIR || new URL('../../../.data/cluster', import.meta.url).pathname);
const env = { ...process.env };
// The cluster's own settings; DATABASE_URL is handed over explicitly below.
for (const k of ['CLUSTER_PORT', 'CLUSTER_INSTANCES', 'CLUSTER_BALANCER', 'CLUSTER_DIR', 'DATABASE_URL']) delete env[k];

const t0 = Date.now();
const cluster = await startCluster({
  dir,
  port,
  instances,
  balancer,
  env,
  databaseUrl: process.env.DATABASE_URL || undefined,
  onLog: (id, line) => process.stdout.write(`[${id}] ${line}\n`),
});
process.stdout.write(
  [
    '',
    `Xianfeng cluster is up in ${Math.round((Date.now() - t0) / 1000)} s: http://localhost:${port}/  (balancer: ${cluster.balancerKind})`,
    ...cluster.instances.map((i) => `  ${i.id}  ${i.url}  pid ${i.process?.pid}  data ${i.dataDir}`),
    `  stand-in WeChat ${cluster.standin.url}   object store ${cluster.store.endpoint} (bucket ${cluster.store.bucket})`,
    `  see the balancing: curl -s http://localhost:${port}/api/v1/health   (the "instance" field)`,
    `  lose an instance: kill -9 <pid>   — the balancer routes around it`,
    '',
  ].join('\n') + '\n',
);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`${signal}: stopping the cluster\n`);
  await cluster.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
