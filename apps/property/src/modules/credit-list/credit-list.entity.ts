import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export enum CreditListStatus {
  DRAFT = 'DRAFT',
  IN_NOTICE = 'IN_NOTICE',
  PUBLISHED = 'PUBLISHED',
}
registerEnumType(CreditListStatus, {
  name: 'CreditListStatus',
  description: 'Draft (computed, not shown), in public notice (公示, companies may appeal), published (final, never changes).',
});

/** A district's red/black list (红黑榜) for one rating period. */
@ObjectType({ description: 'A district’s red/black list (红黑榜) for one rating period.' })
@Entity()
export class CreditList {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field()
  @Column('text')
  districtCode!: string;

  @Column('text')
  scopePath!: string;

  @Field({ description: 'The period’s name, e.g. 2026H1.' })
  @Column('text')
  periodLabel!: string;

  @Field()
  @Column('date')
  periodStart!: string;

  @Field()
  @Column('date')
  periodEnd!: string;

  @Column('uuid')
  catalogueId!: string;

  @Field(() => CreditListStatus)
  @Column('text')
  status!: CreditListStatus;

  @Field(() => Date, { nullable: true, description: 'When the public-notice period ends; appeals are accepted until then.' })
  @Column('timestamptz', { nullable: true })
  noticeEndsAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  publishedAt!: Date | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
