import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The levels of grid management (网格化管理): master 总网格 → general 一般网格 → micro 微网格, and dedicated 专属网格. */
export enum GridKind {
  MASTER = 'MASTER',
  GENERAL = 'GENERAL',
  MICRO = 'MICRO',
  DEDICATED = 'DEDICATED',
}
registerEnumType(GridKind, {
  name: 'GridKind',
  description: "A community's master grid (总网格), a general grid (一般网格), a micro-grid (微网格) or a dedicated grid (专属网格: a school, a company).",
});

/** A grid (网格) of a community, coded per CJ/T 349: the community's 12-digit code and a 3-digit sequence. */
@ObjectType({ description: 'A grid (网格) of a community.' })
@Entity()
export class Grid {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field({ description: 'CJ/T 349 grid code: the 12-digit community code (area + street + community) and a 3-digit sequence.' })
  @Column('text')
  code!: string;

  @Field()
  @Column('text')
  name!: string;

  @Field(() => GridKind)
  @Column('text')
  kind!: GridKind;

  @Column('uuid')
  communityId!: string;

  @Field(() => ID, { nullable: true, description: 'The grid this one divides (a micro-grid’s general grid, a general grid’s master grid).' })
  @Column('uuid', { nullable: true })
  parentId!: string | null;

  @Field({ description: "The community's scope path." })
  @Column('text')
  scopePath!: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A building, or one unit of it, that a grid covers. */
@ObjectType({ description: 'A building, or one unit of a building, covered by a grid.' })
@Entity()
export class GridCoverage {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  gridId!: string;

  @Field(() => ID)
  @Column('uuid')
  buildingId!: string;

  @Field(() => ID, { nullable: true, description: 'The unit covered; null when the whole building is.' })
  @Column('uuid', { nullable: true })
  unitId!: string | null;
}

/** A grid worker (网格员): a resident, or staff known by their identity-provider subject. */
@ObjectType({ description: 'A grid worker (网格员) assigned to a grid.' })
@Entity()
export class GridWorker {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  gridId!: string;

  @Field(() => ID, { nullable: true, description: 'Set when the worker is a resident (a volunteer micro-grid worker).' })
  @Column('uuid', { nullable: true })
  residentId!: string | null;

  @Field(() => String, { nullable: true, description: "Set when the worker is staff: the token subject (`sub`) of the worker's account." })
  @Column('text', { nullable: true })
  staffSub!: string | null;

  @Field()
  @Column('text')
  name!: string;

  @Field({ description: 'ISO date the assignment began.' })
  @Column('date')
  assignedOn!: string;

  @Field(() => String, { nullable: true })
  @Column('date', { nullable: true })
  releasedOn!: string | null;

  @Column('text')
  scopePath!: string;
}
