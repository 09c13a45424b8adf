import { jsonDepthExceeds } from './json-depth';

describe('jsonDepthExceeds', () => {
  const nested = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));

  it('measures arrays and objects, not scalars', () => {
    expect(jsonDepthExceeds({ member: { id: 'x' }, levelsOfCare: ['IOP'] }, 2)).toBe(false);
    expect(jsonDepthExceeds({ a: { b: { c: {} } } }, 3)).toBe(true);
    expect(jsonDepthExceeds('text', 0)).toBe(false);
  });

  it('walks 3,000 levels without recursion', () => {
    expect(jsonDepthExceeds(nested(3_000), 32)).toBe(true);
    expect(jsonDepthExceeds(nested(32), 32)).toBe(false);
  });
});
