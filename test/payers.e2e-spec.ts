import { Queue } from 'bullmq';
import request from 'supertest';
import { ELIGIBILITY_QUEUE, bullConnection, bullPrefix } from '@bvs/queue';
import { type Stack, startStack } from './support/stack';

// Each of the 12 insurers the center accepts verifies its sandbox member through the API, with
// the routing of docs/payers.md: GEHA via UMR's payer id, BlueCard via the local plan, networks
// named next to the payer on the card, carve-outs followed up or sent to review.

const STAFF = 'staff-key-payer-tests-00001';

interface Case {
  insurer: string;
  body: Record<string, unknown>;
  expect: (res: request.Response) => void;
}

const member = (id: string, firstName: string, lastName: string, dateOfBirth: string) => ({ id, firstName, lastName, dateOfBirth });
const explicitLevels = (summary: { levelsOfCare: Record<string, { status: string; basis: string }> }) => {
  for (const level of ['IOP', 'PHP', 'OP']) expect(summary.levelsOfCare[level]).toMatchObject({ status: 'covered', basis: 'explicit' });
};

const CASES: Case[] = [
  {
    insurer: 'Aetna',
    body: { payer: 'aetna', member: member('W100000001', 'Jane', 'Doe', '1990-04-12') },
    expect: (res) => {
      // The same figures over every protocol: JSON and Availity answers normalize like X12.
      expect(res.body).toMatchObject({ status: 'completed', payer: { key: 'aetna', payerId: '60054' } });
      const { IOP, PHP, OP } = res.body.summary.levelsOfCare;
      expect(IOP).toMatchObject({ status: 'covered', priorAuthorizationRequired: true });
      expect(IOP.inNetwork.coinsurancePercent).toBe(20);
      expect(PHP.inNetwork.coinsurancePercent).toBe(20);
      expect(OP.inNetwork.copay).toEqual({ amount: '30.00', per: 'visit' });
      expect(res.body.summary.accumulators.inNetwork.deductible.individual).toMatchObject({ total: '1500.00', remaining: '250.00' });
    },
  },
  {
    insurer: 'Cigna',
    body: { payer: 'Cigna Healthcare', member: member('U10000001', 'Maria', 'Garcia', '1988-07-04') },
    expect: (res) => {
      // Evernorth is named but has no electronic route here: staff are told whom to call.
      expect(res.body).toMatchObject({ status: 'needs_review', payer: { key: 'cigna', payerId: '62308' } });
      expect(res.body.summary.carveOut.name).toBe('EVERNORTH BEHAVIORAL HEALTH');
      expect(res.body.review.reasons.join(' ')).toContain('EVERNORTH BEHAVIORAL HEALTH');
    },
  },
  {
    insurer: 'Anthem Blue Cross',
    body: { payer: 'Anthem Blue Cross of California', member: member('XEA100000001', 'Priya', 'Shah', '1979-11-23') },
    expect: (res) => {
      // Carved out to Carelon: the follow-up inquiry to Carelon is merged into one summary.
      expect(res.body.payer).toMatchObject({ key: 'anthem', payerId: '47198' });
      expect(res.body.summary.carveOut.name).toBe('CARELON BEHAVIORAL HEALTH');
      expect(res.body.summary.levelsOfCare.IOP).toMatchObject({ status: 'covered', basis: 'explicit' });
      expect(res.body.summary.levelsOfCare.IOP.inNetwork.coinsurancePercent).toBe(10);
      // Provenance: both answers are listed, and IOP's figures name the payer that stated them.
      expect(res.body.summary.responses.map((r: { payerId: string }) => r.payerId)).toEqual(['47198', 'CBH01']);
      expect(res.body.summary.levelsOfCare.IOP.answeredBy).toContain('CARELON BEHAVIORAL HEALTH (CBH01)');
    },
  },
  {
    insurer: 'Blue Cross Blue Shield (BlueCard)',
    body: { payer: 'BCBS of Texas', member: member('XYZ123456789', 'Liam', 'Chen', '1995-02-14') },
    expect: (res) => {
      expect(res.body).toMatchObject({ status: 'completed', payer: { key: 'bcbs', payerId: '47198' } });
      expect(res.body.summary.eligibility.member.memberId).toBe('XYZ123456789');
      explicitLevels(res.body.summary);
    },
  },
  {
    insurer: 'Carelon',
    body: { payer: 'Beacon Health Options', member: member('CBH100000001', 'Noah', 'Johnson', '1983-09-09') },
    expect: (res) => {
      expect(res.body).toMatchObject({ status: 'completed', payer: { key: 'carelon' } });
      explicitLevels(res.body.summary);
    },
  },
  {
    insurer: 'GEHA',
    body: { payer: 'geha', member: member('G100000001', 'Emma', 'Wilson', '1975-05-21') },
    expect: (res) => {
      expect(res.body).toMatchObject({ status: 'completed', payer: { key: 'geha', payerId: '39026' } });
      explicitLevels(res.body.summary);
    },
  },
  {
    insurer: 'Health Net',
    body: { payer: 'Health Net', member: member('HN100000001', 'Sofia', 'Lopez', '1992-12-01') },
    expect: (res) => {
      expect(res.body).toMatchObject({ status: 'completed', payer: { key: 'healthnet' } });
      expect(res.body.summary.levelsOfCare.IOP.priorAuthorizationRequired).toBe(true);
      expect(res.body.summary.levelsOfCare.PHP.priorAuthorizationRequired).toBe(true);
    },
  },
  {
    insurer: 'UMR',
    body: { payer: 'UHC UMR', member: member('UMR10000001', 'Ethan', 'Brown', '1987-03-17') },
    expect: (res) => {
      expect(res.body).toMatchObject({ status: 'needs_review', payer: { key: 'umr', payerId: '39026' } });
      expect(res.body.summary.levelsOfCare.IOP.basis).toBe('mental_health_general');
    },
  },
  {
    insurer: 'Meritain',
    body: { payer: 'meritain', member: member('MER10000001', 'Ava', 'Miller', '1999-08-08') },
    expect: (res) => {
      expect(res.body).toMatchObject({ status: 'completed', payer: { key: 'meritain' } });
      explicitLevels(res.body.summary);
    },
  },
  {
    insurer: 'Tufts',
    body: { payer: 'Tufts Health Plan', member: member('TUF10000001', 'Lucas', 'Davis', '1981-06-30') },
    expect: (res) => {
      expect(res.body).toMatchObject({ status: 'completed', payer: { key: 'tufts' } });
      explicitLevels(res.body.summary);
    },
  },
  {
    insurer: 'MultiPlan (network, with Meritain on the card)',
    body: { payer: 'meritain', network: 'multiplan', member: member('MER10000002', 'Mia', 'Moore', '1993-10-10') },
    expect: (res) => {
      expect(res.body).toMatchObject({ status: 'completed', payer: { key: 'meritain' }, network: { key: 'multiplan', name: 'MultiPlan' } });
      expect(res.body.summary.network).toEqual({ key: 'multiplan', name: 'MultiPlan' });
    },
  },
  {
    insurer: 'Halcyon (network, with Health Net on the card)',
    body: { payer: 'healthnet', network: 'halcyon', member: member('HN100000002', 'Oliver', 'Taylor', '1989-04-04') },
    expect: (res) => {
      expect(res.body).toMatchObject({ status: 'needs_review', network: { key: 'halcyon' } });
      expect(res.body.summary.carveOut.name).toBe('HALCYON BEHAVIORAL');
      expect(res.body.review.reasons.join(' ')).toMatch(/HALCYON BEHAVIORAL/);
    },
  },
];

describe.each(['sandbox', 'core-soap', 'json', 'availity'])('the 12 accepted insurers over the %s transport (e2e)', (transport) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ API_KEYS: `staff:${STAFF}`, CLEARINGHOUSE_TRANSPORT: transport, CLEARINGHOUSE_POLL_MS: '20' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  for (const testCase of CASES) {
    it(`verifies ${testCase.insurer}`, async () => {
      const res = await request(stack.apiServer)
        .post('/v1/verifications?wait=15')
        .set('Authorization', `Bearer ${STAFF}`)
        .send(testCase.body);
      expect(res.status).toBe(202);
      testCase.expect(res);
    });
  }

  it('runs the carve-out follow-up as a child job, and keeps both exchanges', async () => {
    const res = await request(stack.apiServer)
      .post('/v1/verifications?wait=15')
      .set('Authorization', `Bearer ${STAFF}`)
      .send({ payer: 'anthem', member: member('XEA100000001', 'Priya', 'Shah', '1979-11-23') });
    expect(res.body.followUp).toEqual({ payerKey: 'carelon', name: 'Carelon Behavioral Health' });
    const x12 = await request(stack.apiServer).get(`/v1/verifications/${res.body.id}/x12`).set('Authorization', `Bearer ${STAFF}`);
    expect(x12.body.sent).toHaveLength(2);
    expect(x12.body.received).toHaveLength(2);
    const queue = new Queue(ELIGIBILITY_QUEUE, {
      connection: bullConnection(stack.config.redis.url),
      prefix: bullPrefix(stack.config.redis.prefix),
    });
    try {
      expect(await (await queue.getJob(`${res.body.id}-r0-follow-up`))?.getState()).toBe('completed');
      expect(await (await queue.getJob(`${res.body.id}-r0-merge`))?.getState()).toBe('completed');
    } finally {
      await queue.close();
    }
  });

  it('merges without the administrator when its follow-up fails for good, telling staff whom to call', async () => {
    const res = await request(stack.apiServer)
      .post('/v1/verifications?wait=20')
      .set('Authorization', `Bearer ${STAFF}`)
      .send({ payer: 'anthem', member: member('XEA100000002', 'Nina', 'Patel', '1984-02-02') });
    expect(res.body.status).toBe('needs_review');
    expect(res.body.summary.eligibility.status).toBe('active');
    expect(res.body.review.reasons.join(' ')).toMatch(/follow-up inquiry to Carelon Behavioral Health failed .*1-800-397-1630/);
  });

  it('warns, without refusing, when a member id does not look like one the payer issues', async () => {
    const res = await request(stack.apiServer)
      .post('/v1/verifications')
      .set('Authorization', `Bearer ${STAFF}`)
      .send({ payer: 'aetna', member: member('ZZ12', 'Jane', 'Doe', '1990-04-12') });
    expect(res.status).toBe(202);
    expect(res.body.warnings).toEqual(['member id does not look like one Aetna issues; check the card']);
  });

  it('refuses a network named as the payer, saying what to send', async () => {
    const res = await request(stack.apiServer)
      .post('/v1/verifications')
      .send({ payer: 'multiplan', member: member('MER10000002', 'Mia', 'Moore', '1993-10-10') });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/network, not a payer.*"network": "multiplan"/);
  });
});
