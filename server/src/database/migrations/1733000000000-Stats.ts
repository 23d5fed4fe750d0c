import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The body of the `stat_recount_own` view as this migration creates it: later migrations that add
 * figures extend it (`… UNION ALL …`) and restore it on the way down.
 */
export const STAT_RECOUNT_OWN_V1 = `
      WITH member_moves AS (
        SELECT m.id, m.org_id AS cur_org, m.created_at FROM member m
      ), member_deltas AS (
        -- where each member started (the first move's origin, else where it is now), then each move
        SELECT COALESCE((SELECT h.from_org_id FROM member_org_history h WHERE h.member_id = mm.id ORDER BY h.moved_at, h.id LIMIT 1), mm.cur_org) AS org_id,
               shanghai_day(mm.created_at) AS day, 1 AS n
          FROM member_moves mm
        UNION ALL SELECT h.from_org_id, shanghai_day(h.moved_at), -1 FROM member_org_history h
        UNION ALL SELECT h.to_org_id, shanghai_day(h.moved_at), 1 FROM member_org_history h
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
 * 比学赶超 numbers: per-organisation, per-day counters kept by triggers in the same transaction as the
 * row that causes them, so they can never disagree with the rows (docs/numbers.md defines each figure).
 *
 * - Every counter is subtree-inclusive: an event adds to its organisation and to each ancestor, so the
 *   figures of any organisation for any period are a sum over at most (days × shards) rows of one
 *   organisation — the root's year is ~3,000 rows however many members sit under it.
 * - The ancestors' rows would be hot (every claim in a city touches the city's row of the day), so each
 *   counter is split over 8 shards; a transaction always bumps the shard of its own id, so it holds at
 *   most one row per counter and two writers contend only one time in eight. Readers sum the shards.
 * - `members` rows are deltas (+1 created, −1/+1 moved), so the members of a period are the sum of
 *   every delta up to its end: the members at that date, as the move history says.
 * - A status counts once per row, on the day it was first reached ("published" counts the fulfilled
 *   too; a wish released and claimed again was claimed once).
 * - `stat_recount` computes the same figures from the rows alone; tests compare the two, and
 *   `stat_rebuild()` refills the counters from it (after a bulk load with triggers off).
 */
export class Stats1733000000000 implements MigrationInterface {
  name = 'Stats1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE org_day_stat (
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        metric text NOT NULL CHECK (metric IN (
          'members', 'commitments_published', 'commitments_fulfilled',
          'wishes_posted', 'wishes_open', 'wishes_claimed', 'wishes_fulfilled', 'wishes_confirmed',
          'greetings_sent', 'reviews', 'service_minutes', 'deeds')),
        day date NOT NULL,
        shard smallint NOT NULL CHECK (shard BETWEEN 0 AND 7),
        n bigint NOT NULL DEFAULT 0,
        total bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (org_id, metric, day, shard)
      )`);
    await q.query(`
      CREATE TABLE ranking_settings (
        org_id uuid PRIMARY KEY REFERENCES org(id) ON DELETE CASCADE,
        weights jsonb NOT NULL CHECK (jsonb_typeof(weights) = 'object'),
        updated_by uuid REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`CREATE FUNCTION shanghai_day(ts timestamptz) RETURNS date
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (ts AT TIME ZONE 'Asia/Shanghai')::date $$`);

    // Adds (dn, dtotal) to the organisation's counter and every ancestor's, on one random shard.
    await q.query(`CREATE FUNCTION stat_bump(p_org uuid, p_day date, p_metric text, dn bigint, dtotal bigint) RETURNS void
      LANGUAGE sql AS $$
        INSERT INTO org_day_stat AS s (org_id, metric, day, shard, n, total)
        SELECT a::uuid, p_metric, p_day, (txid_current() % 8)::smallint, dn, dtotal
          FROM org o, unnest(string_to_array(trim(both '/' from o.path), '/')) AS a
         WHERE o.id = p_org
        ON CONFLICT (org_id, metric, day, shard) DO UPDATE SET n = s.n + EXCLUDED.n, total = s.total + EXCLUDED.total
      $$`);

    await q.query(`CREATE FUNCTION stat_member() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM stat_bump(NEW.org_id, shanghai_day(NEW.created_at), 'members', 1, 0);
        ELSIF TG_OP = 'UPDATE' THEN
          PERFORM stat_bump(OLD.org_id, shanghai_day(now()), 'members', -1, 0);
          PERFORM stat_bump(NEW.org_id, shanghai_day(now()), 'members', 1, 0);
        ELSE
          PERFORM stat_bump(OLD.org_id, shanghai_day(now()), 'members', -1, 0);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER member_stat_insert AFTER INSERT OR DELETE ON member FOR EACH ROW EXECUTE FUNCTION stat_member()`);
    await q.query(`CREATE TRIGGER member_stat_move AFTER UPDATE OF org_id ON member FOR EACH ROW
      WHEN (OLD.org_id IS DISTINCT FROM NEW.org_id) EXECUTE FUNCTION stat_member()`);

    // A wish's status counts the first time the wish reaches it (the event log is append-only).
    await q.query(`CREATE FUNCTION stat_wish_event() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE m text; d date := shanghai_day(NEW.created_at); w_org uuid;
      BEGIN
        SELECT org_id INTO w_org FROM wish WHERE id = NEW.wish_id;
        IF NEW.action = 'post' THEN PERFORM stat_bump(w_org, d, 'wishes_posted', 1, 0); END IF;
        m := CASE NEW.to_status WHEN 'open' THEN 'wishes_open' WHEN 'claimed' THEN 'wishes_claimed'
               WHEN 'fulfilled' THEN 'wishes_fulfilled' WHEN 'confirmed' THEN 'wishes_confirmed' END;
        IF m IS NOT NULL AND NOT EXISTS (
             SELECT 1 FROM wish_event e WHERE e.wish_id = NEW.wish_id AND e.to_status = NEW.to_status AND e.id <> NEW.id) THEN
          PERFORM stat_bump(w_org, d, m, 1, 0);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER wish_event_stat AFTER INSERT ON wish_event FOR EACH ROW EXECUTE FUNCTION stat_wish_event()`);

    await q.query(`CREATE FUNCTION stat_commitment_event() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE m text; c_org uuid;
      BEGIN
        m := CASE NEW.to_status WHEN 'published' THEN 'commitments_published' WHEN 'fulfilled' THEN 'commitments_fulfilled' END;
        IF m IS NULL OR NEW.to_status = NEW.from_status THEN RETURN NULL; END IF;
        IF EXISTS (SELECT 1 FROM commitment_event e WHERE e.commitment_id = NEW.commitment_id AND e.to_status = NEW.to_status
                     AND e.from_status <> e.to_status AND e.id <> NEW.id) THEN
          RETURN NULL;
        END IF;
        SELECT org_id INTO c_org FROM commitment WHERE id = NEW.commitment_id;
        PERFORM stat_bump(c_org, shanghai_day(NEW.created_at), m, 1, 0);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER commitment_event_stat AFTER INSERT ON commitment_event FOR EACH ROW EXECUTE FUNCTION stat_commitment_event()`);

    await q.query(`CREATE FUNCTION stat_greeting() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM stat_bump(NEW.org_id, shanghai_day(NEW.sent_at), 'greetings_sent', 1, 0);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER greeting_stat AFTER INSERT ON greeting FOR EACH ROW EXECUTE FUNCTION stat_greeting()`);

    await q.query(`CREATE FUNCTION stat_commitment_review() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE c_org uuid;
      BEGIN
        SELECT org_id INTO c_org FROM commitment WHERE id = NEW.commitment_id;
        PERFORM stat_bump(c_org, shanghai_day(NEW.created_at), 'reviews', 1, NEW.score);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER commitment_review_stat AFTER INSERT ON commitment_review FOR EACH ROW EXECUTE FUNCTION stat_commitment_review()`);

    // The same figures from the rows alone, per organisation itself (not yet rolled up) and day.
    await q.query(`CREATE VIEW stat_recount_own AS ${STAT_RECOUNT_OWN_V1}`);

    // Rolled up to every ancestor: what org_day_stat must hold, summed over shards.
    await q.query(`CREATE VIEW stat_recount AS
      SELECT a::uuid AS org_id, r.metric, r.day, sum(r.n)::bigint AS n, sum(r.total)::bigint AS total
        FROM stat_recount_own r JOIN org o ON o.id = r.org_id,
             unnest(string_to_array(trim(both '/' from o.path), '/')) AS a
       GROUP BY 1, 2, 3`);

    await q.query(`CREATE FUNCTION stat_rebuild() RETURNS void LANGUAGE sql AS $$
        DELETE FROM org_day_stat;
        INSERT INTO org_day_stat (org_id, metric, day, shard, n, total)
        SELECT org_id, metric, day, 0, n, total FROM stat_recount WHERE n <> 0 OR total <> 0 ORDER BY org_id, metric, day;
      $$`);
    // An installation that already has rows starts with counters that agree with them.
    await q.query(`SELECT stat_rebuild()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS stat_rebuild()`);
    await q.query(`DROP VIEW IF EXISTS stat_recount`);
    await q.query(`DROP VIEW IF EXISTS stat_recount_own`);
    await q.query(`DROP TRIGGER IF EXISTS commitment_review_stat ON commitment_review`);
    await q.query(`DROP TRIGGER IF EXISTS greeting_stat ON greeting`);
    await q.query(`DROP TRIGGER IF EXISTS commitment_event_stat ON commitment_event`);
    await q.query(`DROP TRIGGER IF EXISTS wish_event_stat ON wish_event`);
    await q.query(`DROP TRIGGER IF EXISTS member_stat_move ON member`);
    await q.query(`DROP TRIGGER IF EXISTS member_stat_insert ON member`);
    for (const f of ['stat_commitment_review()', 'stat_greeting()', 'stat_commitment_event()', 'stat_wish_event()', 'stat_member()', 'stat_bump(uuid, date, text, bigint, bigint)', 'shanghai_day(timestamptz)']) {
      await q.query(`DROP FUNCTION IF EXISTS ${f}`);
    }
    await q.query(`DROP TABLE IF EXISTS ranking_settings`);
    await q.query(`DROP TABLE IF EXISTS org_day_stat`);
  }
}
