import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum SharedSpaceKind {
  NEIGHBOURHOOD_STATION = 'NEIGHBOURHOOD_STATION',
  PARTY_SERVICE_STATION = 'PARTY_SERVICE_STATION',
  OTHER = 'OTHER',
}
registerEnumType(SharedSpaceKind, {
  name: 'SharedSpaceKind',
  description: 'Neighbourhood station (睦邻驿站), party-and-people service station (党群服务站) or another shared space.',
});

export enum RoomFunction {
  MEETING = 'MEETING',
  ACTIVITY = 'ACTIVITY',
  READING = 'READING',
  CONSULTATION = 'CONSULTATION',
  ELDERLY_CARE = 'ELDERLY_CARE',
  CHILD_CARE = 'CHILD_CARE',
  MEDIATION = 'MEDIATION',
  PARTY_EDUCATION = 'PARTY_EDUCATION',
}
registerEnumType(RoomFunction, { name: 'RoomFunction', description: 'What a room of a shared space is used for.' });

@ObjectType({ description: 'A shared space (睦邻驿站、党群服务站) of a community or compound.' })
@Entity()
export class SharedSpace {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => SharedSpaceKind)
  @Column('text')
  kind!: SharedSpaceKind;

  @Field()
  @Column('text')
  name!: string;

  @Field()
  @Column('text')
  address!: string;

  @Column('uuid')
  communityId!: string;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { nullable: true })
  compoundId!: string | null;

  @Field()
  @Column('text')
  scopePath!: string;
}

@ObjectType({ description: 'A room of a shared space.' })
@Entity()
export class SpaceRoom {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  spaceId!: string;

  @Field()
  @Column('text')
  name!: string;

  @Field(() => [RoomFunction])
  @Column('text', { array: true })
  functions!: RoomFunction[];

  @Field(() => Int)
  @Column('integer')
  capacity!: number;

  @Column('text')
  scopePath!: string;
}

/** A booking of a room; the database refuses two live bookings of one room that overlap. */
@ObjectType({ description: 'A booking of a room of a shared space.' })
@Entity()
export class RoomBooking {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  roomId!: string;

  @Field({ description: 'Token subject of whoever booked.' })
  @Column('text')
  bookedBy!: string;

  @Field()
  @Column('text')
  purpose!: string;

  @Field()
  @Column('timestamptz')
  startsAt!: Date;

  @Field()
  @Column('timestamptz')
  endsAt!: Date;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  cancelledAt!: Date | null;

  @Column('text')
  scopePath!: string;
}
