import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A person working for a property-service company (物业服务企业工作人员), as the district registered them: the
 * `sub` of their token is what ties a `property_staff` caller to the one company they may act for.
 */
@ObjectType({ description: 'A person registered by the district as working for a property-service company.' })
@Entity()
export class PropertyStaffMember {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  companyId!: string;

  @Field({ description: 'The `sub` of the person’s token, as the identity provider issues it.' })
  @Column('text')
  subject!: string;

  @Column('text')
  scopePath!: string;

  @Column('text')
  registeredBy!: string;

  @Field()
  @Column('timestamptz', { default: () => 'now()' })
  registeredAt!: Date;

  @Column('text', { nullable: true })
  endedBy!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the person stopped acting for the company; null while they do.' })
  @Column('timestamptz', { nullable: true })
  endedAt!: Date | null;
}
