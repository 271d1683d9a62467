import { partyMemberShare } from './body.entity';

describe('partyMemberShare', () => {
  it.each([
    [4, 7, true],
    [3, 6, false],
    [4, 6, true],
    [3, 7, false],
    [1, 1, true],
    [0, 0, false],
  ])('%i party members of %i members: red is %s', (partyMembers, members, isRed) => {
    expect(partyMemberShare(partyMembers, members)).toEqual({ partyMembers, members, isRed });
  });
});
