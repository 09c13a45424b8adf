import { requestIdOf } from '../http/request-id';
import { PublicRateLimited } from '../auth/public-rate-limit.guard';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { AuditInput, AuditLog, X12Exchange, staffView } from '@bvs/store';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { AllowRoles } from '../auth/roles.decorator';
import { ListQueryDto } from './dto/list-query.dto';
import { ManualResultDto } from './dto/manual-result.dto';
import { StaffActionsService } from './staff-actions.service';
import { VerificationsService } from './verifications.service';
import { DocListVerifications, DocManualResult, DocRetry, DocX12 } from '../openapi/operations';

/** Staff-only verification endpoints. Every read and change is written to the audit log. */
@Controller('v1/verifications')
@PublicRateLimited()
@AllowRoles('staff')
export class StaffVerificationsController {
  constructor(
    private readonly staff: StaffActionsService,
    private readonly verifications: VerificationsService,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  @DocListVerifications()
  async list(@Query() query: ListQueryDto, @Req() req: AuthenticatedRequest): Promise<Record<string, unknown>> {
    const { items, total, skipped } = await this.staff.list(query);
    // One entry per record the response carries (an empty page is audited once, without an id).
    const ids = items.length > 0 ? items.map((record) => record.id) : [null];
    await this.audit.appendMany(ids.map((verificationId) => this.entry(req, 'verification.list', verificationId)));
    const now = new Date();
    return {
      items: items.map((record) => staffView(record, now)),
      total,
      offset: query.offset ?? 0,
      limit: query.limit ?? 50,
      skipped,
    };
  }

  @Get(':id/x12')
  @DocX12()
  async x12(@Param('id') id: string, @Req() req: AuthenticatedRequest): Promise<X12Exchange> {
    const record = await this.verifications.find(id, req.principal);
    await this.record(req, 'verification.read_x12', record.id);
    return this.staff.exchange(record);
  }

  @Post(':id/retry')
  @DocRetry()
  @HttpCode(202)
  async retry(@Param('id') id: string, @Req() req: AuthenticatedRequest): Promise<Record<string, unknown>> {
    await this.verifications.find(id, req.principal);
    // The lifecycle writes the audit entry (verification.retry) with the transition.
    return staffView(await this.staff.retry(id, req.principal));
  }

  @Post(':id/manual-result')
  @DocManualResult()
  @HttpCode(200)
  async manualResult(
    @Param('id') id: string,
    @Body() body: ManualResultDto,
    @Req() req: AuthenticatedRequest,
  ): Promise<Record<string, unknown>> {
    await this.verifications.find(id, req.principal);
    // The lifecycle writes the audit entry (verification.manual_result) with the transition.
    return staffView(await this.staff.recordManualResult(id, body, req.principal));
  }

  private record(req: AuthenticatedRequest, action: string, verificationId: string | null): Promise<void> {
    return this.audit.append(this.entry(req, action, verificationId));
  }

  private entry(req: AuthenticatedRequest, action: string, verificationId: string | null): AuditInput {
    return { actor: req.principal.label ?? 'staff', action, verificationId, requestId: requestIdOf(req) };
  }
}
