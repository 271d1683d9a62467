import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Party } from '../guide/guide-entry.entity';
import { HandlingLevel } from '../matter/matter.entity';

export enum MeetingKind {
  MONTHLY_DELIBERATION = 'MONTHLY_DELIBERATION',
  FIVE_PARTY_JOINT = 'FIVE_PARTY_JOINT',
  ONE_PLUS_THREE = 'ONE_PLUS_THREE',
  OTHER = 'OTHER',
}
registerEnumType(MeetingKind, {
  name: 'MeetingKind',
  description: 'Monthly talk-and-deliberate meeting (说事议事会), five-party joint meeting (五方联动), "1+3" meeting, or another consultation.',
});

/** A consultation meeting (议事会) at a compound, community or street, with its agenda of matters. */
@ObjectType({ description: 'A consultation meeting (议事会) with its agenda, attendance, minutes and decisions.' })
@Entity()
export class Meeting {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The compound, community or street that holds the meeting.' })
  @Column('uuid')
  nodeId!: string;

  @Column('text')
  scopePath!: string;

  @Field(() => HandlingLevel)
  @Column('text')
  level!: HandlingLevel;

  @Field(() => MeetingKind)
  @Column('text')
  kind!: MeetingKind;

  @Field()
  @Column('text')
  title!: string;

  @Field()
  @Column('timestamptz')
  scheduledAt!: Date;

  @Field(() => [Party])
  @Column('text', { array: true })
  invitedParties!: Party[];

  @Column('text')
  convenedBy!: string;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  heldAt!: Date | null;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  minutes!: string | null;
}

@ObjectType({ description: 'How many people of one party attended.' })
export class MeetingAttendance {
  @Field(() => Party)
  party!: Party;

  @Field(() => Int)
  attendees!: number;
}
