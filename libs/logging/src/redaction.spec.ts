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
});
