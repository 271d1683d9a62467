import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export enum HandoverPhase {
  ENTRY = 'ENTRY',
  EXIT = 'EXIT',
}
registerEnumType(HandoverPhase, { name: 'HandoverPhase', description: 'Entry handover (入驻交底) or exit handover (退出交接).' });

export enum HandoverCategory {
  FACILITIES = 'FACILITIES',
  DOCUMENTS = 'DOCUMENTS',
  ACCOUNTS = 'ACCOUNTS',
  KEYS = 'KEYS',
}
registerEnumType(HandoverCategory, { name: 'HandoverCategory', description: 'Facilities and equipment, documents and drawings, accounts and funds, keys.' });

export enum HandoverParty {
  OWNERS_COMMITTEE = 'OWNERS_COMMITTEE',
  COMMUNITY = 'COMMUNITY',
}
registerEnumType(HandoverParty, { name: 'HandoverParty', description: 'Who confirms a handover item: the owners’ committee (业委会) or the community (社区).' });

/** One item of a handover checklist; it is done when both the owners' committee and the community confirmed it. */
@ObjectType({ description: 'One item of an entry or exit handover checklist.' })
@Entity()
export class HandoverItem {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  assignmentId!: string;

  @Field(() => HandoverPhase)
  @Column('text')
  phase!: HandoverPhase;

  @Field(() => HandoverCategory)
  @Column('text')
  category!: HandoverCategory;

  @Field(() => String, { nullable: true, description: 'What was handed over, as the parties recorded it.' })
  @Column('text', { nullable: true })
  note!: string | null;

  @Column('text', { nullable: true })
  committeeConfirmedBy!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the owners’ committee confirmed the item.' })
  @Column('timestamptz', { nullable: true })
  committeeConfirmedAt!: Date | null;

  @Column('text', { nullable: true })
  communityConfirmedBy!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the community confirmed the item.' })
  @Column('timestamptz', { nullable: true })
  communityConfirmedAt!: Date | null;

  @Field({ description: 'Both the owners’ committee and the community confirmed it.' })
  confirmed(): boolean {
    return this.committeeConfirmedAt !== null && this.communityConfirmedAt !== null;
  }
}
