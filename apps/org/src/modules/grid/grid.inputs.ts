import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { IsOptional, Length, Matches } from 'class-validator';
import { PageArgs } from '@gongzhi/platform-graphql';
import { GridKind } from './grid.entity';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType({ description: 'A new grid of a community; its CJ/T 349 code is assigned in sequence.' })
export class CreateGridInput {
  @Field({ description: 'The 12-digit code of the community.' })
  @Matches(/^\d{12}$/, { message: 'must be a 12-digit community code' })
  communityCode!: string;

  @Field(() => GridKind)
  kind!: GridKind;

  @Field()
  @Length(1, 100, { message: 'must be 1 to 100 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The grid this one divides: a master grid for a general grid, a general grid for a micro-grid.' })
  parentId?: string | null;
}

@InputType({ description: 'A building, or one unit of it, that a grid covers.' })
export class CoverGridInput {
  @Field(() => ID)
  gridId!: string;

  @Field(() => ID)
  buildingId!: string;

  @Field(() => ID, { nullable: true, description: 'Cover only this unit of the building.' })
  unitId?: string | null;
}

@InputType({ description: 'A grid worker: either a resident or a staff account (its token subject).' })
export class AssignGridWorkerInput {
  @Field(() => ID)
  gridId!: string;

  @Field(() => ID, { nullable: true })
  residentId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  staffSub?: string | null;

  @Field(() => String, { nullable: true, description: "Required for staff; a resident's name is taken from the register." })
  @IsOptional()
  @Length(1, 50, { message: 'must be 1 to 50 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  name?: string | null;

  @Field({ description: 'ISO date, e.g. 2026-03-01.' })
  @Matches(DATE, { message: 'must be a date like 2026-03-01' })
  assignedOn!: string;
}

@InputType({ description: 'A grid worker leaving their grid.' })
export class ReleaseGridWorkerInput {
  @Field(() => ID)
  workerId!: string;

  @Field({ description: 'ISO date, e.g. 2026-09-30.' })
  @Matches(DATE, { message: 'must be a date like 2026-09-30' })
  releasedOn!: string;
}

@ArgsType()
export class GridsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Narrow to this scope path inside your scopes.' })
  scope?: string | null;

  @Field(() => GridKind, { nullable: true })
  kind?: GridKind | null;
}
