import { requestIdOf } from '../http/request-id';
import { PublicRateLimited } from '../auth/public-rate-limit.guard';
import { Controller, Get, Query, Req } from '@nestjs/common';
import { AuditEntry, AuditLog } from '@bvs/store';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { AllowRoles } from '../auth/roles.decorator';
import { AuditQueryDto } from './dto/list-query.dto';

/** GET /v1/audit: the staff audit trail, newest first (reading it is audited too). */
@Controller('v1/audit')
@PublicRateLimited()
@AllowRoles('staff')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  async list(@Query() query: AuditQueryDto, @Req() req: AuthenticatedRequest): Promise<{ items: AuditEntry[] }> {
    const items = await this.audit.recent(query.limit ?? 100, query.verificationId);
    await this.audit.append({
      actor: req.principal.label ?? 'staff',
      action: 'audit.read',
      verificationId: null,
      requestId: requestIdOf(req),
    });
    return { items };
  }
}
