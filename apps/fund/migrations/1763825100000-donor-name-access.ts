import type { MigrationInterface, QueryRunner } from 'typeorm';
import { makeAppendOnly } from '@gongzhi/platform-db';

/**
 * The access log of anonymous donors' names: a donor who asked to stay off the public thank-you list is still
 * named to the fund's bookkeepers and auditors, and every such read is recorded here (who, which donation, when,
 * in which request). Like org's personal-data access log it is evidence: UPDATE, DELETE and TRUNCATE raise.
 */
export class FundDonorNameAccess1763825100000 implements MigrationInterface {
  name = 'FundDonorNameAccess1763825100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE donor_name_access (
        id uuid PRIMARY KEY,
        accessed_at timestamptz NOT NULL DEFAULT now(),
        request_id text NOT NULL,
        actor_sub text NOT NULL,
        actor_roles text[] NOT NULL,
        donation_id uuid NOT NULL REFERENCES donation (id),
        fund_id uuid NOT NULL,
        scope_path text NOT NULL
      )`);
    await q.query(`CREATE INDEX donor_name_access_scope_idx ON donor_name_access (scope_path text_pattern_ops, id)`);
    await q.query(`CREATE INDEX donor_name_access_fund_idx ON donor_name_access (fund_id, id)`);
    await makeAppendOnly(q, 'donor_name_access');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE donor_name_access`);
    await q.query(`DROP FUNCTION donor_name_access_append_only()`);
  }
}
