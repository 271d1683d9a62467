import type { Capability } from '@gongzhi/platform-auth';
import { MatterChannel } from './matter.entity';

/**
 * What a caller needs to record a matter as coming in through each channel (role policy in
 * `libs/platform/auth`): people raise for themselves; the channels that stand for staff work (door-knocking
 * lists, grid rounds, meetings) are the handlers'; hotline tickets come from the city platform or staff relaying
 * them.
 */
export const CHANNEL_CAPABILITY: Readonly<Record<Exclude<MatterChannel, MatterChannel.INTAKE_CODE>, Capability>> = {
  [MatterChannel.SELF_REPORT]: 'matter:raise',
  [MatterChannel.DOOR_KNOCKING]: 'matter:handle',
  [MatterChannel.GRID_WORKER]: 'matter:handle',
  [MatterChannel.MEETING]: 'matter:handle',
  [MatterChannel.CITY_HOTLINE]: 'matter:relay-hotline',
};
