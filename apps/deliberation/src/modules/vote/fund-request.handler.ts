import { fundVoteRequestedV1 } from '@gongzhi/contracts-events';
import { assertScopePath } from '@gongzhi/platform-auth';
import { on, type Subscription } from '@gongzhi/platform-messaging';
import { findOrgNode } from '@gongzhi/org-mirror';
import { BallotMode, BallotSecrecy, VoteKind } from './vote.entity';
import { openVoteIn } from './vote.service';

const DAY_MS = 86_400_000;

/** Integer fen as a yuan amount, without passing through floating point. */
function yuan(fen: number): string {
  return `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/**
 * A fund asks the owners to decide on an expenditure: open an owners' joint decision whose subject names the
 * request, so the `deliberation.vote.closed.v1` it publishes on closing answers it. The inbox applies each
 * request once; the UNIQUE fund_request_id backs that up.
 */
export function fundRequestSubscriptions(): Subscription[] {
  return [
    on(fundVoteRequestedV1, async (data, envelope, manager) => {
      const compound = await findOrgNode(manager, data.compoundId, 'COMPOUND');
      // The request carries the compound's scope in its envelope, so it does not wait for org's events.
      const scopePath = compound?.scopePath ?? assertScopePath(envelope.scope, 'scope');
      await openVoteIn(
        manager,
        { sub: `fund-request:${data.requestId}`, role: 'system' },
        {
          compound: { id: data.compoundId, scopePath },
          kind: VoteKind.OWNERS_JOINT_DECISION,
          decisionClass: data.decisionClass,
          subject: { type: 'FUND_EXPENDITURE', fundId: data.fundId, requestId: data.requestId },
          title: data.title,
          description: `Expenditure of ${yuan(data.amountFen)} yuan requested by the fund`,
          fundRequestId: data.requestId,
          ballotMode: BallotMode.YES_NO_ABSTAIN,
          options: [],
          secrecy: BallotSecrecy.SECRET,
          closesAt: new Date(new Date(envelope.time).getTime() + data.openForDays * DAY_MS),
        },
      );
    }),
  ];
}
