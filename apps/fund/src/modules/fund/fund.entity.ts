import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

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
}
