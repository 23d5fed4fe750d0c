import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every committed change to `org` notifies `xf_org_changed`, on every instance: what each instance
 * keeps of the tree (OrgDirectory's cache) is forgotten when any instance — or a migration, a seed, an
 * operator's SQL — changes an organisation.
 */
export class OrgChanged1733050000000 implements MigrationInterface {
  name = 'OrgChanged1733050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION org_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('xf_org_changed', '');
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER org_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org FOR EACH STATEMENT EXECUTE FUNCTION org_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS org_changed ON org`);
    await q.query(`DROP FUNCTION IF EXISTS org_changed()`);
  }
}
