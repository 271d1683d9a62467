import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, Matches } from 'class-validator';
import { PageArgs } from '@gongzhi/platform-graphql';
import { CareTag, HouseholdRegistration, ResidentRelation, SensitiveTag } from './resident.entity';

@InputType({ description: 'A resident registered with a community.' })
export class RegisterResidentInput {
  @Field({ description: 'The 12-digit code of the community the resident is registered with.' })
  @Matches(/^\d{12}$/, { message: 'must be a 12-digit community code' })
  communityCode!: string;

  @Field()
  @Length(1, 50, { message: 'must be 1 to 50 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  name!: string;

  @Field({ description: '18-character citizen identity number (GB 11643).' })
  idNumber!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, { message: 'must be an 11-digit mobile number or a landline with area code' })
  phone?: string | null;

  @Field(() => HouseholdRegistration)
  householdRegistration!: HouseholdRegistration;

  @Field(() => [CareTag], { defaultValue: [] })
  @ArrayMaxSize(5)
  careTags!: CareTag[];

  @Field(() => [SensitiveTag], { defaultValue: [], description: 'Only roles allowed to read sensitive tags may set them.' })
  @ArrayMaxSize(2)
  sensitiveTags!: SensitiveTag[];
}

@InputType({ description: 'A resident moving into a dwelling.' })
export class MoveInInput {
  @Field(() => ID)
  residentId!: string;

  @Field(() => ID)
  dwellingId!: string;

  @Field(() => ResidentRelation)
  relation!: ResidentRelation;

  @Field({ description: 'ISO date, e.g. 2026-03-01.' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like 2026-03-01' })
  date!: string;
}

@InputType({ description: 'A resident moving out of a dwelling.' })
export class MoveOutInput {
  @Field(() => ID)
  residencyId!: string;

  @Field({ description: 'ISO date, e.g. 2026-09-30.' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date like 2026-09-30' })
  date!: string;
}

@ArgsType()
export class ResidentsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Narrow to a scope path inside your scopes.' })
  scope?: string | null;

  @Field(() => CareTag, { nullable: true })
  careTag?: CareTag | null;
}
