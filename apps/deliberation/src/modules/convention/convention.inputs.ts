import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { Length, Matches } from 'class-validator';
import { PageArgs } from '@gongzhi/platform-graphql';
import { BallotSecrecy } from '../vote/vote.entity';
import { ConventionKind } from './convention.entity';

@InputType({ description: 'Drafts a new convention or statute for a compound (version 1).' })
export class DraftConventionInput {
  @Field(() => ID)
  compoundId!: string;

  @Field(() => ConventionKind)
  kind!: ConventionKind;

  @Field()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  title!: string;

  @Field()
  @Length(1, 100_000, { message: 'must be 1 to 100000 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  body!: string;
}

@InputType({ description: 'Drafts the next version of a convention.' })
export class ReviseConventionInput {
  @Field(() => ID)
  conventionId!: string;

  @Field()
  @Length(1, 100_000, { message: 'must be 1 to 100000 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  body!: string;
}

@InputType({ description: 'Puts a drafted version to the vote that adopts it.' })
export class PutConventionToVoteInput {
  @Field(() => ID)
  versionId!: string;

  @Field()
  closesAt!: Date;

  @Field(() => BallotSecrecy, { defaultValue: BallotSecrecy.SECRET })
  secrecy!: BallotSecrecy;
}

@ArgsType()
export class ConventionsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  compoundId?: string | null;
}
