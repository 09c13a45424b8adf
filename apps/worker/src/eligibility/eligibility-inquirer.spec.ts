import { loadConfig } from '@bvs/config';
import { type EligibilityReply, type EligibilityRequest, EligibilityTransport } from '@bvs/clearinghouse';
import { PAYER_DIRECTORY, PayerDirectory } from '@bvs/payers';
import { randomBytes } from 'node:crypto';
import { RecordCipher, type VerificationRecord, VerificationStore } from '@bvs/store';
import { useTestRedis } from '../../../../libs/store/src/testing/test-redis';
import { type BenefitSpec, write271 } from '@bvs/x12';
import { EligibilityInquirer } from './eligibility-inquirer';

/** A clearinghouse for this test: answers each 270 with the benefits chosen for its service types. */
class ScriptedClearinghouse extends EligibilityTransport {
  readonly name = 'scripted';
  readonly asked: string[][] = [];
  constructor(private readonly answer: (codes: string[]) => BenefitSpec[]) {
    super();
  }

  async check({ inquiry }: EligibilityRequest): Promise<EligibilityReply> {
    this.asked.push(inquiry.serviceTypeCodes);
    const raw = write271({
      senderId: 'PAYER',
      receiverId: 'CENTER',
      source: {
        name: {
          entityIdentifierCode: 'PR',
          entityTypeQualifier: '2',
          lastNameOrOrganizationName: 'UMR',
          identificationCodeQualifier: 'PI',
          identificationCode: '39026',
        },
      },
      receiver: {
        name: {
          entityIdentifierCode: '1P',
          entityTypeQualifier: '2',
          lastNameOrOrganizationName: 'CENTER',
          identificationCodeQualifier: 'XX',
          identificationCode: '1234567893',
        },
      },
      subscriber: {
        name: {
          entityIdentifierCode: 'IL',
          entityTypeQualifier: '1',
          lastNameOrOrganizationName: 'BROWN',
          firstName: 'ETHAN',
          identificationCodeQualifier: 'MI',
          identificationCode: 'UMR10000001',
        },
        benefits: this.answer(inquiry.serviceTypeCodes),
      },
    });
    return { format: 'x12', raw };
  }
}

const record: VerificationRecord = {
  id: `vrf_${'b'.repeat(32)}`,
  status: 'in_progress',
  channel: 'staff',
  payer: { key: 'umr', name: 'UMR', payerId: '39026' },
  createdAt: '2026-11-27T10:00:00.000Z',
  updatedAt: '2026-11-27T10:00:00.000Z',
  deadline: '2026-11-28T10:00:00.000Z',
  attempts: 1,
  lastError: null,
  request: {
    payerInput: 'umr',
    member: { id: 'UMR10000001', firstName: 'Ethan', lastName: 'Brown', dateOfBirth: '1987-03-17' },
    levelsOfCare: ['IOP', 'PHP', 'OP'],
  },
};

// Real Redis: every exchange is kept with the record as it happens.
let lastId = '';
const freshId = (): string => (lastId = `vrf_${randomBytes(16).toString('hex')}`);

describe('EligibilityInquirer', () => {
  // Only the defaults matter here; records go through the store directly, so no secrets are needed.
  const config = loadConfig({}, { storesRecords: false });
  const testRedis = useTestRedis();
  let store: VerificationStore;
  beforeAll(() => {
    store = new VerificationStore(testRedis.redis(), new RecordCipher(new Map([['k1', randomBytes(32)]]), 'k1'), {
      prefix: testRedis.prefix,
      retentionSeconds: 600,
    });
  });
  const context = { attempt: 1, role: 'plan' as const };
  // UMR configured as a payer that reads only the first service type of a 270.
  const directory = new PayerDirectory(
    {},
    PAYER_DIRECTORY.map((entry) => (entry.key === 'umr' ? { ...entry, inquiryMode: 'one-per-270' as const } : entry)),
  );
  const route = () => directory.route('umr', undefined, 'UMR10000001');

  it('asks one service type per 270 for payers that read only the first, and merges the answers', async () => {
    const clearinghouse = new ScriptedClearinghouse(([code]) => [
      { informationCode: '1', coverageLevelCode: 'IND', serviceTypeCodes: [code] },
    ]);
    const outcome = await new EligibilityInquirer(clearinghouse, directory, store, config).inquire(
      { ...record, id: freshId() },
      route(),
      context,
    );
    expect(clearinghouse.asked).toEqual([['30'], ['MH'], ['BB'], ['CH'], ['CJ'], ['CF'], ['A6']]);
    const kept = await store.getExchange(lastId);
    expect(kept.sent).toHaveLength(7);
    expect(kept.exchanges.map((e) => [e.attempt, e.role, e.received?.format])).toEqual(Array(7).fill([1, 'plan', 'x12']));
    expect(outcome.answer.responses.flatMap((r) => r.subscribers[0]?.benefits.map((b) => b.serviceTypeCodes[0]))).toEqual([
      '30',
      'MH',
      'BB',
      'CH',
      'CJ',
      'CF',
      'A6',
    ]);
  });

  it('stops asking when the payer answers a specific service type with plan-level benefits only', async () => {
    const clearinghouse = new ScriptedClearinghouse(() => [{ informationCode: '1', coverageLevelCode: 'IND', serviceTypeCodes: ['30'] }]);
    const outcome = await new EligibilityInquirer(clearinghouse, directory, store, config).inquire(
      { ...record, id: freshId() },
      route(),
      context,
    );
    expect(clearinghouse.asked).toEqual([['30'], ['MH']]);
    expect(outcome.rejectionCodes).toEqual([]);
  });

  it('stops at the first rejection and reports its code', async () => {
    const rejecting = new (class extends ScriptedClearinghouse {
      override async check(request: EligibilityRequest): Promise<EligibilityReply> {
        this.asked.push(request.inquiry.serviceTypeCodes);
        const raw = write271({
          senderId: 'PAYER',
          receiverId: 'CENTER',
          source: {
            name: { entityIdentifierCode: 'PR', entityTypeQualifier: '2', lastNameOrOrganizationName: 'UMR' },
            rejections: [{ validRequest: 'Y', reasonCode: '42', followUpAction: 'R' }],
          },
        });
        return { format: 'x12', raw };
      }
    })(() => []);
    const outcome = await new EligibilityInquirer(rejecting, directory, store, config).inquire(
      { ...record, id: freshId() },
      route(),
      context,
    );
    expect(rejecting.asked).toHaveLength(1);
    expect(outcome.rejectionCodes).toEqual(['42']);
  });
});
