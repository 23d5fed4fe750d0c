import type { Assessment, AssessmentScoreSheet, AssessmentSummary, AssessmentViewer, ScoreChange, StarThreshold } from '@xianfeng/shared';
import type { ScoredChild } from './assessment-scoring.js';
import { round2 } from './assessment-scoring.js';
import type { AssessmentListRow, AssessmentRow, ResultRow, ScoreChangeRow } from './assessments.repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const maxTotal = (row: AssessmentRow) => round2(row.indicators.reduce((a, i) => a + i.max, 0));
/** Highest stars first, as the scheme is shown. */
const byStars = (stars: StarThreshold[]) => [...stars].sort((a, b) => b.stars - a.stars);

export function toAssessment(row: AssessmentRow, children: Array<{ id: string; name: string }>, viewer: AssessmentViewer): Assessment {
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    title: row.title,
    from: row.period_from,
    to: row.period_to,
    status: row.status,
    indicators: row.indicators,
    stars: byStars(row.stars),
    maxTotal: maxTotal(row),
    children: children.map((c) => ({ orgId: c.id, name: c.name })),
    viewer,
    createdAt: row.created_at.toISOString(),
    startedAt: iso(row.started_at),
    publishedAt: iso(row.published_at),
  };
}

export function toSummary(row: AssessmentListRow): AssessmentSummary {
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    title: row.title,
    from: row.period_from,
    to: row.period_to,
    status: row.status,
    maxTotal: maxTotal(row),
    role: row.role,
    createdAt: row.created_at.toISOString(),
    publishedAt: iso(row.published_at),
  };
}

export function fromResultRow(r: ResultRow): ScoredChild {
  return { orgId: r.org_id, name: r.name, rank: r.rank, total: Number(r.total), stars: r.stars, indicators: r.indicators };
}

export function toChange(c: ScoreChangeRow): ScoreChange {
  return { key: c.indicator_key, from: Number(c.from_score), to: Number(c.to_score), reason: c.reason, byUserId: c.changed_by, byName: c.changed_by_name, at: c.changed_at.toISOString() };
}

export function toSheet(assessment: AssessmentRow, child: ScoredChild, history: ScoreChangeRow[]): AssessmentScoreSheet {
  return { ...child, assessmentId: assessment.id, status: assessment.status, history: history.map(toChange) };
}
