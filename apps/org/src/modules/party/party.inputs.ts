import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { PageArgs } from '@gongzhi/platform-graphql';
import { PartyMemberCategory, PartyOrganizationKind } from './party.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'must be a date like 2026-03-01';

@InputType({ description: "A node of a community's party organization tree." })
export class CreatePartyOrganizationInput {
  @Field({ description: 'The 12-digit code of the community.' })
  @Matches(/^\d{12}$/, { message: 'must be a 12-digit community code' })
  communityCode!: string;

  @Field(() => PartyOrganizationKind)
  kind!: PartyOrganizationKind;

  @Field()
  @Length(1, 100, { message: 'must be 1 to 100 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  name!: string;

  @Field(() => ID, { nullable: true, description: 'Required for every kind but a committee.' })
  parentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A branch in a compound.' })
  compoundId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A branch on a grid.' })
  gridId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A branch in a property company (its id in the property service).' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  propertyCompanyId?: string | null;
}

@InputType({ description: 'A resident enrolled as a party member of an organization.' })
export class EnrolPartyMemberInput {
  @Field(() => ID)
  residentId!: string;

  @Field(() => ID)
  organizationId!: string;

  @Field(() => PartyMemberCategory)
  category!: PartyMemberCategory;
}

@InputType({ description: 'A party member registering (报到) at the community where they live.' })
export class RecordPartyMemberRegistrationInput {
  @Field(() => ID)
  partyMemberId!: string;

  @Field({ description: 'ISO date, e.g. 2026-03-01.' })
  @Matches(DATE, { message: DATE_MESSAGE })
  registeredOn!: string;
}

@InputType({ description: "A party member's own dwelling designated as a central household (党员中心户)." })
export class DesignateCentralHouseholdInput {
  @Field(() => ID)
  partyMemberId!: string;

  @Field(() => ID)
  dwellingId!: string;

  @Field({ description: 'ISO date, e.g. 2026-03-01.' })
  @Matches(DATE, { message: DATE_MESSAGE })
  designatedOn!: string;
}

@InputType({ description: 'Households (dwellings of the same compound) linked to a central household.' })
export class LinkHouseholdsInput {
  @Field(() => ID)
  centralHouseholdId!: string;

  @Field(() => [ID])
  @ArrayMinSize(1, { message: 'must list at least one dwelling' })
  @ArrayMaxSize(30, { message: 'a central household links at most 30 households' })
  dwellingIds!: string[];

  @Field({ description: 'ISO date, e.g. 2026-03-01.' })
  @Matches(DATE, { message: DATE_MESSAGE })
  linkedOn!: string;
}

@InputType({ description: 'A party-building instructor assigned to a property company by a street or district.' })
export class AssignPartyBuildingInstructorInput {
  @Field({ description: 'Code of the district (6 digits) or street (9 digits) making the assignment.' })
  @Matches(/^(\d{6}|\d{9})$/, { message: 'must be a district (6 digits) or street (9 digits) code' })
  areaCode!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'must be a UUID' })
  propertyCompanyId!: string;

  @Field()
  @Length(1, 50, { message: 'must be 1 to 50 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  staffSub?: string | null;

  @Field({ description: 'ISO date, e.g. 2026-03-01.' })
  @Matches(DATE, { message: DATE_MESSAGE })
  assignedOn!: string;
}

@ArgsType()
export class PartyOrganizationsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Narrow to this scope path inside your scopes.' })
  scope?: string | null;

  @Field(() => PartyOrganizationKind, { nullable: true })
  kind?: PartyOrganizationKind | null;
}

@ArgsType()
export class PartyMembersArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only members of this organization.' })
  organizationId?: string | null;

  @Field(() => PartyMemberCategory, { nullable: true })
  category?: PartyMemberCategory | null;
}

@ArgsType()
export class CentralHouseholdsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Narrow to this scope path inside your scopes.' })
  scope?: string | null;
}

@ArgsType()
export class PartyBuildingInstructorsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  propertyCompanyId?: string | null;
}
