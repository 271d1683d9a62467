import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export enum AreaSource {
  REGISTER = 'REGISTER',
  SURVEY = 'SURVEY',
  CONTRACT = 'CONTRACT',
}
registerEnumType(AreaSource, {
  name: 'AreaSource',
  description: 'Where an exclusive area comes from: the property register (不动产登记), a survey (测绘) or the sales contract (合同).',
});

/** A building (楼栋) of a compound. */
@ObjectType({ description: 'A building (楼栋) of a compound.' })
@Entity()
export class Building {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  compoundId!: string;

  @Field({ description: 'Building number as posted, e.g. "3".' })
  @Column('text')
  number!: string;

  @Column('text')
  scopePath!: string;
}

/** A unit or stairwell (单元) of a building. */
@ObjectType({ description: 'A unit / stairwell (单元) of a building.' })
@Entity()
export class Unit {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  buildingId!: string;

  @Column('uuid')
  compoundId!: string;

  @Field()
  @Column('text')
  number!: string;

  @Column('text')
  scopePath!: string;
}

/** A dwelling (房屋/户): the exclusive part an owner holds and votes with. */
@ObjectType({ description: 'A dwelling (房屋/户) in a unit of a building.' })
@Entity()
export class Dwelling {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  unitId!: string;

  @Column('uuid')
  buildingId!: string;

  @Field(() => ID)
  @Column('uuid')
  compoundId!: string;

  @Field()
  @Column('text')
  roomNumber!: string;

  @Field(() => Int, { description: 'Exclusive area (专有部分面积) in hundredths of a square metre.' })
  @Column('integer')
  exclusiveArea!: number;

  @Field(() => AreaSource)
  @Column('text')
  areaSource!: AreaSource;

  @Field({ description: 'Still held by the developer: unsold or undelivered (未售出或未交付).' })
  @Column('boolean')
  developerUnsold!: boolean;

  @Column('text')
  scopePath!: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Field()
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
