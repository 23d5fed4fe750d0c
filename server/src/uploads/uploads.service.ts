import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, type UploadResponse } from '@xianfeng/shared';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppError, notFound } from '../common/app-error.js';
import type { Actor } from '../common/auth/actor.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { FILE_STORAGE, type FileStorage } from './file-storage.js';
import { sniffImage } from './image-sniff.js';

const KEY_RE = /^[a-z0-9-]+\.(jpg|png|webp)$/;

@Injectable()
export class UploadsService {
  constructor(
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The type is read from the bytes, never from the name or the client's Content-Type. */
  async store(actor: Actor, file?: { buffer: Buffer; size: number }): Promise<UploadResponse> {
    if (!file) throw new AppError(400, ErrorCode.VALIDATION_FAILED, '请上传图片', [{ field: 'file', message: '缺少文件（multipart 字段 file）' }]);
    const kind = sniffImage(file.buffer);
    if (!kind) {
      throw new AppError(400, ErrorCode.UPLOAD_INVALID, '只支持 JPEG、PNG 或 WebP 图片', [{ field: 'file', message: '文件内容不是 JPEG/PNG/WebP 图片' }]);
    }
    const key = `${randomUUID()}.${kind.ext}`;
    await this.storage.put(key, file.buffer, kind.mime);
    await this.dataSource.query(`INSERT INTO upload (key, user_id, content_type, size) VALUES ($1, $2, $3, $4)`, [
      key,
      actor.userId,
      kind.mime,
      file.buffer.length,
    ]);
    return { url: `${this.config.publicBaseUrl}/api/v1/uploads/${key}` };
  }

  async serve(key: string, res: Response): Promise<void> {
    if (!KEY_RE.test(key)) throw notFound('文件');
    const file = await this.storage.open(key);
    if (!file) throw notFound('文件');
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Length', String(file.size));
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    await new Promise<void>((resolve, reject) => {
      file.stream.on('error', reject);
      res.on('finish', resolve);
      file.stream.pipe(res);
    });
  }
}
