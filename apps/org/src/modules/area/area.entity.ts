import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The three administrative levels below the city: district 区, street 街道, community 社区. */
export enum AreaLevel {
  DISTRICT = 'DISTRICT',
  STREET = 'STREET',
  COMMUNITY = 'COMMUNITY',
}
registerEnumType(AreaLevel, { name: 'AreaLevel', description: 'District (区), street (街道) or community (社区).' });

/** An administrative area, identified by its official code (GB/T 2260 district code + 3 digits per level). */
@ObjectType({ description: 'An administrative area: a district, a street or a community.' })
@Entity()
export class Area {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field({ description: 'Official code: 6 digits (district), 9 (street) or 12 (community).' })
  @Column('text', { unique: true })
  code!: string;

  @Field()
  @Column('text')
  name!: string;

  @Field(() => AreaLevel)
  @Column('text')
  level!: AreaLevel;

  @Column('uuid', { nullable: true })
  parentId!: string | null;

  @Field({ description: 'Scope path of this area, e.g. /510112/510112001/.' })
  @Column('text')
  scopePath!: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
