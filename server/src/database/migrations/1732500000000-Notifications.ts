import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1732500000000 implements MigrationInterface {
  name = 'Notifications1732500000000';

  async up(q: QueryRunner): Promise<void> {
    // One-time subscribe-message grants: each `accept` adds one, each send spends one.
    await q.query(`
      CREATE TABLE subscription_quota (
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        template_id text NOT NULL,
        remaining int NOT NULL DEFAULT 0 CHECK (remaining >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, template_id)
      )`);
    // The outbox and the inbox in one table: a row is written in the transaction of the event that
    // causes it; delivery workers claim due rows with FOR UPDATE SKIP LOCKED.
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        template_key text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        page text,
        data jsonb NOT NULL DEFAULT '{}',
        dedupe_key text NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sending','sent','no_quota','failed')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        last_error text,
        msgid text,
        read_at timestamptz,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notification_inbox_idx ON notification (user_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notification_due_idx ON notification (next_attempt_at) WHERE status IN ('pending','sending')`);
    // Wake delivery workers on every instance when rows arrive (NOTIFY is sent at commit).
    await q.query(`
      CREATE FUNCTION notification_wake() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('xf_notification', ''); RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER notification_wake AFTER INSERT ON notification FOR EACH STATEMENT EXECUTE FUNCTION notification_wake()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification`);
    await q.query(`DROP FUNCTION notification_wake()`);
    await q.query(`DROP TABLE subscription_quota`);
  }
}
