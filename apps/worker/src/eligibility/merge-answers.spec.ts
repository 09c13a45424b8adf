import { readReply } from './eligibility-inquirer';
import { EXPLICIT, ScriptedPayer, useWorkerHarness } from './testing/worker-harness';

// The carve-out merge on the real Redis: it merges the parsed answers kept on the record.
describe('MergeAnswers', () => {
  const payer = new ScriptedPayer(() => Promise.resolve({ benefits: EXPLICIT }));
  const { parts, newVerification, redis, prefix } = useWorkerHarness(payer);
  const parsed = async () =>
    readReply(await payer.check({ inquiry: {} as never, x12: '', context: { verificationId: 'v', payerId: '60054' } }));
  const info = { jobId: 'merge', attempt: 1, maxAttempts: 3 };

  it('merges the plan and administrator answers from the record, without reading any stored 271', async () => {
    const record = await newVerification();
    await parts.lifecycle.apply(record.id, { type: 'attempt_started' });
    await parts.lifecycle.apply(record.id, {
      type: 'follow_up_scheduled',
      administrator: { payerKey: 'carelon', name: 'Carelon Behavioral Health' },
      answers: [{ payerKey: 'aetna', role: 'plan', responses: await parsed() }],
    });
    await parts.lifecycle.apply(record.id, {
      type: 'follow_up_answered',
      answers: [{ payerKey: 'carelon', role: 'follow_up', responses: await parsed() }],
    });
    // No exchange exists at all: the merge cannot have parsed one.
    expect(await redis().exists(`${prefix}:vrf:{${record.id}}:x12`)).toBe(0);
    await parts.merge.execute(record.id, null, info);
    const settled = await parts.store.get(record.id, { answers: true });
    expect(settled?.status).toBe('completed');
    expect(settled?.summary?.responses).toHaveLength(2);
    expect(settled?.answers?.map((a) => a.role)).toEqual(['plan', 'follow_up']);
  });

  it('settles in review naming whom to call when the follow-up failed for good', async () => {
    const record = await newVerification();
    await parts.lifecycle.apply(record.id, { type: 'attempt_started' });
    await parts.lifecycle.apply(record.id, {
      type: 'follow_up_scheduled',
      administrator: { payerKey: 'carelon', name: 'Carelon Behavioral Health' },
      answers: [{ payerKey: 'aetna', role: 'plan', responses: await parsed() }],
    });
    await parts.merge.execute(record.id, 'payer unable to respond (AAA 42)', info);
    const settled = await parts.store.get(record.id);
    expect(settled?.status).toBe('needs_review');
    expect(settled?.review?.reasons.join(' ')).toMatch(/follow-up inquiry to Carelon Behavioral Health failed .*AAA 42.* 1-800-397-1630/);
  });
});
