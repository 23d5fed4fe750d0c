import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The counter triggers of org_day_stat (migrations Stats, CommunityService, Workbench): table, events, condition, function. */
const COUNTERS: Array<{ name: string; table: string; events: string; when?: string; fn: string }> = [
  { name: 'member_stat_insert', table: 'member', events: 'INSERT OR DELETE', fn: 'stat_member' },
  { name: 'member_stat_move', table: 'member', events: 'UPDATE OF org_id', when: 'OLD.org_id IS DISTINCT FROM NEW.org_id', fn: 'stat_member' },
  { name: 'member_stat_leave', table: 'member', events: 'UPDATE OF left_on', when: 'OLD.left_on IS NULL AND NEW.left_on IS NOT NULL', fn: 'stat_member_leave' },
  { name: 'wish_event_stat', table: 'wish_event', events: 'INSERT', fn: 'stat_wish_event' },
  { name: 'commitment_event_stat', table: 'commitment_event', events: 'INSERT', fn: 'stat_commitment_event' },
  { name: 'greeting_stat', table: 'greeting', events: 'INSERT', fn: 'stat_greeting' },
  { name: 'commitment_review_stat', table: 'commitment_review', events: 'INSERT', fn: 'stat_commitment_review' },
  { name: 'attendance_stat', table: 'attendance', events: 'UPDATE OF minutes, confirmed_at', fn: 'stat_attendance' },
  { name: 'deed_stat', table: 'deed', events: 'UPDATE OF status', fn: 'stat_deed' },
];

/** "The first time the wish reaches this status": no event before this one (by time, then id) reached it. */
const wishEventFn = (firstTime: string) => `CREATE OR REPLACE FUNCTION stat_wish_event() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE m text; d date := shanghai_day(NEW.created_at); w_org uuid;
      BEGIN
        SELECT org_id INTO w_org FROM wish WHERE id = NEW.wish_id;
        IF NEW.action = 'post' THEN PERFORM stat_bump(w_org, d, 'wishes_posted', 1, 0); END IF;
        m := CASE NEW.to_status WHEN 'open' THEN 'wishes_open' WHEN 'claimed' THEN 'wishes_claimed'
               WHEN 'fulfilled' THEN 'wishes_fulfilled' WHEN 'confirmed' THEN 'wishes_confirmed' END;
        IF m IS NOT NULL AND NOT EXISTS (
             SELECT 1 FROM wish_event e WHERE e.wish_id = NEW.wish_id AND e.to_status = NEW.to_status AND ${firstTime}) THEN
          PERFORM stat_bump(w_org, d, m, 1, 0);
        END IF;
        RETURN NULL;
      END $$`;

const commitmentEventFn = (firstTime: string) => `CREATE OR REPLACE FUNCTION stat_commitment_event() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE m text; c_org uuid;
      BEGIN
        m := CASE NEW.to_status WHEN 'published' THEN 'commitments_published' WHEN 'fulfilled' THEN 'commitments_fulfilled' END;
        IF m IS NULL OR NEW.to_status = NEW.from_status THEN RETURN NULL; END IF;
        IF EXISTS (SELECT 1 FROM commitment_event e WHERE e.commitment_id = NEW.commitment_id AND e.to_status = NEW.to_status
                     AND e.from_status <> e.to_status AND ${firstTime}) THEN
          RETURN NULL;
        END IF;
        SELECT org_id INTO c_org FROM commitment WHERE id = NEW.commitment_id;
        PERFORM stat_bump(c_org, shanghai_day(NEW.created_at), m, 1, 0);
        RETURN NULL;
      END $$`;

const BEFORE_THIS = '(e.created_at, e.id) < (NEW.created_at, NEW.id)';
const NOT_THIS = 'e.id <> NEW.id';

/**
 * The org_day_stat counters are bumped when the transaction commits rather than when its row is
 * written: constraint triggers, deferred. A bump locks its counter rows (the organisation and every
 * ancestor, one of eight shards) until the transaction ends; bumped mid-transaction, the lock was
 * held across every later statement and round trip, and a burst of claims in one community queued
 * on it — 5.7 ms per claim event, the winners' transactions one after another. At commit it is held
 * for the commit alone. The "first time a wish / commitment reaches a status" checks now look only
 * at earlier events: at commit, a transaction's own later events are visible too.
 */
export class CountersAtCommit1733800000000 implements MigrationInterface {
  name = 'CountersAtCommit1733800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(wishEventFn(BEFORE_THIS));
    await q.query(commitmentEventFn(BEFORE_THIS));
    for (const t of COUNTERS) {
      await q.query(`DROP TRIGGER ${t.name} ON ${t.table}`);
      await q.query(
        `CREATE CONSTRAINT TRIGGER ${t.name} AFTER ${t.events} ON ${t.table} DEFERRABLE INITIALLY DEFERRED
           FOR EACH ROW ${t.when ? `WHEN (${t.when})` : ''} EXECUTE FUNCTION ${t.fn}()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of COUNTERS) {
      await q.query(`DROP TRIGGER ${t.name} ON ${t.table}`);
      await q.query(`CREATE TRIGGER ${t.name} AFTER ${t.events} ON ${t.table} FOR EACH ROW ${t.when ? `WHEN (${t.when})` : ''} EXECUTE FUNCTION ${t.fn}()`);
    }
    await q.query(wishEventFn(NOT_THIS));
    await q.query(commitmentEventFn(NOT_THIS));
  }
}
