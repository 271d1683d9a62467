import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { HandlingLevel, MatterCategory } from '../matter/matter.entity';

export enum Party {
  COMMUNITY = 'COMMUNITY',
  COMPOUND_PARTY_ORGANIZATION = 'COMPOUND_PARTY_ORGANIZATION',
  OWNERS_COMMITTEE = 'OWNERS_COMMITTEE',
  PROPERTY_COMPANY = 'PROPERTY_COMPANY',
  RESIDENT_REPRESENTATIVES = 'RESIDENT_REPRESENTATIVES',
  STREET = 'STREET',
  GRID_WORKER = 'GRID_WORKER',
}
registerEnumType(Party, {
  name: 'Party',
  description:
    'A party to deliberation: the community (社区), the compound party organization, the owners’ committee (业委会), the property company, resident representatives, the street, grid workers.',
});

/** One line of a district's guide catalog (议事协商指导目录): where a category of matter starts and who must take part. */
@ObjectType({ description: 'One line of a district’s guide catalog (议事协商指导目录).' })
@Entity()
export class GuideEntry {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  districtId!: string;

  @Column('text')
  scopePath!: string;

  @Field(() => MatterCategory)
  @Column('text')
  category!: MatterCategory;

  @Field(() => HandlingLevel)
  @Column('text')
  defaultLevel!: HandlingLevel;

  @Field(() => [Party])
  @Column('text', { array: true })
  requiredParties!: Party[];

  @Field(() => Int)
  @Column('integer')
  acknowledgeWithinHours!: number;

  @Field(() => Int)
  @Column('integer')
  answerWithinDays!: number;

  @Column('text')
  updatedBy!: string;

  @Field()
  @Column('timestamptz')
  updatedAt!: Date;
}

/** What applies where a district has no entry for a category: the compound handles it, ack in a day, answer in a week. */
export const DEFAULT_GUIDE = Object.freeze({ defaultLevel: HandlingLevel.COMPOUND, requiredParties: [] as Party[], acknowledgeWithinHours: 24, answerWithinDays: 7 });
