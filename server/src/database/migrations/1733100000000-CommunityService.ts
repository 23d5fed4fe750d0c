import type { MigrationInterface, QueryRunner } from 'typeorm';
import { STAT_RECOUNT_OWN_V1 } from './1733000000000-Stats.js';

/** The recount of confirmed service minutes and deeds, appended to every later `stat_recount_own`. */
export const SERVICE_RECOUNT = `
      SELECT t.member_org_id, 'service_minutes', shanghai_day(a.starts_at), sum(t.minutes)::bigint, 0
        FROM attendance t JOIN activity a ON a.id = t.activity_id WHERE t.confirmed_at IS NOT NULL GROUP BY 1, 3
      UNION ALL
      SELECT d.org_id, 'deeds', d.done_on, count(*), 0 FROM deed d WHERE d.status = 'confirmed' GROUP BY 1, 3`;

/**
 * 在职党员进社区 · 我为群众办实事. Every "one per …" and "never more than …" of the issue is kept here,
 * by the database, not by a read-then-write in the service:
 * - one pending-or-active report per member: a partial unique index;
 * - capacity: `activity.signed_up` moves only by a conditional UPDATE (`WHERE signed_up < capacity`),
 *   and a CHECK keeps it within [0, capacity] whatever code writes it;
 * - one live sign-up per member and activity (a cancelled one stays, so signing up again works):
 *   a partial unique index;
 * - one check-in per member and activity: attendance's primary key;
 * - one rating per member, community and period: the primary key (a second PUT is an upsert).
 *
 * Confirmed minutes and confirmed deeds reach the 比学赶超 counters by triggers, like every other
 * figure (docs/numbers.md), and `stat_recount_own` learns to recount them.
 */
export class CommunityService1733100000000 implements MigrationInterface {
  name = 'CommunityService1733100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE service_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        community_org_id uuid NOT NULL REFERENCES org(id),
        residential_area text NOT NULL CHECK (char_length(residential_area) BETWEEN 1 AND 100),
        skills text[] NOT NULL DEFAULT '{}' CHECK (cardinality(skills) <= 10),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','active','declined','ended')),
        decline_reason text CHECK (char_length(decline_reason) <= 200),
        decided_by uuid REFERENCES app_user(id),
        accepted_at timestamptz,
        ended_at timestamptz,
        ended_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK (status <> 'declined' OR decline_reason IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX service_report_one_open ON service_report (member_id) WHERE status IN ('pending','active')`);
    await q.query(`CREATE INDEX service_report_community_idx ON service_report (community_org_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX service_report_member_idx ON service_report (member_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE activity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id),
        series_id uuid,
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 50),
        description text NOT NULL CHECK (char_length(description) <= 1000),
        place text NOT NULL CHECK (char_length(place) BETWEEN 1 AND 100),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        capacity int NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
        signed_up int NOT NULL DEFAULT 0,
        lat double precision CHECK (lat BETWEEN -90 AND 90),
        lng double precision CHECK (lng BETWEEN -180 AND 180),
        radius_m int CHECK (radius_m > 0),
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at),
        CHECK (signed_up BETWEEN 0 AND capacity),
        CHECK ((lat IS NULL) = (lng IS NULL) AND (lat IS NULL) = (radius_m IS NULL))
      )`);
    await q.query(`CREATE INDEX activity_starts_idx ON activity (starts_at, id)`);
    await q.query(`CREATE INDEX activity_org_starts_idx ON activity (org_id, starts_at, id)`);

    await q.query(`
      CREATE TABLE activity_signup (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        activity_id uuid NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        cancelled_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX activity_signup_one ON activity_signup (activity_id, member_id) WHERE cancelled_at IS NULL`);
    await q.query(`CREATE INDEX activity_signup_member_idx ON activity_signup (member_id) WHERE cancelled_at IS NULL`);

    // member_org_id: the member's organisation when the minutes were confirmed, which the stats count
    // them for (a member who moves later does not take last year's service along).
    await q.query(`
      CREATE TABLE attendance (
        activity_id uuid NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
        member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        checkin_at timestamptz NOT NULL,
        checkout_at timestamptz,
        computed_minutes int CHECK (computed_minutes >= 0),
        minutes int CHECK (minutes >= 0),
        confirmed_at timestamptz,
        confirmed_by uuid REFERENCES app_user(id),
        member_org_id uuid REFERENCES org(id),
        PRIMARY KEY (activity_id, member_id),
        CHECK (checkout_at IS NULL OR checkout_at >= checkin_at),
        CHECK ((confirmed_at IS NULL) = (minutes IS NULL)),
        CHECK (confirmed_at IS NULL OR member_org_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX attendance_member_idx ON attendance (member_id)`);
    await q.query(`
      CREATE TABLE attendance_correction (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        activity_id uuid NOT NULL,
        member_id uuid NOT NULL,
        from_minutes int,
        to_minutes int NOT NULL,
        reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 200),
        by_user_id uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        FOREIGN KEY (activity_id, member_id) REFERENCES attendance(activity_id, member_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX attendance_correction_idx ON attendance_correction (activity_id, member_id, created_at)`);

    // org_id: the member's organisation when the deed was logged; its staff confirm it.
    await q.query(`
      CREATE TABLE deed (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        org_id uuid NOT NULL REFERENCES org(id),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 50),
        description text NOT NULL CHECK (char_length(description) <= 1000),
        done_on date NOT NULL,
        photos text[] NOT NULL DEFAULT '{}' CHECK (cardinality(photos) <= 9),
        beneficiary text CHECK (char_length(beneficiary) <= 100),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','confirmed','returned')),
        return_reason text CHECK (char_length(return_reason) <= 200),
        decided_by uuid REFERENCES app_user(id),
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK (status <> 'returned' OR return_reason IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX deed_member_idx ON deed (member_id, done_on)`);
    await q.query(`CREATE INDEX deed_org_idx ON deed (org_id, status, created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE service_rating (
        member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        community_org_id uuid NOT NULL REFERENCES org(id),
        period text NOT NULL CHECK (period ~ '^[0-9]{4}(Q[1-4])?$'),
        grade text NOT NULL CHECK (grade IN ('excellent','good','basic','poor')),
        comment text CHECK (char_length(comment) <= 500),
        rated_by uuid NOT NULL REFERENCES app_user(id),
        rated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (member_id, community_org_id, period)
      )`);
    await q.query(`CREATE INDEX service_rating_community_idx ON service_rating (community_org_id, period)`);

    // A fulfilled micro-wish is one deed of its claimer, on the day it was fulfilled: read from the
    // wishes' own rows, never copied (the wish stays the one record of it).
    await q.query(`CREATE VIEW service_wish_deed AS
      SELECT w.id, w.claimant_member_id AS member_id, w.org_id, w.title, w.description,
             shanghai_day(w.fulfilled_at) AS done_on, w.fulfil_photos AS photos, w.fulfilled_at AS created_at
        FROM wish w
       WHERE w.status IN ('fulfilled','confirmed') AND w.claimant_member_id IS NOT NULL AND w.fulfilled_at IS NOT NULL`);

    // ---- into the numbers ------------------------------------------------------------------------
    // Minutes count on the activity's day, for the member's organisation, from the first confirmation
    // on; a later correction adds the difference.
    await q.query(`CREATE FUNCTION stat_attendance() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE before bigint := CASE WHEN OLD.confirmed_at IS NULL THEN 0 ELSE OLD.minutes END;
              after bigint := CASE WHEN NEW.confirmed_at IS NULL THEN 0 ELSE NEW.minutes END;
              d date;
      BEGIN
        IF after <> before THEN
          SELECT shanghai_day(a.starts_at) INTO d FROM activity a WHERE a.id = NEW.activity_id;
          PERFORM stat_bump(NEW.member_org_id, d, 'service_minutes', after - before, 0);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER attendance_stat AFTER UPDATE OF minutes, confirmed_at ON attendance FOR EACH ROW EXECUTE FUNCTION stat_attendance()`);
    await q.query(`CREATE FUNCTION stat_deed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'confirmed' AND OLD.status <> 'confirmed' THEN
          PERFORM stat_bump(NEW.org_id, NEW.done_on, 'deeds', 1, 0);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER deed_stat AFTER UPDATE OF status ON deed FOR EACH ROW EXECUTE FUNCTION stat_deed()`);
    await q.query(`CREATE OR REPLACE VIEW stat_recount_own AS ${STAT_RECOUNT_OWN_V1} UNION ALL ${SERVICE_RECOUNT}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE VIEW stat_recount_own AS ${STAT_RECOUNT_OWN_V1}`);
    await q.query(`DROP TRIGGER IF EXISTS deed_stat ON deed`);
    await q.query(`DROP TRIGGER IF EXISTS attendance_stat ON attendance`);
    await q.query(`DROP FUNCTION IF EXISTS stat_deed()`);
    await q.query(`DROP FUNCTION IF EXISTS stat_attendance()`);
    await q.query(`DROP VIEW IF EXISTS service_wish_deed`);
    for (const t of ['service_rating', 'deed', 'attendance_correction', 'attendance', 'activity_signup', 'activity', 'service_report']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DELETE FROM org_day_stat WHERE metric IN ('service_minutes', 'deeds')`);
  }
}
