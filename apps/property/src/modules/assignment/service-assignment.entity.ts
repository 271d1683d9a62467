import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { CompoundRef } from '@gongzhi/org-mirror';

export enum FeeModel {
  LUMP_SUM = 'LUMP_SUM',
  REMUNERATION = 'REMUNERATION',
  TRUST_BASED = 'TRUST_BASED',
}
registerEnumType(FeeModel, { name: 'FeeModel', description: 'Lump-sum (包干制), remuneration (酬金制) or trust-based (信托制).' });

export enum AssignmentStatus {
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}
registerEnumType(AssignmentStatus, { name: 'AssignmentStatus', description: 'Whether the company still serves the compound.' });

/** A company serving a compound (入驻): contract period, fee model and fee standard. */
@ObjectType({ description: 'A property-service company serving a compound (入驻).' })
@Entity()
export class ServiceAssignment {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  companyId!: string;

  @Column('uuid')
  compoundId!: string;

  @Column('text')
  scopePath!: string;

  @Field({ description: 'First day of the contract (YYYY-MM-DD).' })
  @Column('date')
  contractStart!: string;

  @Field(() => String, { nullable: true, description: 'Last day of the contract; null until the terms are entered for a company hired by vote.' })
  @Column('date', { nullable: true })
  contractEnd!: string | null;

  @Field(() => FeeModel, { nullable: true })
  @Column('text', { nullable: true })
  feeModel!: FeeModel | null;

  @Field(() => Int, { nullable: true, description: 'Fee standard in fen per m² of exclusive area per month.' })
  @Column('integer', { nullable: true })
  feeStandardFen!: number | null;

  @Field(() => AssignmentStatus)
  @Column('text')
  status!: AssignmentStatus;

  @Field(() => ID, { nullable: true, description: 'The owners’ vote that hired the company, when one did.' })
  @Column('uuid', { nullable: true })
  startedByVoteId!: string | null;

  @Field(() => String, { nullable: true })
  @Column('date', { nullable: true })
  endedOn!: string | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  endReason!: string | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field(() => CompoundRef, { description: 'The compound served.' })
  compound(): CompoundRef {
    return { id: this.compoundId };
  }
}
