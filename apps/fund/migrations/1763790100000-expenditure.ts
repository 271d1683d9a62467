import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Expenditure requests and their N-of-M approvals by the fund committee (基金管理委员会). The database itself
 * refuses a decision by the requester (the decision row carries the requester through a composite foreign key
 * and a CHECK compares them), a decision by anyone outside the committee, and an approved or paid
 * expenditure that needed an owners' vote without one having passed.
 */
export class FundExpenditure1763790100000 implements MigrationInterface {
  name = 'FundExpenditure1763790100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE fund_committee_member (
        fund_id uuid NOT NULL REFERENCES fund (id),
        member text NOT NULL CHECK (length(member) > 0),
        appointed_by text NOT NULL,
        appointed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (fund_id, member)
      )`);
    await q.query(`
      CREATE TABLE expenditure (
        id uuid PRIMARY KEY,
        fund_id uuid NOT NULL REFERENCES fund (id),
        idempotency_key text NOT NULL,
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        category text NOT NULL,
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        payee text NOT NULL CHECK (length(btrim(payee)) > 0),
        attachments text[] NOT NULL DEFAULT '{}',
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        approvals_required integer NOT NULL CHECK (approvals_required > 0),
        vote_required boolean NOT NULL,
        vote_compound_id uuid,
        vote_outcome text CHECK (vote_outcome IN ('PASSED', 'FAILED')),
        status text NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'PAID', 'REJECTED')),
        decided_at timestamptz,
        paid_entry_id uuid,
        paid_on date,
        CONSTRAINT expenditure_idempotency_key_unique UNIQUE (fund_id, idempotency_key),
        CONSTRAINT expenditure_id_requester_unique UNIQUE (id, requested_by),
        CONSTRAINT expenditure_id_fund_unique UNIQUE (id, fund_id),
        CONSTRAINT expenditure_paid_entry FOREIGN KEY (paid_entry_id, fund_id) REFERENCES journal_entry (id, fund_id),
        CONSTRAINT expenditure_paid_has_entry CHECK ((status = 'PAID') = (paid_entry_id IS NOT NULL AND paid_on IS NOT NULL)),
        CONSTRAINT expenditure_vote_has_compound CHECK (NOT vote_required OR vote_compound_id IS NOT NULL),
        CONSTRAINT expenditure_vote_passed_before_approval
          CHECK (status NOT IN ('APPROVED', 'PAID') OR NOT vote_required OR vote_outcome = 'PASSED')
      )`);
    await q.query(`CREATE INDEX expenditure_fund_idx ON expenditure (fund_id, id)`);
    await q.query(`
      CREATE TABLE expenditure_decision (
        expenditure_id uuid NOT NULL,
        fund_id uuid NOT NULL,
        requested_by text NOT NULL,
        member text NOT NULL,
        decision text NOT NULL CHECK (decision IN ('APPROVE', 'REJECT')),
        comment text,
        decided_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (expenditure_id, member),
        CONSTRAINT expenditure_decision_requester FOREIGN KEY (expenditure_id, requested_by) REFERENCES expenditure (id, requested_by),
        CONSTRAINT expenditure_decision_fund FOREIGN KEY (expenditure_id, fund_id) REFERENCES expenditure (id, fund_id),
        CONSTRAINT expenditure_decision_by_committee FOREIGN KEY (fund_id, member) REFERENCES fund_committee_member (fund_id, member),
        CONSTRAINT expenditure_decision_not_by_requester CHECK (member <> requested_by)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE expenditure_decision`);
    await q.query(`DROP TABLE expenditure`);
    await q.query(`DROP TABLE fund_committee_member`);
  }
}
