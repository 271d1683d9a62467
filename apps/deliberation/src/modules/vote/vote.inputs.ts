import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, Matches } from 'class-validator';
import { PageArgs } from '@gongzhi/platform-graphql';
import { BallotChannel, BallotChoice } from './ballot.entity';
import { BallotMode, BallotSecrecy, DecisionClassEnum, VoteKind, VoteStatus, VoteSubjectType } from './vote.entity';

@InputType({ description: 'Opens a vote in a compound; for an owners’ joint decision the electorate is frozen now.' })
export class OpenVoteInput {
  @Field(() => ID)
  compoundId!: string;

  @Field(() => VoteKind)
  kind!: VoteKind;

  @Field(() => DecisionClassEnum, { defaultValue: DecisionClassEnum.ORDINARY })
  decisionClass!: DecisionClassEnum;

  @Field(() => VoteSubjectType, { defaultValue: VoteSubjectType.GENERAL, description: 'FUND_EXPENDITURE votes are opened by the fund service’s requests.' })
  subjectType!: VoteSubjectType;

  @Field(() => ID, { nullable: true, description: 'The property company to hire or dismiss.' })
  propertyCompanyId?: string | null;

  @Field()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 10000, { message: 'must be at most 10000 characters' })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'The matter the vote decides.' })
  matterId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'For a representative-assembly or committee vote: the self-governance body whose current members (as org appointed them) become the electorate, one ballot each.',
  })
  bodyId?: string | null;

  @Field(() => BallotMode, { defaultValue: BallotMode.YES_NO_ABSTAIN })
  ballotMode!: BallotMode;

  @Field(() => [String], { defaultValue: [], description: 'The options of a choice poll, 2 to 50.' })
  @ArrayMaxSize(50, { message: 'must list at most 50 options' })
  @Length(1, 200, { each: true, message: 'each option must be 1 to 200 characters' })
  options!: string[];

  @Field(() => BallotSecrecy, { defaultValue: BallotSecrecy.SECRET })
  secrecy!: BallotSecrecy;

  @Field({ description: 'When voting ends.' })
  closesAt!: Date;
}

@InputType({ description: 'One dwelling’s ballot, or one body member’s.' })
export class CastBallotInput {
  @Field(() => ID)
  voteId!: string;

  @Field(() => ID, { nullable: true, description: 'The dwelling voting (votes of a compound’s dwellings).' })
  dwellingId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The member voting, by org’s resident id (votes of a self-governance body).' })
  memberResidentId?: string | null;

  @Field(() => BallotChoice, { nullable: true, description: 'For yes/no/abstain votes.' })
  choice?: BallotChoice | null;

  @Field(() => [Int], { nullable: true, description: 'For choice polls: the positions of the chosen options.' })
  optionIndexes?: number[] | null;

  @Field(() => BallotChannel, { defaultValue: BallotChannel.ONLINE })
  channel!: BallotChannel;

  @Field(() => String, { nullable: true, description: 'Who witnessed a paper ballot (required for PAPER).' })
  @IsOptional()
  @Length(1, 100, { message: 'must be 1 to 100 characters' })
  witness?: string | null;

  @Field(() => String, { nullable: true, description: 'Who holds the owner’s written proxy (required for PROXY).' })
  @IsOptional()
  @Length(1, 100, { message: 'must be 1 to 100 characters' })
  proxyHolder?: string | null;
}

@ArgsType()
export class VotesArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  compoundId?: string | null;

  @Field(() => VoteStatus, { nullable: true })
  status?: VoteStatus | null;
}
