import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startObjectStore, type ObjectStoreHandle } from '../src/cluster/object-store.js';
import { ConfigError, loadConfig } from '../src/config/config.js';
import { UploadsService } from '../src/uploads/uploads.service.js';
import { bearer, createTestApp, type TestApp } from './support/app.js';
import { expectErrorShape, uniqueOpenid } from './support/fixtures.js';

const png = readFileSync(new URL('./fixtures/1x1.png', import.meta.url));

/** STORAGE=s3 against a real S3 HTTP API (s3rver over a temporary folder), two instances on one database. */
describe('uploads in an S3-compatible object store', () => {
  let dir: string;
  let store: ObjectStoreHandle;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xianfeng-s3-'));
    store = await startObjectStore({ directory: dir });
    a = await createTestApp({ env: store.env });
    b = await createTestApp({ databaseUrl: a.databaseUrl, env: store.env });
    // Both instances stand behind one public address, as behind a balancer.
    b.config.publicBaseUrl = a.config.publicBaseUrl;
  }, 60_000);

  afterAll(async () => {
    await b?.close();
    await a?.close();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves a photo uploaded through one instance from the other, byte for byte', async () => {
    const me = await a.login(uniqueOpenid('s3'));
    const token = me.token;
    const up = await a.http.post('/api/v1/uploads').set('Authorization', bearer(token)).attach('file', png, 'a.png');
    expect(up.status).toBe(201);
    const key = (up.body.url as string).split('/').pop()!;
    expect(up.body.url).toBe(`${a.config.publicBaseUrl}/api/v1/uploads/${key}`);

    // As its uploader: until WeChat's image check passes it, a photo is not public (wechat-platform tests that).
    const got = await b.http.get(`/api/v1/uploads/${key}`).set('Authorization', bearer(token)).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(Number(got.headers['content-length'])).toBe(png.length);
    expect(Buffer.compare(got.body as Buffer, png)).toBe(0);

    // It is in the bucket, and not on either instance's disk.
    const s3 = new S3Client({
      endpoint: store.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: store.env.S3_ACCESS_KEY_ID, secretAccessKey: store.env.S3_SECRET_ACCESS_KEY },
    });
    const obj = await s3.send(new GetObjectCommand({ Bucket: store.bucket, Key: key }));
    expect(obj.ContentType).toBe('image/png');
    expect(Buffer.from(await obj.Body!.transformToByteArray()).equals(png)).toBe(true);
    s3.destroy();
    expect(existsSync(join(a.config.dataDir, 'uploads', key))).toBe(false);
    expect(existsSync(join(b.config.dataDir, 'uploads', key))).toBe(false);

    // The other instance accepts it as the caller's own photo (the ownership record is in the database).
    await expect(b.app.get(UploadsService).assertOwnUploads(me.user.id, [up.body.url])).resolves.toBeUndefined();
  });

  it('answers 404 in the error shape for a key the bucket does not hold', async () => {
    const res = await b.http.get('/api/v1/uploads/00000000-0000-0000-0000-000000000000.png');
    expectErrorShape(res.body, 404, 'NOT_FOUND');
  });

  it('answers 503 STORAGE_UNAVAILABLE, not 500, when the bucket is missing or the store refuses', async () => {
    const wrong = await createTestApp({ databaseUrl: a.databaseUrl, env: { ...store.env, S3_BUCKET: 'no-such-bucket' } });
    try {
      const { token } = await wrong.login(uniqueOpenid('s3-wrong'));
      const up = await wrong.http.post('/api/v1/uploads').set('Authorization', bearer(token)).attach('file', png, 'a.png');
      expectErrorShape(up.body, 503, 'STORAGE_UNAVAILABLE');
      const badKeys = await createTestApp({ databaseUrl: a.databaseUrl, env: { ...store.env, S3_ACCESS_KEY_ID: 'NOBODY', S3_SECRET_ACCESS_KEY: 'not-the-key' } });
      try {
        const who = await badKeys.login(uniqueOpenid('s3-keys'));
        const refused = await badKeys.http.post('/api/v1/uploads').set('Authorization', bearer(who.token)).attach('file', png, 'a.png');
        expectErrorShape(refused.body, 503, 'STORAGE_UNAVAILABLE');
      } finally {
        await badKeys.close();
      }
    } finally {
      await wrong.close();
    }
  });

  it('refuses an incomplete STORAGE=s3 configuration at boot, naming the variable', () => {
    expect(() => loadConfig({ STORAGE: 's3' })).toThrow(new ConfigError('S3_BUCKET must be set when STORAGE=s3'));
    expect(() => loadConfig({ STORAGE: 'ftp' })).toThrow(/STORAGE must be local or s3/);
    expect(() => loadConfig({ STORAGE: 's3', S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'k' })).toThrow(/S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ STORAGE: 's3', S3_BUCKET: 'b', S3_FORCE_PATH_STYLE: 'yes' })).toThrow(/S3_FORCE_PATH_STYLE must be true or false/);
    expect(loadConfig({ STORAGE: 's3', S3_BUCKET: 'b', S3_ENDPOINT: 'https://cos.ap-shanghai.myqcloud.com/', S3_FORCE_PATH_STYLE: 'true' }).s3).toEqual({
      bucket: 'b',
      endpoint: 'https://cos.ap-shanghai.myqcloud.com',
      region: 'us-east-1',
      accessKeyId: null,
      secretAccessKey: null,
      forcePathStyle: true,
    });
    expect(loadConfig({}).storage).toBe('local');
  });
});
