import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OwnersChoice } from './owners-decision-rule';

export enum BallotChoice {
  YES = 'YES',
  NO = 'NO',
  ABSTAIN = 'ABSTAIN',
}
registerEnumType(BallotChoice, { name: 'BallotChoice' });

export enum BallotChannel {
  ONLINE = 'ONLINE',
  PAPER = 'PAPER',
  PROXY = 'PROXY',
}
registerEnumType(BallotChannel, {
  name: 'BallotChannel',
  description: 'Cast online by an owner, on paper (entered by staff with a witness), or by proxy (entered by staff, naming the holder).',
});

/**
 * One dwelling's ballot (co-owners share it), or one member's in a vote of a self-governance body. Who entered it, the witness and the proxy holder are kept for
 * the audit trail and never shown on the roll-call.
 */
@ObjectType({ description: 'A dwelling’s (or a body member’s) ballot on a roll-call vote.' })
@Entity()
export class Ballot {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  voteId!: string;

  @Field(() => ID, { nullable: true, description: 'The dwelling that voted (votes of the owners or residents of a compound).' })
  @Column('uuid', { nullable: true })
  dwellingId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The member (org’s resident id) who voted, in a vote of a self-governance body.' })
  @Column('uuid', { nullable: true })
  memberResidentId!: string | null;

  @Field(() => BallotChoice, { nullable: true })
  @Column('text', { nullable: true })
  choice!: OwnersChoice | null;

  @Field(() => [Int], { nullable: true, description: 'The chosen options of a poll, by position.' })
  @Column('integer', { array: true, nullable: true })
  optionIndexes!: number[] | null;

  @Field(() => BallotChannel)
  @Column('text')
  channel!: BallotChannel;

  @Column('text')
  castBy!: string;

  @Column('text', { nullable: true })
  witness!: string | null;

  @Column('text', { nullable: true })
  proxyHolder!: string | null;

  @Field()
  @Column('timestamptz')
  castAt!: Date;
}
