/** The most points one service record may earn: a sanity bound far above any real session (see docs/fund.md). */
export const MAX_POINTS_PER_RECORD = 1_000_000;

/**
 * Points earned for `minutes` of service at `pointsPerHour`: minutes × rate / 60, rounded DOWN in integer
 * arithmetic, so only whole points are awarded and splitting a session never earns more than recording it
 * whole (40 minutes at 10 points an hour earn 6 points, not 6.67). Null when a record earns nothing (under
 * one point) or more than `MAX_POINTS_PER_RECORD`, which no genuine record reaches.
 */
export function pointsForService(minutes: number, pointsPerHour: number): number | null {
  const points = (BigInt(minutes) * BigInt(pointsPerHour)) / 60n;
  if (points < 1n || points > BigInt(MAX_POINTS_PER_RECORD)) return null;
  return Number(points);
}
