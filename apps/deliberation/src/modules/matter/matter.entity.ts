import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { CompoundRef } from '@gongzhi/org-mirror';

export enum MatterCategory {
  DOGS = 'DOGS',
  OBJECTS_FROM_HEIGHT = 'OBJECTS_FROM_HEIGHT',
  EBIKES_IN_LIFTS = 'EBIKES_IN_LIFTS',
  PARKING = 'PARKING',
  HYGIENE = 'HYGIENE',
  FACILITIES = 'FACILITIES',
  NEIGHBOUR_DISPUTE = 'NEIGHBOUR_DISPUTE',
  PROPERTY_SERVICE = 'PROPERTY_SERVICE',
  OTHER = 'OTHER',
}
registerEnumType(MatterCategory, {
  name: 'MatterCategory',
  description:
    'Dogs (文明养犬), objects thrown from height (高空抛物), e-bikes in lifts (电瓶车进电梯), parking, hygiene, facilities, neighbour dispute, property service, other.',
});

export enum MatterStatus {
  RAISED = 'RAISED',
  DELIBERATING = 'DELIBERATING',
  DECIDED = 'DECIDED',
  IN_PROGRESS = 'IN_PROGRESS',
  EVALUATING = 'EVALUATING',
  CLOSED = 'CLOSED',
  REJECTED = 'REJECTED',
  MERGED = 'MERGED',
  ESCALATED = 'ESCALATED',
}
registerEnumType(MatterStatus, { name: 'MatterStatus', description: 'Where a matter stands in raise → deliberate → decide → carry out → evaluate.' });

export enum MatterChannel {
  SELF_REPORT = 'SELF_REPORT',
  INTAKE_CODE = 'INTAKE_CODE',
  DOOR_KNOCKING = 'DOOR_KNOCKING',
  GRID_WORKER = 'GRID_WORKER',
  MEETING = 'MEETING',
  CITY_HOTLINE = 'CITY_HOTLINE',
}
registerEnumType(MatterChannel, {
  name: 'MatterChannel',
  description:
    'How a matter came in: resident self-report, the compound QR code (码上办), a door-knocking list (敲门行动、拉清单), a grid worker, a meeting, or a city hotline ticket (12345).',
});

export enum HandlingLevel {
  COMPOUND = 'COMPOUND',
  COMMUNITY = 'COMMUNITY',
  STREET = 'STREET',
}
registerEnumType(HandlingLevel, { name: 'HandlingLevel', description: 'The level that handles a matter in the three-level linkage (三级联动).' });

/** A matter (事项/诉求) residents raise in a compound. */
@ObjectType({ description: 'A matter (事项) raised by residents of a compound.' })
@Entity()
export class Matter {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field()
  @Column('text')
  title!: string;

  @Field(() => String, { nullable: true })
  @Column('text', { nullable: true })
  description!: string | null;

  @Field(() => MatterCategory)
  @Column('text')
  category!: MatterCategory;

  @Field(() => MatterStatus)
  @Column('text')
  status!: MatterStatus;

  @Column('uuid')
  compoundId!: string;

  @Column('text')
  scopePath!: string;

  @Column('text')
  raisedBy!: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  raisedAt!: Date;

  @Field(() => MatterChannel)
  @Column('text')
  channel!: MatterChannel;

  @Field(() => String, { nullable: true, description: 'The city hotline (12345) ticket number, for matters the city platform pushed.' })
  @Column('text', { nullable: true })
  hotlineTicket!: string | null;

  @Field(() => HandlingLevel)
  @Column('text')
  handlingLevel!: HandlingLevel;

  @Field({ description: 'When the matter must be acknowledged by (件件有回音), from the guide catalog.' })
  @Column('timestamptz')
  acknowledgeBy!: Date;

  @Field({ description: 'When the resident must have an answer by: a decision, a refusal or a merge.' })
  @Column('timestamptz')
  answerBy!: Date;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  answeredAt!: Date | null;

  @Field(() => Date, { nullable: true })
  @Column('timestamptz', { nullable: true })
  closedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Who carries the matter out (办事), as named when work started.' })
  @Column('text', { nullable: true })
  handler!: string | null;

  @Field(() => ID, { nullable: true, description: 'The property-service company that handles or caused the matter, when there is one.' })
  @Column('uuid', { nullable: true })
  propertyCompanyId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The matter this one was merged into.' })
  @Column('uuid', { nullable: true })
  mergedIntoId!: string | null;

  @Column('uuid', { nullable: true })
  intakeCodeId!: string | null;

  @Field(() => CompoundRef, { description: 'The compound the matter was raised in.' })
  compound(): CompoundRef {
    return { id: this.compoundId };
  }
}
