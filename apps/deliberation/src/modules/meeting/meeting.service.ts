import type { DataSource } from 'typeorm';
import { assertScopePath, requireScope, withinScopes, type AuthUser } from '@gongzhi/platform-auth';
import { BadUserInputError, decodeCursor, NotFoundError, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { findOrgNode } from '@gongzhi/org-mirror';
import { groupByKey } from '@gongzhi/platform-service';
import { HandlingLevel, Matter } from '../matter/matter.entity';
import { moveMatterIn } from '../matter/matter.service';
import { Meeting, type MeetingAttendance } from './meeting.entity';
import type { MeetingsArgs, RecordMeetingInput, ScheduleMeetingInput } from './meeting.inputs';

const LEVEL_OF_NODE: Record<string, HandlingLevel | undefined> = {
  COMPOUND: HandlingLevel.COMPOUND,
  COMMUNITY: HandlingLevel.COMMUNITY,
  STREET: HandlingLevel.STREET,
};
const FIVE_PARTIES = ['COMMUNITY', 'COMPOUND_PARTY_ORGANIZATION', 'OWNERS_COMMITTEE', 'PROPERTY_COMPANY', 'RESIDENT_REPRESENTATIVES'];

export class MeetingService {
  constructor(private readonly dataSource: DataSource) {}

  async schedule(user: AuthUser, input: ScheduleMeetingInput): Promise<Meeting> {
    const nodeId = parseId(input.nodeId, 'input.nodeId');
    const matterIds = input.agendaMatterIds.map((id, i) => parseId(id, `input.agendaMatterIds.${i}`));
    const parties = [...new Set(input.invitedParties)];
    if (input.kind === 'FIVE_PARTY_JOINT' && !FIVE_PARTIES.every((p) => parties.includes(p as never))) {
      throw new BadUserInputError('input.invitedParties', 'FIVE_PARTIES_REQUIRED', `a five-party joint meeting invites ${FIVE_PARTIES.join(', ')}`);
    }
    return this.dataSource.transaction(async (manager) => {
      const node = await findOrgNode(manager, nodeId);
      const level = node ? LEVEL_OF_NODE[node.kind] : undefined;
      if (!node || !level) throw new BadUserInputError('input.nodeId', 'UNKNOWN_NODE', 'must be a compound, community or street');
      requireScope(user, node.scopePath, 'this node');
      if (matterIds.length) {
        const found = (await manager.query(`SELECT id FROM matter WHERE id = ANY($1) AND starts_with(scope_path, $2)`, [matterIds, node.scopePath])) as { id: string }[];
        const missing = matterIds.findIndex((id) => !found.some((f) => f.id === id));
        if (missing >= 0) throw new BadUserInputError(`input.agendaMatterIds.${missing}`, 'UNKNOWN_MATTER', 'must be a matter of the meeting’s compound, community or street');
      }
      const id = uuidv7();
      await manager.insert(Meeting, {
        id,
        nodeId,
        scopePath: node.scopePath,
        level,
        kind: input.kind,
        title: input.title.trim(),
        scheduledAt: input.scheduledAt,
        invitedParties: parties,
        convenedBy: user.sub,
      });
      for (const matterId of new Set(matterIds)) await manager.query(`INSERT INTO meeting_agenda_item (meeting_id, matter_id) VALUES ($1, $2)`, [id, matterId]);
      return manager.findOneOrFail(Meeting, { where: { id } });
    });
  }

  /** Records the meeting once: attendance, minutes, and each decision moving a matter on its agenda, all or nothing. */
  async record(user: AuthUser, input: RecordMeetingInput): Promise<Meeting> {
    const id = parseId(input.meetingId, 'input.meetingId');
    return this.dataSource.transaction(async (manager) => {
      const meeting = await manager.findOne(Meeting, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!meeting) throw new NotFoundError('UNKNOWN_MEETING', `no meeting has the id ${id}`, 'input.meetingId');
      requireScope(user, meeting.scopePath, 'this meeting');
      if (meeting.heldAt) throw new BadUserInputError('input.meetingId', 'ALREADY_RECORDED', 'this meeting’s minutes are already recorded');
      const parties = input.attendance.map((a) => a.party);
      const duplicate = parties.findIndex((p, i) => parties.indexOf(p) !== i);
      if (duplicate >= 0) throw new BadUserInputError(`input.attendance.${duplicate}.party`, 'DUPLICATE_PARTY', 'list each party once');
      await manager.update(Meeting, { id }, { heldAt: new Date(), minutes: input.minutes.trim() });
      for (const a of input.attendance) {
        await manager.query(`INSERT INTO meeting_attendance (meeting_id, party, attendees) VALUES ($1, $2, $3)`, [id, a.party, a.attendees]);
      }
      const agenda = new Set(((await manager.query(`SELECT matter_id FROM meeting_agenda_item WHERE meeting_id = $1`, [id])) as { matter_id: string }[]).map((r) => r.matter_id));
      for (const [i, decision] of input.decisions.entries()) {
        const matterId = parseId(decision.matterId, `input.decisions.${i}.matterId`);
        if (!agenda.has(matterId)) throw new BadUserInputError(`input.decisions.${i}.matterId`, 'NOT_ON_AGENDA', 'a meeting decides only matters on its agenda');
        await moveMatterIn(manager, user, { ...decision, matterId }, id, `input.decisions.${i}`);
      }
      return manager.findOneOrFail(Meeting, { where: { id } });
    });
  }

  async list(user: AuthUser, args: MeetingsArgs): Promise<ConnectionShape<Meeting>> {
    const after = decodeCursor(args.after);
    const scope = withinScopes(user, 'g.scope_path');
    const query = this.dataSource.getRepository(Meeting).createQueryBuilder('g').where(scope.sql, scope.params).orderBy('g.id', 'ASC').limit(args.first + 1);
    if (args.scope) query.andWhere('starts_with(g.scope_path, :narrow)', { narrow: assertScopePath(args.scope, 'scope') });
    if (after) query.andWhere('g.id > :after', { after });
    return toConnection(await query.getMany(), args.first);
  }

  /** The agendas of many meetings in one query (an agenda holds at most 50 matters). */
  async agendas(user: AuthUser, meetingIds: readonly string[]): Promise<Matter[][]> {
    const scope = withinScopes(user, 'm.scope_path');
    const rows = await this.dataSource
      .getRepository(Matter)
      .createQueryBuilder('m')
      .innerJoin('meeting_agenda_item', 'a', 'a.matter_id = m.id')
      .addSelect('a.meeting_id', 'meeting_id')
      .where('a.meeting_id = ANY(:ids)', { ids: [...meetingIds] })
      .andWhere(scope.sql, scope.params)
      .orderBy('m.id', 'ASC')
      .getRawAndEntities();
    const pairs = rows.entities.map((matter, i) => ({ meetingId: (rows.raw[i] as { meeting_id: string }).meeting_id, matter }));
    return groupByKey(meetingIds, pairs, (p) => p.meetingId).map((list) => list.map((p) => p.matter));
  }

  /** The attendance of many meetings in one query. */
  async attendances(meetingIds: readonly string[]): Promise<MeetingAttendance[][]> {
    const rows = (await this.dataSource.query(`SELECT meeting_id, party, attendees FROM meeting_attendance WHERE meeting_id = ANY($1) ORDER BY party`, [[...meetingIds]])) as {
      meeting_id: string;
      party: MeetingAttendance['party'];
      attendees: number;
    }[];
    return groupByKey(meetingIds, rows, (r) => r.meeting_id).map((list) => list.map((r) => ({ party: r.party, attendees: r.attendees })));
  }
}
