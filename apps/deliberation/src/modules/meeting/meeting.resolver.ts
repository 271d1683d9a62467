import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireUser, Requires } from '@gongzhi/platform-auth';
import { Connection, type ConnectionShape } from '@gongzhi/platform-graphql';
import type { RequestContext } from '@gongzhi/platform-service';
import { Matter } from '../matter/matter.entity';
import { Meeting, MeetingAttendance } from './meeting.entity';
import { MeetingsArgs, RecordMeetingInput, ScheduleMeetingInput } from './meeting.inputs';
import type { MeetingService } from './meeting.service';

@ObjectType()
export class MeetingConnection extends Connection(Meeting, 'Meeting') {}

@Resolver(() => Meeting)
export class MeetingResolver {
  constructor(private readonly meetingService: MeetingService) {}

  @Authorized()
  @Query(() => MeetingConnection, { description: 'Consultation meetings inside your scopes, in the order they were scheduled.' })
  meetings(@Args() args: MeetingsArgs, @Ctx() ctx: RequestContext): Promise<ConnectionShape<Meeting>> {
    return this.meetingService.list(requireUser(ctx), args);
  }

  @Requires('matter:handle')
  @Mutation(() => Meeting, { description: 'Schedules a consultation meeting (说事议事会, 五方联动) with its agenda.' })
  scheduleMeeting(@Arg('input') input: ScheduleMeetingInput, @Ctx() ctx: RequestContext): Promise<Meeting> {
    return this.meetingService.schedule(requireUser(ctx), input);
  }

  @Requires('matter:handle')
  @Mutation(() => Meeting, { description: 'Records a held meeting: attendance, minutes, and the decisions that move its matters on.' })
  recordMeeting(@Arg('input') input: RecordMeetingInput, @Ctx() ctx: RequestContext): Promise<Meeting> {
    return this.meetingService.record(requireUser(ctx), input);
  }

  @Authorized()
  @FieldResolver(() => [Matter], { description: 'The matters on the agenda (at most 50).' })
  agenda(@Root() meeting: Meeting, @Ctx() ctx: RequestContext): Promise<Matter[]> {
    const user = requireUser(ctx);
    return ctx.loaders.get<string, Matter[]>('meetingAgenda', (ids) => this.meetingService.agendas(user, ids)).load(meeting.id);
  }

  @Authorized()
  @FieldResolver(() => [MeetingAttendance], { description: 'Attendance per party.' })
  attendance(@Root() meeting: Meeting, @Ctx() ctx: RequestContext): Promise<MeetingAttendance[]> {
    return ctx.loaders.get<string, MeetingAttendance[]>('meetingAttendance', (ids) => this.meetingService.attendances(ids)).load(meeting.id);
  }
}
