import type { EntityManager } from 'typeorm';
import type { DeliberationVoteClosedV1, EventEnvelope } from '@gongzhi/contracts-events';
import { findOrgNode } from '@gongzhi/org-mirror';
import { todayInChina } from '../../shared/calendar-date';
import { PropertyCompany } from '../company/property-company.entity';
import { AssignmentStatus, ServiceAssignment } from './service-assignment.entity';
import { endAssignment, startAssignment } from './service-assignment.service';

async function laterDecisionExists(manager: EntityManager, compoundId: string, companyId: string, decision: 'HIRE' | 'DISMISS', closedAt: string): Promise<boolean> {
  const rows = (await manager.query(
    `SELECT 1 FROM owners_decision WHERE compound_id = $1 AND company_id = $2 AND decision = $3 AND closed_at > $4 LIMIT 1`,
    [compoundId, companyId, decision, closedAt],
  )) as unknown[];
  return rows.length > 0;
}

/** Whether an assignment was started by a vote that closed after `closedAt`; null when no vote started it. */
async function startedByLaterVote(manager: EntityManager, voteId: string | null, closedAt: string): Promise<boolean | null> {
  if (!voteId) return null;
  const [row] = (await manager.query(`SELECT closed_at > $2 AS later FROM owners_decision WHERE vote_id = $1`, [voteId, closedAt])) as { later: boolean }[];
  return row?.later ?? null;
}

/**
 * An owners' joint decision to hire or dismiss a property company (Civil Code art. 278) starts or ends the
 * compound's assignment. Decisions are kept with their closing time so that one delivered late never
 * overrides a newer one: a hire is skipped when a later dismissal of the same company arrived first, and a
 * dismissal leaves alone an assignment a later hire started.
 */
export async function applyOwnersDecision(data: DeliberationVoteClosedV1, envelope: EventEnvelope, manager: EntityManager): Promise<void> {
  const { subject } = data;
  if (!data.passed || data.kind !== 'OWNERS_JOINT_DECISION') return;
  if (subject.type !== 'HIRE_PROPERTY_COMPANY' && subject.type !== 'DISMISS_PROPERTY_COMPANY') return;
  const company = await manager.findOneBy(PropertyCompany, { id: subject.companyId });
  const compound = await findOrgNode(manager, data.compoundId, 'COMPOUND');
  const scopePath = compound?.scopePath ?? envelope.scope;
  // A company of another district (or none at all) cannot serve this compound: nothing to start or end.
  if (!company || !scopePath.startsWith(company.scopePath)) return;

  const decision = subject.type === 'HIRE_PROPERTY_COMPANY' ? 'HIRE' : 'DISMISS';
  await manager.query(
    `INSERT INTO owners_decision (vote_id, compound_id, company_id, decision, closed_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (vote_id) DO NOTHING`,
    [data.voteId, data.compoundId, company.id, decision, data.closedAt],
  );
  const decidedOn = todayInChina(new Date(data.closedAt));
  const active = await manager.findOne(ServiceAssignment, {
    where: { compoundId: data.compoundId, status: AssignmentStatus.ACTIVE },
    lock: { mode: 'pessimistic_write' },
  });
  const laterVote = active ? await startedByLaterVote(manager, active.startedByVoteId, data.closedAt) : null;
  const activeIsNewer = active !== null && (laterVote ?? active.contractStart > decidedOn);

  if (decision === 'HIRE') {
    if (active?.companyId === company.id || activeIsNewer) return;
    if (await laterDecisionExists(manager, data.compoundId, company.id, 'DISMISS', data.closedAt)) return;
    if (active) await endAssignment(manager, active, decidedOn < active.contractStart ? active.contractStart : decidedOn, `replaced by owners' vote ${data.voteId}`);
    await startAssignment(manager, {
      companyId: company.id,
      compoundId: data.compoundId,
      scopePath,
      contractStart: decidedOn,
      contractEnd: null,
      feeModel: null,
      feeStandardFen: null,
      startedByVoteId: data.voteId,
    });
    return;
  }
  if (!active || active.companyId !== company.id || activeIsNewer) return;
  await endAssignment(manager, active, decidedOn < active.contractStart ? active.contractStart : decidedOn, `dismissed by owners' vote ${data.voteId}`);
}
