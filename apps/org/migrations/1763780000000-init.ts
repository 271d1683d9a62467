import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrgInit1763780000000 implements MigrationInterface {
  name = 'OrgInit1763780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE area (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^(\\d{6}|\\d{9}|\\d{12})$'),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        level text NOT NULL CHECK (level IN ('DISTRICT', 'STREET', 'COMMUNITY')),
        parent_id uuid REFERENCES area (id),
        scope_path text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((level = 'DISTRICT') = (parent_id IS NULL))
      )`);
    await q.query(`CREATE INDEX area_scope_idx ON area (scope_path text_pattern_ops)`);
    await q.query(`CREATE INDEX area_parent_idx ON area (parent_id)`);
    await q.query(`
      CREATE TABLE compound (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^\\d{15}$'),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        community_id uuid NOT NULL REFERENCES area (id),
        type text NOT NULL CHECK (type IN ('COMMODITY_HOUSING', 'RESETTLEMENT', 'OLD_COMPOUND', 'WORK_UNIT')),
        management_mode text NOT NULL CHECK (management_mode IN ('PROPERTY_COMPANY', 'SELF_MANAGED', 'TRUST_BASED', 'NONE')),
        built_year integer CHECK (built_year BETWEEN 1900 AND 2100),
        land_area integer CHECK (land_area > 0),
        scope_path text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (community_id, name)
      )`);
    await q.query(`CREATE INDEX compound_scope_idx ON compound (scope_path text_pattern_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE compound`);
    await q.query(`DROP TABLE area`);
  }
}
