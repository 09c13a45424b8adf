import { Controller, Get, HttpCode, HttpStatus, Param, Post, Req } from '@nestjs/common';
import { IllegalTransitionError, VerificationLifecycle, nextMonthlyRecheck } from '@bvs/lifecycle';
import { BullRecheckScheduler } from '@bvs/queue';
import { AuditLog, type VerificationRecord, VerificationStore, staffView } from '@bvs/store';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { AllowRoles } from '../auth/roles.decorator';
import { ApiError } from '../http/api-error';
import { requestIdOf } from '../http/request-id';
import { VerificationsService } from '../verifications/verifications.service';
import { PublicRateLimited } from '../auth/public-rate-limit.guard';
import { DocOperation } from '../openapi/operations';

const patientName = (record: VerificationRecord): string => `${record.request.member.firstName} ${record.request.member.lastName}`;

/** Re-verification (docs/lifecycle.md): admitted patients are checked monthly until discharge; staff see what is scheduled. */
@Controller('v1')
@PublicRateLimited()
@AllowRoles('staff')
export class RechecksController {
  constructor(
    private readonly verifications: VerificationsService,
    private readonly lifecycle: VerificationLifecycle,
    private readonly scheduler: BullRecheckScheduler,
    private readonly store: VerificationStore,
    private readonly audit: AuditLog,
  ) {}

  /** The patient is in care: re-verified on the first business day of each month until discharged. */
  @Post('verifications/:id/admit')
  @DocOperation({
    tag: 'Re-verification',
    summary: 'Mark the patient admitted: re-verified on the first business day of each month until discharged',
    status: 200,
    schema: 'VerificationRecord',
    errors: [401, 403, 404, 409, 503],
  })
  @HttpCode(200)
  async admit(@Param('id') id: string, @Req() req: AuthenticatedRequest): Promise<Record<string, unknown>> {
    const record = await this.verifications.find(id, req.principal);
    if (record.admission && !record.admission.dischargedAt) return staffView(record);
    // The lifecycle writes the audit entry (verification.admit) and schedules the first monthly re-check.
    return staffView(await this.change(id, { type: 'admitted', actor: req.principal.label ?? 'staff' }));
  }

  @Post('verifications/:id/discharge')
  @DocOperation({
    tag: 'Re-verification',
    summary: 'Mark the patient discharged: monthly re-checks stop',
    status: 200,
    schema: 'VerificationRecord',
    errors: [401, 403, 404, 409, 503],
  })
  @HttpCode(200)
  async discharge(@Param('id') id: string, @Req() req: AuthenticatedRequest): Promise<Record<string, unknown>> {
    const record = await this.verifications.find(id, req.principal);
    if (!record.admission || record.admission.dischargedAt) {
      throw new ApiError(HttpStatus.CONFLICT, 'conflict', 'The patient of this verification is not admitted.');
    }
    return staffView(await this.change(id, { type: 'discharged', actor: req.principal.label ?? 'staff' }));
  }

  /** Re-checks waiting for their date, and admitted patients with their next monthly re-check. */
  @Get('rechecks')
  @DocOperation({
    tag: 'Re-verification',
    summary: 'Scheduled re-checks by date, and admitted patients with their next re-check',
    status: 200,
    schema: 'RecheckSchedule',
    errors: [401, 403, 503],
  })
  async scheduled(@Req() req: AuthenticatedRequest): Promise<Record<string, unknown>> {
    const jobs = await this.scheduler.scheduled();
    const records = new Map<string, VerificationRecord>();
    for (const job of jobs) {
      if (records.has(job.verificationId)) continue;
      const record = await this.store.get(job.verificationId);
      if (record) records.set(record.id, record);
    }
    await this.audit.append({
      actor: req.principal.label ?? 'staff',
      action: 'recheck.list',
      verificationId: null,
      requestId: requestIdOf(req) || null,
    });
    const now = new Date();
    const scheduled = jobs.flatMap((job) => {
      const record = records.get(job.verificationId);
      if (!record) return [];
      return [
        { verificationId: job.verificationId, kind: job.kind, dueAt: job.dueAt, patient: patientName(record), payer: record.payer.name },
      ];
    });
    const admitted = [...records.values()]
      .filter((record) => record.admission && !record.admission.dischargedAt)
      .map((record) => ({
        verificationId: record.id,
        patient: patientName(record),
        payer: record.payer.name,
        admittedAt: record.admission?.admittedAt,
        nextRecheckAt:
          scheduled.find((s) => s.verificationId === record.id && s.kind === 'monthly')?.dueAt ?? nextMonthlyRecheck(now).toISOString(),
        lastRecheck: record.rechecks?.at(-1) ?? null,
      }));
    return { scheduled, admitted };
  }

  private async change(id: string, event: { type: 'admitted' | 'discharged'; actor: string }): Promise<VerificationRecord> {
    try {
      const { record } = await this.lifecycle.apply(id, event);
      if (!record) throw ApiError.notFound();
      return record;
    } catch (error) {
      if (error instanceof IllegalTransitionError)
        throw new ApiError(HttpStatus.CONFLICT, 'conflict', `A verification that is ${error.from} cannot take this.`);
      throw error;
    }
  }
}
