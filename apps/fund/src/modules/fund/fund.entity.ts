import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { FenScalar } from '../ledger/fen.scalar';

export enum FundKind {
  COMMUNITY_MICRO_FUND = 'COMMUNITY_MICRO_FUND',
  TRUST_PROPERTY_ACCOUNT = 'TRUST_PROPERTY_ACCOUNT',
  VOLUNTEER_POINTS = 'VOLUNTEER_POINTS',
}
registerEnumType(FundKind, {
  name: 'FundKind',
  description:
    'Community micro-fund (社区微基金, owned by a community), trust-based property account (信托制物业账户, owned by a compound\'s owners) or volunteer-points program (志愿服务积分, per community).',
});

/** A fund: the owner of a ledger, belonging to a community or to a compound's owners. */
@ObjectType({ description: 'A fund: a community micro-fund, a trust-based property account or a volunteer-points program.' })
@Entity()
export class Fund {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field()
  @Column('text')
  name!: string;

  @Field(() => FundKind)
  @Column('text')
  kind!: FundKind;

  @Field({ description: 'Scope path of the community or compound that owns the fund.' })
  @Column('text')
  ownerScopePath!: string;

  @Column('uuid', { nullable: true })
  compoundId!: string | null;

  @Field(() => String, { nullable: true, description: 'The owning community, for community-level funds.' })
  @Column('text', { nullable: true })
  communityCode!: string | null;

  @Column('text')
  openedBy!: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  openedAt!: Date;

  @Field(() => String, { nullable: true, description: 'The charity federation or foundation that legally holds a micro-fund’s money (its fiscal host).' })
  @Column('text', { nullable: true })
  hostName!: string | null;

  @Field(() => Int, { description: 'How many fund-committee members (基金管理委员会) must approve an expenditure (N of M).' })
  @Column('integer')
  approvalsRequired!: number;

  @Field(() => FenScalar, { nullable: true, description: 'Expenditures of at least this amount also need an owners’ vote; null: never.' })
  @Column('bigint', { nullable: true })
  voteThresholdFen!: string | null;

  @Field(() => FenScalar, { nullable: true, description: 'Trust-based property accounts: the fee standard in fen per m² of exclusive area per month.' })
  @Column('bigint', { nullable: true })
  feeFenPerSquareMetreMonth!: string | null;

  @Field(() => FenScalar, { nullable: true, description: 'Trust-based property accounts: the property company’s fixed monthly remuneration (酬金).' })
  @Column('bigint', { nullable: true })
  remunerationFenPerMonth!: string | null;

  @Field(() => Int, { nullable: true, description: 'Volunteer-points programs: days after which earned points expire; null: never.' })
  @Column('integer', { nullable: true })
  pointsValidityDays!: number | null;
}
