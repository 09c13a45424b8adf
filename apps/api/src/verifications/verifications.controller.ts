import { requestIdOf } from '../http/request-id';
import { PublicRateLimited } from '../auth/public-rate-limit.guard';
import { Body, Controller, Get, Header, Headers, HttpCode, HttpStatus, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { CreateVerificationDto } from './dto/create-verification.dto';
import { WaitQueryDto } from './dto/wait-query.dto';
import { fullView, patientView } from '@bvs/store';
import { VerificationsService } from './verifications.service';
import { WaitLimiter } from './wait-limiter';
import { FhirCoverageEligibilityResponse, toFhirCoverageEligibilityResponse } from '@bvs/coverage';
import { AuditLog, VerificationRecord } from '@bvs/store';
import { AllowRoles } from '../auth/roles.decorator';
import { ApiError } from '../http/api-error';
import type { Principal } from '../auth/principal';
import { DocCancel, DocCreateVerification, DocFhir, DocGetVerification } from '../openapi/operations';

@Controller('v1/verifications')
@PublicRateLimited()
export class VerificationsController {
  constructor(
    private readonly verifications: VerificationsService,
    private readonly audit: AuditLog,
    private readonly waits: WaitLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `?wait=N`, within the concurrent-wait caps; past them the record is answered as it is. */
  private async waitIfAllowed(
    record: VerificationRecord,
    seconds: number,
    req: AuthenticatedRequest,
    res: Response,
  ): Promise<VerificationRecord> {
    const release = this.waits.acquire(req.principal.label ?? `ip:${req.ip ?? 'unknown'}`);
    if (typeof release === 'string') {
      res.setHeader('Wait-Skipped', release);
      return record;
    }
    try {
      return await this.verifications.waitUntilSettled(record, seconds, req.principal);
    } finally {
      release();
    }
  }

  @Post()
  @HttpCode(202)
  @DocCreateVerification()
  async create(
    @Body() body: CreateVerificationDto,
    @Query() query: WaitQueryDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<Record<string, unknown>> {
    let record = await this.verifications.createIdempotent(body, req.principal, idempotencyKey, requestIdOf(req) ?? '');
    if (query.wait) record = await this.waitIfAllowed(record, query.wait, req, res);
    res.setHeader('Location', `/v1/verifications/${record.id}`);
    return view(record, req.principal, this.config);
  }

  @Get(':id')
  @DocGetVerification()
  async get(
    @Param('id') id: string,
    @Query() query: WaitQueryDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Record<string, unknown>> {
    let record = await this.verifications.find(id, req.principal);
    if (query.wait) record = await this.waitIfAllowed(record, query.wait, req, res);
    if (req.principal.role === 'staff') {
      await this.audit.append({
        actor: req.principal.label ?? 'staff',
        action: 'verification.read',
        verificationId: record.id,
        requestId: requestIdOf(req),
      });
    }
    return view(record, req.principal, this.config);
  }

  @Post(':id/cancel')
  @DocCancel()
  @HttpCode(200)
  @AllowRoles('staff', 'intake')
  async cancel(@Param('id') id: string, @Req() req: AuthenticatedRequest): Promise<Record<string, unknown>> {
    // The lifecycle removes a waiting job, writes the audit entry and fires verification.cancelled.
    return fullView(await this.verifications.cancel(id, req.principal));
  }

  @Get(':id/fhir')
  @DocFhir()
  @AllowRoles('staff', 'intake')
  @Header('content-type', 'application/fhir+json')
  async fhir(@Param('id') id: string, @Req() req: AuthenticatedRequest): Promise<FhirCoverageEligibilityResponse> {
    const record = await this.verifications.find(id, req.principal);
    if (req.principal.role === 'staff') {
      await this.audit.append({
        actor: req.principal.label ?? 'staff',
        action: 'verification.read_fhir',
        verificationId: record.id,
        requestId: requestIdOf(req),
      });
    }
    return fhirView(record);
  }
}

/** FHIR R4 rendering of a settled verification's summary. */
function fhirView(record: VerificationRecord): FhirCoverageEligibilityResponse {
  if (!record.summary) {
    throw new ApiError(HttpStatus.CONFLICT, 'not_settled', 'The verification has no coverage summary yet; try again when it has settled.');
  }
  return toFhirCoverageEligibilityResponse(record.summary, {
    id: record.id,
    created: record.completedAt ?? record.updatedAt,
    request: `CoverageEligibilityRequest/${record.id}`,
    insurerDisplay: record.payer.name,
  });
}

function view(record: VerificationRecord, principal: Principal, config: AppConfig): Record<string, unknown> {
  if (principal.role === 'public') return patientView(record, { centerPhone: config.center.phone });
  return fullView(record, new Date(), principal.role === 'staff' ? 'staff' : 'intake');
}
