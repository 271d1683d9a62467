import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The self-governance bodies of a compound or community (自治组织). */
export enum GovernanceBodyKind {
  OWNERS_COMMITTEE = 'OWNERS_COMMITTEE',
  PROPERTY_MANAGEMENT_COMMITTEE = 'PROPERTY_MANAGEMENT_COMMITTEE',
  SELF_MANAGEMENT_GROUP = 'SELF_MANAGEMENT_GROUP',
  PROMOTION_ASSOCIATION = 'PROMOTION_ASSOCIATION',
  NEIGHBOURHOOD_ASSOCIATION = 'NEIGHBOURHOOD_ASSOCIATION',
  VOLUNTEER_TEAM = 'VOLUNTEER_TEAM',
  MEDIATION_TEAM = 'MEDIATION_TEAM',
}
registerEnumType(GovernanceBodyKind, {
  name: 'GovernanceBodyKind',
  description:
    "Owners' committee (业委会), property-management committee (物管会), self-management group (自管小组), promotion association (促进会), neighbourhood association (街坊会), volunteer team (志愿服务队) or mediation team (帮帮团/调解队).",
});

/** Bodies that belong to one compound: they act for its owners. */
export const COMPOUND_BODY_KINDS: readonly GovernanceBodyKind[] = [
  GovernanceBodyKind.OWNERS_COMMITTEE,
  GovernanceBodyKind.PROPERTY_MANAGEMENT_COMMITTEE,
  GovernanceBodyKind.SELF_MANAGEMENT_GROUP,
];

export enum FilingStatus {
  NOT_FILED = 'NOT_FILED',
  FILED = 'FILED',
}
registerEnumType(FilingStatus, { name: 'FilingStatus', description: 'Whether a term is filed (备案) with the authorities.' });

/** A post in a body; the promotion association's council, supervisors and working groups have their own. */
export enum BodyPost {
  CHAIR = 'CHAIR',
  VICE_CHAIR = 'VICE_CHAIR',
  SECRETARY = 'SECRETARY',
  MEMBER = 'MEMBER',
  COUNCIL_MEMBER = 'COUNCIL_MEMBER',
  SUPERVISOR = 'SUPERVISOR',
  GROUP_LEADER = 'GROUP_LEADER',
}
registerEnumType(BodyPost, {
  name: 'BodyPost',
  description: 'Chair (主任/会长), vice chair, secretary, member, council member (理事), supervisor (监事) or working-group leader (组长).',
});

/** Parts of a promotion association (促进会): its council (理事会), supervisors (监事会) and "3+N" working groups. */
export enum BodyGroupKind {
  COUNCIL = 'COUNCIL',
  SUPERVISORS = 'SUPERVISORS',
  WORKING_GROUP = 'WORKING_GROUP',
}
registerEnumType(BodyGroupKind, {
  name: 'BodyGroupKind',
  description: 'Council (理事会), board of supervisors (监事会) or a "3+N" working group (工作组) of a promotion association.',
});

@ObjectType({ description: 'A self-governance body (自治组织) of a compound or community.' })
@Entity()
export class GovernanceBody {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => GovernanceBodyKind)
  @Column('text')
  kind!: GovernanceBodyKind;

  @Field()
  @Column('text')
  name!: string;

  @Column('uuid')
  communityId!: string;

  @Field(() => ID, { nullable: true, description: 'The compound the body acts for; null for community-wide bodies.' })
  @Column('uuid', { nullable: true })
  compoundId!: string | null;

  @Field()
  @Column('text')
  scopePath!: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

@ObjectType({ description: "A body's term of office (任期) and its filing (备案)." })
@Entity()
export class BodyTerm {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  bodyId!: string;

  @Field()
  @Column('date')
  startsOn!: string;

  @Field({ description: 'The first day after the term.' })
  @Column('date')
  endsOn!: string;

  @Field(() => FilingStatus)
  @Column('text')
  filingStatus!: FilingStatus;

  @Field(() => String, { nullable: true })
  @Column('date', { nullable: true })
  filedOn!: string | null;

  @Field(() => String, { nullable: true, description: 'The authority the term is filed with, e.g. the street office (街道办事处).' })
  @Column('text', { nullable: true })
  filingAuthority!: string | null;
}

@ObjectType({ description: 'A council, board of supervisors or working group of a promotion association.' })
@Entity()
export class BodyGroup {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  bodyId!: string;

  @Field(() => BodyGroupKind)
  @Column('text')
  kind!: BodyGroupKind;

  @Field()
  @Column('text')
  name!: string;
}

@ObjectType({ description: 'A resident holding a post in a body, from appointment to removal.' })
@Entity()
export class BodyMember {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  bodyId!: string;

  @Field(() => ID, { nullable: true })
  @Column('uuid', { nullable: true })
  groupId!: string | null;

  @Field(() => ID)
  @Column('uuid')
  residentId!: string;

  @Field(() => BodyPost)
  @Column('text')
  post!: BodyPost;

  @Field()
  @Column('date')
  appointedOn!: string;

  @Field(() => String, { nullable: true })
  @Column('date', { nullable: true })
  removedOn!: string | null;

  @Column('text')
  scopePath!: string;
}

/**
 * Party members among a body's current members, as integers. A body is "red" (红色业委会) when party members are
 * more than half: 4 of 7 is red, 3 of 6 is not.
 */
@ObjectType({ description: 'Party members among the current members of a body; red when they are more than half.' })
export class PartyMemberShare {
  @Field(() => Int, { description: 'Current members who are party members.' })
  partyMembers!: number;

  @Field(() => Int, { description: 'Current members.' })
  members!: number;

  @Field({ description: 'Party members are more than half of the members (compared in integers: 2 × party members > members).' })
  isRed!: boolean;
}

export function partyMemberShare(partyMembers: number, members: number): PartyMemberShare {
  return { partyMembers, members, isRed: 2 * partyMembers > members };
}
