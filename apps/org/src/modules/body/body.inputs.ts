import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { Length, Matches } from 'class-validator';
import { PageArgs } from '@gongzhi/platform-graphql';
import { BodyGroupKind, BodyPost, GovernanceBodyKind } from './body.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'must be a date like 2026-03-01';

@InputType({ description: 'A new self-governance body; owners’ committees, property-management committees and self-management groups belong to a compound.' })
export class CreateGovernanceBodyInput {
  @Field(() => GovernanceBodyKind)
  kind!: GovernanceBodyKind;

  @Field({ description: 'The 12-digit code of the community.' })
  @Matches(/^\d{12}$/, { message: 'must be a 12-digit community code' })
  communityCode!: string;

  @Field(() => ID, { nullable: true, description: 'The compound the body acts for.' })
  compoundId?: string | null;

  @Field()
  @Length(1, 100, { message: 'must be 1 to 100 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  name!: string;
}

@InputType({ description: 'A term of office of a body; terms of one body never overlap.' })
export class AddBodyTermInput {
  @Field(() => ID)
  bodyId!: string;

  @Field({ description: 'ISO date of the first day.' })
  @Matches(DATE, { message: DATE_MESSAGE })
  startsOn!: string;

  @Field({ description: 'ISO date of the first day after the term.' })
  @Matches(DATE, { message: DATE_MESSAGE })
  endsOn!: string;
}

@InputType({ description: 'A term filed (备案) with an authority.' })
export class FileBodyTermInput {
  @Field(() => ID)
  termId!: string;

  @Field({ description: 'ISO date of the filing.' })
  @Matches(DATE, { message: DATE_MESSAGE })
  filedOn!: string;

  @Field({ description: 'The authority, e.g. 龙泉街道办事处.' })
  @Length(1, 100, { message: 'must be 1 to 100 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  authority!: string;
}

@InputType({ description: 'A council, board of supervisors or working group of a promotion association.' })
export class AddBodyGroupInput {
  @Field(() => ID)
  bodyId!: string;

  @Field(() => BodyGroupKind)
  kind!: BodyGroupKind;

  @Field()
  @Length(1, 50, { message: 'must be 1 to 50 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  name!: string;
}

@InputType({ description: 'A resident of the body’s community appointed to a post.' })
export class AppointBodyMemberInput {
  @Field(() => ID)
  bodyId!: string;

  @Field(() => ID)
  residentId!: string;

  @Field(() => BodyPost)
  post!: BodyPost;

  @Field(() => ID, { nullable: true, description: 'The council, supervisors or working group the post is in.' })
  groupId?: string | null;

  @Field({ description: 'ISO date, e.g. 2026-03-01.' })
  @Matches(DATE, { message: DATE_MESSAGE })
  appointedOn!: string;
}

@InputType({ description: 'A member leaving their post.' })
export class RemoveBodyMemberInput {
  @Field(() => ID)
  memberId!: string;

  @Field({ description: 'ISO date, e.g. 2026-09-30.' })
  @Matches(DATE, { message: DATE_MESSAGE })
  removedOn!: string;
}

@ArgsType()
export class GovernanceBodiesArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Narrow to this scope path inside your scopes.' })
  scope?: string | null;

  @Field(() => GovernanceBodyKind, { nullable: true })
  kind?: GovernanceBodyKind | null;
}

@ArgsType()
export class BodyMembersArgs extends PageArgs {
  @Field({ defaultValue: false, description: 'Include members who have left their posts.' })
  includeRemoved!: boolean;
}
