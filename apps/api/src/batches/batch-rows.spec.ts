import { BATCH_CSV_COLUMNS, BatchFormatError, readCsvBatch, readJsonBatch, validateRows } from './batch-rows';
import { resultLine, resultsCsv } from './batch-results';
import type { VerificationRecord } from '@bvs/store';

describe('batch rows', () => {
  it('reads the documented CSV header into verification bodies (empty cells are absent fields)', () => {
    const rows = readCsvBatch(
      [
        BATCH_CSV_COLUMNS.join(','),
        'K1,aetna,,W100000001,Jane,Doe,1990-04-12,,,,,GRP1,IOP|PHP,2026-12-03T09:00:00-08:00,4,8,12,',
        ',umr,,UMR10000001,Ethan,Brown,1987-03-17,,,,,,,,,,,',
      ].join('\n'),
    );
    expect(rows[0]).toEqual({
      row: 1,
      rowKey: 'K1',
      errors: [],
      body: {
        payer: 'aetna',
        member: { id: 'W100000001', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1990-04-12' },
        groupNumber: 'GRP1',
        levelsOfCare: ['IOP', 'PHP'],
        plannedStart: '2026-12-03T09:00:00-08:00',
        program: { sessionsPerWeek: 4, weeks: 8 },
        recheck: { hoursBeforeStart: 12 },
      },
    });
    expect(rows[1].rowKey).toBeUndefined();
    expect(validateRows(rows).valid.map((r) => r.row)).toEqual([1, 2]);
  });

  it('refuses an unknown column and a malformed file as a whole', () => {
    expect(() => readCsvBatch('payer,ssn\naetna,123')).toThrow(BatchFormatError);
    expect(() => readCsvBatch('payer,memberId\n"aetna,W1')).toThrow(BatchFormatError);
    expect(() => readJsonBatch({ not: 'rows' })).toThrow(BatchFormatError);
  });

  it('validates each row with the verification rules, naming fields, never values', () => {
    const rows = readJsonBatch([
      { rowKey: 'A', payer: 'aetna', member: { id: 'W1', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '12/04/1990' } },
      { rowKey: 'A', payer: 'aetna', member: { id: 'W1', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1990-04-12' }, ssn: '1' },
      'not an object',
      { rowKey: 'has space', payer: 'aetna', member: { id: 'W1', firstName: 'Jane', lastName: 'Doe', dateOfBirth: '1990-04-12' } },
    ]);
    const { valid, invalid } = validateRows(rows);
    expect(valid).toHaveLength(0);
    expect(invalid.map((r) => [r.row, r.errors.map((e) => e.field)])).toEqual([
      [1, ['member.dateOfBirth']],
      [2, ['rowKey', 'ssn']],
      [3, ['row']],
      [4, ['rowKey']],
    ]);
    expect(JSON.stringify(invalid)).not.toContain('12/04/1990');
  });
});

describe('batch results', () => {
  const record = {
    id: 'vrf_1',
    status: 'completed',
    request: { levelsOfCare: ['IOP', 'OP'] },
    summary: {
      eligibility: { status: 'active' },
      levelsOfCare: {
        IOP: { status: 'covered', priorAuthorizationRequired: true, inNetwork: { coinsurancePercent: 20, deductibleApplies: true } },
        OP: { status: 'covered', priorAuthorizationRequired: false, inNetwork: { copay: { amount: '30.00', per: 'visit' } } },
      },
    },
  } as unknown as VerificationRecord;

  it('gives each level covered / cost share / prior authorization', () => {
    const line = resultLine({ row: 1, rowKey: 'K', verificationId: 'vrf_1' }, record);
    expect(line).toMatchObject({
      status: 'completed',
      coverageActive: true,
      levelsOfCare: {
        IOP: { covered: 'covered', costShare: '20% coinsurance after deductible', priorAuthorization: 'required' },
        OP: { covered: 'covered', costShare: '30.00 copay per visit', priorAuthorization: 'not_required' },
      },
    });
    expect(line.levelsOfCare.PHP).toBeUndefined();
  });

  it('writes CSV a spreadsheet cannot run as formulas', () => {
    const csv = resultsCsv([resultLine({ row: 2, rowKey: '=HYPERLINK("x")', errors: [{ field: 'payer', message: 'm' }] }, null)]);
    const [, line] = csv.trim().split('\n');
    expect(line.startsWith(`2,"'=HYPERLINK(""x"")",rejected`)).toBe(true);
  });
});
