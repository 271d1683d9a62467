import type { EntityManager } from 'typeorm';
import { ConventionVersion, ConventionVersionStatus } from './convention.entity';

/**
 * Settles the convention version a closed vote decided, inside the closing transaction: adopted versions
 * replace the one in force, rejected ones stay on record.
 */
export async function settleConventionVote(manager: EntityManager, voteId: string, passed: boolean, at: Date): Promise<void> {
  const [version] = (await manager.query(`SELECT id, convention_id FROM convention_version WHERE vote_id = $1`, [voteId])) as { id: string; convention_id: string }[];
  if (!version) return;
  if (!passed) {
    await manager.update(ConventionVersion, { id: version.id }, { status: ConventionVersionStatus.REJECTED });
    return;
  }
  await manager.query(`UPDATE convention_version SET status = 'SUPERSEDED' WHERE convention_id = $1 AND status = 'ADOPTED'`, [version.convention_id]);
  await manager.update(ConventionVersion, { id: version.id }, { status: ConventionVersionStatus.ADOPTED, adoptedAt: at });
}
