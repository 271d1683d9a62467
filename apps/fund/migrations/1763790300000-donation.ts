import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Donations (捐赠) with their receipt numbers; each is one ledger entry, so a donation cannot exist unbooked. */
export class FundDonation1763790300000 implements MigrationInterface {
  name = 'FundDonation1763790300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE donation (
        id uuid PRIMARY KEY,
        fund_id uuid NOT NULL REFERENCES fund (id),
        entry_id uuid NOT NULL UNIQUE,
        receipt_number text NOT NULL,
        donor_kind text NOT NULL CHECK (donor_kind IN ('MERCHANT', 'RESIDENT', 'VOLUNTEER_FUNDRAISING', 'COMMUNITY_SELF_RAISING', 'ENTERPRISE', 'GOVERNMENT')),
        donor_name text NOT NULL CHECK (length(btrim(donor_name)) > 0),
        anonymous boolean NOT NULL,
        restricted_to text CHECK (restricted_to IS NULL OR length(btrim(restricted_to)) > 0),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        received_on date NOT NULL,
        recorded_by text NOT NULL,
        CONSTRAINT donation_receipt_unique UNIQUE (fund_id, receipt_number),
        CONSTRAINT donation_entry FOREIGN KEY (entry_id, fund_id) REFERENCES journal_entry (id, fund_id)
      )`);
    await q.query(`CREATE INDEX donation_fund_idx ON donation (fund_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE donation`);
  }
}
