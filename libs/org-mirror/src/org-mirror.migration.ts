import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrgMirror1763700100000 implements MigrationInterface {
  name = 'OrgMirror1763700100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE org_node (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('DISTRICT', 'STREET', 'COMMUNITY', 'COMPOUND')),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        parent_id uuid,
        scope_path text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX org_node_scope_idx ON org_node (scope_path text_pattern_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE org_node`);
  }
}
