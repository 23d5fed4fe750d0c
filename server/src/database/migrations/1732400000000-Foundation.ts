import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1732400000000 implements MigrationInterface {
  name = 'Foundation1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        openid text NOT NULL UNIQUE,
        unionid text,
        nickname text CHECK (char_length(nickname) <= 64),
        avatar_url text,
        is_admin boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz
      )`);
    // Materialised path of ids: subtree = path LIKE '<path>%' on a text_pattern_ops index; ancestors
    // are read off the path itself. See docs/architecture.md for why not ltree or a closure table.
    await q.query(`
      CREATE TABLE org (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        type text NOT NULL CHECK (type IN ('committee','general_branch','branch','community')),
        parent_id uuid REFERENCES org(id),
        path text NOT NULL UNIQUE,
        depth int NOT NULL CHECK (depth >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((parent_id IS NULL) = (depth = 0))
      )`);
    await q.query(`CREATE INDEX org_path_prefix_idx ON org (path text_pattern_ops)`);
    await q.query(`CREATE INDEX org_parent_idx ON org (parent_id, name)`);
    await q.query(`
      CREATE TABLE staff_grant (
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        org_id uuid NOT NULL REFERENCES org(id) ON DELETE CASCADE,
        granted_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, org_id)
      )`);
    await q.query(`CREATE INDEX staff_grant_org_idx ON staff_grant (org_id)`);
    await q.query(`
      CREATE TABLE member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        org_id uuid NOT NULL REFERENCES org(id),
        user_id uuid UNIQUE REFERENCES app_user(id),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 50),
        gender text NOT NULL CHECK (gender IN ('male','female')),
        birthday date NOT NULL,
        joined_party_on date NOT NULL CHECK (joined_party_on > birthday),
        work_started_on date CHECK (work_started_on IS NULL OR work_started_on > birthday),
        status text NOT NULL CHECK (status IN ('full','probationary')),
        post_kind text CHECK (post_kind IN ('demonstration','vanguard','responsibility_zone')),
        post_title text CHECK (char_length(post_title) <= 50),
        duties text CHECK (char_length(duties) <= 500),
        photo_url text CHECK (char_length(photo_url) <= 500),
        phone text CHECK (char_length(phone) <= 20),
        show_phone boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX member_org_idx ON member (org_id, name, id)`);
    await q.query(`
      CREATE TABLE member_org_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        from_org_id uuid NOT NULL REFERENCES org(id),
        to_org_id uuid NOT NULL REFERENCES org(id),
        moved_by uuid REFERENCES app_user(id),
        moved_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX member_org_history_member_idx ON member_org_history (member_id, moved_at)`);
    await q.query(`
      CREATE TABLE bind_code (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code_hash text NOT NULL UNIQUE,
        member_id uuid NOT NULL REFERENCES member(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        used_by uuid REFERENCES app_user(id),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX bind_code_member_idx ON bind_code (member_id)`);
    // One WeChat access token per app, shared by every server instance.
    await q.query(`
      CREATE TABLE wechat_access_token (
        app_id text PRIMARY KEY,
        access_token text NOT NULL,
        expires_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE upload (
        key text PRIMARY KEY,
        user_id uuid REFERENCES app_user(id),
        content_type text NOT NULL,
        size int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['upload', 'wechat_access_token', 'bind_code', 'member_org_history', 'member', 'staff_grant', 'org', 'app_user']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
