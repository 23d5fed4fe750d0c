import { Inject, Injectable } from '@nestjs/common';
import { encodeScene, Pages, pageUrl, type PagePath, type SceneKind } from '@xianfeng/shared';
import QRCode from 'qrcode';
import { DataSource } from 'typeorm';
import { notFound } from '../common/app-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { MemberDirectory } from '../members/member-directory.js';
import { OrgDirectory } from '../orgs/org-directory.js';
import { WechatGateway } from '../wechat/wechat.gateway.js';
import { WxacodeRepository, type CachedCode } from './wxacode.repository.js';

/** The page a code opens, by what it names. */
const PAGE: Record<SceneKind, PagePath> = { member: Pages.card, org: Pages.board };

/**
 * Mini-program codes (wxacode.getUnlimited) for members' cards and organisations' boards. A printed
 * web QR would not open the mini-program; these do. Each is generated once and kept in the database.
 */
@Injectable()
export class WxacodeService {
  /** Codes being generated in this instance: concurrent first requests for one code share one WeChat call. */
  private readonly inflight = new Map<string, Promise<CachedCode>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: WxacodeRepository,
    private readonly wechat: WechatGateway,
    private readonly members: MemberDirectory,
    private readonly orgs: OrgDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async forMember(id: string): Promise<CachedCode> {
    if (!(await this.members.exists(id))) throw notFound('党员');
    return this.code('member', id);
  }

  /**
   * The web side's code (H5 keeps a URL QR): an SVG QR of the card's H5 address, for a browser that
   * has no mini-program to open.
   */
  async cardWebQr(id: string): Promise<string> {
    if (!(await this.members.exists(id))) throw notFound('党员');
    return QRCode.toString(`${this.config.publicBaseUrl}/#${pageUrl(Pages.card, { id })}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  }

  async forOrg(id: string): Promise<CachedCode> {
    await this.orgs.get(id);
    return this.code('org', id);
  }

  private code(kind: SceneKind, id: string): Promise<CachedCode> {
    const key = { scene: encodeScene({ kind, id }), page: PAGE[kind], envVersion: this.config.wxacodeEnvVersion };
    const flight = `${key.scene} ${key.page} ${key.envVersion}`;
    let pending = this.inflight.get(flight);
    if (!pending) {
      pending = this.findOrGenerate(key).finally(() => this.inflight.delete(flight));
      this.inflight.set(flight, pending);
    }
    return pending;
  }

  private async findOrGenerate(key: { scene: string; page: PagePath; envVersion: AppConfig['wxacodeEnvVersion'] }): Promise<CachedCode> {
    const cached = await this.repo.find(this.dataSource.manager, key);
    if (cached) return cached;
    // check_path false: the page need not exist in the released version yet (before the first release).
    const made = await this.wechat.getUnlimitedCode({ scene: key.scene, page: key.page, checkPath: false, envVersion: key.envVersion });
    const code: CachedCode = { content_type: made.contentType, image: made.image };
    await this.repo.storeFirst(this.dataSource.manager, key, code);
    return code;
  }
}
