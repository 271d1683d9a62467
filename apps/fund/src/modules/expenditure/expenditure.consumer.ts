import { deliberationVoteClosedV1 } from '@gongzhi/contracts-events';
import { on, type Subscription } from '@gongzhi/platform-messaging';
import { applyVoteResult } from './expenditure-settlement';

/** What the fund takes from deliberation: the results of the owners' votes it asked for. */
export function deliberationSubscriptions(): Subscription[] {
  return [on(deliberationVoteClosedV1, (data, _envelope, manager) => applyVoteResult(manager, data))];
}
