import { decodeCursor, encodeCursor, toConnection } from './pagination';
import { uuidv7 } from './ids';

describe('cursor connections', () => {
  it('round-trips a cursor and refuses one that is not ours, naming `after`', () => {
    const id = uuidv7();
    expect(decodeCursor(encodeCursor(id))).toBe(id);
    expect(() => decodeCursor('bm90LWEtY3Vyc29y')).toThrow(expect.objectContaining({ field: 'after', reason: 'INVALID_CURSOR' }));
  });

  it('reports a next page only when the extra row was fetched', () => {
    const rows = [1, 2, 3].map(() => ({ id: uuidv7() }));
    expect(toConnection(rows, 2).pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(rows[1]!.id) });
    expect(toConnection(rows, 3).pageInfo.hasNextPage).toBe(false);
    expect(toConnection([], 3).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });

  it('issues UUIDv7 ids that sort in creation order', () => {
    const earlier = uuidv7(1_700_000_000_000);
    const later = uuidv7(1_700_000_000_001);
    expect(earlier < later).toBe(true);
    expect(earlier[14]).toBe('7');
  });
});
