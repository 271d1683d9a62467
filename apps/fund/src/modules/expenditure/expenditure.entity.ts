import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Connection } from '@gongzhi/platform-graphql';
import { FenScalar } from '../ledger/fen.scalar';
import { ExpenseCategory } from '../ledger/ledger-account';

export enum ExpenditureStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  PAID = 'PAID',
  REJECTED = 'REJECTED',
}
registerEnumType(ExpenditureStatus, {
  name: 'ExpenditureStatus',
  description: 'PENDING: waiting for committee approvals (and, above the threshold, the owners’ vote); APPROVED: may be paid; PAID: posted to the ledger; REJECTED.',
});

export enum VoteOutcome {
  PASSED = 'PASSED',
  FAILED = 'FAILED',
}
registerEnumType(VoteOutcome, { name: 'VoteOutcome' });

export enum ExpenditureDecisionKind {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}
registerEnumType(ExpenditureDecisionKind, { name: 'ExpenditureDecisionKind' });

/** A request to spend from a fund (支出申请), approved by N of M committee members and, when large, by the owners. */
@ObjectType({ description: 'A request to spend from a fund (支出申请): N-of-M committee approvals, an owners’ vote above the fund’s threshold, then payment.' })
@Entity()
export class Expenditure {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  fundId!: string;

  @Column('text')
  idempotencyKey!: string;

  @Field()
  @Column('text')
  title!: string;

  @Field(() => ExpenseCategory)
  @Column('text')
  category!: ExpenseCategory;

  @Field(() => FenScalar)
  @Column('bigint')
  amountFen!: string;

  @Field()
  @Column('text')
  payee!: string;

  @Field(() => [String], { description: 'References to receipts and quotes (票据), e.g. document-store keys.' })
  @Column('text', { array: true })
  attachments!: string[];

  @Field()
  @Column('text')
  requestedBy!: string;

  @Field()
  @Column('timestamptz')
  requestedAt!: Date;

  @Field(() => Int)
  @Column('integer')
  approvalsRequired!: number;

  @Field({ description: 'Whether the amount reached the fund’s vote threshold, so an owners’ vote must pass too.' })
  @Column('boolean')
  voteRequired!: boolean;

  @Field(() => ID, { nullable: true, description: 'The compound whose owners vote.' })
  @Column('uuid', { nullable: true })
  voteCompoundId!: string | null;

  @Field(() => VoteOutcome, { nullable: true })
  @Column('text', { nullable: true })
  voteOutcome!: VoteOutcome | null;

  @Field(() => ExpenditureStatus)
  @Column('text')
  status!: ExpenditureStatus;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  decidedAt!: Date | null;

  @Field(() => ID, { nullable: true, description: 'The ledger entry that paid it.' })
  @Column('uuid', { nullable: true })
  paidEntryId!: string | null;

  @Field(() => String, { nullable: true })
  @Column('date', { nullable: true })
  paidOn!: string | null;
}

@ObjectType()
export class ExpenditureConnection extends Connection(Expenditure, 'Expenditure') {}

@ObjectType({ description: 'One committee member’s decision on an expenditure.' })
export class ExpenditureDecision {
  expenditureId!: string;

  @Field()
  member!: string;

  @Field(() => ExpenditureDecisionKind)
  decision!: ExpenditureDecisionKind;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field()
  decidedAt!: Date;
}
