import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * WeChat platform: cached mini-program codes, WeChat's image check of uploaded photos, and the
 * message-push events already handled (WeChat retries a push up to three times).
 */
export class WechatPlatform1733300000000 implements MigrationInterface {
  name = 'WechatPlatform1733300000000';

  async up(q: QueryRunner): Promise<void> {
    // One image per (scene, page, version): generated once, served from here ever after.
    await q.query(`
      CREATE TABLE wxacode (
        scene text NOT NULL CHECK (char_length(scene) BETWEEN 1 AND 32),
        page text NOT NULL CHECK (char_length(page) BETWEEN 1 AND 200),
        env_version text NOT NULL CHECK (env_version IN ('release', 'trial', 'develop')),
        content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
        image bytea NOT NULL CHECK (octet_length(image) BETWEEN 1 AND 2097152),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scene, page, env_version)
      )`);
    // Photos uploaded before the check existed stay public ('pass'); new ones start 'pending'.
    await q.query(`
      ALTER TABLE upload
        ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid(),
        ADD COLUMN check_state text NOT NULL DEFAULT 'pass'
          CHECK (check_state IN ('pending', 'pass', 'risky', 'approved', 'removed')),
        ADD COLUMN trace_id text,
        ADD COLUMN check_requested_at timestamptz,
        ADD COLUMN checked_at timestamptz,
        ADD COLUMN org_id uuid REFERENCES org (id) ON DELETE SET NULL,
        ADD CONSTRAINT upload_id_key UNIQUE (id)`);
    await q.query(`ALTER TABLE upload ALTER COLUMN check_state SET DEFAULT 'pending'`);
    await q.query(`CREATE UNIQUE INDEX upload_trace_id_key ON upload (trace_id) WHERE trace_id IS NOT NULL`);
    await q.query(`CREATE INDEX upload_held_idx ON upload (org_id, created_at) WHERE check_state = 'pending'`);
    await q.query(`
      CREATE TABLE wechat_push_event (
        key text PRIMARY KEY CHECK (char_length(key) BETWEEN 1 AND 200),
        event text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE wechat_push_event`);
    await q.query(`DROP INDEX upload_held_idx`);
    await q.query(`DROP INDEX upload_trace_id_key`);
    await q.query(`ALTER TABLE upload DROP COLUMN org_id, DROP COLUMN checked_at, DROP COLUMN check_requested_at, DROP COLUMN trace_id, DROP COLUMN check_state, DROP COLUMN id`);
    await q.query(`DROP TABLE wxacode`);
  }
}
