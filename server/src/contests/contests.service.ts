import { Injectable } from '@nestjs/common';
import { ErrorCode, type Contest, type ContestLive, type ContestScore, type JudgePad } from '@xianfeng/shared';
import type { FastifyReply } from 'fastify';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppError, badRequest, conflict, forbidden, notFound } from '../common/app-error.js';
import type { Actor } from '../common/auth/actor.js';
import { pgCode } from '../common/sql.js';
import { lineageOf, OrgDirectory } from '../orgs/org-directory.js';
import { ContestLiveHub } from './contest-live.js';
import { toContest, toPad } from './contest.mapper.js';
import { contestEnded, contestMay, ROUND_ACTIONS, roundRefusal, type RoundAction } from './contest-state.js';
import type { ContestScoreDto, CreateContestDto } from './contests.dto.js';
import { ContestsRepository, type ContestRow, type RoundRow } from './contests.repository.js';

/** Without 0/O, 1/I/L: read off a big screen and typed on a phone without doubt. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 6;
const newJudgeCode = () => Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
/** A comment line keeps idle connections (and the proxies between) open. */
const HEARTBEAT_MS = 15_000;

const invalidCode = () => new AppError(400, ErrorCode.JUDGE_CODE_INVALID, '评委码无效或比武已结束');

/**
 * 擂台比武: the host (staff of the contest's organisation) runs rounds one presenter at a time;
 * judges join with the code and score the open round once each (changeable until it closes); the
 * big screen reads the live view, pushed by ContestLiveHub.
 */
@Injectable()
export class ContestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orgs: OrgDirectory,
    private readonly live: ContestLiveHub,
    private readonly repo: ContestsRepository,
  ) {}

  // ---- the host ------------------------------------------------------------------------------

  async create(actor: Actor, orgId: string, dto: CreateContestDto): Promise<Contest> {
    const org = await this.orgs.assertStaffOf(actor, orgId);
    const ids = dto.presenterOrgIds.map((id) => id.toLowerCase());
    const problems = ids.flatMap((id, i) => (ids.indexOf(id) !== i ? [{ field: `presenterOrgIds.${i}`, message: '同一组织只能上场一次' }] : []));
    const presenters = await Promise.all(ids.map((id) => this.orgs.find(id)));
    presenters.forEach((p, i) => {
      if (!p || p.id === org.id || !lineageOf(p).includes(org.id)) problems.push({ field: `presenterOrgIds.${i}`, message: '须为本组织的下级组织' });
    });
    if (problems.length) throw badRequest('上场组织有误', problems);
    for (let attempt = 0; ; attempt++) {
      try {
        const id = await this.dataSource.transaction((db) => this.repo.insert(db, { orgId: org.id, title: dto.title, judgeCode: newJudgeCode(), presenterOrgIds: ids, createdBy: actor.userId }));
        return this.get(actor, id);
      } catch (e) {
        // A code drawn twice among the running contests: draw again.
        if (pgCode(e) !== '23505' || attempt >= 5) throw e;
      }
    }
  }

  async get(actor: Actor, id: string): Promise<Contest> {
    const c = await this.assertHost(actor, id);
    const db = this.dataSource.manager;
    const [rounds, judges] = await Promise.all([this.repo.findRounds(db, id), this.repo.findJudges(db, id)]);
    return toContest(c, rounds, judges);
  }

  async removeJudge(actor: Actor, id: string, userId: string): Promise<Contest> {
    const c = await this.assertHost(actor, id);
    if (!contestMay('host', c.status)) throw contestEnded();
    const removed = await this.dataSource.transaction((db) => this.repo.removeJudge(db, id, userId));
    if (!removed) throw notFound('评委');
    return this.get(actor, id);
  }

  openRound(actor: Actor, id: string, orgId: string): Promise<Contest> {
    return this.moveRound(actor, id, orgId, 'open');
  }

  closeRound(actor: Actor, id: string, orgId: string): Promise<Contest> {
    return this.moveRound(actor, id, orgId, 'close');
  }

  async end(actor: Actor, id: string): Promise<Contest> {
    await this.assertHost(actor, id);
    const ended = await this.dataSource.transaction((db) => this.repo.end(db, id));
    if (!ended) throw contestEnded();
    return this.get(actor, id);
  }

  private async moveRound(actor: Actor, id: string, orgId: string, action: Exclude<RoundAction, 'score'>): Promise<Contest> {
    const c = await this.assertHost(actor, id);
    if (!contestMay('host', c.status)) throw contestEnded();
    const db = this.dataSource.manager;
    const rule = ROUND_ACTIONS[action];
    let moved: boolean;
    try {
      moved = await this.repo.moveRoundIfIn(db, id, orgId, rule.from, rule.to);
    } catch (e) {
      if (pgCode(e) === '23505') throw conflict(ErrorCode.ROUND_ALREADY_OPEN, '另一轮正在打分，请先结束该轮');
      throw e;
    }
    if (!moved) {
      const status = await this.repo.roundStatus(db, id, orgId);
      if (!status) throw notFound('该轮');
      if ((await this.contest(id)).status === 'ended') throw contestEnded();
      throw roundRefusal(action, status);
    }
    return this.get(actor, id);
  }

  // ---- judges --------------------------------------------------------------------------------

  /** With the contest's id and its code (the QR payload carries both). */
  async join(actor: Actor, id: string, judgeCode: string): Promise<JudgePad> {
    const c = await this.contest(id);
    if (c.status === 'ended') throw contestEnded();
    if (c.judge_code !== judgeCode) throw invalidCode();
    return this.seat(actor, c);
  }

  /** With the code alone, as typed from the big screen. */
  async joinByCode(actor: Actor, judgeCode: string): Promise<JudgePad> {
    const id = await this.repo.findRunningIdByCode(this.dataSource.manager, judgeCode);
    if (!id) throw invalidCode();
    return this.seat(actor, await this.contest(id));
  }

  async pad(actor: Actor, id: string): Promise<JudgePad> {
    const c = await this.contest(id);
    if (!(await this.repo.isJudge(this.dataSource.manager, id, actor.userId))) throw forbidden('您不是本场比武的评委');
    return this.padOf(actor, c);
  }

  /**
   * A judge's score of a round: one per judge and round (the key), changed while the round is open;
   * never by a judge who belongs to the presenting organisation (a member of it or of its subtree).
   */
  async score(actor: Actor, id: string, orgId: string, dto: ContestScoreDto): Promise<ContestScore> {
    const c = await this.contest(id);
    const db = this.dataSource.manager;
    if (c.status === 'ended') throw contestEnded();
    const status = await this.repo.roundStatus(db, id, orgId);
    if (!status) throw notFound('该轮');
    if (!(await this.repo.isJudge(db, id, actor.userId))) throw forbidden('您不是本场比武的评委');
    if (await this.belongsTo(actor, orgId)) throw forbidden('评委不能为本单位打分');
    const row = await this.repo.upsertScoreIfOpen(db, { contestId: id, orgId, userId: actor.userId, score: dto.score });
    if (!row) {
      const now = await this.repo.roundStatus(db, id, orgId);
      if (now !== 'open') throw roundRefusal('score', now ?? status);
      throw forbidden('您已被移出评委席');
    }
    return { contestId: id, orgId, score: Number(row.score), updatedAt: row.updated_at.toISOString() };
  }

  // ---- the big screen ------------------------------------------------------------------------

  liveView(id: string): Promise<ContestLive> {
    return this.live.get(id);
  }

  /**
   * Server-sent events: the live view now, then each new one as it changes (`event: live`), and a
   * heartbeat comment. A reloaded page or a reconnecting EventSource simply starts again with the
   * view as it is. A contest that does not exist is a plain 404 before any event. The response is
   * written by hand from then on (hijacked from Fastify), with the headers already set on the reply
   * (CORS, request id) kept.
   */
  async stream(id: string, reply: FastifyReply): Promise<void> {
    const first = await this.live.get(id);
    reply.hijack();
    const res = reply.raw;
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) res.setHeader(name, value);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.req.socket.setNoDelay(true);
    let lastVersion = -1;
    let lastJson = '';
    const send = (live: ContestLive) => {
      const json = JSON.stringify(live);
      if (json === lastJson || live.version < lastVersion) return;
      lastJson = json;
      lastVersion = live.version;
      res.write(`id: ${live.version}\nevent: live\ndata: ${json}\n\n`);
    };
    res.write('retry: 2000\n\n');
    const unsubscribe = this.live.subscribe(id, send);
    send(first);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    res.req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }

  // ---- helpers -------------------------------------------------------------------------------

  private async seat(actor: Actor, c: ContestRow): Promise<JudgePad> {
    const seated = await this.repo.join(this.dataSource.manager, c.id, actor.userId);
    if (seated === 'ended') throw contestEnded();
    if (seated === 'removed') throw forbidden('您已被主持人移出评委席');
    return this.padOf(actor, c);
  }

  private async padOf(actor: Actor, c: ContestRow): Promise<JudgePad> {
    const db = this.dataSource.manager;
    const [rounds, mine, memberOrg] = await Promise.all([
      this.repo.findRounds(db, c.id),
      this.repo.findScoresOf(db, c.id, actor.userId),
      actor.memberOrgId ? this.orgs.find(actor.memberOrgId) : Promise.resolve(null),
    ]);
    const own = (r: RoundRow) => !!memberOrg && lineageOf(memberOrg).includes(r.org_id);
    return toPad(c, rounds, mine, (r) => !own(r));
  }

  /** A member of the organisation or of its subtree belongs to it. */
  private async belongsTo(actor: Actor, orgId: string): Promise<boolean> {
    if (!actor.memberOrgId) return false;
    const memberOrg = await this.orgs.find(actor.memberOrgId);
    return !!memberOrg && lineageOf(memberOrg).includes(orgId);
  }

  private async contest(id: string): Promise<ContestRow> {
    const c = await this.repo.findById(this.dataSource.manager, id);
    if (!c) throw notFound('比武');
    return c;
  }

  private async assertHost(actor: Actor, id: string): Promise<ContestRow> {
    const c = await this.contest(id);
    if (!this.orgs.isStaffOf(actor, { path: c.org_path })) throw forbidden('只有主办组织的工作人员可以主持比武');
    return c;
  }
}
