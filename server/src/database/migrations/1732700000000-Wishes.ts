import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Wishes1732700000000 implements MigrationInterface {
  name = 'Wishes1732700000000';

  async up(q: QueryRunner): Promise<void> {
    // Per-organisation wish settings; an organisation without a row inherits from its nearest
    // ancestor that has one (like greeting_settings), and the default is 3.
    await q.query(`
      CREATE TABLE wish_settings (
        org_id uuid PRIMARY KEY REFERENCES org(id) ON DELETE CASCADE,
        claim_limit int NOT NULL CHECK (claim_limit BETWEEN 1 AND 20),
        updated_by uuid REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // wisher_user_id is the resident's account (null when staff post on behalf of someone without
    // the app); posted_by is whoever pressed the button. The claimant columns and the status move
    // together: the CHECK keeps "claimed/fulfilled/confirmed ⇔ someone holds it" true whatever code
    // writes the row.
    await q.query(`
      CREATE TABLE wish (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 30),
        description text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 500),
        category text NOT NULL CHECK (category IN ('goods','service','errand')),
        status text NOT NULL DEFAULT 'pending_review'
          CHECK (status IN ('pending_review','open','rejected','claimed','fulfilled','confirmed','expired')),
        wisher_user_id uuid REFERENCES app_user(id),
        posted_by uuid NOT NULL REFERENCES app_user(id),
        wisher_name text CHECK (char_length(wisher_name) BETWEEN 1 AND 50),
        wisher_phone text CHECK (char_length(wisher_phone) <= 20),
        content_held boolean NOT NULL DEFAULT false,
        reject_reason text CHECK (char_length(reject_reason) <= 200),
        reviewed_by uuid REFERENCES app_user(id),
        reviewed_at timestamptz,
        expires_on date,
        claimant_member_id uuid REFERENCES member(id),
        claimed_at timestamptz,
        fulfil_note text CHECK (char_length(fulfil_note) <= 500),
        fulfil_photos text[] NOT NULL DEFAULT '{}' CHECK (cardinality(fulfil_photos) <= 9),
        note_held boolean NOT NULL DEFAULT false,
        fulfilled_at timestamptz,
        thanks text CHECK (char_length(thanks) <= 200),
        thanks_held boolean NOT NULL DEFAULT false,
        rating int CHECK (rating BETWEEN 1 AND 5),
        confirmed_by uuid REFERENCES app_user(id),
        confirmed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status IN ('claimed','fulfilled','confirmed')) = (claimant_member_id IS NOT NULL)),
        CHECK (wisher_user_id IS NOT NULL OR wisher_name IS NOT NULL),
        CHECK (status <> 'rejected' OR reject_reason IS NOT NULL)
      )`);
    // The wall: newest first. Over a large subtree the planner walks this index and stops after a
    // page; for a small organisation it takes the (org_id, status, …) one and sorts the few rows.
    await q.query(`CREATE INDEX wish_created_idx ON wish (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX wish_org_status_idx ON wish (org_id, status, created_at DESC, id DESC)`);
    // A member's unfinished claims, counted on every claim.
    await q.query(`CREATE INDEX wish_claimant_idx ON wish (claimant_member_id, status) WHERE claimant_member_id IS NOT NULL`);
    await q.query(`CREATE INDEX wish_posted_by_idx ON wish (posted_by, created_at DESC)`);
    await q.query(`CREATE INDEX wish_wisher_idx ON wish (wisher_user_id) WHERE wisher_user_id IS NOT NULL`);
    // The expiry job's scan.
    await q.query(`CREATE INDEX wish_expiry_idx ON wish (expires_on) WHERE status = 'open' AND expires_on IS NOT NULL`);
    await q.query(`
      CREATE TABLE wish_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        wish_id uuid NOT NULL REFERENCES wish(id) ON DELETE CASCADE,
        action text NOT NULL CHECK (action IN ('post','approve','reject','claim','release','fulfil','confirm','expire','clear_held')),
        from_status text,
        to_status text,
        actor_user_id uuid REFERENCES app_user(id),
        actor_role text NOT NULL CHECK (actor_role IN ('wisher','member','staff','system')),
        actor_member_id uuid REFERENCES member(id),
        on_behalf boolean NOT NULL DEFAULT false,
        note text CHECK (char_length(note) <= 500),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX wish_event_wish_idx ON wish_event (wish_id, created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE wish_event`);
    await q.query(`DROP TABLE wish`);
    await q.query(`DROP TABLE wish_settings`);
  }
}
