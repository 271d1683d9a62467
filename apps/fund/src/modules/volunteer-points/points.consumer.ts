import { orgVolunteerServiceRecordedV1 } from '@gongzhi/contracts-events';
import { on, type Subscription } from '@gongzhi/platform-messaging';
import { awardPoints } from './points.service';

/** Volunteer service recorded in org earns points in the community's program. */
export function volunteerServiceSubscriptions(): Subscription[] {
  return [on(orgVolunteerServiceRecordedV1, (data, _envelope, manager) => awardPoints(manager, data))];
}
