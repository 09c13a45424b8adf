import { Writable } from 'node:stream';
import pino from 'pino';
import { pinoOptions } from './logger-options';

describe('log redaction', () => {
  it('removes names, member ids, dates of birth, contact details, summaries and X12 at any depth', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino(pinoOptions('info', 'test'), sink);
    logger.info(
      {
        verificationId: 'vrf_1',
        member: { id: 'W100000001', firstName: 'JANE', lastName: 'DOE', dateOfBirth: '1990-04-12' },
        job: { data: { request: { subscriber: { memberId: 'W100000001' }, groupNumber: 'GRP100001' } } },
        exchange: { x12: 'ISA*00*…NM1*IL*1*DOE*JANE' },
        record: { summary: { eligibility: { member: { firstName: 'JANE' } } } },
        request: { contact: { phone: '714-555-0123', email: 'jane@example.com', preferredTime: 'evenings' } },
        callback: { reason: 'unknown_payer', payerTyped: 'Acme Mutual' },
        flat: { phone: '714 555 0199', email: 'other@example.com' },
      },
      'something happened',
    );
    const line = lines.join('');
    expect(line).toContain('vrf_1');
    for (const secret of [
      'W100000001',
      'JANE',
      'DOE',
      '1990-04-12',
      'GRP100001',
      'NM1*IL',
      '714-555-0123',
      'jane@example.com',
      'evenings',
      'Acme Mutual',
      '714 555 0199',
      'other@example.com',
    ])
      expect(line).not.toContain(secret);
    expect(line).toContain('[redacted]');
  });

  const capture = () => {
    const lines: string[] = [];
    const sink = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        lines.push(chunk.toString());
        done();
      },
    });
    return { lines, logger: pino(pinoOptions('info', 'test'), sink) };
  };

  it('censors in arrays, deeper than five levels, in child bindings and in errors, without changing the logged objects', () => {
    const { lines, logger } = capture();
    const logged = {
      rows: [{ memberId: 'W100000002' }, { ok: 1 }],
      a: { b: { c: { d: { e: { f: { lastName: 'DEEPER' } } } } } },
    };
    const error = Object.assign(new Error('payer refused'), { subscriber: { memberId: 'W100000003' } });
    logger.child({ member: { firstName: 'CHILDNAME' } }).warn({ ...logged, err: error }, 'with an error');
    const line = lines.join('');
    for (const secret of ['W100000002', 'DEEPER', 'W100000003', 'CHILDNAME']) expect(line).not.toContain(secret);
    const parsed = JSON.parse(line) as { rows: unknown[]; err: { message: string; subscriber: string }; member: string };
    expect(parsed.rows).toEqual([{ memberId: '[redacted]' }, { ok: 1 }]);
    expect(parsed.err.message).toBe('payer refused');
    expect(parsed.err.subscriber).toBe('[redacted]');
    expect(parsed.member).toBe('[redacted]');
    // The caller's objects are untouched.
    expect(logged.rows[0]).toEqual({ memberId: 'W100000002' });
    expect(error.subscriber.memberId).toBe('W100000003');
  });

  it('censors whatever lies deeper than it looks, and logs a line with nothing to censor as it is', () => {
    const { lines, logger } = capture();
    const deep: Record<string, unknown> = {};
    let at = deep;
    for (let i = 0; i < 12; i++) at = at[`l${i}`] = {} as Record<string, unknown>;
    at.anything = 'TOO-DEEP-TO-READ';
    logger.info({ deep, verificationId: 'vrf_2', payerMs: 12 }, 'deep');
    expect(lines[0]).not.toContain('TOO-DEEP-TO-READ');
    expect(JSON.parse(lines[0])).toMatchObject({ verificationId: 'vrf_2', payerMs: 12, msg: 'deep' });
  });
});
