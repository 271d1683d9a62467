import { Field, InputType, Int } from 'type-graphql';
import { IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { CompoundType, ManagementMode } from './compound.entity';

@InputType({ description: 'A new compound under an existing community.' })
export class CreateCompoundInput {
  @Field({ description: 'The 12-digit code of the community the compound belongs to.' })
  @Matches(/^\d{12}$/, { message: 'must be a 12-digit community code' })
  communityCode!: string;

  @Field()
  @Length(1, 100, { message: 'must be 1 to 100 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  name!: string;

  @Field(() => String, { nullable: true, description: '15 digits starting with the community code; assigned when omitted.' })
  @IsOptional()
  @Matches(/^\d{15}$/, { message: 'must be 15 digits' })
  code?: string | null;

  @Field(() => CompoundType, { defaultValue: CompoundType.COMMODITY_HOUSING })
  type!: CompoundType;

  @Field(() => ManagementMode, { defaultValue: ManagementMode.PROPERTY_COMPANY })
  managementMode!: ManagementMode;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1900, { message: 'must be 1900 or later' })
  @Max(2100, { message: 'must be 2100 or earlier' })
  builtYear?: number | null;

  @Field(() => Int, { nullable: true, description: 'Land area in hundredths of a square metre.' })
  @IsOptional()
  @Min(1, { message: 'must be positive' })
  landArea?: number | null;
}
