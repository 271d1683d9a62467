import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, Length, Matches, Max, Min } from 'class-validator';
import { PageArgs } from '@gongzhi/platform-graphql';
import { RoomFunction, SharedSpaceKind } from './shared-space.entity';

@InputType({ description: 'A shared space of a community, or of one compound in it.' })
export class CreateSharedSpaceInput {
  @Field(() => SharedSpaceKind)
  kind!: SharedSpaceKind;

  @Field({ description: 'The 12-digit code of the community.' })
  @Matches(/^\d{12}$/, { message: 'must be a 12-digit community code' })
  communityCode!: string;

  @Field(() => ID, { nullable: true })
  compoundId?: string | null;

  @Field()
  @Length(1, 100, { message: 'must be 1 to 100 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  name!: string;

  @Field()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  address!: string;
}

@InputType({ description: 'A room of a shared space.' })
export class AddSpaceRoomInput {
  @Field(() => ID)
  spaceId!: string;

  @Field()
  @Length(1, 50, { message: 'must be 1 to 50 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  name!: string;

  @Field(() => [RoomFunction])
  @ArrayMinSize(1, { message: 'must list at least one function' })
  @ArrayMaxSize(8, { message: 'lists at most 8 functions' })
  functions!: RoomFunction[];

  @Field(() => Int)
  @Min(1, { message: 'must be at least 1' })
  @Max(10_000, { message: 'must be at most 10000' })
  capacity!: number;
}

@InputType({ description: 'A booking of a room; it must not overlap another live booking of the room.' })
export class BookRoomInput {
  @Field(() => ID)
  roomId!: string;

  @Field()
  startsAt!: Date;

  @Field()
  endsAt!: Date;

  @Field()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  purpose!: string;
}

@ArgsType()
export class SharedSpacesArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Narrow to this scope path inside your scopes.' })
  scope?: string | null;
}

@ArgsType()
export class RoomBookingsArgs extends PageArgs {
  @Field({ defaultValue: false, description: 'Include cancelled bookings.' })
  includeCancelled!: boolean;
}
