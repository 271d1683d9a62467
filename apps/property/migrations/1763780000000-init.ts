import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PropertyInit1763780000000 implements MigrationInterface {
  name = 'PropertyInit1763780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE property_company (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        credit_code text NOT NULL UNIQUE CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
        district_code text NOT NULL CHECK (district_code ~ '^\\d{6}$'),
        scope_path text NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX property_company_scope_idx ON property_company (scope_path text_pattern_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE property_company`);
  }
}
