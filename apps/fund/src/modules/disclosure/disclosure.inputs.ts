import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { Matches } from 'class-validator';
import { PageArgs } from '@gongzhi/platform-graphql';
import { PERIOD, PERIOD_RULE } from '../trust-account/trust-account.inputs';

@InputType({ description: 'Publishes a fund’s disclosure for a month; publishing the same month again returns the first.' })
export class PublishDisclosureInput {
  @Field(() => ID)
  fundId!: string;

  @Field({ description: 'YYYY-MM' })
  @Matches(PERIOD, { message: PERIOD_RULE })
  period!: string;
}

@ArgsType()
export class DisclosuresArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'One fund’s disclosures; every readable fund’s when omitted.' })
  fundId?: string | null;
}
