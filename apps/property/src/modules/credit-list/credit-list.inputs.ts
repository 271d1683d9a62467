import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches, Min } from 'class-validator';
import { PageArgs } from '@gongzhi/platform-graphql';
import { CALENDAR_DATE } from '../../shared/calendar-date';
import { CreditListMembership } from './credit-score.entity';

@InputType({ description: 'Computes a district’s draft list for a period from the evidence and a published catalogue.' })
export class DraftCreditListInput {
  @Field({ description: 'The 6-digit district code.' })
  @Matches(/^\d{6}$/, { message: 'must be a 6-digit district code' })
  districtCode!: string;

  @Field({ description: 'The period’s name, unique in the district, e.g. 2026H1.' })
  @Length(1, 40, { message: 'must be 1 to 40 characters' })
  @Matches(/^[0-9A-Za-z-]+$/, { message: 'may hold only letters, digits and hyphens' })
  periodLabel!: string;

  @Field()
  @Matches(CALENDAR_DATE, { message: 'must be a date like 2026-01-01' })
  periodStart!: string;

  @Field()
  @Matches(CALENDAR_DATE, { message: 'must be a date like 2026-06-30' })
  periodEnd!: string;

  @Field(() => Int, { nullable: true, description: 'A published catalogue version; the latest published one when omitted.' })
  @IsOptional()
  @Min(1, { message: 'must be at least 1' })
  catalogueVersion?: number | null;
}

@InputType({ description: 'Puts a draft list under public notice (公示) until the given time.' })
export class StartCreditListNoticeInput {
  @Field(() => ID)
  listId!: string;

  @Field({ description: 'When the notice period ends; appeals are accepted until then.' })
  noticeEndsAt!: Date;
}

@InputType({ description: 'A company’s appeal against evidence counted in its score.' })
export class FileCreditAppealInput {
  @Field(() => ID)
  listId!: string;

  @Field(() => ID)
  companyId!: string;

  @Field()
  @Length(1, 2000, { message: 'must be 1 to 2000 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  reason!: string;

  @Field(() => [ID], { description: 'Evidence counted in the company’s score that it disputes.' })
  @ArrayMinSize(1, { message: 'must name at least one piece of evidence' })
  @ArrayMaxSize(100, { message: 'must name at most 100 pieces of evidence' })
  disputedEvidenceIds!: string[];
}

@InputType({ description: 'The district’s decision on an appeal.' })
export class DecideCreditAppealInput {
  @Field(() => ID)
  appealId!: string;

  @Field({ description: 'True upholds the appeal: the disputed evidence no longer counts in this list.' })
  upheld!: boolean;

  @Field()
  @Length(1, 2000, { message: 'must be 1 to 2000 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  reason!: string;
}

@ArgsType()
export class CreditListsArgs extends PageArgs {
  @Field({ description: 'The 6-digit district code.' })
  @Matches(/^\d{6}$/, { message: 'must be a 6-digit district code' })
  districtCode!: string;
}

@ArgsType()
export class CreditScoresArgs extends PageArgs {
  @Field(() => CreditListMembership, { nullable: true })
  membership?: CreditListMembership | null;
}

@ArgsType()
export class PublicCreditListArgs {
  @Field({ description: 'The 6-digit district code.' })
  @Matches(/^\d{6}$/, { message: 'must be a 6-digit district code' })
  districtCode!: string;

  @Field(() => String, { nullable: true, description: 'A period; the latest published one when omitted.' })
  @IsOptional()
  @Length(1, 40, { message: 'must be 1 to 40 characters' })
  periodLabel?: string | null;
}

@ArgsType()
export class PublicCreditEntriesArgs extends PageArgs {
  @Field(() => CreditListMembership, { nullable: true, description: 'RED or BLACK; both when omitted.' })
  list?: CreditListMembership | null;
}
