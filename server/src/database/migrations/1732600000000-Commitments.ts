import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Commitments1732600000000 implements MigrationInterface {
  name = 'Commitments1732600000000';

  async up(q: QueryRunner): Promise<void> {
    // The status moves only through conditional UPDATEs (commitment-state.ts); the CHECKs repeat the
    // limits the API validates so that no other writer can store what the API would refuse.
    await q.query(`
      CREATE TABLE commitment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_type text NOT NULL CHECK (owner_type IN ('member','branch')),
        owner_member_id uuid REFERENCES member(id),
        org_id uuid NOT NULL REFERENCES org(id),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 50),
        content text NOT NULL CHECK (char_length(content) BETWEEN 1 AND 2000),
        items jsonb NOT NULL CHECK (jsonb_typeof(items) = 'array' AND jsonb_array_length(items) BETWEEN 1 AND 10),
        due_on date NOT NULL,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','pending_review','published','fulfilled','withdrawn')),
        return_reason text CHECK (char_length(return_reason) <= 500),
        content_held boolean NOT NULL DEFAULT false,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        published_at timestamptz,
        fulfilled_at timestamptz,
        CHECK ((owner_type = 'member') = (owner_member_id IS NOT NULL))
      )`);
    // Lists page on (created_at DESC, id DESC); the other indexes serve the filters.
    await q.query(`CREATE INDEX commitment_page_idx ON commitment (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX commitment_org_idx ON commitment (org_id, status)`);
    await q.query(`CREATE INDEX commitment_owner_member_idx ON commitment (owner_member_id) WHERE owner_member_id IS NOT NULL`);
    await q.query(`CREATE INDEX commitment_created_by_idx ON commitment (created_by)`);
    // Every step of the lifecycle (and every clearing of held content): the audit trail for the work
    // ledger, and the id that makes each event's notification happen exactly once.
    await q.query(`
      CREATE TABLE commitment_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        commitment_id uuid NOT NULL REFERENCES commitment(id) ON DELETE CASCADE,
        action text NOT NULL,
        from_status text NOT NULL,
        to_status text NOT NULL,
        reason text,
        actor_user_id uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX commitment_event_commitment_idx ON commitment_event (commitment_id, created_at)`);
    await q.query(`
      CREATE TABLE commitment_progress (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        commitment_id uuid NOT NULL REFERENCES commitment(id) ON DELETE CASCADE,
        text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 1000),
        photos jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(photos) = 'array' AND jsonb_array_length(photos) <= 9),
        content_held boolean NOT NULL DEFAULT false,
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX commitment_progress_commitment_idx ON commitment_progress (commitment_id, created_at)`);
    // One review per reviewer per kind on a commitment: the unique constraint, not a check in code,
    // is what keeps it so when the same reviewer posts twice at once.
    await q.query(`
      CREATE TABLE commitment_review (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        commitment_id uuid NOT NULL REFERENCES commitment(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('org','peer','public')),
        reviewer_user_id uuid NOT NULL REFERENCES app_user(id),
        score int NOT NULL CHECK (score BETWEEN 1 AND 5),
        comment text NOT NULL DEFAULT '' CHECK (char_length(comment) <= 500),
        content_held boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT commitment_review_once UNIQUE (commitment_id, kind, reviewer_user_id)
      )`);
    await q.query(`CREATE INDEX commitment_review_commitment_idx ON commitment_review (commitment_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['commitment_review', 'commitment_progress', 'commitment_event', 'commitment']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
