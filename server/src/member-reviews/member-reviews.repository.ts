import { Injectable } from '@nestjs/common';
import type { ReviewKind } from '@xianfeng/shared';
import type { Db } from '../database/db.js';

export interface ReviewStatsRow {
  kind: ReviewKind;
  count: number;
  average: string | null;
}

export interface ReviewCommentRow {
  kind: ReviewKind;
  score: number;
  comment: string;
  created_at: Date;
}

/** The most comments a review page carries (newest first). */
export const COMMENTS_SHOWN = 200;

/** 民主评议: one review per reviewer, kind, member and period (the constraint member_review_once). */
@Injectable()
export class MemberReviewsRepository {
  /** A second review of the same kind by the same reviewer fails on member_review_once (23505). */
  async insert(db: Db, r: { memberId: string; period: string; kind: ReviewKind; reviewerUserId: string; score: number; comment: string }): Promise<void> {
    await db.query(
      `INSERT INTO member_review (member_id, period, kind, reviewer_user_id, score, comment) VALUES ($1, $2, $3, $4, $5, $6)`,
      [r.memberId, r.period, r.kind, r.reviewerUserId, r.score, r.comment],
    );
  }

  async findStats(db: Db, memberId: string, period: string): Promise<ReviewStatsRow[]> {
    return db.query(
      `SELECT kind, count(*)::int AS count, round(avg(score), 2)::text AS average
         FROM member_review WHERE member_id = $1 AND period = $2 GROUP BY kind`,
      [memberId, period],
    );
  }

  /** Comments without who wrote them, newest first. */
  async findComments(db: Db, memberId: string, period: string): Promise<ReviewCommentRow[]> {
    return db.query(
      `SELECT kind, score, comment, created_at FROM member_review
        WHERE member_id = $1 AND period = $2 ORDER BY created_at DESC, id DESC LIMIT ${COMMENTS_SHOWN}`,
      [memberId, period],
    );
  }

  /** The kinds this user already gave the member this period. */
  async findKindsGivenBy(db: Db, memberId: string, period: string, userId: string): Promise<ReviewKind[]> {
    const rows: Array<{ kind: ReviewKind }> = await db.query(`SELECT kind FROM member_review WHERE member_id = $1 AND period = $2 AND reviewer_user_id = $3`, [memberId, period, userId]);
    return rows.map((r) => r.kind);
  }
}
