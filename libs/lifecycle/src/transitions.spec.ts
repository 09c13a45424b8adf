import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { NormalizationResult } from '@bvs/coverage';
import type { VerificationRecord } from '@bvs/store';
import { effectsOf } from './effects';
import type { LifecycleEvent } from './events';
import { draftRecord, reduce } from './reduce';
import { EVENT_TYPES, IllegalTransitionError, NEW, STATUSES, TRANSITIONS, edges, mermaidStateDiagram, ruleFor } from './transitions';

const ROOT = join(__dirname, '..', '..', '..');
const NOW = new Date('2026-11-27T12:00:00.000Z');

const record = (overrides: Partial<VerificationRecord> = {}): VerificationRecord => ({
  ...draftRecord({
    id: `vrf_${'c'.repeat(32)}`,
    channel: 'intake',
    payer: { key: 'aetna', name: 'Aetna', payerId: '60054' },
    createdAt: '2026-11-27T10:00:00.000Z',
    updatedAt: '2026-11-27T10:00:00.000Z',
    deadline: '2026-11-28T10:00:00.000Z',
    request: { payerInput: 'aetna', member: { id: 'W1', firstName: 'A', lastName: 'B', dateOfBirth: '1990-01-01' }, levelsOfCare: ['IOP'] },
    owner: 'intake:abcd',
  }),
  ...overrides,
});
const result = (reviewReasons: string[] = []): NormalizationResult => ({
  summary: { eligibility: { status: 'active' }, levelsOfCare: {} } as unknown as NormalizationResult['summary'],
  reviewReasons,
});

describe('the verification state machine', () => {
  it('refuses every event the table does not list, with IllegalTransitionError', () => {
    let illegal = 0;
    for (const from of [NEW, ...STATUSES] as const) {
      for (const event of EVENT_TYPES) {
        if (TRANSITIONS[from][event]) expect(() => ruleFor(from, event)).not.toThrow();
        else {
          expect(() => ruleFor(from, event)).toThrow(IllegalTransitionError);
          illegal += 1;
        }
      }
    }
    // Among them: staff acting on a verification that cannot take it.
    expect(() => ruleFor('queued', 'retry_requested')).toThrow(/queued cannot take the event retry_requested/);
    expect(() => ruleFor('cancelled', 'manual_result')).toThrow(IllegalTransitionError);
    expect(() => ruleFor('completed', 'cancelled')).toThrow(IllegalTransitionError);
    expect(() => ruleFor('in_progress', 'created')).toThrow(IllegalTransitionError);
    expect(illegal).toBeGreaterThan(20);
  });

  it('ignores a payer answer that arrives after a cancel, and changes nothing', () => {
    expect(ruleFor('cancelled', 'answered')).toBe('ignored');
    expect(ruleFor('cancelled', 'cancelled')).toBe('ignored');
    expect(ruleFor('needs_review', 'attempt_started')).toBe('ignored');
  });

  it('leads every event only to a status its rule lists', () => {
    const events: LifecycleEvent[] = [
      { type: 'attempt_started' },
      { type: 'attempt_failed_retryable', error: 'HTTP 500', kind: 'server_error' },
      { type: 'attempt_failed_final', error: 'HTTP 500', reason: 'call the payer' },
      { type: 'answered', result: result(), answers: [] },
      { type: 'answered', result: result(['weak IOP basis']), answers: [] },
      { type: 'follow_up_scheduled', administrator: { payerKey: 'carelon', name: 'Carelon' }, answers: [] },
      { type: 'follow_up_answered', answers: [] },
      {
        type: 'manual_result',
        summary: result().summary,
        manual: { referenceNumber: 'R', representative: 'D', recordedBy: 'staff:1' },
        actor: 'staff:1',
      },
      { type: 'retry_requested', actor: 'staff:1' },
      { type: 'cancelled', actor: 'intake:abcd' },
      { type: 'escalated', reason: 'time is short' },
      { type: 'expired', reason: 'deadline passed' },
    ];
    for (const from of STATUSES) {
      for (const event of events) {
        const rule = TRANSITIONS[from][event.type];
        if (!rule || rule === 'ignored') continue;
        expect(rule).toContain(reduce(record({ status: from }), event, NOW).status);
      }
    }
  });

  it('settles an answer with review reasons in review, and records whether it was in the window', () => {
    const inReview = reduce(record({ status: 'in_progress' }), { type: 'answered', result: result(['x']), answers: [] }, NOW);
    expect(inReview).toMatchObject({
      status: 'needs_review',
      review: { reasons: ['x'] },
      withinWindow: true,
      completedAt: NOW.toISOString(),
    });
    const late = reduce(record({ status: 'queued', deadline: '2026-11-27T11:00:00.000Z' }), { type: 'expired', reason: 'late' }, NOW);
    expect(late).toMatchObject({ status: 'needs_review', withinWindow: false });
  });

  it('counts every settled verification in the window metric, once per round, by channel and payer', () => {
    const metricNames = (from: Parameters<typeof effectsOf>[0], after: VerificationRecord, event: LifecycleEvent) =>
      effectsOf(from, after, event, NOW).flatMap((e) => (e.kind === 'metric' ? [`${e.metric.name}${JSON.stringify(e.labels)}`] : [e.kind]));
    const escalated = reduce(record({ status: 'queued' }), { type: 'escalated', reason: 'r' }, NOW);
    expect(metricNames('queued', escalated, { type: 'escalated', reason: 'r' })).toEqual(
      expect.arrayContaining([
        'bvs_verifications_within_window_total{"payer":"aetna","channel":"intake","within":"true"}',
        'bvs_verifications_settled_total{"payer":"aetna","channel":"intake","status":"needs_review"}',
        'webhook',
        'audit',
      ]),
    );
    const manualEvent: LifecycleEvent = {
      type: 'manual_result',
      summary: result().summary,
      manual: { referenceNumber: 'R', representative: 'D', recordedBy: 'staff:1' },
      actor: 'staff:1',
    };
    const manual = reduce(escalated, manualEvent, NOW);
    const afterReview = metricNames('needs_review', manual, manualEvent);
    expect(afterReview).toEqual(expect.arrayContaining(['reuse_index', 'webhook', 'audit']));
    expect(afterReview.some((m) => m.startsWith('bvs_verifications_within_window_total'))).toBe(false);
    const manualFirst = metricNames('queued', reduce(record(), manualEvent, NOW), manualEvent);
    expect(manualFirst.some((m) => m.startsWith('bvs_verifications_within_window_total'))).toBe(true);
  });

  it('fires verification.cancelled and takes the waiting job off the queue on cancel', () => {
    const event: LifecycleEvent = { type: 'cancelled', actor: 'intake:abcd' };
    const kinds = effectsOf('queued', reduce(record(), event, NOW), event, NOW).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['webhook', 'dequeue', 'audit']));
  });

  it('is drawn in docs/lifecycle.md exactly as the table says', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'lifecycle.md'), 'utf8');
    const block = /```mermaid\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(block).toBe(mermaidStateDiagram());
    for (const { from, to } of edges()) expect(block).toContain(`${from === NEW ? '[*]' : from} --> ${to}`);
  });

  it('is the only code that assigns a verification status', () => {
    const assignment = /\bstatus:\s*'(queued|in_progress|completed|needs_review|cancelled|failed)'|\.status\s*=[^=]/;
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          if (name !== 'node_modules' && name !== 'testing') walk(path);
        } else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) {
          const lines = readFileSync(path, 'utf8').split('\n');
          lines.forEach((line, index) => {
            if (assignment.test(line)) offenders.push(`${relative(ROOT, path)}:${index + 1}: ${line.trim()}`);
          });
        }
      }
    };
    for (const dir of ['apps/api/src', 'apps/worker/src', 'apps/cli/src', 'libs/store/src', 'libs/queue/src']) walk(join(ROOT, dir));
    expect(offenders).toEqual([]);
  });
});
