import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The claim limit kept by the database in one place: each member row carries how many wishes the
 * member holds claimed (`claims_held`), a trigger on wish keeps it, and the same trigger refuses a
 * claim that takes the member past the limit governing the wish's organisation.
 *
 * Before, a claim locked the member's row, counted their claimed wishes and only then moved the
 * wish: four statements inside the claim's transaction, and a burst of claims on a fresh wall held
 * connections for all of them. Now the move itself is the check. The counter's row lock still puts
 * one member's claims in a line, and each sees the count the one before it left.
 *
 * The limit is checked when a wish moves into `claimed` (a claim). Rows written already claimed
 * (imports, data generators) are counted but not refused.
 */
export class ClaimsHeld1733900000000 implements MigrationInterface {
  name = 'ClaimsHeld1733900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE member ADD COLUMN claims_held integer NOT NULL DEFAULT 0 CONSTRAINT member_claims_held_check CHECK (claims_held >= 0)`);
    await q.query(`
      UPDATE member m SET claims_held = c.n
        FROM (SELECT claimant_member_id AS id, count(*)::int AS n FROM wish WHERE status = 'claimed' GROUP BY 1) c
       WHERE m.id = c.id`);
    // The limit governing an organisation: its own setting, else the nearest ancestor's, else 3
    // (DEFAULT_CLAIM_LIMIT in wishes.repository.ts; a test holds the two equal).
    await q.query(`
      CREATE FUNCTION wish_claim_limit(org_path text) RETURNS integer LANGUAGE sql STABLE AS $$
        SELECT COALESCE((SELECT s.claim_limit FROM wish_settings s JOIN org so ON so.id = s.org_id
                          WHERE org_path LIKE so.path || '%' ORDER BY so.depth DESC LIMIT 1), 3)
      $$`);
    // SQLSTATE XF001 is ours: the service answers it with 409 CLAIM_LIMIT_REACHED; DETAIL holds the numbers.
    await q.query(`
      CREATE FUNCTION wish_claims_held() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
          was uuid := CASE WHEN TG_OP <> 'INSERT' AND OLD.status = 'claimed' THEN OLD.claimant_member_id END;
          now_by uuid := CASE WHEN TG_OP <> 'DELETE' AND NEW.status = 'claimed' THEN NEW.claimant_member_id END;
          held integer;
          lim integer;
        BEGIN
          IF was IS NOT DISTINCT FROM now_by THEN RETURN NULL; END IF;
          IF was IS NOT NULL THEN UPDATE member SET claims_held = claims_held - 1 WHERE id = was; END IF;
          IF now_by IS NOT NULL THEN
            UPDATE member SET claims_held = claims_held + 1 WHERE id = now_by RETURNING claims_held INTO held;
            IF TG_OP = 'UPDATE' AND OLD.status IS DISTINCT FROM 'claimed' THEN
              SELECT wish_claim_limit(o.path) INTO lim FROM org o WHERE o.id = NEW.org_id;
              IF held > lim THEN
                RAISE EXCEPTION 'claim limit reached' USING ERRCODE = 'XF001', DETAIL = json_build_object('held', held - 1, 'limit', lim)::text;
              END IF;
            END IF;
          END IF;
          RETURN NULL;
        END $$`);
    await q.query(`
      CREATE TRIGGER wish_claims_held AFTER INSERT OR DELETE OR UPDATE OF status, claimant_member_id ON wish
        FOR EACH ROW EXECUTE FUNCTION wish_claims_held()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS wish_claims_held ON wish`);
    await q.query(`DROP FUNCTION IF EXISTS wish_claims_held()`);
    await q.query(`DROP FUNCTION IF EXISTS wish_claim_limit(text)`);
    await q.query(`ALTER TABLE member DROP COLUMN IF EXISTS claims_held`);
  }
}
