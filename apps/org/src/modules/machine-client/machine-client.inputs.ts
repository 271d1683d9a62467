import { ArgsType, Field, InputType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, Length, Matches, MaxLength } from 'class-validator';
import { PageArgs } from '@gongzhi/platform-graphql';

@InputType({ description: 'A new machine client: what it is called, where it belongs, and what its tokens may carry.' })
export class RegisterMachineClientInput {
  @Field({ description: 'e.g. 成都市12345热线平台.' })
  @Length(1, 100, { message: 'must be 1 to 100 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  @Matches(/^\P{Cc}*$/u, { message: 'must not contain control characters' })
  name!: string;

  @Field({ description: 'The node the client belongs to (a scope path such as /510112/), inside your scopes.' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  scopePath!: string;

  @Field(() => [String], { description: 'Roles its tokens carry: city_platform, or another role that is not an administrator’s (auditor, grid_worker, party_secretary, committee_member, property_staff).' })
  @ArrayMinSize(1, { message: 'lists at least one role' })
  @ArrayMaxSize(10, { message: 'lists at most 10 roles' })
  @MaxLength(50, { each: true, message: 'each role is at most 50 characters' })
  roles!: string[];

  @Field(() => [String], { description: 'Scope paths its tokens may carry, each at or below `scopePath`.' })
  @ArrayMinSize(1, { message: 'lists at least one scope path' })
  @ArrayMaxSize(20, { message: 'lists at most 20 scope paths' })
  @MaxLength(200, { each: true, message: 'each scope path is at most 200 characters' })
  grantedScopes!: string[];
}

@ArgsType()
export class MachineClientsArgs extends PageArgs {
  @Field({ defaultValue: false, description: 'Also list revoked clients.' })
  includeRevoked!: boolean;
}
