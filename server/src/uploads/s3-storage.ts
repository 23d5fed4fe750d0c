import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import type { S3Config } from '../config/config.js';
import { ErrorCode } from '@xianfeng/shared';
import { UpstreamError } from '../common/upstream-error.js';
import { contentTypeOfKey, isValidFileKey, type FileStorage, type StoredFile } from './file-storage.js';

/**
 * Files in a bucket of any S3-compatible store (Tencent COS, Alibaba OSS, MinIO, AWS), so every
 * instance sees every upload. Images are still served through the API (GET /uploads/:key streams
 * the object), which keeps one URL per photo whatever the store and lets the API decide who sees it.
 */
export class S3FileStorage implements FileStorage {
  private readonly client: S3Client;

  constructor(private readonly config: S3Config) {
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint ?? undefined,
      forcePathStyle: config.forcePathStyle,
      credentials: config.accessKeyId ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey ?? '' } : undefined,
      // Recent SDKs add CRC checksums to every request and check them on answers; COS, OSS and older
      // MinIO refuse or lack them. Only where the S3 API requires one.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  }

  async put(key: string, data: Buffer, contentType: string): Promise<StoredFile> {
    const expected = contentTypeOfKey(key);
    if (contentType !== expected) throw new Error(`content type ${contentType} does not match key ${key} (${expected})`);
    // A PUT is atomic in S3: readers see the whole object or none.
    await this.client
      .send(new PutObjectCommand({ Bucket: this.config.bucket, Key: key, Body: data, ContentType: expected, ContentLength: data.length }))
      .catch((err: unknown) => {
        throw storageError('put', err);
      });
    return { key, contentType: expected, size: data.length };
  }

  async open(key: string): Promise<{ stream: NodeJS.ReadableStream; contentType: string; size: number } | null> {
    if (!isValidFileKey(key)) return null;
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: key }));
      if (!out.Body) return null;
      return { stream: out.Body as Readable, contentType: contentTypeOfKey(key), size: out.ContentLength ?? 0 };
    } catch (err) {
      if (err instanceof NoSuchKey || (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404)) return null;
      throw storageError('get', err);
    }
  }

  destroy(): void {
    this.client.destroy();
  }
}

/** The store could not be reached, or refused (wrong keys, no such bucket): 503, never a 500. */
export class StorageUnavailableError extends UpstreamError {}

function storageError(op: string, err: unknown): StorageUnavailableError {
  const detail = err instanceof S3ServiceException ? `${err.name} (HTTP ${err.$metadata.httpStatusCode ?? '?'})` : String((err as Error)?.message ?? err);
  return new StorageUnavailableError(`object store ${op} failed: ${detail}`, 503, ErrorCode.STORAGE_UNAVAILABLE, '图片服务暂时不可用，请稍后再试', { cause: err });
}
