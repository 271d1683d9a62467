import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CompoundRef } from '@gongzhi/org-mirror';

export enum ConventionKind {
  RESIDENT_CONVENTION = 'RESIDENT_CONVENTION',
  MANAGEMENT_STATUTE = 'MANAGEMENT_STATUTE',
}
registerEnumType(ConventionKind, {
  name: 'ConventionKind',
  description: 'A resident convention (居民公约, adopted by the residents’ assembly) or a management statute (管理规约, an owners’ joint decision).',
});

export enum ConventionVersionStatus {
  DRAFT = 'DRAFT',
  VOTING = 'VOTING',
  ADOPTED = 'ADOPTED',
  REJECTED = 'REJECTED',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(ConventionVersionStatus, { name: 'ConventionVersionStatus' });

/** A compound's convention or statute; its text lives in numbered versions, one of them in force. */
@ObjectType({ description: 'A resident convention or management statute of a compound, in numbered versions.' })
@Entity()
export class Convention {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  compoundId!: string;

  @Column('text')
  scopePath!: string;

  @Field(() => ConventionKind)
  @Column('text')
  kind!: ConventionKind;

  @Field()
  @Column('text')
  title!: string;

  @Column('text')
  createdBy!: string;

  @Field()
  @Column('timestamptz')
  createdAt!: Date;

  @Field(() => CompoundRef)
  compound(): CompoundRef {
    return { id: this.compoundId };
  }
}

@ObjectType({ description: 'One numbered text of a convention, and how far it got towards adoption.' })
@Entity()
export class ConventionVersion {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  conventionId!: string;

  @Field(() => Int)
  @Column('integer')
  version!: number;

  @Field()
  @Column('text')
  body!: string;

  @Field(() => ConventionVersionStatus)
  @Column('text')
  status!: ConventionVersionStatus;

  @Field(() => ID, { nullable: true, description: 'The vote that decides (or decided) this version.' })
  @Column('uuid', { nullable: true })
  voteId!: string | null;

  @Column('text')
  draftedBy!: string;

  @Field()
  @Column('timestamptz')
  draftedAt!: Date;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  adoptedAt!: Date | null;
}
