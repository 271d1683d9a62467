import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches } from 'class-validator';
import { PageArgs } from '@gongzhi/platform-graphql';
import { FenScalar } from './fen.scalar';
import { LedgerAccountCode } from './ledger-account';

export enum PostingSide {
  DEBIT = 'DEBIT',
  CREDIT = 'CREDIT',
}
registerEnumType(PostingSide, { name: 'PostingSide', description: 'Debit (借) or credit (贷).' });

/** Every request that posts names a key of the caller's choosing; the same key again returns the first result. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;
export const IDEMPOTENCY_KEY_RULE = 'must be 1 to 200 printable ASCII characters without spaces';

@InputType()
export class PostingInput {
  @Field(() => LedgerAccountCode)
  account!: LedgerAccountCode;

  @Field(() => PostingSide)
  side!: PostingSide;

  @Field(() => FenScalar, { description: 'A positive amount in fen.' })
  amountFen!: bigint;
}

@InputType({ description: 'A manual journal entry (e.g. an opening balance or an adjustment); debits must equal credits.' })
export class PostJournalEntryInput {
  @Field(() => ID)
  fundId!: string;

  @Field({ description: 'Chosen by the caller; posting again with the same key returns the first entry.' })
  @Matches(IDEMPOTENCY_KEY, { message: IDEMPOTENCY_KEY_RULE })
  idempotencyKey!: string;

  @Field({ description: 'Public in disclosures: no personal data.' })
  @Length(1, 500, { message: 'must be 1 to 500 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  memo!: string;

  @Field(() => String, { nullable: true, description: 'Accounting date (YYYY-MM-DD); today in China when omitted.' })
  @IsOptional()
  effectiveDate?: string | null;

  @Field(() => [PostingInput])
  @ArrayMinSize(2, { message: 'a journal entry needs at least two postings' })
  @ArrayMaxSize(500, { message: 'a journal entry takes at most 500 postings' })
  lines!: PostingInput[];
}

@InputType({ description: 'Reverses (冲销) an entry by posting its mirror image; the original stays as it was.' })
export class ReverseJournalEntryInput {
  @Field(() => ID)
  fundId!: string;

  @Field(() => ID)
  entryId!: string;

  @Field()
  @Matches(IDEMPOTENCY_KEY, { message: IDEMPOTENCY_KEY_RULE })
  idempotencyKey!: string;

  @Field()
  @Length(1, 500, { message: 'must be 1 to 500 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  memo!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  effectiveDate?: string | null;
}

@ArgsType()
export class JournalEntriesArgs extends PageArgs {
  @Field(() => ID)
  fundId!: string;
}

@ArgsType()
export class PeriodArgs {
  @Field(() => ID)
  fundId!: string;

  @Field({ description: 'First day of the period (YYYY-MM-DD).' })
  from!: string;

  @Field({ description: 'Last day of the period (YYYY-MM-DD), inclusive.' })
  to!: string;
}
