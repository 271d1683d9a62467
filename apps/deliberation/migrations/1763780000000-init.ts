import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DeliberationInit1763780000000 implements MigrationInterface {
  name = 'DeliberationInit1763780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE matter (
        id uuid PRIMARY KEY,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        description text,
        category text NOT NULL,
        status text NOT NULL CHECK (status IN ('RAISED', 'DELIBERATING', 'DECIDED', 'IN_PROGRESS', 'EVALUATING', 'CLOSED', 'REJECTED', 'MERGED', 'ESCALATED')),
        compound_id uuid NOT NULL,
        scope_path text NOT NULL,
        raised_by text NOT NULL,
        raised_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX matter_compound_idx ON matter (compound_id, id)`);
    await q.query(`CREATE INDEX matter_scope_idx ON matter (scope_path text_pattern_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE matter`);
  }
}
