import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum AppealStatus {
  PENDING = 'PENDING',
  UPHELD = 'UPHELD',
  DISMISSED = 'DISMISSED',
}
registerEnumType(AppealStatus, { name: 'AppealStatus' });

/** A company's appeal (申诉) against evidence counted in a list during its public notice. */
@ObjectType({ description: 'A company’s appeal (申诉) against evidence counted in a list under public notice.' })
@Entity()
export class CreditAppeal {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  listId!: string;

  @Field(() => ID)
  @Column('uuid')
  companyId!: string;

  @Column('text')
  scopePath!: string;

  @Field()
  @Column('text')
  reason!: string;

  @Field(() => [ID], { description: 'The evidence the company disputes; upheld, it no longer counts in this list.' })
  @Column('uuid', { array: true })
  disputedEvidenceIds!: string[];

  @Field(() => AppealStatus)
  @Column('text')
  status!: AppealStatus;

  @Field(() => String, { nullable: true, description: 'Why the district upheld or dismissed the appeal.' })
  @Column('text', { nullable: true })
  decisionReason!: string | null;

  @Column('text')
  filedBy!: string;

  @Field()
  @Column('timestamptz', { default: () => 'now()' })
  filedAt!: Date;

  @Column('text', { nullable: true })
  decidedBy!: string | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  decidedAt!: Date | null;
}
