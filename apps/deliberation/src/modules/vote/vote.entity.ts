import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DecisionClass, VoteSubject } from '@gongzhi/contracts-events';
import { CompoundRef } from '@gongzhi/org-mirror';

export enum VoteKind {
  OWNERS_JOINT_DECISION = 'OWNERS_JOINT_DECISION',
  REPRESENTATIVE_ASSEMBLY = 'REPRESENTATIVE_ASSEMBLY',
  COMMITTEE_VOTE = 'COMMITTEE_VOTE',
  POLL = 'POLL',
}
registerEnumType(VoteKind, {
  name: 'VoteKind',
  description: 'Owners’ joint decision (业主共同决定, Civil Code art. 278), representative assembly (代表大会表决), committee vote, or a non-binding resident poll.',
});

export enum DecisionClassEnum {
  ORDINARY = 'ORDINARY',
  SPECIAL = 'SPECIAL',
}
registerEnumType(DecisionClassEnum, {
  name: 'DecisionClass',
  description: 'SPECIAL: art. 278 items 6–8 (raising maintenance funds, rebuilding, changing the use of common parts), ≥ 3/4; ORDINARY: more than half.',
});

export enum BallotMode {
  YES_NO_ABSTAIN = 'YES_NO_ABSTAIN',
  SINGLE_CHOICE = 'SINGLE_CHOICE',
  MULTIPLE_CHOICE = 'MULTIPLE_CHOICE',
}
registerEnumType(BallotMode, { name: 'BallotMode', description: 'Yes/no/abstain, or one or several of the listed options (polls).' });

export enum BallotSecrecy {
  ROLL_CALL = 'ROLL_CALL',
  SECRET = 'SECRET',
}
registerEnumType(BallotSecrecy, { name: 'BallotSecrecy', description: 'Roll-call votes show who chose what; secret votes show only the tally.' });

export enum BodyKind {
  OWNERS_COMMITTEE = 'OWNERS_COMMITTEE',
  PROPERTY_MANAGEMENT_COMMITTEE = 'PROPERTY_MANAGEMENT_COMMITTEE',
  SELF_MANAGEMENT_GROUP = 'SELF_MANAGEMENT_GROUP',
  PROMOTION_ASSOCIATION = 'PROMOTION_ASSOCIATION',
  NEIGHBOURHOOD_ASSOCIATION = 'NEIGHBOURHOOD_ASSOCIATION',
  VOLUNTEER_TEAM = 'VOLUNTEER_TEAM',
  MEDIATION_TEAM = 'MEDIATION_TEAM',
}
registerEnumType(BodyKind, {
  name: 'GovernanceBodyKind',
  description:
    'Owners\' committee (业委会), property-management committee (物管会), self-management group (自管小组), promotion association (促进会), neighbourhood association (街坊会), volunteer team (志愿服务队) or mediation team (帮帮团/调解队).',
});

export enum VoteStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(VoteStatus, { name: 'VoteStatus' });

export enum VoteSubjectType {
  GENERAL = 'GENERAL',
  FUND_EXPENDITURE = 'FUND_EXPENDITURE',
  HIRE_PROPERTY_COMPANY = 'HIRE_PROPERTY_COMPANY',
  DISMISS_PROPERTY_COMPANY = 'DISMISS_PROPERTY_COMPANY',
}
registerEnumType(VoteSubjectType, { name: 'VoteSubjectType', description: 'What the vote decides, so the service that asked for it can act on the result.' });

export enum ThresholdMeasure {
  PARTICIPATING_AREA = 'PARTICIPATING_AREA',
  PARTICIPATING_HEADCOUNT = 'PARTICIPATING_HEADCOUNT',
  APPROVING_AREA = 'APPROVING_AREA',
  APPROVING_HEADCOUNT = 'APPROVING_HEADCOUNT',
}
registerEnumType(ThresholdMeasure, { name: 'ThresholdMeasure' });

export enum ThresholdComparison {
  AT_LEAST = 'AT_LEAST',
  MORE_THAN = 'MORE_THAN',
}
registerEnumType(ThresholdComparison, { name: 'ThresholdComparison', description: 'AT_LEAST: 以上, the boundary counts; MORE_THAN: 过半数, it does not (Civil Code art. 1259).' });

@ObjectType({ description: 'Counted totals; areas in hundredths of a m², headcounts per Civil Code art. 278 counting rules.' })
export class VoteTotals {
  @Field(() => GraphQLSafeInt) electorateArea!: number;
  @Field(() => Int) electorateHeadcount!: number;
  @Field(() => GraphQLSafeInt) participatingArea!: number;
  @Field(() => Int) participatingHeadcount!: number;
  @Field(() => GraphQLSafeInt) approvingArea!: number;
  @Field(() => Int) approvingHeadcount!: number;
}

@ObjectType({ description: 'One threshold of the rule, the counted value, its base, and whether it was met.' })
export class ThresholdCheckType {
  @Field(() => ThresholdMeasure) measure!: ThresholdMeasure;
  @Field(() => GraphQLSafeInt) value!: number;
  @Field(() => GraphQLSafeInt) base!: number;
  @Field(() => Int) numerator!: number;
  @Field(() => Int) denominator!: number;
  @Field(() => ThresholdComparison) comparison!: ThresholdComparison;
  @Field() met!: boolean;
}

@ObjectType({ description: 'Ballots per choice, counted by dwelling.' })
export class ChoiceCounts {
  @Field(() => Int) yes!: number;
  @Field(() => Int) no!: number;
  @Field(() => Int) abstain!: number;
}

@ObjectType({ description: 'The tally of a closed vote, explaining itself: totals, every threshold and whether it was met.' })
export class VoteResult {
  @Field() passed!: boolean;
  @Field() participationMet!: boolean;
  @Field() approvalMet!: boolean;
  @Field(() => VoteTotals) totals!: VoteTotals;
  @Field(() => [ThresholdCheckType], { description: 'Empty for votes that are not owners’ joint decisions.' }) participation!: ThresholdCheckType[];
  @Field(() => [ThresholdCheckType]) approval!: ThresholdCheckType[];
  @Field(() => ChoiceCounts, { nullable: true }) choices!: ChoiceCounts | null;
  @Field(() => [Int], { description: 'Ballots naming each option, in option order (polls).' }) optionCounts!: number[];
}

/** A vote (表决) in a compound, with its electorate frozen when it opened. */
@ObjectType({ description: 'A vote (表决) in a compound; the electorate is frozen when it opens.' })
@Entity()
export class Vote {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  compoundId!: string;

  @Column('text')
  scopePath!: string;

  @Field(() => VoteKind)
  @Column('text')
  kind!: VoteKind;

  @Field(() => DecisionClassEnum)
  @Column('text')
  decisionClass!: DecisionClass;

  @Column('jsonb')
  subject!: VoteSubject;

  @Field()
  @Column('text')
  title!: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The self-governance body whose members vote (representative assembly 代表大会, committee); null when the compound’s dwellings vote.',
  })
  @Column('uuid', { nullable: true })
  bodyId!: string | null;

  @Field(() => BodyKind, { nullable: true })
  @Column('text', { nullable: true })
  bodyKind!: BodyKind | null;

  @Field(() => ID, { nullable: true, description: 'The matter the vote decides, when there is one.' })
  @Column('uuid', { nullable: true })
  matterId!: string | null;

  @Column('uuid', { nullable: true })
  fundRequestId!: string | null;

  @Field(() => BallotMode)
  @Column('text')
  ballotMode!: BallotMode;

  @Field(() => [String], { description: 'The options of a choice poll, in order; empty for yes/no/abstain.' })
  @Column('text', { array: true })
  options!: string[];

  @Field(() => BallotSecrecy)
  @Column('text')
  secrecy!: BallotSecrecy;

  @Field(() => VoteStatus)
  @Column('text')
  status!: VoteStatus;

  @Column('text')
  openedBy!: string;

  @Field()
  @Column('timestamptz')
  openedAt!: Date;

  @Field()
  @Column('timestamptz')
  closesAt!: Date;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  closedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'The result is on public notice (公示) until then.' })
  @Column('timestamptz', { nullable: true })
  noticeUntil!: Date | null;

  @Field(() => VoteResult, { nullable: true, description: 'Set once the vote is closed and tallied.' })
  @Column('jsonb', { nullable: true })
  result!: VoteResult | null;

  @Field(() => VoteSubjectType)
  subjectType(): VoteSubjectType {
    return this.subject.type as VoteSubjectType;
  }

  @Field(() => ID, { nullable: true, description: 'The fund whose expenditure is decided (FUND_EXPENDITURE).' })
  fundId(): string | null {
    return this.subject.type === 'FUND_EXPENDITURE' ? this.subject.fundId : null;
  }

  @Field(() => ID, { nullable: true, description: 'The property company to hire or dismiss.' })
  propertyCompanyId(): string | null {
    return this.subject.type === 'HIRE_PROPERTY_COMPANY' || this.subject.type === 'DISMISS_PROPERTY_COMPANY' ? this.subject.companyId : null;
  }

  @Field(() => CompoundRef)
  compound(): CompoundRef {
    return { id: this.compoundId };
  }
}
