import { registerEnumType } from 'type-graphql';

/**
 * The chart of accounts (会计科目) every fund's ledger uses; the `ledger_account` table holds the same codes,
 * and postings reference it. Income is split by source and expenses by category so statements need no mapping.
 */
export enum LedgerAccountCode {
  CASH = 'CASH',
  FEES_RECEIVABLE = 'FEES_RECEIVABLE',
  PAYABLES = 'PAYABLES',
  POINTS_PAYABLE = 'POINTS_PAYABLE',
  NET_ASSETS = 'NET_ASSETS',
  INCOME_DONATION_MERCHANT = 'INCOME_DONATION_MERCHANT',
  INCOME_DONATION_RESIDENT = 'INCOME_DONATION_RESIDENT',
  INCOME_DONATION_VOLUNTEER_FUNDRAISING = 'INCOME_DONATION_VOLUNTEER_FUNDRAISING',
  INCOME_DONATION_COMMUNITY_SELF_RAISING = 'INCOME_DONATION_COMMUNITY_SELF_RAISING',
  INCOME_DONATION_ENTERPRISE = 'INCOME_DONATION_ENTERPRISE',
  INCOME_DONATION_GOVERNMENT = 'INCOME_DONATION_GOVERNMENT',
  INCOME_PROPERTY_FEES = 'INCOME_PROPERTY_FEES',
  INCOME_COMMON_AREA = 'INCOME_COMMON_AREA',
  INCOME_OTHER = 'INCOME_OTHER',
  EXPENSE_EVENTS = 'EXPENSE_EVENTS',
  EXPENSE_CLEANING = 'EXPENSE_CLEANING',
  EXPENSE_SECURITY = 'EXPENSE_SECURITY',
  EXPENSE_STAFF = 'EXPENSE_STAFF',
  EXPENSE_UTILITIES = 'EXPENSE_UTILITIES',
  EXPENSE_REPAIRS = 'EXPENSE_REPAIRS',
  EXPENSE_HELP_IN_NEED = 'EXPENSE_HELP_IN_NEED',
  EXPENSE_POINTS_REDEMPTION = 'EXPENSE_POINTS_REDEMPTION',
  EXPENSE_COMPANY_REMUNERATION = 'EXPENSE_COMPANY_REMUNERATION',
  EXPENSE_OTHER = 'EXPENSE_OTHER',
}
registerEnumType(LedgerAccountCode, { name: 'LedgerAccountCode', description: 'An account of the chart every fund ledger uses (会计科目).' });

export enum LedgerAccountType {
  ASSET = 'ASSET',
  LIABILITY = 'LIABILITY',
  NET_ASSETS = 'NET_ASSETS',
  INCOME = 'INCOME',
  EXPENSE = 'EXPENSE',
}
registerEnumType(LedgerAccountType, { name: 'LedgerAccountType' });

/** What spending is for (支出类别): each maps to one expense account. */
export enum ExpenseCategory {
  EVENTS = 'EVENTS',
  CLEANING = 'CLEANING',
  SECURITY = 'SECURITY',
  STAFF = 'STAFF',
  UTILITIES = 'UTILITIES',
  REPAIRS = 'REPAIRS',
  HELP_IN_NEED = 'HELP_IN_NEED',
  POINTS_REDEMPTION = 'POINTS_REDEMPTION',
  COMPANY_REMUNERATION = 'COMPANY_REMUNERATION',
  OTHER = 'OTHER',
}
registerEnumType(ExpenseCategory, {
  name: 'ExpenseCategory',
  description: 'Events, cleaning (保洁), security (秩序维护), staff, utilities (公共水电), repairs, help for people in need (困难帮扶), points redemption, the property company’s fixed remuneration (酬金), other.',
});

export function expenseAccount(category: ExpenseCategory): LedgerAccountCode {
  return LedgerAccountCode[`EXPENSE_${category}`];
}

export enum JournalEntryKind {
  MANUAL = 'MANUAL',
  REVERSAL = 'REVERSAL',
  DONATION = 'DONATION',
  EXPENDITURE_PAYMENT = 'EXPENDITURE_PAYMENT',
  FEE_BILLING = 'FEE_BILLING',
  FEE_PAYMENT = 'FEE_PAYMENT',
  PROPERTY_EXPENSE = 'PROPERTY_EXPENSE',
  POINTS_REDEMPTION = 'POINTS_REDEMPTION',
}
registerEnumType(JournalEntryKind, { name: 'JournalEntryKind', description: 'What business event a journal entry (记账凭证) records.' });
