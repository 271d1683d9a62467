import { Field, ID, ObjectType, registerEnumType, UseMiddleware } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { residentPersonalField } from './resident-field-guard';

export enum HouseholdRegistration {
  LOCAL = 'LOCAL',
  NON_LOCAL = 'NON_LOCAL',
}
registerEnumType(HouseholdRegistration, { name: 'HouseholdRegistration', description: 'Local household registration (户籍) or non-local (流动人口).' });

export enum CareTag {
  ELDERLY = 'ELDERLY',
  DISABLED = 'DISABLED',
  VETERAN = 'VETERAN',
  LIVING_ALONE = 'LIVING_ALONE',
  IN_NEED = 'IN_NEED',
}
registerEnumType(CareTag, { name: 'CareTag', description: 'Elderly, disabled, veteran (复退军人), living alone, in need (困难群众).' });

export enum SensitiveTag {
  COMMUNITY_CORRECTION = 'COMMUNITY_CORRECTION',
  HEALTH_RECORD = 'HEALTH_RECORD',
}
registerEnumType(SensitiveTag, { name: 'SensitiveTag', description: 'Sensitive personal information (PIPL): community correction (社区矫正), health record (健康档案).' });

export enum ResidentRelation {
  OWNER = 'OWNER',
  FAMILY = 'FAMILY',
  TENANT = 'TENANT',
}
registerEnumType(ResidentRelation, { name: 'ResidentRelation', description: 'How a resident lives in a dwelling: owner, family member or tenant.' });

/**
 * A resident (居民). Identifiers are stored encrypted; GraphQL shows them masked unless the role may read them.
 * Everything but the name needs `registry:read` or being the resident (`residentPersonalField`).
 */
@ObjectType({ description: 'A resident (居民) of a community.' })
@Entity()
export class Resident {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field()
  @Column('text')
  name!: string;

  @Column('text')
  idNumberCipher!: string;

  @Column('text')
  idNumberHash!: string;

  @Column('text')
  idNumberMasked!: string;

  @Column('text', { nullable: true })
  phoneCipher!: string | null;

  @Column('text', { nullable: true })
  phoneMasked!: string | null;

  @Column('text', { nullable: true })
  phoneHash!: string | null;

  @Field(() => HouseholdRegistration)
  @UseMiddleware(residentPersonalField)
  @Column('text')
  householdRegistration!: HouseholdRegistration;

  @Field(() => [CareTag])
  @UseMiddleware(residentPersonalField)
  @Column('text', { array: true })
  careTags!: CareTag[];

  @Column('text', { array: true })
  sensitiveTags!: SensitiveTag[];

  @Column('uuid')
  communityId!: string;

  @Column('text')
  scopePath!: string;

  @Field()
  @UseMiddleware(residentPersonalField)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** A resident living in a dwelling from a date (and until one, after moving out). */
@ObjectType({ description: 'A resident living in a dwelling.' })
@Entity()
export class Residency {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  residentId!: string;

  @Field(() => ID)
  @Column('uuid')
  dwellingId!: string;

  @Field(() => ResidentRelation)
  @Column('text')
  relation!: ResidentRelation;

  @Field()
  @Column('date')
  movedIn!: string;

  @Field(() => String, { nullable: true })
  @Column('date', { nullable: true })
  movedOut!: string | null;

  @Column('text')
  scopePath!: string;
}
