import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A property-service company (物业服务企业) registered with a district. */
@ObjectType({ description: 'A property-service company (物业服务企业) registered with a district.' })
@Entity()
export class PropertyCompany {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field()
  @Column('text')
  name!: string;

  @Field({ description: 'The 18-character unified social credit code (统一社会信用代码, GB 32100).' })
  @Column('text', { unique: true })
  creditCode!: string;

  @Field({ description: 'The 6-digit code of the district the company is registered with.' })
  @Column('text')
  districtCode!: string;

  @Field(() => String, { nullable: true, description: 'Who to contact at the company.' })
  @Column('text', { nullable: true })
  contactPerson!: string | null;

  @Field(() => String, { nullable: true, description: 'The company’s service telephone.' })
  @Column('text', { nullable: true })
  contactPhone!: string | null;

  @Field(() => [String], { description: 'Qualifications held (资质), e.g. certificates and their grades.' })
  @Column('text', { array: true, default: () => "'{}'" })
  qualifications!: string[];

  @Field(() => String, { nullable: true, description: 'The company’s party branch (党支部), which makes it a "red property" (红色物业).' })
  @Column('text', { nullable: true })
  partyBranch!: string | null;

  @Field(() => String, { nullable: true, description: 'The party-building instructor (党建指导员) assigned to the company.' })
  @Column('text', { nullable: true })
  partyInstructor!: string | null;

  @Column('text')
  scopePath!: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  registeredAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the profile was last edited after registration.' })
  @Column('timestamptz', { nullable: true })
  profileUpdatedAt!: Date | null;
}
