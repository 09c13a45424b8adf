import { Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuditLog } from '@bvs/store';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { AllowRoles } from '../auth/roles.decorator';
import { ApiError } from '../http/api-error';
import { requestIdOf } from '../http/request-id';
import { BatchFormatError, type SubmittedRow, readCsvBatch, readJsonBatch } from './batch-rows';
import { resultsCsv } from './batch-results';
import { BatchesService } from './batches.service';
import { PublicRateLimited } from '../auth/public-rate-limit.guard';
import { DocBatchResults, DocOperation, DocSubmitBatch } from '../openapi/operations';

/** POST /v1/batches and its progress, results and cancel (docs/batches-and-rechecks.md). */
@Controller('v1/batches')
@PublicRateLimited()
@AllowRoles('staff', 'intake')
export class BatchesController {
  constructor(
    private readonly batches: BatchesService,
    private readonly audit: AuditLog,
  ) {}

  @Post()
  @DocSubmitBatch()
  @HttpCode(202)
  async submit(
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
    @Headers('content-type') contentType?: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<Record<string, unknown>> {
    const csv = /^(text|application)\/csv\b/i.test(contentType ?? '');
    let rows: SubmittedRow[];
    try {
      const body: unknown = req.body;
      if (csv && typeof body !== 'string') throw new BatchFormatError('The CSV body is empty.');
      rows = csv ? readCsvBatch(body as string) : readJsonBatch(body);
    } catch (error) {
      if (error instanceof BatchFormatError) throw ApiError.invalid([{ field: 'body', message: error.message }], error.message);
      throw error;
    }
    const { batch, replayed } = await this.batches.submit(rows, csv ? 'csv' : 'json', req.principal, idempotencyKey);
    if (req.principal.role === 'staff') await this.record(req, 'batch.create');
    res.setHeader('Location', `/v1/batches/${batch.id}`);
    return {
      ...(await this.batches.progress(batch)),
      replayed,
      rejectedRows: batch.rows
        .filter((row) => row.errors?.length)
        .map((row) => ({ row: row.row, rowKey: row.rowKey ?? null, errors: row.errors })),
      rows: batch.rows.map((row) => ({ row: row.row, rowKey: row.rowKey ?? null, verificationId: row.verificationId ?? null })),
    };
  }

  @Get()
  @DocOperation({ tag: 'Batches', summary: 'The newest batches (staff)', status: 200, schema: 'BatchList', errors: [401, 403, 503] })
  @AllowRoles('staff')
  async recent(@Req() req: AuthenticatedRequest): Promise<Record<string, unknown>> {
    const recent = await this.batches.recent(20);
    await this.record(req, 'batch.list');
    return { items: await Promise.all(recent.map((batch) => this.batches.progress(batch))) };
  }

  @Get(':id')
  @DocOperation({
    tag: 'Batches',
    summary: 'A batch and its progress by status (intake: its own)',
    status: 200,
    schema: 'BatchProgress',
    errors: [401, 403, 404, 503],
  })
  async progress(@Param('id') id: string, @Req() req: AuthenticatedRequest): Promise<Record<string, unknown>> {
    return { ...(await this.batches.progress(await this.batches.find(id, req.principal))) };
  }

  @Get(':id/results')
  @DocBatchResults()
  async results(
    @Param('id') id: string,
    @Query('format') format: string | undefined,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
    @Headers('accept') accept?: string,
  ): Promise<Record<string, unknown> | string> {
    const batch = await this.batches.find(id, req.principal);
    const lines = await this.batches.results(batch);
    if (req.principal.role === 'staff') await this.record(req, 'batch.results');
    const csv = format === 'csv' || (format !== 'json' && /\b(text|application)\/csv\b/i.test(accept ?? ''));
    if (csv) {
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="${batch.id}-results.csv"`);
      return resultsCsv(lines);
    }
    return { id: batch.id, rows: lines };
  }

  @Post(':id/cancel')
  @DocOperation({
    tag: 'Batches',
    summary: 'Cancel the rows still queued or in progress; rows not created yet are not created',
    status: 200,
    schema: 'BatchProgress',
    errors: [401, 403, 404, 503],
  })
  @HttpCode(200)
  async cancel(@Param('id') id: string, @Req() req: AuthenticatedRequest): Promise<Record<string, unknown>> {
    const batch = await this.batches.find(id, req.principal);
    await this.batches.cancel(batch, req.principal);
    if (req.principal.role === 'staff') await this.record(req, 'batch.cancel');
    return { ...(await this.batches.progress(batch)) };
  }

  private record(req: AuthenticatedRequest, action: string): Promise<void> {
    return this.audit.append({ actor: req.principal.label ?? 'staff', action, verificationId: null, requestId: requestIdOf(req) || null });
  }
}
