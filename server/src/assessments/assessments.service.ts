import { Injectable } from '@nestjs/common';
import { Limits, type Assessment, type AssessmentIndicator, type AssessmentResult, type AssessmentScoreSheet, type AssessmentSummary, type ErrorDetail, type Page, type StarBoard, type StarThreshold } from '@xianfeng/shared';
import { DataSource } from 'typeorm';
import { badRequest, forbidden, notFound } from '../common/app-error.js';
import type { Actor } from '../common/auth/actor.js';
import { decodeCursor, toPage } from '../common/pagination.js';
import type { Db } from '../database/db.js';
import { OrgDirectory, type OrgRef } from '../orgs/org-directory.js';
import { StatsReader } from '../stats/stats-reader.js';
import { UploadsService } from '../uploads/uploads.service.js';
import { rankResults, scoreChild, withoutEvidence, type JudgedScores, type ScoredChild } from './assessment-scoring.js';
import { fromResultRow, toAssessment, toSheet, toSummary } from './assessment.mapper.js';
import { fromStatuses, mayTake, refusal, type AssessmentAction } from './assessment-state.js';
import type { CreateAssessmentDto, ListAssessmentsQuery, PutScoresDto, UpdateAssessmentDto } from './assessments.dto.js';
import { AssessmentsRepository, type AssessmentRow, type SchemeFields } from './assessments.repository.js';

const L = Limits.assessment;

/** The cross-field rules of a scheme (the DTO checks each field): 400 with every broken rule named. */
export function schemeProblems(s: { from: string; to: string; indicators: AssessmentIndicator[]; stars: StarThreshold[] }): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  if (s.from > s.to) out.push({ field: 'from', message: '开始日期不能晚于结束日期' });
  const keys = new Set<string>();
  s.indicators.forEach((ind, i) => {
    if (keys.has(ind.key)) out.push({ field: `indicators.${i}.key`, message: `指标 key「${ind.key}」重复` });
    keys.add(ind.key);
    if (ind.kind === 'auto' && !ind.metric) out.push({ field: `indicators.${i}.metric`, message: '自动计算的指标须指定数据来源 metric' });
    if (ind.kind === 'judged' && (ind.metric || ind.fullAt)) out.push({ field: `indicators.${i}.metric`, message: '评分指标不带 metric 和 fullAt' });
  });
  const stars = new Set<number>();
  s.stars.forEach((t, i) => {
    if (stars.has(t.stars)) out.push({ field: `stars.${i}.stars`, message: `${t.stars} 星的门槛重复` });
    stars.add(t.stars);
  });
  // More stars must never need fewer points.
  const sorted = [...s.stars].sort((a, b) => a.stars - b.stars);
  if (sorted.some((t, i) => i > 0 && t.min < sorted[i - 1].min)) out.push({ field: 'stars', message: '星级越高，分数门槛不能越低' });
  return out;
}

/** The indicator as stored: judged ones carry no metric; an auto one keeps fullAt only when set. */
const normalise = (i: AssessmentIndicator): AssessmentIndicator =>
  i.kind === 'auto' ? { key: i.key, name: i.name, max: i.max, kind: i.kind, metric: i.metric, fullAt: i.fullAt ?? null } : { key: i.key, name: i.name, max: i.max, kind: i.kind };

/**
 * 评星定级: staff of an organisation define a scheme over its children, start it (frozen), the
 * children's own staff self-score with evidence, the assessing staff score each judged indicator,
 * the automatic ones compute themselves from the numbers (StatsReader), and publishing freezes the
 * results into the public star board.
 */
@Injectable()
export class AssessmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orgs: OrgDirectory,
    private readonly stats: StatsReader,
    private readonly uploads: UploadsService,
    private readonly repo: AssessmentsRepository,
  ) {}

  // ---- the scheme ----------------------------------------------------------------------------

  async create(actor: Actor, orgId: string, dto: CreateAssessmentDto): Promise<Assessment> {
    const org = await this.orgs.assertStaffOf(actor, orgId);
    const scheme = { title: dto.title, from: dto.from, to: dto.to, indicators: dto.indicators.map(normalise), stars: dto.stars.map((s) => ({ stars: s.stars, min: s.min })) };
    const problems = schemeProblems(scheme);
    if (problems.length) throw badRequest('评定方案有误', problems);
    const id = await this.repo.insert(this.dataSource.manager, { ...scheme, orgId: org.id, createdBy: actor.userId });
    return this.get(actor, id);
  }

  async get(actor: Actor | null, id: string): Promise<Assessment> {
    const a = await this.visible(actor, id);
    const children = await this.orgs.children({ id: a.org_id });
    const staff = this.orgs.isStaffOf(actor, { path: a.org_path });
    const selfOrgIds = children.filter((c) => actor?.staffOrgIds.includes(c.id)).map((c) => c.id);
    return toAssessment(a, children, { staff, selfOrgIds });
  }

  async update(actor: Actor, id: string, dto: UpdateAssessmentDto): Promise<Assessment> {
    const a = await this.assertAssessor(actor, id);
    if (!mayTake('edit', a.status)) throw refusal('edit', a.status);
    const fields: SchemeFields = { title: dto.title, from: dto.from, to: dto.to, indicators: dto.indicators?.map(normalise), stars: dto.stars?.map((s) => ({ stars: s.stars, min: s.min })) };
    const problems = schemeProblems({ from: fields.from ?? a.period_from, to: fields.to ?? a.period_to, indicators: fields.indicators ?? a.indicators, stars: fields.stars ?? a.stars });
    if (problems.length) throw badRequest('评定方案有误', problems);
    const done = await this.repo.updateIfIn(this.dataSource.manager, id, fromStatuses('edit'), fields);
    if (!done) throw await this.refusalNow('edit', id);
    return this.get(actor, id);
  }

  async start(actor: Actor, id: string): Promise<Assessment> {
    await this.assertAssessor(actor, id);
    const done = await this.repo.moveIfIn(this.dataSource.manager, id, fromStatuses('start'), 'started');
    if (!done) throw await this.refusalNow('start', id);
    return this.get(actor, id);
  }

  /** Results become public and final: the scores as they are now (the automatic ones too) are frozen. */
  async publish(actor: Actor, id: string): Promise<Assessment> {
    const a = await this.assertAssessor(actor, id);
    if (!mayTake('publish', a.status)) throw refusal('publish', a.status);
    const children = await this.orgs.children({ id: a.org_id });
    const figures = await this.stats.figuresOf(children.map((c) => c.id), { from: a.period_from, to: a.period_to });
    await this.dataSource.transaction(async (db) => {
      // The UPDATE waits for scores being written (they hold a share lock) and shuts out later ones.
      if (!(await this.repo.moveIfIn(db, id, fromStatuses('publish'), 'published'))) throw await this.refusalNow('publish', id, db);
      const results = await this.compute(db, a, children, figures);
      await this.repo.insertResults(db, id, results);
    });
    return this.get(actor, id);
  }

  async list(actor: Actor, orgId: string, q: ListAssessmentsQuery): Promise<Page<AssessmentSummary>> {
    const org = await this.orgs.assertStaffOf(actor, orgId);
    const limit = q.limit ?? 20;
    const after = decodeCursor<[string, string]>(q.cursor, ['timestamp', 'uuid']);
    const rows = await this.repo.findPageForOrg(this.dataSource.manager, org, after, limit);
    return toPage(rows, limit, toSummary, (r) => [r.cursor_at, r.id]);
  }

  // ---- scores --------------------------------------------------------------------------------

  /**
   * `self`/`evidence` from staff granted on the child itself, `superior` from staff of the assessing
   * organisation; judged indicators only, 0..max. A superior score that changes one already given
   * needs a reason and is recorded (who, when, from, to, why).
   */
  async putScores(actor: Actor, id: string, orgId: string, dto: PutScoresDto): Promise<AssessmentScoreSheet> {
    const a = await this.visible(actor, id);
    const child = await this.childOf(a, orgId);
    const selfPart = dto.self !== undefined || dto.evidence !== undefined || dto.evidencePhotos !== undefined;
    const superiorPart = dto.superior !== undefined;
    if (!selfPart && !superiorPart) throw badRequest('请提供 self 或 superior 评分', [{ field: 'self', message: '须提供 self、evidence 或 superior' }]);
    if (selfPart && !actor.staffOrgIds.includes(child.id)) throw forbidden('自评只能由该组织本级的工作人员填写');
    if (superiorPart && !this.orgs.isStaffOf(actor, { path: a.org_path })) throw forbidden('上级评分只能由评定组织的工作人员填写');
    if (dto.reason !== undefined && !superiorPart) throw badRequest('reason 只用于修改上级评分', [{ field: 'reason', message: '只随 superior 提交' }]);
    const problems = this.scoreProblems(a, dto);
    if (problems.length) throw badRequest('评分有误', problems);
    const photos = Object.values(dto.evidencePhotos ?? {}).flat();
    await this.uploads.assertOwnUploads(actor.userId, photos, 'evidencePhotos');
    if (!mayTake('score', a.status)) throw refusal('score', a.status);

    const keys = [...new Set([...Object.keys(dto.self ?? {}), ...Object.keys(dto.evidence ?? {}), ...Object.keys(dto.evidencePhotos ?? {}), ...Object.keys(dto.superior ?? {})])];
    await this.dataSource.transaction(async (db) => {
      const status = await this.repo.lockStatusForScoring(db, id);
      if (!status || !mayTake('score', status)) throw refusal('score', status ?? a.status);
      const current = await this.repo.lockScores(db, id, child.id, keys);
      for (const [key, score] of Object.entries(dto.superior ?? {})) {
        const before = current.get(key)?.superior ?? null;
        if (before !== null && before !== score) {
          if (!dto.reason) throw badRequest('修改已给出的上级评分须说明理由', [{ field: 'reason', message: `修改「${key}」的评分（${before} → ${score}）须填写理由` }]);
          await this.repo.recordChange(db, { assessmentId: id, orgId: child.id, key, from: before, to: score, reason: dto.reason, by: actor.userId });
        }
        await this.repo.setSuperior(db, { assessmentId: id, orgId: child.id, key, score, by: actor.userId });
      }
      if (selfPart) {
        for (const key of keys) {
          const [score, evidence, photos] = [dto.self?.[key], dto.evidence?.[key], dto.evidencePhotos?.[key]];
          if (score === undefined && evidence === undefined && photos === undefined) continue;
          await this.repo.setSelf(db, { assessmentId: id, orgId: child.id, key, score, evidence, photos, by: actor.userId });
        }
      }
    });
    return this.sheet(actor, id, orgId);
  }

  /** One child's score sheet: staff of the assessing organisation, or staff of that child. */
  async sheet(actor: Actor, id: string, orgId: string): Promise<AssessmentScoreSheet> {
    const a = await this.visible(actor, id);
    const child = await this.childOf(a, orgId);
    if (!this.orgs.isStaffOf(actor, { path: a.org_path }) && !this.orgs.isStaffOf(actor, child)) throw forbidden('只有评定组织或该组织的工作人员可以查看评分表');
    const db = this.dataSource.manager;
    const [scored] = a.status === 'published'
      ? (await this.repo.findResults(db, id)).filter((r) => r.org_id === child.id).map(fromResultRow)
      : await this.compute(db, a, [child], await this.stats.figuresOf([child.id], { from: a.period_from, to: a.period_to }));
    return toSheet(a, scored ?? { orgId: child.id, name: child.name, rank: 0, total: 0, stars: 0, indicators: [] }, await this.repo.findChanges(db, id, child.id));
  }

  // ---- results -------------------------------------------------------------------------------

  /** Staff of the assessing organisation: the results as they stand (evidence included); everyone once published, without evidence. */
  async results(actor: Actor | null, id: string): Promise<AssessmentResult[]> {
    const a = await this.find(id);
    const staff = this.orgs.isStaffOf(actor, { path: a.org_path });
    const db = this.dataSource.manager;
    if (a.status === 'published') {
      const rows = (await this.repo.findResults(db, id)).map(fromResultRow);
      return staff ? rows : rows.map(withoutEvidence);
    }
    if (!staff) throw forbidden('评定结果尚未公布');
    const children = await this.orgs.children({ id: a.org_id });
    return this.compute(db, a, children, await this.stats.figuresOf(children.map((c) => c.id), { from: a.period_from, to: a.period_to }));
  }

  /** Public: the latest published assessment of the organisation's children. */
  async stars(orgId: string): Promise<StarBoard> {
    const org = await this.orgs.get(orgId);
    const db = this.dataSource.manager;
    const a = await this.repo.findLatestPublished(db, org.id);
    if (!a) return { orgId: org.id, assessmentId: null, title: null, publishedAt: null, items: [] };
    const rows = await this.repo.findResults(db, a.id);
    return {
      orgId: org.id,
      assessmentId: a.id,
      title: a.title,
      publishedAt: a.published_at?.toISOString() ?? null,
      items: rows.map((r) => ({ orgId: r.org_id, name: r.name, stars: r.stars, total: Number(r.total), assessmentId: a.id })),
    };
  }

  // ---- helpers -------------------------------------------------------------------------------

  private async compute(db: Db, a: AssessmentRow, children: OrgRef[], figures: Awaited<ReturnType<StatsReader['figuresOf']>>): Promise<ScoredChild[]> {
    const rows = await this.repo.findScores(db, a.id, children.map((c) => c.id));
    const judged = new Map<string, Map<string, JudgedScores>>(children.map((c) => [c.id, new Map()]));
    const num = (v: string | null) => (v === null ? null : Number(v));
    for (const r of rows) judged.get(r.org_id)?.set(r.indicator_key, { self: num(r.self_score), superior: num(r.superior_score), evidence: r.evidence, evidencePhotos: r.evidence_photos });
    return rankResults(children.map((c) => scoreChild(a.indicators, a.stars, { orgId: c.id, name: c.name, stats: figures.get(c.id)!, judged: judged.get(c.id)! })));
  }

  private scoreProblems(a: AssessmentRow, dto: PutScoresDto): ErrorDetail[] {
    const judged = new Map(a.indicators.filter((i) => i.kind === 'judged').map((i) => [i.key, i]));
    const out: ErrorDetail[] = [];
    const checkKey = (field: string, key: string) => {
      if (judged.has(key)) return true;
      out.push({ field: `${field}.${key}`, message: a.indicators.some((i) => i.key === key) ? '自动计算的指标不能评分' : '没有这个指标' });
      return false;
    };
    for (const field of ['self', 'superior'] as const) {
      for (const [key, score] of Object.entries(dto[field] ?? {})) {
        if (!checkKey(field, key)) continue;
        const max = judged.get(key)!.max;
        if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > max || Math.round(score * 100) !== score * 100) {
          out.push({ field: `${field}.${key}`, message: `须为 0–${max} 的分数（最多两位小数）` });
        }
      }
    }
    for (const [key, text] of Object.entries(dto.evidence ?? {})) {
      if (checkKey('evidence', key) && (typeof text !== 'string' || text.length > L.evidence)) out.push({ field: `evidence.${key}`, message: `须为不超过 ${L.evidence} 字的文字` });
    }
    for (const [key, urls] of Object.entries(dto.evidencePhotos ?? {})) {
      if (!checkKey('evidencePhotos', key)) continue;
      if (!Array.isArray(urls) || urls.length > L.evidencePhotos || urls.some((u) => typeof u !== 'string' || u.length > Limits.photoUrl)) {
        out.push({ field: `evidencePhotos.${key}`, message: `须为至多 ${L.evidencePhotos} 张图片的地址` });
      }
    }
    return out;
  }

  private async find(id: string, db: Db = this.dataSource.manager): Promise<AssessmentRow> {
    const a = await this.repo.findById(db, id);
    if (!a) throw notFound('评定');
    return a;
  }

  /**
   * Published schemes are public; before that, staff of the assessing organisation see it, and staff
   * of a child once it started. Anyone else is told it does not exist.
   */
  private async visible(actor: Actor | null, id: string): Promise<AssessmentRow> {
    const a = await this.find(id);
    if (a.status === 'published' || this.orgs.isStaffOf(actor, { path: a.org_path })) return a;
    if (actor && a.status === 'started') {
      const children = await this.orgs.children({ id: a.org_id });
      if (children.some((c) => this.orgs.isStaffOf(actor, c))) return a;
    }
    throw notFound('评定');
  }

  private async assertAssessor(actor: Actor, id: string): Promise<AssessmentRow> {
    const a = await this.visible(actor, id);
    if (!this.orgs.isStaffOf(actor, { path: a.org_path })) throw forbidden('只有评定组织的工作人员可以操作');
    return a;
  }

  private async childOf(a: AssessmentRow, orgId: string): Promise<OrgRef> {
    const child = await this.orgs.find(orgId);
    if (!child || child.parentId !== a.org_id) throw notFound('被评定的组织');
    return child;
  }

  private async refusalNow(action: AssessmentAction, id: string, db: Db = this.dataSource.manager) {
    return refusal(action, (await this.find(id, db)).status);
  }
}
