import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { PageArgs } from '@gongzhi/platform-graphql';
import { AreaSource } from './dwelling.entity';
import { OwnerKind } from './owner.entity';

const LABEL = /^[0-9A-Za-z\u4e00-\u9fa5-]{1,20}$/;
const LABEL_MESSAGE = 'must be 1 to 20 letters, digits, Chinese characters or hyphens';

@InputType({ description: 'A dwelling at building / unit / room of a compound; missing buildings and units are created.' })
export class RegisterDwellingInput {
  @Field(() => ID)
  compoundId!: string;

  @Field()
  @Matches(LABEL, { message: LABEL_MESSAGE })
  building!: string;

  @Field()
  @Matches(LABEL, { message: LABEL_MESSAGE })
  unit!: string;

  @Field()
  @Matches(LABEL, { message: LABEL_MESSAGE })
  roomNumber!: string;

  @Field(() => Int, { description: 'Exclusive area in hundredths of a square metre (89.50 m² → 8950).' })
  @Min(1, { message: 'must be positive' })
  @Max(100_000_000, { message: 'must be at most 1,000,000 m²' })
  exclusiveArea!: number;

  @Field(() => AreaSource, { defaultValue: AreaSource.REGISTER })
  areaSource!: AreaSource;

  @Field({ defaultValue: false })
  developerUnsold!: boolean;
}

@InputType({ description: 'Changed facts of a dwelling; omitted fields stay as they are.' })
export class UpdateDwellingInput {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1, { message: 'must be positive' })
  @Max(100_000_000, { message: 'must be at most 1,000,000 m²' })
  exclusiveArea?: number | null;

  @Field(() => AreaSource, { nullable: true })
  areaSource?: AreaSource | null;

  @Field({ nullable: true })
  developerUnsold?: boolean;
}

@InputType({ description: "One owner's share of a dwelling." })
export class OwnerShareInput {
  @Field(() => OwnerKind)
  kind!: OwnerKind;

  @Field()
  @Length(1, 100, { message: 'must be 1 to 100 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  name!: string;

  @Field(() => String, { nullable: true, description: "A person's 18-character citizen identity number." })
  idNumber?: string | null;

  @Field(() => String, { nullable: true, description: "An organization's unified social credit code." })
  creditCode?: string | null;

  @Field({ defaultValue: false, description: 'The developer (开发建设单位) of the compound.' })
  isDeveloper!: boolean;

  @Field(() => Int, { defaultValue: 1 })
  @Min(1, { message: 'must be positive' })
  shareNumerator!: number;

  @Field(() => Int, { defaultValue: 1 })
  @Min(1, { message: 'must be positive' })
  @Max(10_000, { message: 'must be at most 10000' })
  shareDenominator!: number;
}

@InputType({ description: "A dwelling's owners after a transfer, inheritance or correction; the shares must add up to 1." })
export class SetDwellingOwnersInput {
  @Field(() => ID)
  dwellingId!: string;

  @Field(() => [OwnerShareInput])
  @ArrayMinSize(0)
  @ArrayMaxSize(20, { message: 'a dwelling has at most 20 owners' })
  @ValidateNested({ each: true })
  owners!: OwnerShareInput[];
}

@ArgsType()
export class DwellingsArgs extends PageArgs {
  @Field(() => ID)
  compoundId!: string;
}
