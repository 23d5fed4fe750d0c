import { Inject, Injectable, Logger } from '@nestjs/common';
import type { HeldPhoto, HeldPhotoList } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { AppError, notFound } from '../common/app-error.js';
import type { Actor } from '../common/auth/actor.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { Db } from '../database/db.js';
import { photoRemovedNotification } from '../notifications/templates.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { OrgDirectory } from '../orgs/org-directory.js';
import { WechatGateway } from '../wechat/wechat.gateway.js';
import { MediaUrlSigner } from './media-url-signer.js';
import { UploadsRepository, type UploadRow } from './uploads.repository.js';
import { ErrorCode } from '@xianfeng/shared';

/** A photo leaving public view for good: features drop its URL from the records that show it. */
export type PhotoRemovedListener = (db: Db, url: string) => Promise<void>;

const HELD_LIST_LIMIT = 100;

/**
 * WeChat's image check of every uploaded photo (they all end up on public pages: progress,
 * fulfilment and member photos), and the staff side of it. The read/act port the review queue uses:
 * {@link PhotoChecks.listHeld}, {@link PhotoChecks.approve}, {@link PhotoChecks.remove}.
 *
 *   upload → pending (public URL 404; WeChat fetches a signed URL) → pass: public
 *                                                                  → risky: removed, uploader told
 *                                                                  → review / no verdict in time: staff
 */
@Injectable()
export class PhotoChecks {
  private readonly logger = new Logger('PhotoChecks');
  private readonly listeners: PhotoRemovedListener[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: UploadsRepository,
    private readonly signer: MediaUrlSigner,
    private readonly wechat: WechatGateway,
    private readonly orgs: OrgDirectory,
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Features that show photos register how to drop one from their records (in the same transaction). */
  onRemoved(listener: PhotoRemovedListener): void {
    this.listeners.push(listener);
  }

  publicUrl(key: string): string {
    return `${this.config.publicBaseUrl}/api/v1/uploads/${key}`;
  }

  async signedUrl(key: string, ttlSeconds = this.config.mediaCheck.urlTtlSeconds): Promise<string> {
    const { exp, sig } = await this.signer.sign(key, ttlSeconds);
    return `${this.publicUrl(key)}?exp=${exp}&sig=${sig}`;
  }

  /**
   * Sends a fresh upload to WeChat. Called after the upload is stored and recorded (never inside a
   * transaction). If WeChat cannot be reached the photo simply stays held and reaches staff review
   * once `reviewAfterSeconds` have passed.
   */
  async requestCheck(key: string, openid: string): Promise<void> {
    try {
      const { traceId } = await this.wechat.mediaCheckAsync({ mediaUrl: await this.signedUrl(key), openid, scene: 1 });
      await this.repo.setTraceId(this.dataSource.manager, key, traceId);
    } catch (err) {
      this.logger.warn(`image check of ${key} not requested (${err instanceof Error ? err.message : String(err)}); it goes to staff review in time`);
    }
  }

  /**
   * The verdict of a `wxa_media_check` push, in the caller's transaction (the one that records the
   * push as handled). Unknown or already-decided traces are ignored.
   */
  async applyVerdict(db: Db, traceId: string, suggest: 'pass' | 'review' | 'risky'): Promise<void> {
    const row = await this.repo.applyVerdict(db, traceId, suggest);
    if (row?.check_state === 'risky') await this.takeDown(db, row, '照片内容未通过微信安全检测');
  }

  /** `GET /orgs/:id/held-photos`: photos shown in the organisation's subtree waiting for a person. */
  async listHeld(actor: Actor, orgId: string): Promise<HeldPhotoList> {
    const org = await this.orgs.assertStaffOf(actor, orgId);
    const ids = await this.orgs.subtreeIds(org);
    const rows = await this.repo.findHeldInOrgs(this.dataSource.manager, ids, this.config.mediaCheck.reviewAfterSeconds, HELD_LIST_LIMIT);
    return { items: await Promise.all(rows.map((r) => this.toHeldPhoto(r))) };
  }

  /** Staff: the held photo is fine; it becomes public. */
  async approve(actor: Actor, id: string): Promise<HeldPhoto> {
    return this.decide(actor, id, 'approved');
  }

  /** Staff: the held photo goes; it leaves the records that show it and its uploader is told. */
  async remove(actor: Actor, id: string): Promise<HeldPhoto> {
    return this.decide(actor, id, 'removed');
  }

  /** May this caller look at a photo that is not public: its uploader, or staff where it is shown. */
  async mayView(actor: Actor | null, row: UploadRow): Promise<boolean> {
    if (!actor) return false;
    if (actor.isAdmin || (row.user_id && row.user_id === actor.userId)) return true;
    if (!row.org_id || actor.staffOrgIds.length === 0) return false;
    const org = await this.orgs.find(row.org_id);
    return !!org && this.orgs.isStaffOf(actor, org);
  }

  // ---- internals ----------------------------------------------------------------------------

  private async decide(actor: Actor, id: string, to: 'approved' | 'removed'): Promise<HeldPhoto> {
    const found = await this.repo.findById(this.dataSource.manager, id);
    if (!found || !found.org_id) throw notFound('照片');
    await this.orgs.assertStaffOf(actor, found.org_id);
    const decided = await this.dataSource.transaction(async (db) => {
      const row = await this.repo.decideHeld(db, id, to);
      if (!row) throw new AppError(409, ErrorCode.CONFLICT, '这张照片已经处理过了');
      if (to === 'removed') await this.takeDown(db, row, '工作人员审核后移除了这张照片');
      return row;
    });
    return this.toHeldPhoto(decided);
  }

  private async takeDown(db: Db, row: UploadRow, reason: string): Promise<void> {
    const url = this.publicUrl(row.key);
    for (const listener of this.listeners) await listener(db, url);
    if (row.user_id) await this.notifications.enqueue(db, photoRemovedNotification({ userId: row.user_id, uploadId: row.id, reason }));
  }

  private async toHeldPhoto(r: UploadRow): Promise<HeldPhoto> {
    const state = r.check_state === 'pending' ? 'review' : r.check_state;
    return {
      id: r.id,
      url: this.publicUrl(r.key),
      viewUrl: await this.signedUrl(r.key, 3600),
      state,
      orgId: r.org_id ?? '',
      uploadedAt: r.created_at.toISOString(),
    };
  }
}
