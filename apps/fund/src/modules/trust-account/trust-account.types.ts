import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from '@gongzhi/platform-graphql';
import { FenScalar } from '../ledger/fen.scalar';

@ObjectType({ description: 'One month’s fee bills (物业费账单) for every dwelling of a trust account’s compound.' })
export class BillingRun {
  @Field(() => ID)
  fundId!: string;

  @Field()
  period!: string;

  @Field(() => Int)
  bills!: number;

  @Field(() => FenScalar)
  totalFen!: bigint;

  @Field(() => ID)
  entryId!: string;
}

@ObjectType({ description: 'A property-fee payment by or for one dwelling.' })
export class FeePayment {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  dwellingId!: string;

  @Field(() => FenScalar)
  amountFen!: string;

  @Field()
  paidOn!: string;

  @Field(() => ID)
  entryId!: string;
}

@ObjectType({ description: 'What one dwelling has been billed and has paid (欠费).' })
export class DwellingArrears {
  @Field(() => ID)
  id!: string;

  @Field()
  roomNumber!: string;

  @Field(() => FenScalar)
  billedFen!: bigint;

  @Field(() => FenScalar)
  paidFen!: bigint;

  @Field(() => FenScalar)
  arrearsFen!: bigint;
}

@ObjectType()
export class DwellingArrearsConnection extends Connection(DwellingArrears, 'DwellingArrears') {}
