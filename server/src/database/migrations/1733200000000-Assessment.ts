import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 评星定级 (assessment schemes, scores, the history of superior score changes, published results),
 * 擂台比武 (contests, rounds, judges, scores) and 民主评议 (member reviews). Every "one per …" is a
 * key or a unique index, so concurrent requests cannot break it.
 */
export class Assessment1733200000000 implements MigrationInterface {
  name = 'Assessment1733200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assessment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 50),
        period_from date NOT NULL,
        period_to date NOT NULL CHECK (period_to >= period_from),
        indicators jsonb NOT NULL CHECK (jsonb_typeof(indicators) = 'array'),
        stars jsonb NOT NULL CHECK (jsonb_typeof(stars) = 'array'),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','started','published')),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX assessment_org_idx ON assessment (org_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX assessment_published_idx ON assessment (org_id, published_at DESC) WHERE status = 'published'`);
    // One row per child and judged indicator: the branch's self-score with its evidence, the superior's score.
    await q.query(`
      CREATE TABLE assessment_score (
        assessment_id uuid NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
        org_id uuid NOT NULL REFERENCES org(id),
        indicator_key text NOT NULL,
        self_score numeric(8,2) CHECK (self_score >= 0),
        evidence text CHECK (char_length(evidence) <= 1000),
        evidence_photos jsonb NOT NULL DEFAULT '[]',
        self_by uuid REFERENCES app_user(id),
        self_at timestamptz,
        superior_score numeric(8,2) CHECK (superior_score >= 0),
        superior_by uuid REFERENCES app_user(id),
        superior_at timestamptz,
        PRIMARY KEY (assessment_id, org_id, indicator_key)
      )`);
    await q.query(`
      CREATE TABLE assessment_score_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assessment_id uuid NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
        org_id uuid NOT NULL REFERENCES org(id),
        indicator_key text NOT NULL,
        from_score numeric(8,2) NOT NULL,
        to_score numeric(8,2) NOT NULL,
        reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 200),
        changed_by uuid NOT NULL REFERENCES app_user(id),
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX assessment_score_change_idx ON assessment_score_change (assessment_id, org_id, changed_at)`);
    // Written once, when the results are published: the automatic scores as they were then, final.
    await q.query(`
      CREATE TABLE assessment_result (
        assessment_id uuid NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
        org_id uuid NOT NULL REFERENCES org(id),
        rank int NOT NULL,
        total numeric(10,2) NOT NULL,
        stars int NOT NULL CHECK (stars BETWEEN 0 AND 5),
        indicators jsonb NOT NULL,
        PRIMARY KEY (assessment_id, org_id)
      )`);

    await q.query(`
      CREATE TABLE contest (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id),
        title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 50),
        status text NOT NULL DEFAULT 'running' CHECK (status IN ('running','ended')),
        judge_code text,
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        CHECK ((status = 'running') = (judge_code IS NOT NULL))
      )`);
    // A code names one running contest; an ended contest's code is void (NULL) and may be drawn again.
    await q.query(`CREATE UNIQUE INDEX contest_judge_code_idx ON contest (judge_code) WHERE judge_code IS NOT NULL`);
    await q.query(`CREATE INDEX contest_org_idx ON contest (org_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE contest_round (
        contest_id uuid NOT NULL REFERENCES contest(id) ON DELETE CASCADE,
        org_id uuid NOT NULL REFERENCES org(id),
        position int NOT NULL CHECK (position >= 1),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','open','closed')),
        opened_at timestamptz,
        closed_at timestamptz,
        PRIMARY KEY (contest_id, org_id),
        UNIQUE (contest_id, position)
      )`);
    // One open round per contest.
    await q.query(`CREATE UNIQUE INDEX contest_round_one_open_idx ON contest_round (contest_id) WHERE status = 'open'`);
    await q.query(`
      CREATE TABLE contest_judge (
        contest_id uuid NOT NULL REFERENCES contest(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id),
        joined_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz,
        PRIMARY KEY (contest_id, user_id)
      )`);
    // One score per judge per round: the key; a judge changing their mind updates the row.
    await q.query(`
      CREATE TABLE contest_score (
        contest_id uuid NOT NULL,
        org_id uuid NOT NULL,
        judge_user_id uuid NOT NULL,
        score numeric(4,1) NOT NULL CHECK (score BETWEEN 0 AND 100),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (contest_id, org_id, judge_user_id),
        FOREIGN KEY (contest_id, org_id) REFERENCES contest_round(contest_id, org_id) ON DELETE CASCADE,
        FOREIGN KEY (contest_id, judge_user_id) REFERENCES contest_judge(contest_id, user_id) ON DELETE CASCADE
      )`);
    // Every change a big screen shows wakes the screens of every instance, on commit.
    await q.query(`
      CREATE FUNCTION contest_live_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('xf_contest', COALESCE(NEW.contest_id, OLD.contest_id)::text);
        RETURN NULL;
      END $$`);
    for (const table of ['contest_score', 'contest_round', 'contest_judge']) {
      await q.query(`CREATE TRIGGER ${table}_live AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION contest_live_notify()`);
    }
    await q.query(`
      CREATE FUNCTION contest_live_notify_self() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('xf_contest', NEW.id::text);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER contest_live AFTER UPDATE ON contest FOR EACH ROW EXECUTE FUNCTION contest_live_notify_self()`);

    await q.query(`
      CREATE TABLE member_review (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        period text NOT NULL CHECK (period ~ '^[0-9]{4}(Q[1-4])?$'),
        kind text NOT NULL CHECK (kind IN ('org','peer','public')),
        reviewer_user_id uuid NOT NULL REFERENCES app_user(id),
        score int NOT NULL CHECK (score BETWEEN 1 AND 5),
        comment text NOT NULL DEFAULT '' CHECK (char_length(comment) <= 500),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT member_review_once UNIQUE (member_id, period, kind, reviewer_user_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE member_review`);
    await q.query(`DROP TABLE contest_score, contest_judge, contest_round, contest`);
    await q.query(`DROP FUNCTION contest_live_notify(), contest_live_notify_self()`);
    await q.query(`DROP TABLE assessment_result, assessment_score_change, assessment_score, assessment`);
  }
}
