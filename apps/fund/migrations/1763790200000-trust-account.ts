import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trust-based property accounts (信托制物业): dwellings and their areas (a copy fed by org's events), monthly
 * fee bills per dwelling, payments, and the monthly disclosures (公示) every owner may read line by line.
 * Disclosures are snapshots: once published they are not changed (corrections appear in a later month).
 */
export class FundTrustAccount1763790200000 implements MigrationInterface {
  name = 'FundTrustAccount1763790200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fund_dwelling (
        id uuid PRIMARY KEY,
        compound_id uuid NOT NULL,
        room_number text NOT NULL,
        exclusive_area bigint NOT NULL CHECK (exclusive_area >= 0),
        scope_path text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX fund_dwelling_compound_idx ON fund_dwelling (compound_id, id)`);
    await q.query(`
      CREATE TABLE fee_bill (
        id uuid PRIMARY KEY,
        fund_id uuid NOT NULL,
        dwelling_id uuid NOT NULL REFERENCES fund_dwelling (id),
        period text NOT NULL CHECK (period ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        exclusive_area bigint NOT NULL CHECK (exclusive_area >= 0),
        fee_fen_per_square_metre_month bigint NOT NULL CHECK (fee_fen_per_square_metre_month >= 0),
        amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
        entry_id uuid NOT NULL,
        CONSTRAINT fee_bill_once_per_month UNIQUE (fund_id, dwelling_id, period),
        CONSTRAINT fee_bill_entry FOREIGN KEY (entry_id, fund_id) REFERENCES journal_entry (id, fund_id)
      )`);
    await q.query(`CREATE INDEX fee_bill_dwelling_idx ON fee_bill (fund_id, dwelling_id)`);
    await q.query(`
      CREATE TABLE fee_payment (
        id uuid PRIMARY KEY,
        fund_id uuid NOT NULL,
        dwelling_id uuid NOT NULL REFERENCES fund_dwelling (id),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        paid_on date NOT NULL,
        entry_id uuid NOT NULL UNIQUE,
        CONSTRAINT fee_payment_entry FOREIGN KEY (entry_id, fund_id) REFERENCES journal_entry (id, fund_id)
      )`);
    await q.query(`CREATE INDEX fee_payment_dwelling_idx ON fee_payment (fund_id, dwelling_id)`);
    await q.query(`
      CREATE TABLE disclosure (
        id uuid PRIMARY KEY,
        fund_id uuid NOT NULL REFERENCES fund (id),
        owner_scope_path text NOT NULL,
        period text NOT NULL CHECK (period ~ '^\\d{4}-(0[1-9]|1[0-2])$'),
        income_fen bigint NOT NULL,
        expense_fen bigint NOT NULL,
        closing_cash_fen bigint NOT NULL,
        arrears_fen bigint,
        published_by text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT disclosure_once_per_month UNIQUE (fund_id, period)
      )`);
    await q.query(`CREATE INDEX disclosure_scope_idx ON disclosure (owner_scope_path text_pattern_ops, id)`);
    await q.query(`
      CREATE TABLE disclosure_line (
        id uuid PRIMARY KEY,
        disclosure_id uuid NOT NULL REFERENCES disclosure (id),
        entry_seq bigint NOT NULL,
        line_no smallint NOT NULL,
        effective_date date NOT NULL,
        direction text NOT NULL CHECK (direction IN ('INCOME', 'EXPENSE')),
        account_code text NOT NULL REFERENCES ledger_account (code),
        description text NOT NULL,
        amount_fen bigint NOT NULL,
        CONSTRAINT disclosure_line_unique UNIQUE (disclosure_id, entry_seq, line_no)
      )`);
    await q.query(`CREATE INDEX disclosure_line_disclosure_idx ON disclosure_line (disclosure_id, id)`);
    for (const table of ['disclosure', 'disclosure_line']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`);
      await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM PUBLIC`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE disclosure_line`);
    await q.query(`DROP TABLE disclosure`);
    await q.query(`DROP TABLE fee_payment`);
    await q.query(`DROP TABLE fee_bill`);
    await q.query(`DROP TABLE fund_dwelling`);
  }
}
