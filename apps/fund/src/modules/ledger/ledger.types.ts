import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '@gongzhi/platform-graphql';
import { FenScalar } from './fen.scalar';
import { JournalEntryKind, LedgerAccountCode, LedgerAccountType } from './ledger-account';

@ObjectType({ description: 'One line of a journal entry: an amount debited or credited to one account.' })
export class Posting {
  @Field(() => Int)
  lineNo!: number;

  @Field(() => LedgerAccountCode)
  account!: LedgerAccountCode;

  @Field(() => FenScalar, { description: 'Debit (借方) amount; "0" on a credit line.' })
  debitFen!: bigint;

  @Field(() => FenScalar, { description: 'Credit (贷方) amount; "0" on a debit line.' })
  creditFen!: bigint;
}

@ObjectType({ description: 'A journal entry (记账凭证): balanced postings, append-only and hash-chained per fund.' })
export class JournalEntry {
  @Field(() => ID)
  id!: string;

  fundId!: string;

  @Field({ description: 'Position in the fund’s chain, from 1 without gaps.' })
  seq!: string;

  @Field()
  idempotencyKey!: string;

  @Field(() => JournalEntryKind)
  kind!: JournalEntryKind;

  @Field({ description: 'What the entry records; public in disclosures, so it carries no personal data.' })
  memo!: string;

  @Field({ description: 'The accounting date (YYYY-MM-DD) that periods and statements use.' })
  effectiveDate!: string;

  @Field(() => ID, { nullable: true, description: 'The entry this one reverses (冲销).' })
  reversesEntryId!: string | null;

  @Field()
  postedBy!: string;

  @Field()
  postedAt!: Date;

  @Field({ description: 'sha256 of the previous entry’s hash and this entry’s canonical content.' })
  hash!: string;

  @Field()
  prevHash!: string;
}

@ObjectType()
export class JournalEntryConnection extends Connection(JournalEntry, 'JournalEntry') {}

@ObjectType({ description: 'An account’s debits, credits and balance over a period.' })
export class AccountBalance {
  @Field(() => LedgerAccountCode)
  account!: LedgerAccountCode;

  @Field(() => LedgerAccountType)
  type!: LedgerAccountType;

  @Field()
  name!: string;

  @Field(() => FenScalar)
  debitFen!: bigint;

  @Field(() => FenScalar)
  creditFen!: bigint;

  @Field(() => FenScalar, { description: 'Debits minus credits: positive for assets and expenses, negative for the rest.' })
  balanceFen!: bigint;
}

@ObjectType({ description: 'Every account’s debits and credits over a period (试算平衡表); they always total equal.' })
export class TrialBalance {
  @Field(() => ID)
  fundId!: string;

  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field(() => [AccountBalance], { description: 'The accounts with postings in the period, by code (the chart is fixed and small).' })
  accounts!: AccountBalance[];

  @Field(() => FenScalar)
  totalDebitFen!: bigint;

  @Field(() => FenScalar)
  totalCreditFen!: bigint;
}

export enum LedgerProblem {
  HASH_MISMATCH = 'HASH_MISMATCH',
  BROKEN_LINK = 'BROKEN_LINK',
  SEQUENCE_GAP = 'SEQUENCE_GAP',
  UNBALANCED = 'UNBALANCED',
  HEAD_MISMATCH = 'HEAD_MISMATCH',
}
registerEnumType(LedgerProblem, {
  name: 'LedgerProblem',
  description:
    'HASH_MISMATCH: an entry’s content no longer matches its hash; BROKEN_LINK: its prev_hash is not the previous hash; SEQUENCE_GAP: an entry is missing; UNBALANCED: its postings do not sum to zero; HEAD_MISMATCH: the chain head does not match the last entry (entries removed from the end).',
});

@ObjectType({ description: 'The result of recomputing a fund’s hash chain from its first entry.' })
export class LedgerVerification {
  @Field(() => ID)
  fundId!: string;

  @Field()
  intact!: boolean;

  @Field(() => Int)
  entriesChecked!: number;

  @Field(() => ID, { nullable: true, description: 'The first entry whose content or link is broken.' })
  brokenEntryId!: string | null;

  @Field(() => String, { nullable: true })
  brokenEntrySeq!: string | null;

  @Field(() => LedgerProblem, { nullable: true })
  problem!: LedgerProblem | null;
}
