import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Connection } from '@gongzhi/platform-graphql';
import { FenScalar } from '../ledger/fen.scalar';

/** How many points an hour of one kind of volunteer service earns in a program (积分规则). */
@ObjectType({ description: 'A points rule (积分规则): points earned per hour of one activity type in a volunteer-points program.' })
export class PointsRule {
  @Field(() => ID)
  programId!: string;

  @Field({ description: 'An activity type code of the district (PATROL, CLEANUP, ELDERLY_CARE, …).' })
  activityType!: string;

  @Field(() => Int)
  pointsPerHour!: number;

  @Field()
  setAt!: Date;
}

/** Something a resident can get for points, paid by a community micro-fund (积分兑换目录). */
@ObjectType({ description: 'An item of a program’s redemption catalogue (积分兑换目录), paid for by a community micro-fund.' })
@Entity()
export class PointsCatalogueItem {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  programId!: string;

  @Field()
  @Column('text')
  name!: string;

  @Field(() => Int, { description: 'Points one redemption costs the resident.' })
  @Column('integer')
  pointsCost!: number;

  @Field(() => ID, { description: 'The community micro-fund that pays for each redemption.' })
  @Column('uuid')
  payingFundId!: string;

  @Field(() => FenScalar, { description: 'What the paying fund spends per redemption.' })
  @Column('bigint')
  priceFen!: string;

  @Field({ description: 'False once withdrawn from the catalogue; past redemptions keep it.' })
  @Column('boolean')
  available!: boolean;

  @Field()
  @Column('timestamptz')
  addedAt!: Date;

  @Column('text')
  addedBy!: string;
}

@ObjectType()
export class PointsCatalogueItemConnection extends Connection(PointsCatalogueItem, 'PointsCatalogueItem') {}

/** A resident's redemption of points for a catalogue item (积分兑换), booked in the paying fund's ledger. */
@ObjectType({ description: 'A redemption (积分兑换): points a resident spent on a catalogue item, and the paying fund’s ledger entry.' })
@Entity()
export class PointsRedemption {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  programId!: string;

  @Field()
  @Column('text')
  idempotencyKey!: string;

  @Field(() => ID)
  @Column('uuid')
  residentId!: string;

  @Field(() => ID)
  @Column('uuid')
  itemId!: string;

  @Field(() => Int)
  @Column('integer')
  points!: number;

  @Field(() => ID)
  @Column('uuid')
  payingFundId!: string;

  @Field(() => FenScalar)
  @Column('bigint')
  amountFen!: string;

  @Field(() => ID, { description: 'The paying fund’s journal entry (expense of points redemption against cash).' })
  @Column('uuid')
  entryId!: string;

  @Field()
  @Column('date')
  redeemedOn!: string;

  @Column('text')
  redeemedBy!: string;
}

@ObjectType()
export class PointsRedemptionConnection extends Connection(PointsRedemption, 'PointsRedemption') {}

/** A resident's points in one program; earned = redeemed + expired + available, always. */
@ObjectType({ description: 'A resident’s points in a program today: earned = redeemed + expired + available.' })
export class PointsBalance {
  /** The resident id, which is also the cursor key. */
  id!: string;

  @Field(() => ID)
  programId!: string;

  @Field(() => ID)
  residentId!: string;

  @Field(() => Int)
  earnedPoints!: number;

  @Field(() => Int)
  redeemedPoints!: number;

  @Field(() => Int, { description: 'Points that reached their expiry date unspent.' })
  expiredPoints!: number;

  @Field(() => Int, { description: 'Points that can be redeemed today.' })
  availablePoints!: number;

  @Field(() => String, { nullable: true, description: 'The earliest date on which some available points expire (YYYY-MM-DD).' })
  nextExpiryOn!: string | null;
}

@ObjectType()
export class PointsBalanceConnection extends Connection(PointsBalance, 'PointsBalance') {}
