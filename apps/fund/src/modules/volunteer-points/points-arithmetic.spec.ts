import { MAX_POINTS_PER_RECORD, pointsForService } from './points-arithmetic';

describe('points for volunteer service', () => {
  it('awards minutes × points per hour / 60, rounded down to whole points', () => {
    expect(pointsForService(60, 10)).toBe(10);
    expect(pointsForService(90, 10)).toBe(15);
    expect(pointsForService(40, 10)).toBe(6);
    expect(pointsForService(59, 1)).toBeNull();
    expect(pointsForService(61, 1)).toBe(1);
  });

  it('never awards more for a session split in two than for the same session recorded whole', () => {
    for (let minutes = 2; minutes < 300; minutes += 7) {
      for (const rate of [1, 3, 7, 10, 25]) {
        const half = Math.floor(minutes / 2);
        expect((pointsForService(half, rate) ?? 0) + (pointsForService(minutes - half, rate) ?? 0)).toBeLessThanOrEqual(pointsForService(minutes, rate) ?? 0);
      }
    }
  });

  it('awards nothing for a record beyond any real session, without losing precision', () => {
    expect(pointsForService(60_000_000, 1000)).toBeNull();
    expect(pointsForService(60_000, 1000)).toBe(MAX_POINTS_PER_RECORD);
  });
});
