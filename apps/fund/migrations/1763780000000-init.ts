import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FundInit1763780000000 implements MigrationInterface {
  name = 'FundInit1763780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fund (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        kind text NOT NULL CHECK (kind IN ('COMMUNITY_MICRO_FUND', 'TRUST_PROPERTY_ACCOUNT', 'VOLUNTEER_POINTS')),
        owner_scope_path text NOT NULL,
        compound_id uuid,
        community_code text,
        opened_by text NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((compound_id IS NULL) <> (community_code IS NULL)),
        CHECK (kind <> 'TRUST_PROPERTY_ACCOUNT' OR compound_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX fund_compound_idx ON fund (compound_id, id) WHERE compound_id IS NOT NULL`);
    await q.query(`CREATE INDEX fund_scope_idx ON fund (owner_scope_path text_pattern_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE fund`);
  }
}
