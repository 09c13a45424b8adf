import { summaryTable, withRowKeys } from './batch-command';

describe('verify --csv', () => {
  it('derives the same row keys on every run, distinct for repeated rows, and keeps the file’s own', () => {
    const rows: Record<string, string>[] = [
      { payer: 'aetna', memberId: 'W1' },
      { payer: 'aetna', memberId: 'W1' },
      { rowKey: 'MRN-9', payer: 'umr', memberId: 'U1' },
    ];
    const first = withRowKeys(rows);
    const again = withRowKeys(rows.map((r) => ({ ...r })));
    expect(first.map((r) => r.rowKey)).toEqual(again.map((r) => r.rowKey));
    expect(first[0].rowKey).not.toBe(first[1].rowKey);
    expect(first[2].rowKey).toBe('MRN-9');
  });

  it('closes with a table of outcomes', () => {
    const table = summaryTable([
      { status: 'completed', coverageActive: true },
      { status: 'completed', coverageActive: false },
      { status: 'needs_review', coverageActive: true },
      { status: 'not_found', coverageActive: null },
      { status: 'rejected', coverageActive: null },
    ]);
    expect(table.split('\n').slice(2, -1)).toEqual([
      'completed     1',
      'in review     1',
      'not found     1',
      'inactive      1',
      'rejected      1',
      'total         5',
    ]);
  });
});
