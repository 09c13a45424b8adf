import { RandomPool } from './random-pool';

describe('RandomPool', () => {
  it('hands out each byte once, across blocks, and never changes bytes already handed out', () => {
    const pool = new RandomPool(64);
    const taken = Array.from({ length: 200 }, () => pool.take(12));
    const copies = taken.map((bytes) => Buffer.from(bytes).toString('hex'));
    // Later draws (three block replacements) leave the earlier views as they were.
    expect(taken.map((bytes) => bytes.toString('hex'))).toEqual(copies);
    expect(new Set(copies).size).toBe(200);
    expect(taken.every((bytes) => bytes.length === 12)).toBe(true);
  });

  it('refuses a draw larger than its block', () => {
    expect(() => new RandomPool(16).take(17)).toThrow('at most 16 bytes');
  });
});
