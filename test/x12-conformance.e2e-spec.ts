import { loadConfig } from '@bvs/config';
import { type EligibilityReply, type EligibilityRequest, EligibilityTransport, TransportError } from '@bvs/clearinghouse';
import { PayerDirectory } from '@bvs/payers';
import { ProcessMetrics } from '@bvs/metrics';
import type { VerificationRecord, VerificationStore } from '@bvs/store';
import { InquiryAnswerer } from '../apps/sandbox/src/core/answer-inquiry';
import { readInquiry } from '../apps/sandbox/src/core/read-inquiry';
import { SANDBOX_MEMBERS } from '../apps/sandbox/src/scenarios/members';
import { EligibilityInquirer } from '../apps/worker/src/eligibility/eligibility-inquirer';
import { validateX279A1 } from './support/x279a1';

// Every 270 the worker builds — each sandbox member at each payer, as subscriber and as a
// dependent, through the worker's own inquirer (one 270 per service type where the payer reads
// only the first), plus the carve-out follow-up — checked against the 005010X279A1 segment
// order, usage, lengths and code lists by a validator written from the guide (test/support). The
// sandbox's 271 answers to them are checked too. No Redis: this exercises builders, not queues.

/** A clearinghouse for this test: records the 270s and answers with the sandbox's 271s. */
class RecordingSandbox extends EligibilityTransport {
  readonly name = 'recording-sandbox';
  readonly sent: string[] = [];
  readonly answered: string[] = [];
  private readonly answerer = new InquiryAnswerer();

  check({ x12 }: EligibilityRequest): Promise<EligibilityReply> {
    this.sent.push(x12);
    const answer = this.answerer.answer(readInquiry(x12), 'SUNRISEBHC');
    if (answer.kind !== 'x12') return Promise.reject(new TransportError('server_error', 'sandbox simulated failure', true));
    this.answered.push(answer.x12);
    return Promise.resolve({ format: 'x12', raw: answer.x12 });
  }
}

// Only the provider and payer defaults matter: nothing is stored, so no secrets are needed.
const config = loadConfig({}, { storesRecords: false });
const directory = new PayerDirectory(config.payerIds);

function recordFor(
  payerKey: string,
  member: { memberId: string; firstName: string; lastName: string; dateOfBirth: string },
  dependent?: { firstName: string; lastName: string; dateOfBirth: string },
): VerificationRecord {
  const holder = { id: member.memberId, firstName: member.firstName, lastName: member.lastName, dateOfBirth: member.dateOfBirth };
  return {
    id: `vrf_${'c'.repeat(32)}`,
    status: 'in_progress',
    channel: 'staff',
    payer: { key: payerKey, name: payerKey, payerId: '' },
    createdAt: '2026-11-27T10:00:00.000Z',
    updatedAt: '2026-11-27T10:00:00.000Z',
    deadline: '2026-11-28T10:00:00.000Z',
    attempts: 1,
    lastError: null,
    request: dependent
      ? { payerInput: payerKey, member: dependent, subscriber: holder, levelsOfCare: ['IOP', 'PHP', 'OP'] }
      : { payerInput: payerKey, member: holder, levelsOfCare: ['IOP', 'PHP', 'OP'], groupNumber: 'GRP-100001' },
  };
}

describe('X12 005010X279A1 conformance of every 270 the worker builds and the sandbox 271s', () => {
  const clearinghouse = new RecordingSandbox();
  // The 270s are read from what the recording clearinghouse received; exchanges are not kept here.
  const exchanges = { appendExchange: () => Promise.resolve() } as unknown as VerificationStore;
  const inquirer = new EligibilityInquirer(clearinghouse, directory, exchanges, config, new ProcessMetrics());

  beforeAll(async () => {
    for (const m of SANDBOX_MEMBERS) {
      const records = [
        recordFor(m.payerKey, m),
        // The same member as a dependent's policy holder: 2000D with the patient's name only.
        recordFor(m.payerKey, m, { firstName: 'Søren', lastName: 'Ødegård-Łukasiewicz', dateOfBirth: '2012-05-06' }),
      ];
      for (const record of records) {
        const route = directory.route(record.request.payerInput, undefined, m.memberId);
        await inquirer.inquire(record, route, { attempt: 1, role: 'plan' }).catch((e: unknown) => {
          if (!(e instanceof TransportError)) throw e;
        });
        const administrator = route.payer.behavioralHealthAdministrator?.payerKey
          ? directory.byKey(route.payer.behavioralHealthAdministrator.payerKey)
          : undefined;
        if (administrator?.payerId) {
          await inquirer
            .inquireAdministrator(
              { ...record, followUp: { payerKey: administrator.key, name: administrator.name, memberId: 'CBH-000111222' } },
              route,
              administrator,
              { attempt: 1, role: 'follow_up' },
            )
            .catch((e: unknown) => {
              if (!(e instanceof TransportError)) throw e;
            });
        }
      }
    }
  });

  it('built a 270 for every sandbox member and payer', () => {
    expect(SANDBOX_MEMBERS.length).toBeGreaterThan(10);
    expect(clearinghouse.sent.length).toBeGreaterThanOrEqual(SANDBOX_MEMBERS.length * 2);
    expect(new Set(clearinghouse.sent.map((x) => /NM1\*PR\*2\*[^*]*\*{5}PI\*([^~]*)~/.exec(x)?.[1])).size).toBeGreaterThan(5);
    expect(clearinghouse.sent.some((x) => x.includes('HL*4*3*23*0~'))).toBe(true);
  });

  it('every 270 conforms', () => {
    const problems = clearinghouse.sent.flatMap((x, i) => validateX279A1(x, '270').map((e) => `270 #${i}: ${e}`));
    expect(problems).toEqual([]);
  });

  it('every sandbox 271 conforms', () => {
    expect(clearinghouse.answered.length).toBeGreaterThan(10);
    const problems = clearinghouse.answered.flatMap((x, i) => validateX279A1(x, '271').map((e) => `271 #${i}: ${e}`));
    expect(problems).toEqual([]);
  });

  it('the checker has teeth: order, usage, codes, lengths, counts and the hierarchy', () => {
    const good = clearinghouse.sent[0];
    expect(validateX279A1(good, '270')).toEqual([]);
    const broken = (from: string, to: string): string[] => validateX279A1(good.replace(from, to), '270');
    expect(broken('EQ*30', 'EQ*ZZ').join()).toMatch(/EQ01: "ZZ" is not in the code list/);
    expect(broken('DTP*291*', 'DTP*472*').join()).toMatch(/DTP01: "472" is not in the code list/);
    expect(broken('*MI*', '*ZZ*').join()).toMatch(/NM108: "ZZ"/);
    expect(broken('BHT*0022*13*', 'BHT*0022*11*').join()).toMatch(/BHT02/);
    expect(broken('HL*3*2*22*0~', 'HL*3*1*22*0~').join()).toMatch(/HL02 1 is not a preceding level 21/);
    const dmg = /DMG\*D8\*\d{8}/.exec(good)?.[0] ?? 'DMG';
    expect(broken(dmg, 'DMG*D8*19900230').join()).toMatch(/not a CCYYMMDD date/);
    const se = /SE\*(\d+)\*/.exec(good);
    expect(broken(`SE*${se?.[1] ?? ''}*`, 'SE*99*').join()).toMatch(/SE01 99/);
    // DTP (2100C) moved in front of DMG: segment order inside the loop.
    const dtp = /DTP\*291\*[^~]*~/.exec(good)?.[0] ?? '';
    const dmgSegment = /DMG\*[^~]*~/.exec(good)?.[0] ?? '';
    expect(validateX279A1(good.replace(dtp, '').replace(dmgSegment, `${dtp}${dmgSegment}`), '270').join()).toMatch(
      /DMG \(segment \d+\): out of order/,
    );
    // A required segment missing: the 2100A payer name.
    expect(validateX279A1(good.replace(/NM1\*PR\*[^~]*~/, ''), '270').join()).toMatch(/loop 2000A: required NM1 missing/);
  });
});
