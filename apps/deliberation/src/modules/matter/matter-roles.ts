import type { Role } from '@gongzhi/platform-auth';
import { MatterChannel } from './matter.entity';

/** Staff who deliberate, decide and carry out matters; residents raise and evaluate them. */
export const MATTER_HANDLER_ROLES: readonly Role[] = [
  'platform_admin',
  'district_admin',
  'street_admin',
  'community_staff',
  'grid_worker',
  'party_secretary',
  'committee_member',
];

/**
 * Who may record a matter as coming in through each channel: anyone raises for themselves; the channels that
 * stand for staff work (door-knocking lists, grid rounds, meetings) are staff's; hotline tickets come from the
 * city platform or staff relaying them.
 */
export const CHANNEL_ROLES: Readonly<Record<Exclude<MatterChannel, MatterChannel.INTAKE_CODE>, readonly Role[] | null>> = {
  [MatterChannel.SELF_REPORT]: null,
  [MatterChannel.DOOR_KNOCKING]: MATTER_HANDLER_ROLES,
  [MatterChannel.GRID_WORKER]: MATTER_HANDLER_ROLES,
  [MatterChannel.MEETING]: MATTER_HANDLER_ROLES,
  [MatterChannel.CITY_HOTLINE]: [...MATTER_HANDLER_ROLES, 'city_platform'],
};
