import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { HandlingLevel, MatterStatus } from './matter.entity';

/**
 * One step of a matter's life, recorded with who, when and why. On the public timeline (晒事) it shows the
 * actor's role, never who they are.
 */
@ObjectType('MatterTimelineEntry', { description: 'One step of a matter on its public timeline (晒事): what changed, when, why, and by which role.' })
@Entity()
export class MatterTransition {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  matterId!: string;

  @Field(() => MatterStatus, { nullable: true, description: 'Null for the raising itself.' })
  @Column('text', { nullable: true })
  fromStatus!: MatterStatus | null;

  @Field(() => MatterStatus)
  @Column('text')
  toStatus!: MatterStatus;

  @Field(() => HandlingLevel, { nullable: true })
  @Column('text', { nullable: true })
  fromLevel!: HandlingLevel | null;

  @Field(() => HandlingLevel)
  @Column('text')
  toLevel!: HandlingLevel;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  reason!: string | null;

  /** The caller's subject; kept for the audit trail, not published. */
  @Column('text')
  actor!: string;

  @Field({ description: 'The role the step was taken in (e.g. community_staff), or "resident" / "system".' })
  @Column('text')
  actorRole!: string;

  @Field(() => ID, { nullable: true, description: 'The meeting whose decision took this step.' })
  @Column('uuid', { nullable: true })
  meetingId!: string | null;

  @Field()
  @Column('timestamptz')
  at!: Date;
}
