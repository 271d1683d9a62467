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

  @Field(() => CompoundRef, { description: 'The compound the matter was raised in.' })
  compound(): CompoundRef {
    return { id: this.compoundId };
  }
}
