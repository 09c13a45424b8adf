import { readReply } from './eligibility-inquirer';
import { EXPLICIT, ScriptedPayer, useWorkerHarness } from './testing/worker-harness';

// Settlement through the lifecycle on the real Redis: every path records the same effects.
describe('Settlement', () => {
  const payer = new ScriptedPayer(() => Promise.resolve({ benefits: EXPLICIT }));
  const { parts, newVerification } = useWorkerHarness(payer);
  const answer = async () => ({
    payerKey: 'aetna',
    role: 'plan' as const,
    responses: readReply(await payer.check({ inquiry: {} as never, x12: '', context: { verificationId: 'v', payerId: '60054' } })),
  });

  it('settles an answer: record fields, the reuse index for its caller and staff, the webhook, window metrics', async () => {
    const record = await newVerification();
    await parts.lifecycle.apply(record.id, { type: 'attempt_started' });
    const answers = [await answer()];
    const settled = await parts.settlement.settle(record.id, parts.summarizer.summarize(record, record.route!, answers), answers);
    expect(settled).toMatchObject({ status: 'completed', withinWindow: true, source: 'electronic' });
    for (const scope of ['any', 'intake:test']) expect(await parts.store.recentResult(parts.fingerprint.of(record, scope))).toBe(record.id);
    expect(await parts.store.recentResult(parts.fingerprint.of(record, 'intake:other'))).toBeNull();
    expect(await parts.webhookQueue.getJobCounts()).toMatchObject({ waiting: expect.any(Number) });
    expect((await parts.store.get(record.id))?.deliveries?.[0]?.type).toBe('verification.completed');
    const text = await parts.metrics.render();
    expect(text).toMatch(/bvs_verifications_within_window_total\{channel="intake",payer="aetna",within="true"\} 1/);
    expect(text).toMatch(/bvs_verification_transitions_total\{event="answered",from="in_progress",to="completed"\} 1/);
  });

  it('sends a final failure to review with the reason written for the record, and never settles twice', async () => {
    const record = await newVerification();
    await parts.lifecycle.apply(record.id, { type: 'attempt_started' });
    const first = await parts.settlement.sendToReview(
      record.id,
      (r) => parts.settlement.callThePayer(r, 'HTTP 500 three times'),
      'HTTP 500',
    );
    expect(first?.review?.reasons[0]).toMatch(/^HTTP 500 three times\. Call Aetna at 1-888-632-3862 .* before /);
    const answers = [await answer()];
    const late = await parts.settlement.settle(record.id, parts.summarizer.summarize(record, record.route!, answers), answers);
    expect(late?.status).toBe('needs_review');
    expect((await parts.store.get(record.id))?.deliveries).toHaveLength(1);
  });
});
