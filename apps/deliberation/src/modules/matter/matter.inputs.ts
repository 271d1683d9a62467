import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { IsOptional, Length, Matches } from 'class-validator';
import { PageArgs } from '@gongzhi/platform-graphql';
import { MatterCategory, MatterChannel, MatterStatus } from './matter.entity';

@InputType({ description: 'A matter raised by a resident or on their behalf.' })
export class RaiseMatterInput {
  @Field(() => ID)
  compoundId!: string;

  @Field()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 5000, { message: 'must be at most 5000 characters' })
  description?: string | null;

  @Field(() => MatterCategory)
  category!: MatterCategory;

  @Field(() => MatterChannel, { nullable: true, description: 'How the matter came in; self-report when not given. The QR channel is raiseMatterWithIntakeCode.' })
  channel?: MatterChannel | null;

  @Field(() => String, { nullable: true, description: 'The city hotline (12345) ticket number; required for the CITY_HOTLINE channel.' })
  @IsOptional()
  @Length(1, 64, { message: 'must be 1 to 64 characters' })
  hotlineTicket?: string | null;
}

@InputType({ description: 'A matter raised through a compound’s QR code (码上办), without logging in.' })
export class RaiseMatterWithIntakeCodeInput {
  @Field({ description: 'The signed code printed in the QR image.' })
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  code!: string;

  @Field()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 5000, { message: 'must be at most 5000 characters' })
  description?: string | null;

  @Field(() => MatterCategory)
  category!: MatterCategory;
}

@InputType({ description: 'Moves a matter one step on in its lifecycle.' })
export class MoveMatterInput {
  @Field(() => ID)
  matterId!: string;

  @Field(() => MatterStatus, { description: 'The status to move to; escalation is escalateMatter.' })
  to!: MatterStatus;

  @Field(() => String, { nullable: true, description: 'Why; required to reject or merge.' })
  @IsOptional()
  @Length(1, 2000, { message: 'must be 1 to 2000 characters' })
  reason?: string | null;

  @Field(() => String, { nullable: true, description: 'Who carries the matter out, when moving to IN_PROGRESS.' })
  @IsOptional()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  handler?: string | null;

  @Field(() => ID, { nullable: true, description: 'The property company handling the matter, when there is one.' })
  propertyCompanyId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The matter this one is merged into; required to merge.' })
  mergedIntoId?: string | null;
}

@InputType({ description: 'Hands a matter up one handling level (compound → community → street).' })
export class EscalateMatterInput {
  @Field(() => ID)
  matterId!: string;

  @Field()
  @Length(1, 2000, { message: 'must be 1 to 2000 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  reason!: string;
}

@ArgsType()
export class MattersArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  compoundId?: string | null;

  @Field(() => MatterStatus, { nullable: true })
  status?: MatterStatus | null;
}

@ArgsType()
export class CompoundMattersArgs extends PageArgs {
  @Field(() => MatterStatus, { nullable: true })
  status?: MatterStatus | null;
}

@ArgsType()
export class OverdueMattersArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'A scope path to narrow to (inside your scopes), e.g. a community.' })
  scope?: string | null;
}
