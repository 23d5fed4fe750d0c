import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, type UploadResponse } from '@xianfeng/shared';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppError, badRequest, notFound } from '../common/app-error.js';
import type { Actor } from '../common/auth/actor.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { FILE_STORAGE, type FileStorage } from './file-storage.js';
import { sniffImage } from './image-sniff.js';
import { PhotoChecks, type PhotoRemovedListener } from './photo-checks.js';
import { MediaUrlSigner } from './media-url-signer.js';
import { UploadsRepository } from './uploads.repository.js';

const KEY_RE = /^[a-z0-9-]+\.(jpg|png|webp)$/;

@Injectable()
export class UploadsService {
  constructor(
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly dataSource: DataSource,
    private readonly repo: UploadsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly checks: PhotoChecks,
    private readonly signer: MediaUrlSigner,
  ) {}

  /**
   * The type is read from the bytes, never from the name or the client's Content-Type. The photo is
   * held (its public URL answers 404 to others) until WeChat's image check clears it.
   */
  async store(actor: Actor, file?: { buffer: Buffer; size: number }): Promise<UploadResponse> {
    if (!file) throw new AppError(400, ErrorCode.VALIDATION_FAILED, '请上传图片', [{ field: 'file', message: '缺少文件（multipart 字段 file）' }]);
    const kind = sniffImage(file.buffer);
    if (!kind) {
      throw new AppError(400, ErrorCode.UPLOAD_INVALID, '只支持 JPEG、PNG 或 WebP 图片', [{ field: 'file', message: '文件内容不是 JPEG/PNG/WebP 图片' }]);
    }
    const key = `${randomUUID()}.${kind.ext}`;
    await this.storage.put(key, file.buffer, kind.mime);
    await this.repo.record(this.dataSource.manager, { key, userId: actor.userId, contentType: kind.mime, size: file.buffer.length });
    await this.checks.requestCheck(key, actor.openid);
    return { url: `${this.config.publicBaseUrl}/api/v1/uploads/${key}` };
  }

  /**
   * How a feature drops a photo from its records when the photo leaves public view (WeChat judged it
   * risky, or staff removed it); runs in the transaction that removes it.
   */
  onPhotoRemoved(listener: PhotoRemovedListener): void {
    this.checks.onRemoved(listener);
  }

  /**
   * Photos attached to commitments and wishes must be our own uploads (`<base>/api/v1/uploads/<key>`)
   * made by the caller: nothing hot-linked past the content check, nobody else's pictures.
   * `shownIn`: the organisation whose public pages will show them (its staff review held photos).
   */
  async assertOwnUploads(userId: string, urls: string[], field = 'photos', shownIn?: string): Promise<void> {
    if (urls.length === 0) return;
    const prefix = `${this.config.publicBaseUrl}/api/v1/uploads/`;
    const keys = urls.map((u) => (u.startsWith(prefix) ? u.slice(prefix.length) : ''));
    const valid = keys.filter((k) => KEY_RE.test(k));
    const owned = new Set(valid.length ? await this.repo.findKeysOwnedBy(this.dataSource.manager, userId, valid) : []);
    const details = keys.flatMap((k, i) => (owned.has(k) ? [] : [{ field: field === 'photos' ? `photos.${i}` : field, message: '照片必须是您本人通过 /uploads 上传的图片' }]));
    if (details.length) throw badRequest('照片无效', details);
    if (shownIn) await this.repo.setShownIn(this.dataSource.manager, valid, shownIn);
  }

  /**
   * A photo cleared by the image check is public (and cached for good). A held or removed one answers
   * 404, except to its uploader, to staff where it is shown, and — while still held — through a signed
   * URL (WeChat's fetch, the review queue's thumbnail): a removed photo is gone from those at once.
   */
  async serve(key: string, reply: FastifyReply, actor: Actor | null, signature: { exp?: unknown; sig?: unknown } = {}): Promise<void> {
    if (!KEY_RE.test(key)) throw notFound('文件');
    const row = await this.repo.findByKey(this.dataSource.manager, key);
    if (!row) throw notFound('文件');
    const isPublic = row.check_state === 'pass' || row.check_state === 'approved';
    const signedWhileHeld = row.check_state === 'pending' && (await this.signer.verify(key, signature.exp, signature.sig));
    if (!isPublic && !signedWhileHeld && !(await this.checks.mayView(actor, row))) {
      throw notFound('文件');
    }
    const file = await this.storage.open(key);
    if (!file) throw notFound('文件');
    await reply
      .header('Content-Type', file.contentType)
      .header('Content-Length', String(file.size))
      .header('Cache-Control', isPublic ? 'public, max-age=31536000, immutable' : 'private, no-store')
      .header('X-Content-Type-Options', 'nosniff')
      .send(file.stream);
  }
}
