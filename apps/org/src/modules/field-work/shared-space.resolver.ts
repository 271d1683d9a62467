import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Requires, requireUser } from '@gongzhi/platform-auth';
import { Connection, type ConnectionShape } from '@gongzhi/platform-graphql';
import { groupByKey, type RequestContext } from '@gongzhi/platform-service';
import { RoomBooking, SharedSpace, SpaceRoom } from './shared-space.entity';
import { AddSpaceRoomInput, BookRoomInput, CreateSharedSpaceInput, RoomBookingsArgs, SharedSpacesArgs } from './shared-space.inputs';
import type { SharedSpaceService } from './shared-space.service';

@ObjectType()
export class SharedSpaceConnection extends Connection(SharedSpace, 'SharedSpace') {}

@ObjectType()
export class RoomBookingConnection extends Connection(RoomBooking, 'RoomBooking') {}

@Resolver(() => SharedSpace)
export class SharedSpaceResolver {
  constructor(private readonly spaces: SharedSpaceService) {}

  @Authorized()
  @Query(() => SharedSpaceConnection, { description: 'Shared spaces you manage or that serve your area.' })
  sharedSpaces(@Args() args: SharedSpacesArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<SharedSpace>> {
    return this.spaces.list(requireUser(ctx), args);
  }

  @Requires('governance:administer')
  @Mutation(() => SharedSpace, { description: 'Registers a shared space (睦邻驿站、党群服务站).' })
  createSharedSpace(@Arg('input') input: CreateSharedSpaceInput, @Ctx() ctx: RequestContext): Promise<SharedSpace> {
    return this.spaces.create(requireUser(ctx), input);
  }

  @Requires('governance:administer')
  @Mutation(() => SpaceRoom, { description: 'Adds a room to a shared space.' })
  addSpaceRoom(@Arg('input') input: AddSpaceRoomInput, @Ctx() ctx: RequestContext): Promise<SpaceRoom> {
    return this.spaces.addRoom(requireUser(ctx), input);
  }

  @Requires('room:book')
  @Mutation(() => RoomBooking, { description: 'Books a room; refused with CONFLICT when it overlaps a live booking.' })
  bookRoom(@Arg('input') input: BookRoomInput, @Ctx() ctx: RequestContext): Promise<RoomBooking> {
    return this.spaces.book(requireUser(ctx), input);
  }

  @Requires('room:book')
  @Mutation(() => RoomBooking, { description: 'Cancels a booking: your own, or any in your scopes if you manage the space.' })
  cancelRoomBooking(@Arg('bookingId', () => ID) bookingId: string, @Ctx() ctx: RequestContext): Promise<RoomBooking> {
    return this.spaces.cancel(requireUser(ctx), bookingId);
  }

  @FieldResolver(() => [SpaceRoom])
  rooms(@Root() space: SharedSpace, @Ctx() ctx: RequestContext): Promise<SpaceRoom[]> {
    const user = requireUser(ctx);
    return ctx.loaders.get<string, SpaceRoom[]>('spaceRooms', async (ids) => groupByKey(ids, await this.spaces.roomsOf(user, ids), (r) => r.spaceId)).load(space.id);
  }
}

@Resolver(() => SpaceRoom)
export class SpaceRoomResolver {
  constructor(private readonly spaces: SharedSpaceService) {}

  @FieldResolver(() => RoomBookingConnection, { description: 'Bookings of the room in the order they were made.' })
  bookings(@Root() room: SpaceRoom, @Args() args: RoomBookingsArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<RoomBooking>> {
    const user = requireUser(ctx);
    return ctx.loaders
      .get<string, ConnectionShape<RoomBooking>>(`roomBookings:${args.first}:${args.after ?? ''}:${args.includeCancelled}`, async (ids) => {
        const pages = await this.spaces.bookingsOf(user, ids, args);
        return ids.map((id) => pages.get(id)!);
      })
      .load(room.id);
  }
}
