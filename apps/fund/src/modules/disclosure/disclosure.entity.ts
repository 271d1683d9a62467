import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Connection } from '@gongzhi/platform-graphql';
import { FenScalar } from '../ledger/fen.scalar';
import { LedgerAccountCode } from '../ledger/ledger-account';

export enum DisclosureDirection {
  INCOME = 'INCOME',
  EXPENSE = 'EXPENSE',
}
registerEnumType(DisclosureDirection, { name: 'DisclosureDirection' });

/** A fund's monthly public disclosure (公示), a snapshot of its income and expenses; no personal data. */
@ObjectType({ description: 'A fund’s monthly public disclosure (公示): every income and expense line of the month, without personal data.' })
@Entity()
export class Disclosure {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  fundId!: string;

  @Field({ description: 'Scope path of the fund’s owner: the compound whose owners, or the community whose residents, may read it.' })
  @Column('text')
  ownerScopePath!: string;

  @Field({ description: 'YYYY-MM' })
  @Column('text')
  period!: string;

  @Field(() => FenScalar)
  @Column('bigint')
  incomeFen!: string;

  @Field(() => FenScalar)
  @Column('bigint')
  expenseFen!: string;

  @Field(() => FenScalar, { description: 'Cash at the end of the month.' })
  @Column('bigint')
  closingCashFen!: string;

  @Field(() => FenScalar, { nullable: true, description: 'Trust accounts: fees still owed at the end of the month.' })
  @Column('bigint', { nullable: true })
  arrearsFen!: string | null;

  @Field()
  @Column('timestamptz')
  publishedAt!: Date;

  @Column('text')
  publishedBy!: string;
}

@ObjectType()
export class DisclosureConnection extends Connection(Disclosure, 'Disclosure') {}

@ObjectType({ description: 'One income or expense line of a disclosure, from one posting of the ledger.' })
@Entity()
export class DisclosureLine {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  disclosureId!: string;

  @Field({ description: 'The journal entry it comes from (its position in the fund’s chain).' })
  @Column('bigint')
  entrySeq!: string;

  @Column('smallint')
  lineNo!: number;

  @Field()
  @Column('date')
  effectiveDate!: string;

  @Field(() => DisclosureDirection)
  @Column('text')
  direction!: DisclosureDirection;

  @Field(() => LedgerAccountCode)
  @Column('text')
  accountCode!: LedgerAccountCode;

  @Field()
  @Column('text')
  description!: string;

  @Field(() => FenScalar, { description: 'Income received or money spent; negative for a reversal.' })
  @Column('bigint')
  amountFen!: string;
}

@ObjectType()
export class DisclosureLineConnection extends Connection(DisclosureLine, 'DisclosureLine') {}
