import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The double-entry ledger (复式记账). Its invariants live here, in the database, so that no code path and no
 * operator with a SQL prompt can break them unnoticed:
 * - every journal entry has at least two postings summing to zero fen, checked at COMMIT by a deferred
 *   constraint trigger (the postings of one entry are inserted one by one inside the transaction);
 * - entries and postings are append-only: UPDATE, DELETE and TRUNCATE raise, and are revoked from PUBLIC;
 *   corrections are reversing entries;
 * - an idempotency key is unique per fund, and each entry's sequence number is unique per fund;
 * - `ledger_head` holds each fund's chain head (last sequence number and hash); posting locks it, so the
 *   postings of one fund serialise and every entry's `prev_hash` is the hash of the entry before it.
 */
export class FundLedger1763790000000 implements MigrationInterface {
  name = 'FundLedger1763790000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE fund
        ADD COLUMN host_name text CHECK (host_name IS NULL OR length(btrim(host_name)) > 0),
        ADD COLUMN approvals_required integer NOT NULL DEFAULT 2 CHECK (approvals_required BETWEEN 1 AND 15),
        ADD COLUMN vote_threshold_fen bigint CHECK (vote_threshold_fen > 0),
        ADD COLUMN fee_fen_per_square_metre_month bigint CHECK (fee_fen_per_square_metre_month >= 0),
        ADD COLUMN remuneration_fen_per_month bigint CHECK (remuneration_fen_per_month >= 0),
        ADD COLUMN points_validity_days integer CHECK (points_validity_days > 0)`);

    await q.query(`
      CREATE TABLE ledger_account (
        code text PRIMARY KEY,
        type text NOT NULL CHECK (type IN ('ASSET', 'LIABILITY', 'NET_ASSETS', 'INCOME', 'EXPENSE')),
        name text NOT NULL
      )`);
    await q.query(`
      INSERT INTO ledger_account (code, type, name) VALUES
        ('CASH', 'ASSET', '银行存款 Cash at bank'),
        ('FEES_RECEIVABLE', 'ASSET', '应收物业费 Property fees receivable'),
        ('PAYABLES', 'LIABILITY', '应付款项 Payables'),
        ('POINTS_PAYABLE', 'LIABILITY', '应付积分兑换 Points redemptions payable'),
        ('NET_ASSETS', 'NET_ASSETS', '净资产 Net assets'),
        ('INCOME_DONATION_MERCHANT', 'INCOME', '爱心商家捐赠 Merchant donations'),
        ('INCOME_DONATION_RESIDENT', 'INCOME', '居民捐赠 Resident donations'),
        ('INCOME_DONATION_VOLUNTEER_FUNDRAISING', 'INCOME', '志愿募捐 Volunteer fundraising'),
        ('INCOME_DONATION_COMMUNITY_SELF_RAISING', 'INCOME', '社区自筹 Community self-raising'),
        ('INCOME_DONATION_ENTERPRISE', 'INCOME', '企业捐赠 Enterprise donations'),
        ('INCOME_DONATION_GOVERNMENT', 'INCOME', '政府资助 Government funding'),
        ('INCOME_PROPERTY_FEES', 'INCOME', '物业费收入 Property fees'),
        ('INCOME_COMMON_AREA', 'INCOME', '公共收益 Common-area income'),
        ('INCOME_OTHER', 'INCOME', '其他收入 Other income'),
        ('EXPENSE_EVENTS', 'EXPENSE', '活动支出 Events'),
        ('EXPENSE_CLEANING', 'EXPENSE', '保洁 Cleaning'),
        ('EXPENSE_SECURITY', 'EXPENSE', '秩序维护 Security'),
        ('EXPENSE_STAFF', 'EXPENSE', '人员 Staff'),
        ('EXPENSE_UTILITIES', 'EXPENSE', '公共水电 Utilities'),
        ('EXPENSE_REPAIRS', 'EXPENSE', '维修 Repairs'),
        ('EXPENSE_HELP_IN_NEED', 'EXPENSE', '困难帮扶 Help for people in need'),
        ('EXPENSE_POINTS_REDEMPTION', 'EXPENSE', '积分兑换 Volunteer-points redemption'),
        ('EXPENSE_COMPANY_REMUNERATION', 'EXPENSE', '物业酬金 Company remuneration'),
        ('EXPENSE_OTHER', 'EXPENSE', '其他支出 Other expenses')`);

    await q.query(`
      CREATE TABLE ledger_head (
        fund_id uuid PRIMARY KEY REFERENCES fund (id),
        last_seq bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
        last_hash text NOT NULL DEFAULT repeat('0', 64) CHECK (last_hash ~ '^[0-9a-f]{64}$')
      )`);

    await q.query(`
      CREATE TABLE journal_entry (
        id uuid PRIMARY KEY,
        fund_id uuid NOT NULL REFERENCES fund (id),
        seq bigint NOT NULL CHECK (seq > 0),
        idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('MANUAL', 'REVERSAL', 'DONATION', 'EXPENDITURE_PAYMENT', 'FEE_BILLING',
          'FEE_PAYMENT', 'PROPERTY_EXPENSE', 'POINTS_REDEMPTION')),
        memo text NOT NULL CHECK (length(btrim(memo)) > 0),
        effective_date date NOT NULL,
        reverses_entry_id uuid,
        posted_by text NOT NULL,
        posted_at timestamptz NOT NULL,
        prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT journal_entry_seq_unique UNIQUE (fund_id, seq),
        CONSTRAINT journal_entry_idempotency_key_unique UNIQUE (fund_id, idempotency_key),
        CONSTRAINT journal_entry_id_fund_unique UNIQUE (id, fund_id),
        CONSTRAINT journal_entry_reversed_once UNIQUE (reverses_entry_id),
        CONSTRAINT journal_entry_reverses_same_fund FOREIGN KEY (reverses_entry_id, fund_id) REFERENCES journal_entry (id, fund_id),
        CHECK ((kind = 'REVERSAL') = (reverses_entry_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX journal_entry_period_idx ON journal_entry (fund_id, effective_date)`);

    await q.query(`
      CREATE TABLE posting (
        entry_id uuid NOT NULL,
        line_no smallint NOT NULL CHECK (line_no > 0),
        fund_id uuid NOT NULL,
        account_code text NOT NULL REFERENCES ledger_account (code),
        amount_fen bigint NOT NULL CHECK (amount_fen <> 0),
        PRIMARY KEY (entry_id, line_no),
        CONSTRAINT posting_entry_same_fund FOREIGN KEY (entry_id, fund_id) REFERENCES journal_entry (id, fund_id)
      )`);
    await q.query(`CREATE INDEX posting_account_idx ON posting (fund_id, account_code)`);

    // Debits are positive and credits negative, so "balanced" is a plain sum of zero.
    await q.query(`
      CREATE FUNCTION journal_entry_must_balance() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        entry uuid;
        lines integer;
        total numeric;
      BEGIN
        IF TG_TABLE_NAME = 'posting' THEN
          entry := NEW.entry_id;
        ELSE
          entry := NEW.id;
        END IF;
        SELECT count(*), coalesce(sum(amount_fen), 0) INTO lines, total FROM posting WHERE entry_id = entry;
        IF lines < 2 OR total <> 0 THEN
          RAISE EXCEPTION 'journal entry % does not balance: % postings summing to % fen', entry, lines, total
            USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_entry_balanced';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER journal_entry_balanced AFTER INSERT ON journal_entry
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_must_balance()`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER posting_balanced AFTER INSERT ON posting
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_must_balance()`);

    await q.query(`
      CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: post a reversing entry instead of %', TG_TABLE_NAME, lower(TG_OP)
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['journal_entry', 'posting']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ledger_append_only()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only()`);
      await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM PUBLIC`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE posting`);
    await q.query(`DROP TABLE journal_entry`);
    await q.query(`DROP FUNCTION ledger_append_only()`);
    await q.query(`DROP FUNCTION journal_entry_must_balance()`);
    await q.query(`DROP TABLE ledger_head`);
    await q.query(`DROP TABLE ledger_account`);
    await q.query(`
      ALTER TABLE fund DROP COLUMN host_name, DROP COLUMN approvals_required, DROP COLUMN vote_threshold_fen,
        DROP COLUMN fee_fen_per_square_metre_month, DROP COLUMN remuneration_fen_per_month, DROP COLUMN points_validity_days`);
  }
}
