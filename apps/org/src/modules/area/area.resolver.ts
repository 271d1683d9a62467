import { Args, ArgsType, Arg, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { IsOptional, Matches } from 'class-validator';
import { Requires, requireUser } from '@gongzhi/platform-auth';
import { Connection, PageArgs } from '@gongzhi/platform-graphql';
import type { RequestContext } from '@gongzhi/platform-service';
import { Area, AreaLevel } from './area.entity';
import { CreateAreaInput } from './area.inputs';
import type { AreaService } from './area.service';

@ObjectType()
export class AreaConnection extends Connection(Area, 'Area') {}

@ArgsType()
export class AreasArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only the children of this area.' })
  @IsOptional()
  @Matches(/^(\d{6}|\d{9})$/, { message: 'must be a district (6 digits) or street (9 digits) code' })
  parentCode?: string | null;

  @Field(() => AreaLevel, { nullable: true })
  level?: AreaLevel | null;
}

@Resolver(() => Area)
export class AreaResolver {
  constructor(private readonly areaService: AreaService) {}

  @Authorized()
  @Query(() => AreaConnection, { description: 'Administrative areas inside your scopes.' })
  areas(@Args() args: AreasArgs, @Ctx() ctx: RequestContext): Promise<AreaConnection> {
    return this.areaService.list(requireUser(ctx), args);
  }

  @Requires('area:administer')
  @Mutation(() => Area, { description: 'Creates a district, street or community under an existing parent.' })
  createArea(@Arg('input') input: CreateAreaInput, @Ctx() ctx: RequestContext): Promise<Area> {
    return this.areaService.create(requireUser(ctx), input);
  }
}
