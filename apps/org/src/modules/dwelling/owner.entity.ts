import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum OwnerKind {
  PERSON = 'PERSON',
  ORGANIZATION = 'ORGANIZATION',
}
registerEnumType(OwnerKind, { name: 'OwnerKind', description: 'A natural person or an organization (the developer is one).' });

/** An owner (业主) of one or more dwellings, identified by a keyed hash of the ID number or by the credit code. */
@ObjectType({ description: 'An owner (业主): a person or an organization such as the developer.' })
@Entity()
export class Owner {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => OwnerKind)
  @Column('text')
  kind!: OwnerKind;

  @Field()
  @Column('text')
  name!: string;

  @Field({ description: 'Stable pseudonymous identity used for the art. 278 headcount (never the ID number itself).' })
  @Column('text')
  identityKey!: string;

  @Column('text', { nullable: true })
  idNumberCipher!: string | null;

  @Column('text', { nullable: true })
  idNumberMasked!: string | null;

  @Field(() => String, { nullable: true, description: 'Unified social credit code, for organizations.' })
  @Column('text', { nullable: true })
  creditCode!: string | null;

  @Field()
  @Column('boolean')
  isDeveloper!: boolean;
}

/** One owner's share of one dwelling. */
@ObjectType({ description: "An owner's share of a dwelling." })
@Entity()
export class Ownership {
  @PrimaryColumn('uuid')
  dwellingId!: string;

  @PrimaryColumn('uuid')
  ownerId!: string;

  @Field(() => Int)
  @Column('integer')
  shareNumerator!: number;

  @Field(() => Int)
  @Column('integer')
  shareDenominator!: number;

  @Field(() => String, { nullable: true })
  @Column('date', { nullable: true })
  since!: string | null;
}
