import { canTransition, nextLevel } from './matter-lifecycle';
import { HandlingLevel, MatterStatus } from './matter.entity';

describe('matter lifecycle', () => {
  it('walks the five steps from raised to closed', () => {
    const path = [MatterStatus.RAISED, MatterStatus.DELIBERATING, MatterStatus.DECIDED, MatterStatus.IN_PROGRESS, MatterStatus.EVALUATING, MatterStatus.CLOSED];
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
  });

  it('refuses to reopen a closed, rejected or merged matter', () => {
    for (const from of [MatterStatus.CLOSED, MatterStatus.REJECTED, MatterStatus.MERGED]) {
      for (const to of Object.values(MatterStatus)) expect(canTransition(from, to)).toBe(false);
    }
  });

  it('refuses skipping deliberation and decision', () => {
    expect(canTransition(MatterStatus.RAISED, MatterStatus.IN_PROGRESS)).toBe(false);
    expect(canTransition(MatterStatus.RAISED, MatterStatus.CLOSED)).toBe(false);
  });

  it('escalates compound → community → street and no further', () => {
    expect([nextLevel(HandlingLevel.COMPOUND), nextLevel(HandlingLevel.COMMUNITY), nextLevel(HandlingLevel.STREET)]).toEqual(['COMMUNITY', 'STREET', null]);
  });
});
