import { mkdir } from 'node:fs/promises';

/** A local S3-compatible store, for the cluster and the tests; the variables that point the API at it. */
export interface ObjectStoreHandle {
  endpoint: string;
  bucket: string;
  /** STORAGE=s3 and the S3_* variables an instance needs to use this store. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/** s3rver's fixed credentials: it checks signatures made with them. */
const S3RVER_KEY = 'S3RVER';

/**
 * Starts s3rver (a real S3 HTTP API over a folder) on `port` (0: any free one) with `bucket` created.
 * Path-style addressing: `http://127.0.0.1:port/bucket/key`, as MinIO and most self-hosted stores.
 */
export async function startObjectStore(opts: { directory: string; bucket?: string; port?: number }): Promise<ObjectStoreHandle> {
  // A development dependency: imported only when a local store is wanted.
  const { default: S3rver } = await import('s3rver');
  const bucket = opts.bucket ?? 'xianfeng-uploads';
  await mkdir(opts.directory, { recursive: true });
  const server = new S3rver({ address: '127.0.0.1', port: opts.port ?? 0, silent: true, directory: opts.directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    env: {
      STORAGE: 's3',
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: S3RVER_KEY,
      S3_SECRET_ACCESS_KEY: S3RVER_KEY,
      S3_FORCE_PATH_STYLE: 'true',
    },
    close: () => server.close(),
  };
}
