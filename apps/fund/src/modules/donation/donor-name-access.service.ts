import type { DataSource } from 'typeorm';
import { withinScopes, type AuthUser } from '@gongzhi/platform-auth';
import { decodeCursor, parseId, toConnection, uuidv7, type ConnectionShape } from '@gongzhi/platform-graphql';
import { DonorNameAccess, type DonorNameAccessLogArgs } from './donor-name-access.entity';

/** The append-only log of reads of anonymous donors' names (see the migration). */
export class DonorNameAccessLog {
  constructor(private readonly dataSource: DataSource) {}

  /** Records that the caller read the names of these (anonymous) donations, with one INSERT. */
  async append(actor: { user: AuthUser; requestId: string }, donationIds: readonly string[]): Promise<void> {
    if (donationIds.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO donor_name_access (id, accessed_at, request_id, actor_sub, actor_roles, donation_id, fund_id, scope_path)
       SELECT r.id, now(), $1, $2, $3, d.id, d.fund_id, f.owner_scope_path
         FROM unnest($4::uuid[], $5::uuid[]) AS r (id, donation_id)
         JOIN donation d ON d.id = r.donation_id
         JOIN fund f ON f.id = d.fund_id`,
      [actor.requestId.slice(0, 200), actor.user.sub, [...actor.user.roles], donationIds.map(() => uuidv7()), [...donationIds]],
    );
  }

  /** The log inside the caller's scopes, newest first. */
  async list(user: AuthUser, args: DonorNameAccessLogArgs): Promise<ConnectionShape<DonorNameAccess>> {
    const after = decodeCursor(args.after);
    const scope = withinScopes(user, 'l.scope_path');
    const query = this.dataSource.getRepository(DonorNameAccess).createQueryBuilder('l').where(scope.sql, scope.params).orderBy('l.id', 'DESC').limit(args.first + 1);
    if (args.fundId) query.andWhere('l.fund_id = :fundId', { fundId: parseId(args.fundId, 'fundId') });
    if (after) query.andWhere('l.id < :after', { after });
    return toConnection(await query.getMany(), args.first);
  }
}
