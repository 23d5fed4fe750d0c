import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Instance-wide settings every instance on the database shares, e.g. the generated JWT secret of a local start. */
export class AppSettings1732800000000 implements MigrationInterface {
  name = 'AppSettings1732800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_setting (
        key text PRIMARY KEY CHECK (char_length(key) BETWEEN 1 AND 100),
        value text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE app_setting`);
  }
}
