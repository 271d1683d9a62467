import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Levels of the party organization in a community: 党委 → 党总支 → 党支部 → 党小组. */
export enum PartyOrganizationKind {
  COMMITTEE = 'COMMITTEE',
  GENERAL_BRANCH = 'GENERAL_BRANCH',
  BRANCH = 'BRANCH',
  GROUP = 'GROUP',
}
registerEnumType(PartyOrganizationKind, {
  name: 'PartyOrganizationKind',
  description: 'Party committee (党委), general branch (党总支), branch (党支部) or party group (党小组).',
});

/** How a party member is organized: employed (在职), retired (离退休), government (机关) or mobile (流动). */
export enum PartyMemberCategory {
  EMPLOYED = 'EMPLOYED',
  RETIRED = 'RETIRED',
  GOVERNMENT = 'GOVERNMENT',
  MOBILE = 'MOBILE',
}
registerEnumType(PartyMemberCategory, {
  name: 'PartyMemberCategory',
  description: 'Employed (在职), retired (离退休), government (机关) or mobile (流动) party member.',
});

/** One node of a community's party organization tree. */
@ObjectType({ description: 'A party organization (党组织): committee, general branch, branch or group.' })
@Entity()
export class PartyOrganization {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => PartyOrganizationKind)
  @Column('text')
  kind!: PartyOrganizationKind;

  @Field()
  @Column('text')
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The organization this one belongs to.' })
  @Column('uuid', { nullable: true })
  parentId!: string | null;

  @Column('uuid')
  communityId!: string;

  @Field(() => ID, { nullable: true, description: 'A branch set up in a compound (小区党支部).' })
  @Column('uuid', { nullable: true })
  compoundId!: string | null;

  @Field(() => ID, { nullable: true, description: 'A branch set up on a grid (网格党支部).' })
  @Column('uuid', { nullable: true })
  gridId!: string | null;

  @Field(() => ID, { nullable: true, description: 'A branch set up in a property company (物业企业党支部), by its id in the property service.' })
  @Column('uuid', { nullable: true })
  propertyCompanyId!: string | null;

  @Field()
  @Column('text')
  scopePath!: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A party member (党员), who is a registered resident. */
@ObjectType({ description: 'A party member (党员), linked to a resident.' })
@Entity()
export class PartyMember {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  residentId!: string;

  @Field(() => ID)
  @Column('uuid')
  organizationId!: string;

  @Field(() => PartyMemberCategory)
  @Column('text')
  category!: PartyMemberCategory;

  @Column('uuid', { nullable: true })
  registeredCommunityId!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date the member registered (报到) at the community where they live.' })
  @Column('date', { nullable: true })
  registeredOn!: string | null;

  @Field(() => String, { nullable: true, description: 'Scope path of the community the member registered at.' })
  @Column('text', { nullable: true })
  registeredScopePath!: string | null;

  @Column('text')
  scopePath!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A party-member central household (党员中心户): a member's own dwelling that keeps in touch with nearby households. */
@ObjectType({ description: 'A party-member central household (党员中心户) and the households linked to it (党员包联户).' })
@Entity()
export class CentralHousehold {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID)
  @Column('uuid')
  partyMemberId!: string;

  @Field(() => ID, { description: 'The party member’s own dwelling.' })
  @Column('uuid')
  dwellingId!: string;

  @Field()
  @Column('date')
  designatedOn!: string;

  @Column('text')
  scopePath!: string;
}

/** A household linked to a central household. */
@ObjectType({ description: 'A household (dwelling) linked to a party-member central household.' })
@Entity()
export class CentralHouseholdLink {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  centralHouseholdId!: string;

  @Field(() => ID)
  @PrimaryColumn('uuid')
  dwellingId!: string;

  @Field()
  @Column('date')
  linkedOn!: string;
}

/** A party-building instructor (党建指导员) assigned to a property company by a street or district. */
@ObjectType({ description: 'A party-building instructor (党建指导员) assigned to a property company.' })
@Entity()
export class PartyBuildingInstructor {
  @Field(() => ID)
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID, { description: 'The property company, by its id in the property service.' })
  @Column('uuid')
  propertyCompanyId!: string;

  @Field()
  @Column('text')
  name!: string;

  @Field(() => String, { nullable: true, description: "The instructor's account (token subject), when they have one." })
  @Column('text', { nullable: true })
  staffSub!: string | null;

  @Field()
  @Column('date')
  assignedOn!: string;

  @Field(() => String, { nullable: true })
  @Column('date', { nullable: true })
  endedOn!: string | null;

  @Column('uuid')
  areaId!: string;

  @Field({ description: 'Scope path of the street or district that assigned the instructor.' })
  @Column('text')
  scopePath!: string;
}
