import { Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, Matches } from 'class-validator';

@InputType()
export class RegisterPropertyCompanyInput {
  @Field()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  name!: string;

  @Field({ description: '18 characters: digits and upper-case letters except I, O, S, V, Z, ending in the check character.' })
  creditCode!: string;

  @Field({ description: 'The 6-digit code of the district to register with.' })
  @Matches(/^\d{6}$/, { message: 'must be a 6-digit district code' })
  districtCode!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100, { message: 'must be 1 to 100 characters' })
  contactPerson?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[0-9+\-() ]{5,30}$/, { message: 'must be a telephone number (digits, +, -, parentheses, spaces)' })
  contactPhone?: string | null;

  @Field(() => [String], { nullable: true, description: 'Qualifications held (资质).' })
  @IsOptional()
  @ArrayMaxSize(20, { message: 'must list at most 20 qualifications' })
  @Length(1, 200, { each: true, message: 'each must be 1 to 200 characters' })
  qualifications?: string[] | null;

  @Field(() => String, { nullable: true, description: 'The company’s party branch (党支部).' })
  @IsOptional()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  partyBranch?: string | null;

  @Field(() => String, { nullable: true, description: 'The party-building instructor (党建指导员) assigned to the company.' })
  @IsOptional()
  @Length(1, 100, { message: 'must be 1 to 100 characters' })
  partyInstructor?: string | null;
}

@InputType({ description: 'Changes a company’s profile. Omitted fields stay as they are; null clears an optional one. The credit code never changes.' })
export class UpdatePropertyCompanyProfileInput {
  @Field(() => ID)
  companyId!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100, { message: 'must be 1 to 100 characters' })
  contactPerson?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[0-9+\-() ]{5,30}$/, { message: 'must be a telephone number (digits, +, -, parentheses, spaces)' })
  contactPhone?: string | null;

  @Field(() => [String], { nullable: true, description: 'Qualifications held (资质); replaces the whole list.' })
  @IsOptional()
  @ArrayMaxSize(20, { message: 'must list at most 20 qualifications' })
  @Length(1, 200, { each: true, message: 'each must be 1 to 200 characters' })
  qualifications?: string[] | null;

  @Field(() => String, { nullable: true, description: 'The company’s party branch (党支部).' })
  @IsOptional()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  partyBranch?: string | null;

  @Field(() => String, { nullable: true, description: 'The party-building instructor (党建指导员) assigned to the company.' })
  @IsOptional()
  @Length(1, 100, { message: 'must be 1 to 100 characters' })
  partyInstructor?: string | null;
}
