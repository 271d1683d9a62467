import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export enum CompoundType {
  COMMODITY_HOUSING = 'COMMODITY_HOUSING',
  RESETTLEMENT = 'RESETTLEMENT',
  OLD_COMPOUND = 'OLD_COMPOUND',
  WORK_UNIT = 'WORK_UNIT',
}
registerEnumType(CompoundType, {
  name: 'CompoundType',
  description: 'Commodity housing (商品房), resettlement (安置), old compound (老旧小区) or work-unit compound (单位院落).',
});

export enum ManagementMode {
  PROPERTY_COMPANY = 'PROPERTY_COMPANY',
  SELF_MANAGED = 'SELF_MANAGED',
  TRUST_BASED = 'TRUST_BASED',
  NONE = 'NONE',
}
registerEnumType(ManagementMode, {
  name: 'ManagementMode',
  description: 'Property company, self-managed (自管物业), trust-based (信托制物业) or none (无物管).',
});

/** A residential compound (小区 / 院落) under a community; the entity other services extend. */
@ObjectType({ description: 'A residential compound (小区) under a community.' })
@Directive('@key(fields: "id")')
@Entity()
export class Compound {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field({ description: '15 digits: the community code and a 3-digit sequence.' })
  @Column('text', { unique: true })
  code!: string;

  @Field()
  @Column('text')
  name!: string;

  @Column('uuid')
  communityId!: string;

  @Field(() => CompoundType)
  @Column('text')
  type!: CompoundType;

  @Field(() => ManagementMode)
  @Column('text')
  managementMode!: ManagementMode;

  @Field(() => Int, { nullable: true })
  @Column('integer', { nullable: true })
  builtYear!: number | null;

  @Field(() => Int, { nullable: true, description: 'Land area in hundredths of a square metre.' })
  @Column('integer', { nullable: true })
  landArea!: number | null;

  @Field({ description: 'Scope path of the compound, e.g. /510112/510112001/510112001002/510112001002001/.' })
  @Column('text')
  scopePath!: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field()
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
