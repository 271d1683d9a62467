import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Restricted donations (定向捐赠) become checkable: a restricted donation names the expense category it may be
 * spent on, and every payment that uses restricted money records how much it released (`restricted_release`),
 * so a fund's restricted balance per category is exact whatever order donations and payments come in.
 * The category rule is NOT VALID for rows written before it: those donations keep a free-text purpose only and
 * restrict nothing (docs/fund.md).
 */
export class FundRestrictedDonations1763790500000 implements MigrationInterface {
  name = 'FundRestrictedDonations1763790500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE donation
        ADD COLUMN restricted_category text CHECK (restricted_category IN ('EVENTS', 'CLEANING', 'SECURITY', 'STAFF', 'UTILITIES', 'REPAIRS',
          'HELP_IN_NEED', 'POINTS_REDEMPTION', 'COMPANY_REMUNERATION', 'OTHER'))`);
    await q.query(`ALTER TABLE donation ADD CONSTRAINT donation_restriction_has_category CHECK ((restricted_to IS NULL) = (restricted_category IS NULL)) NOT VALID`);
    await q.query(`CREATE INDEX donation_restricted_idx ON donation (fund_id, restricted_category) WHERE restricted_category IS NOT NULL`);
    await q.query(`
      CREATE TABLE restricted_release (
        entry_id uuid PRIMARY KEY,
        fund_id uuid NOT NULL,
        category text NOT NULL,
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        CONSTRAINT restricted_release_entry FOREIGN KEY (entry_id, fund_id) REFERENCES journal_entry (id, fund_id)
      )`);
    await q.query(`CREATE INDEX restricted_release_fund_idx ON restricted_release (fund_id, category)`);
    await q.query(`CREATE TRIGGER restricted_release_append_only BEFORE UPDATE OR DELETE ON restricted_release FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON restricted_release FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE restricted_release`);
    await q.query(`DROP INDEX donation_restricted_idx`);
    await q.query(`ALTER TABLE donation DROP CONSTRAINT donation_restriction_has_category`);
    await q.query(`ALTER TABLE donation DROP COLUMN restricted_category`);
  }
}
