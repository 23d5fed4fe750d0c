import { STAT_RECOUNT_OWN_V1 } from './1733000000000-Stats.js';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `stat_recount_own` as of this migration: every figure of the Stats migration, with leaves counted. */
export const STAT_RECOUNT_OWN_V2 = `
      WITH member_moves AS (
        SELECT m.id, m.org_id AS cur_org, m.created_at FROM member m
      ), member_deltas AS (
        -- where each member started (the first move's origin, else where it is now), then each move
        SELECT COALESCE((SELECT h.from_org_id FROM member_org_history h WHERE h.member_id = mm.id ORDER BY h.moved_at, h.id LIMIT 1), mm.cur_org) AS org_id,
               shanghai_day(mm.created_at) AS day, 1 AS n
          FROM member_moves mm
        UNION ALL SELECT h.from_org_id, shanghai_day(h.moved_at), -1 FROM member_org_history h
        UNION ALL SELECT h.to_org_id, shanghai_day(h.moved_at), 1 FROM member_org_history h
        -- a member who left counts no more from the day they left, where they were then
        UNION ALL SELECT m.org_id, member_leave_day(m), -1 FROM member m WHERE m.left_on IS NOT NULL
      ), firsts AS (
        SELECT DISTINCT ON (e.wish_id, e.to_status) w.org_id, e.to_status, shanghai_day(e.created_at) AS day
          FROM wish_event e JOIN wish w ON w.id = e.wish_id
         WHERE e.to_status IN ('open','claimed','fulfilled','confirmed')
         ORDER BY e.wish_id, e.to_status, e.created_at, e.id
      ), cfirsts AS (
        SELECT DISTINCT ON (e.commitment_id, e.to_status) c.org_id, e.to_status, shanghai_day(e.created_at) AS day
          FROM commitment_event e JOIN commitment c ON c.id = e.commitment_id
         WHERE e.to_status IN ('published','fulfilled') AND e.from_status <> e.to_status
         ORDER BY e.commitment_id, e.to_status, e.created_at, e.id
      )
      SELECT org_id, 'members'::text AS metric, day, sum(n)::bigint AS n, 0::bigint AS total FROM member_deltas GROUP BY 1, 3
      UNION ALL
      SELECT w.org_id, 'wishes_posted', shanghai_day(e.created_at), count(*), 0 FROM wish_event e JOIN wish w ON w.id = e.wish_id WHERE e.action = 'post' GROUP BY 1, 3
      UNION ALL
      SELECT org_id, 'wishes_' || to_status, day, count(*), 0 FROM firsts GROUP BY 1, 2, 3
      UNION ALL
      SELECT org_id, 'commitments_' || to_status, day, count(*), 0 FROM cfirsts GROUP BY 1, 2, 3
      UNION ALL
      SELECT org_id, 'greetings_sent', shanghai_day(sent_at), count(*), 0 FROM greeting GROUP BY 1, 3
      UNION ALL
      SELECT c.org_id, 'reviews', shanghai_day(r.created_at), count(*), sum(r.score) FROM commitment_review r JOIN commitment c ON c.id = r.commitment_id GROUP BY 1, 3`;

/**
 * The staff workbench:
 * - `staff_invite`: one-time invitations to become staff of an organisation, stored as a hash of the
 *   code; spending one is a conditional UPDATE, so of two users racing with one code exactly one wins.
 * - a member's dated leave (离开组织): not a deletion. From `left_on` the member no longer counts
 *   (the stats' members figure gets −1 on that day, by trigger, and the recount agrees), no longer shows
 *   on boards and rosters, and their WeChat binding ends (`former_user_id` keeps who it was).
 */
export class Workbench1733400000000 implements MigrationInterface {
  name = 'Workbench1733400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_invite (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id),
        code_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        used_by uuid REFERENCES app_user(id),
        used_at timestamptz,
        CHECK ((used_by IS NULL) = (used_at IS NULL))
      )`);
    await q.query(`CREATE INDEX staff_invite_org_idx ON staff_invite (org_id, created_at DESC)`);

    await q.query(`
      ALTER TABLE member
        ADD COLUMN left_on date,
        ADD COLUMN leave_reason text CHECK (char_length(leave_reason) <= 200),
        ADD COLUMN left_recorded_by uuid REFERENCES app_user(id),
        ADD COLUMN former_user_id uuid REFERENCES app_user(id),
        ADD CONSTRAINT member_leave_complete CHECK ((left_on IS NULL) = (leave_reason IS NULL))`);
    // The day a leave takes a member off the counts: its date, but never before the record came to
    // the organisation (created, or moved there), so a backdated leave cannot make a count negative.
    await q.query(`CREATE FUNCTION member_leave_day(m member) RETURNS date LANGUAGE sql STABLE AS $$
      SELECT GREATEST(m.left_on, shanghai_day(m.created_at),
                      (SELECT max(shanghai_day(h.moved_at)) FROM member_org_history h WHERE h.member_id = m.id))
    $$`);
    await q.query(`CREATE FUNCTION stat_member_leave() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM stat_bump(NEW.org_id, member_leave_day(NEW), 'members', -1, 0);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER member_stat_leave AFTER UPDATE OF left_on ON member FOR EACH ROW
      WHEN (OLD.left_on IS NULL AND NEW.left_on IS NOT NULL) EXECUTE FUNCTION stat_member_leave()`);
    await q.query(`CREATE OR REPLACE VIEW stat_recount_own AS ${STAT_RECOUNT_OWN_V2}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE VIEW stat_recount_own AS ${STAT_RECOUNT_OWN_V1}`);
    await q.query(`DROP TRIGGER IF EXISTS member_stat_leave ON member`);
    await q.query(`DROP FUNCTION IF EXISTS stat_member_leave()`);
    await q.query(`DROP FUNCTION IF EXISTS member_leave_day(member)`);
    await q.query(`ALTER TABLE member DROP CONSTRAINT member_leave_complete, DROP COLUMN former_user_id, DROP COLUMN left_recorded_by, DROP COLUMN leave_reason, DROP COLUMN left_on`);
    await q.query(`DROP TABLE staff_invite`);
  }
}
