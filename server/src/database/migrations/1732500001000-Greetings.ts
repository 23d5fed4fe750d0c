import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Greetings1732500001000 implements MigrationInterface {
  name = 'Greetings1732500001000';

  async up(q: QueryRunner): Promise<void> {
    // month*100+day of a date, immutable so it can be indexed: the daily scan looks up today's
    // month-day (and 229 on 28 February of a non-leap year) through these indexes.
    await q.query(`CREATE FUNCTION md(d date) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE
                   AS $$ SELECT (extract(month FROM d) * 100 + extract(day FROM d))::int $$`);
    await q.query(`CREATE INDEX member_birthday_md_idx ON member (md(birthday))`);
    await q.query(`CREATE INDEX member_joined_md_idx ON member (md(joined_party_on))`);
    await q.query(`CREATE INDEX member_work_md_idx ON member (md(work_started_on)) WHERE work_started_on IS NOT NULL`);
    await q.query(`
      CREATE TABLE greeting_settings (
        org_id uuid PRIMARY KEY REFERENCES org(id) ON DELETE CASCADE,
        birthday_template text NOT NULL CHECK (char_length(birthday_template) BETWEEN 1 AND 300),
        political_birthday_template text NOT NULL CHECK (char_length(political_birthday_template) BETWEEN 1 AND 300),
        auto_send boolean NOT NULL DEFAULT false,
        send_hour int NOT NULL DEFAULT 9 CHECK (send_hour BETWEEN 0 AND 23),
        updated_by uuid REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Exactly one greeting per member, kind and year, whatever path creates it.
    await q.query(`
      CREATE TABLE greeting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('political_birthday','birthday')),
        year int NOT NULL,
        occasion_on date NOT NULL,
        years int NOT NULL CHECK (years >= 1),
        message text NOT NULL CHECK (char_length(message) BETWEEN 1 AND 500),
        org_id uuid NOT NULL REFERENCES org(id),
        org_name text NOT NULL,
        sent_by uuid REFERENCES app_user(id),
        sent_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        UNIQUE (member_id, kind, year)
      )`);
    await q.query(`CREATE INDEX greeting_member_idx ON greeting (member_id, sent_at DESC)`);
    await q.query(`CREATE INDEX greeting_org_sent_idx ON greeting (org_id, sent_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE greeting`);
    await q.query(`DROP TABLE greeting_settings`);
    await q.query(`DROP INDEX member_work_md_idx`);
    await q.query(`DROP INDEX member_joined_md_idx`);
    await q.query(`DROP INDEX member_birthday_md_idx`);
    await q.query(`DROP FUNCTION md(date)`);
  }
}
