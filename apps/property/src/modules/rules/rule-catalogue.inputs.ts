import { ArgsType, Field, InputType } from 'type-graphql';
import { Matches } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { PageArgs } from '@gongzhi/platform-graphql';

@InputType({ description: 'A new draft version of a district’s rule catalogue.' })
export class DraftRuleCatalogueInput {
  @Field({ description: 'The 6-digit district code.' })
  @Matches(/^\d{6}$/, { message: 'must be a 6-digit district code' })
  districtCode!: string;

  @Field(() => GraphQLJSONObject, { description: 'The rules; see docs/property.md for their shape. Points are hundredths.' })
  rules!: Record<string, unknown>;
}

@ArgsType()
export class RuleCataloguesArgs extends PageArgs {
  @Field({ description: 'The 6-digit district code.' })
  @Matches(/^\d{6}$/, { message: 'must be a 6-digit district code' })
  districtCode!: string;
}
