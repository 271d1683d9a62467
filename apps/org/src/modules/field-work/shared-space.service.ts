import type { DataSource } from 'typeorm';
import { canActIn, requireScope, withinOrAboveScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, ConflictError, decodeCursor, ForbiddenError, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { pagePerKey } from '@gongzhi/platform-service';
import { Compound } from '../compound/compound.entity';
import { communityInScope, narrowToScope, violatedConstraint } from '../grid/governance-lookups';
import { RoomBooking, SharedSpace, SpaceRoom } from './shared-space.entity';
import type { AddSpaceRoomInput, BookRoomInput, CreateSharedSpaceInput, RoomBookingsArgs, SharedSpacesArgs } from './shared-space.inputs';

/** A booking longer than a day is an arrangement, not a booking. */
const MAX_BOOKING_MS = 24 * 60 * 60 * 1000;

/**
 * A shared space serves everyone below its node: a resident whose scope is their compound may book a room of
 * the community's station. Callers above the node (street, district) manage it as usual.
 */
function mayUse(user: AuthUser, path: string): boolean {
  return canActIn(user, path) || user.scopes.some((scope) => scope.startsWith(path));
}

export class SharedSpaceService {
  constructor(private readonly dataSource: DataSource) {}

  async create(user: AuthUser, input: CreateSharedSpaceInput): Promise<SharedSpace> {
    const compoundId = input.compoundId ? parseId(input.compoundId, 'input.compoundId') : null;
    return this.dataSource.transaction(async (manager) => {
      const community = await communityInScope(manager, user, input.communityCode, 'input.communityCode');
      let scopePath = community.scopePath;
      if (compoundId) {
        const compound = await manager.findOne(Compound, { where: { id: compoundId } });
        if (!compound || compound.communityId !== community.id) {
          throw new BadUserInputError('input.compoundId', 'COMPOUND_NOT_IN_COMMUNITY', `community ${community.code} has no compound with the id ${compoundId}`);
        }
        scopePath = compound.scopePath;
      }
      const name = input.name.trim();
      if (await manager.exists(SharedSpace, { where: { communityId: community.id, name } })) {
        throw new ConflictError('SPACE_NAME_TAKEN', `input.name: the community already has a shared space named "${name}"`, 'input.name');
      }
      const space = manager.create(SharedSpace, { id: uuidv7(), kind: input.kind, name, address: input.address.trim(), communityId: community.id, compoundId, scopePath });
      await manager.insert(SharedSpace, space);
      return space;
    });
  }

  async addRoom(user: AuthUser, input: AddSpaceRoomInput): Promise<SpaceRoom> {
    const spaceId = parseId(input.spaceId, 'input.spaceId');
    return this.dataSource.transaction(async (manager) => {
      const space = await manager.findOne(SharedSpace, { where: { id: spaceId } });
      if (!space) throw new BadUserInputError('input.spaceId', 'UNKNOWN_SHARED_SPACE', `no shared space has the id ${spaceId}`);
      requireScope(user, space.scopePath, 'this shared space');
      const name = input.name.trim();
      if (await manager.exists(SpaceRoom, { where: { spaceId, name } })) {
        throw new ConflictError('ROOM_NAME_TAKEN', `input.name: the space already has a room named "${name}"`, 'input.name');
      }
      const room = manager.create(SpaceRoom, { id: uuidv7(), spaceId, name, functions: [...new Set(input.functions)], capacity: input.capacity, scopePath: space.scopePath });
      await manager.insert(SpaceRoom, room);
      return room;
    });
  }

  async book(user: AuthUser, input: BookRoomInput, now = new Date()): Promise<RoomBooking> {
    const roomId = parseId(input.roomId, 'input.roomId');
    const duration = input.endsAt.getTime() - input.startsAt.getTime();
    if (duration <= 0) throw new BadUserInputError('input.endsAt', 'ENDS_BEFORE_START', 'must be after startsAt');
    if (duration > MAX_BOOKING_MS) throw new BadUserInputError('input.endsAt', 'BOOKING_TOO_LONG', 'a booking lasts at most 24 hours');
    if (input.startsAt.getTime() < now.getTime()) throw new BadUserInputError('input.startsAt', 'IN_THE_PAST', 'a booking starts in the future');
    return this.dataSource.transaction(async (manager) => {
      const room = await manager.findOne(SpaceRoom, { where: { id: roomId } });
      if (!room) throw new BadUserInputError('input.roomId', 'UNKNOWN_ROOM', `no room has the id ${roomId}`);
      if (!mayUse(user, room.scopePath)) throw new ForbiddenError('OUT_OF_SCOPE', 'Your scopes do not cover this room');
      const booking = manager.create(RoomBooking, {
        id: uuidv7(),
        roomId,
        bookedBy: user.sub,
        purpose: input.purpose.trim(),
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        cancelledAt: null,
        scopePath: room.scopePath,
      });
      try {
        await manager.insert(RoomBooking, booking);
      } catch (error) {
        // The exclusion constraint decides: two concurrent bookings of one slot cannot both commit.
        if (violatedConstraint(error, '23P01') !== 'room_booking_no_overlap') throw error;
        throw new ConflictError('BOOKING_OVERLAPS', 'input.startsAt: the room is already booked for part of this time', 'input.startsAt');
      }
      return booking;
    });
  }

  async cancel(user: AuthUser, bookingId: string, now = new Date()): Promise<RoomBooking> {
    const id = parseId(bookingId, 'bookingId');
    return this.dataSource.transaction(async (manager) => {
      const booking = await manager.findOne(RoomBooking, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!booking) throw new BadUserInputError('bookingId', 'UNKNOWN_BOOKING', `no booking has the id ${id}`);
      // Whoever booked may cancel; otherwise staff of the space's node.
      if (booking.bookedBy !== user.sub || !mayUse(user, booking.scopePath)) requireScope(user, booking.scopePath, 'this booking');
      if (booking.cancelledAt) throw new ConflictError('ALREADY_CANCELLED', 'bookingId: the booking is already cancelled', 'bookingId');
      booking.cancelledAt = now;
      await manager.save(RoomBooking, booking);
      return booking;
    });
  }

  /** Spaces the caller manages or that serve the caller's node. */
  async list(user: AuthUser, args: SharedSpacesArgs): Promise<ConnectionShape<SharedSpace>> {
    const after = decodeCursor(args.after);
    // Not alias `s`: withinOrAboveScopes names its own unnest `s`.
    const scope = withinOrAboveScopes(user, 'space.scope_path');
    const query = this.dataSource.getRepository(SharedSpace).createQueryBuilder('space').where(scope.sql, scope.params).orderBy('space.id', 'ASC').limit(args.first + 1);
    narrowToScope(query, user, args.scope, 'space.scope_path');
    if (after) query.andWhere('space.id > :after', { after });
    return toConnection(await query.getMany(), args.first);
  }

  roomsOf(user: AuthUser, spaceIds: readonly string[]): Promise<SpaceRoom[]> {
    const scope = withinOrAboveScopes(user, 'r.scope_path');
    return this.dataSource
      .getRepository(SpaceRoom)
      .createQueryBuilder('r')
      .where('r.space_id = ANY(:ids)', { ids: [...spaceIds] })
      .andWhere(scope.sql, scope.params)
      .orderBy('r.id', 'ASC')
      .getMany();
  }

  /** The first page of bookings of each of many rooms, in one statement. */
  bookingsOf(user: AuthUser, roomIds: readonly string[], page: RoomBookingsArgs): Promise<Map<string, ConnectionShape<RoomBooking>>> {
    const scope = withinOrAboveScopes(user, 'x.scope_path');
    return pagePerKey(this.dataSource.getRepository(RoomBooking), {
      table: 'room_booking',
      keyColumn: 'room_id',
      keyOf: (booking) => booking.roomId,
      keys: roomIds,
      conditions: page.includeCancelled ? [scope.sql] : [scope.sql, 'x.cancelled_at IS NULL'],
      params: scope.params,
      first: page.first,
      after: page.after,
    });
  }
}
