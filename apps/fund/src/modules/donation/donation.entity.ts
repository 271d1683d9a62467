import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Connection } from '@gongzhi/platform-graphql';
import { FenScalar } from '../ledger/fen.scalar';
import { ExpenseCategory } from '../ledger/ledger-account';

export enum DonorKind {
  MERCHANT = 'MERCHANT',
  RESIDENT = 'RESIDENT',
  VOLUNTEER_FUNDRAISING = 'VOLUNTEER_FUNDRAISING',
  COMMUNITY_SELF_RAISING = 'COMMUNITY_SELF_RAISING',
  ENTERPRISE = 'ENTERPRISE',
  GOVERNMENT = 'GOVERNMENT',
}
registerEnumType(DonorKind, {
  name: 'DonorKind',
  description: 'Merchant (爱心商家), resident, volunteer fundraising (志愿募捐), community self-raising (自筹), enterprise, government.',
});

/** A donation as the fund's bookkeepers see it, donor name included. */
@ObjectType({ description: 'A donation (捐赠) as the fund’s bookkeepers see it.' })
@Entity()
export class Donation {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  fundId!: string;

  @Field(() => ID)
  @Column('uuid')
  entryId!: string;

  @Field({ description: 'Receipt number (收据编号), sequential per fund and year.' })
  @Column('text')
  receiptNumber!: string;

  @Field(() => DonorKind)
  @Column('text')
  donorKind!: DonorKind;

  /** Shown by `DonationResolver.donorName`: field-authorized, and logged for anonymous donors. */
  @Column('text')
  donorName!: string;

  @Field({ description: 'Left off the public thank-you list by name.' })
  @Column('boolean')
  anonymous!: boolean;

  @Field(() => String, { nullable: true, description: 'The purpose a restricted donation may be spent on (定向); null: unrestricted.' })
  @Column('text', { nullable: true })
  restrictedTo!: string | null;

  @Field(() => ExpenseCategory, { nullable: true, description: 'The only expense category a restricted donation may be spent on; payments for other categories cannot touch it.' })
  @Column('text', { nullable: true })
  restrictedCategory!: ExpenseCategory | null;

  @Field(() => FenScalar)
  @Column('bigint')
  amountFen!: string;

  @Field()
  @Column('date')
  receivedOn!: string;

  @Column('text')
  recordedBy!: string;
}

@ObjectType()
export class DonationConnection extends Connection(Donation, 'Donation') {}

@ObjectType({ description: 'A line of the public thank-you list (鸣谢): anonymous donors appear without a name.' })
export class ThankYou {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  donorName!: string | null;

  @Field(() => DonorKind)
  donorKind!: DonorKind;

  @Field(() => FenScalar)
  amountFen!: string;

  @Field()
  receivedOn!: string;
}

@ObjectType()
export class ThankYouConnection extends Connection(ThankYou, 'ThankYou') {}
