import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { CreateVerificationDto } from './dto/create-verification.dto';
import { WaitQueryDto } from './dto/wait-query.dto';
import { fullView, patientView } from '@bvs/store';
import { VerificationsService } from './verifications.service';
import { AuditLog, VerificationRecord } from '@bvs/store';
import type { Principal } from '../auth/principal';

@Controller('v1/verifications')
export class VerificationsController {
  constructor(
    private readonly verifications: VerificationsService,
    private readonly audit: AuditLog,
  ) {}

  @Post()
  @HttpCode(202)
  async create(
    @Body() body: CreateVerificationDto,
    @Query() query: WaitQueryDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<Record<string, unknown>> {
    let record = await this.verifications.createIdempotent(body, req.principal, idempotencyKey, String(req.id ?? ''));
    if (query.wait) record = await this.verifications.waitUntilSettled(record, query.wait, req.principal);
    res.setHeader('Location', `/v1/verifications/${record.id}`);
    return view(record, req.principal);
  }

  @Get(':id')
  async get(@Param('id') id: string, @Query() query: WaitQueryDto, @Req() req: AuthenticatedRequest): Promise<Record<string, unknown>> {
    let record = await this.verifications.find(id, req.principal);
    if (query.wait) record = await this.verifications.waitUntilSettled(record, query.wait, req.principal);
    if (req.principal.role === 'staff') {
      await this.audit.append({ actor: req.principal.label ?? 'staff', action: 'verification.read', verificationId: record.id, requestId: String(req.id ?? '') || null });
    }
    return view(record, req.principal);
  }
}

function view(record: VerificationRecord, principal: Principal): Record<string, unknown> {
  return principal.role === 'public' ? patientView(record) : fullView(record);
}
