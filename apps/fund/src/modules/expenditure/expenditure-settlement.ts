import type { EntityManager } from 'typeorm';
import { fundExpenditureApprovedV1, type DeliberationVoteClosedV1 } from '@gongzhi/contracts-events';
import { enqueueEvent } from '@gongzhi/platform-messaging';
import { Expenditure, ExpenditureStatus, VoteOutcome } from './expenditure.entity';

/**
 * Applies an owners' vote result. Order-tolerant: a result that arrives before the committee has approved is
 * kept and counted when the approvals are complete; a repeated or unknown result changes nothing.
 */
export async function applyVoteResult(manager: EntityManager, vote: DeliberationVoteClosedV1): Promise<void> {
  if (vote.subject.type !== 'FUND_EXPENDITURE') return;
  const expenditure = await manager.findOne(Expenditure, {
    where: { id: vote.subject.requestId, fundId: vote.subject.fundId, voteRequired: true, status: ExpenditureStatus.PENDING },
    lock: { mode: 'pessimistic_write' },
  });
  if (!expenditure || expenditure.voteOutcome !== null) return;
  expenditure.voteOutcome = vote.passed ? VoteOutcome.PASSED : VoteOutcome.FAILED;
  await manager.update(Expenditure, { id: expenditure.id }, { voteOutcome: expenditure.voteOutcome });
  await settle(manager, expenditure);
}

/** Moves a pending expenditure to APPROVED or REJECTED once its decisions and vote allow. */
export async function settle(manager: EntityManager, expenditure: Expenditure): Promise<Expenditure> {
  const [counts] = (await manager.query(
    `SELECT count(*) FILTER (WHERE d.decision = 'APPROVE')::int AS approvals,
            count(*) FILTER (WHERE d.decision = 'REJECT')::int AS rejections,
            (SELECT count(*)::int FROM fund_committee_member m WHERE m.fund_id = $2 AND m.member <> $3) AS eligible
       FROM expenditure_decision d WHERE d.expenditure_id = $1`,
    [expenditure.id, expenditure.fundId, expenditure.requestedBy],
  )) as { approvals: number; rejections: number; eligible: number }[];
  const { approvals, rejections, eligible } = counts!;
  let status = ExpenditureStatus.PENDING;
  if (expenditure.voteOutcome === VoteOutcome.FAILED || eligible - rejections < expenditure.approvalsRequired) status = ExpenditureStatus.REJECTED;
  else if (approvals >= expenditure.approvalsRequired && (!expenditure.voteRequired || expenditure.voteOutcome === VoteOutcome.PASSED)) status = ExpenditureStatus.APPROVED;
  if (status === ExpenditureStatus.PENDING) return manager.findOneOrFail(Expenditure, { where: { id: expenditure.id } });

  await manager.update(Expenditure, { id: expenditure.id }, { status, decidedAt: new Date() });
  const updated = await manager.findOneOrFail(Expenditure, { where: { id: expenditure.id } });
  if (status === ExpenditureStatus.APPROVED) {
    const fund = await manager.query(`SELECT owner_scope_path FROM fund WHERE id = $1`, [updated.fundId]);
    await enqueueEvent(manager, {
      contract: fundExpenditureApprovedV1,
      subject: updated.id,
      scope: (fund as { owner_scope_path: string }[])[0]!.owner_scope_path,
      data: expenditureEventData(updated),
    });
  }
  return updated;
}

/** The payload shared by the approved and paid events. */
export function expenditureEventData(expenditure: Expenditure) {
  return {
    expenditureId: expenditure.id,
    fundId: expenditure.fundId,
    title: expenditure.title,
    category: expenditure.category,
    amountFen: Number(expenditure.amountFen),
    voted: expenditure.voteRequired,
  };
}
