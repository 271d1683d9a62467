import type { DataSource } from 'typeorm';
import type { AuthUser } from '@gongzhi/platform-auth';
import { withinScopes } from '@gongzhi/platform-auth';
import { BadUserInputError, decodeCursor, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { PersonalDataAccess, type AccessOutcome, type PersonalDataField } from './access-log.entity';
import type { PersonalDataAccessLogArgs } from './access-log.inputs';

/** Whose information: a resident, or an owner reached through one of their dwellings; with its scope path. */
export interface DataSubject {
  residentId?: string;
  ownerId?: string;
  scopePath: string;
  /** The person's identity key (`p:<hmac>`), by which they are recognised reading their own data. */
  personKey?: string | null;
}

export interface AccessRecord {
  subject: DataSubject;
  field: PersonalDataField;
  purpose: string | null;
  outcome: AccessOutcome;
}

/** Who read, in which request: the same for every record of one request. */
export interface AccessActor {
  user: AuthUser;
  requestId: string;
}

export class AccessLogService {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends the records of one request with a single INSERT. */
  async append(actor: AccessActor, records: readonly AccessRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO personal_data_access (id, request_id, actor_sub, actor_roles, resident_id, owner_id, field, purpose, outcome, scope_path)
       SELECT r.id, $1, $2, $3, r.resident_id, r.owner_id, r.field, r.purpose, r.outcome, r.scope_path
         FROM unnest($4::uuid[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::text[], $10::text[])
           AS r (id, resident_id, owner_id, field, purpose, outcome, scope_path)`,
      [
        actor.requestId.slice(0, 200),
        actor.user.sub,
        [...actor.user.roles],
        records.map(() => uuidv7()),
        records.map((r) => r.subject.residentId ?? null),
        records.map((r) => r.subject.ownerId ?? null),
        records.map((r) => r.field),
        records.map((r) => r.purpose),
        records.map((r) => r.outcome),
        records.map((r) => r.subject.scopePath),
      ],
    );
  }

  /** The log inside the auditor's scopes, newest first. */
  async list(user: AuthUser, args: PersonalDataAccessLogArgs): Promise<ConnectionShape<PersonalDataAccess>> {
    const after = decodeCursor(args.after);
    if (args.from && args.to && args.from >= args.to) throw new BadUserInputError('to', 'EMPTY_PERIOD', 'must be later than from');
    const scope = withinScopes(user, 'l.scope_path');
    const query = this.dataSource.getRepository(PersonalDataAccess).createQueryBuilder('l').where(scope.sql, scope.params).orderBy('l.id', 'DESC').limit(args.first + 1);
    if (args.residentId) query.andWhere('l.resident_id = :residentId', { residentId: parseId(args.residentId, 'residentId') });
    if (args.ownerId) query.andWhere('l.owner_id = :ownerId', { ownerId: parseId(args.ownerId, 'ownerId') });
    if (args.sub) query.andWhere('l.actor_sub = :sub', { sub: args.sub });
    if (args.from) query.andWhere('l.accessed_at >= :from', { from: args.from });
    if (args.to) query.andWhere('l.accessed_at < :to', { to: args.to });
    if (after) query.andWhere('l.id < :after', { after });
    return toConnection(await query.getMany(), args.first);
  }
}
