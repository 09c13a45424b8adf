import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { IsBoolean, IsDefined, IsOptional, IsString, Length } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AuditLog, staffView } from '@bvs/store';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { AllowRoles } from '../auth/roles.decorator';
import { PublicRateLimited } from '../auth/public-rate-limit.guard';
import { VerificationsService } from '../verifications/verifications.service';
import { StaffWorkService } from './staff-work.service';
import { DocOperation } from '../openapi/operations';

export class ClaimDto {
  @ApiPropertyOptional({ description: 'Take the record over from another coordinator' })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}

export class NoteDto {
  @ApiProperty({ example: 'Left a voicemail for the patient at 3:10 pm.' })
  @IsDefined()
  @IsString()
  @Length(1, 2000, { message: 'text must be 1 to 2000 characters' })
  text!: string;
}

export class ContactedDto {
  @ApiProperty({ description: 'true: the patient was reached; false: take the mark back' })
  @IsDefined()
  @IsBoolean()
  contacted!: boolean;
}

/** Claims, notes, the patient-called mark and the call script (staff only; every change audited). */
@Controller('v1/verifications')
@AllowRoles('staff')
@PublicRateLimited()
export class StaffWorkController {
  constructor(
    private readonly work: StaffWorkService,
    private readonly verifications: VerificationsService,
    private readonly audit: AuditLog,
  ) {}

  @Post(':id/claim')
  @DocOperation({
    tag: 'Staff',
    summary: 'Claim a record so two coordinators do not call the same payer',
    status: 200,
    schema: 'VerificationRecord',
    errors: [400, 401, 403, 404, 409, 413, 415, 503],
    conflict: 'Another coordinator holds the claim',
  })
  @HttpCode(200)
  async claim(@Param('id') id: string, @Body() body: ClaimDto, @Req() req: AuthenticatedRequest): Promise<Record<string, unknown>> {
    await this.verifications.find(id, req.principal);
    return staffView(await this.work.claim(id, req.principal, body.force === true));
  }

  @Post(':id/release')
  @DocOperation({ tag: 'Staff', summary: 'Release a claim', status: 200, schema: 'VerificationRecord', errors: [401, 403, 404, 503] })
  @HttpCode(200)
  async release(@Param('id') id: string, @Req() req: AuthenticatedRequest): Promise<Record<string, unknown>> {
    await this.verifications.find(id, req.principal);
    return staffView(await this.work.release(id, req.principal));
  }

  @Post(':id/notes')
  @DocOperation({
    tag: 'Staff',
    summary: 'Add a note to a record (audited)',
    status: 201,
    schema: 'VerificationRecord',
    errors: [400, 401, 403, 404, 413, 415, 503],
  })
  @HttpCode(201)
  async note(@Param('id') id: string, @Body() body: NoteDto, @Req() req: AuthenticatedRequest): Promise<Record<string, unknown>> {
    await this.verifications.find(id, req.principal);
    return staffView(await this.work.addNote(id, body.text, req.principal));
  }

  @Post(':id/contacted')
  @DocOperation({
    tag: 'Staff',
    summary: 'Mark a web-form request as called (or not)',
    status: 200,
    schema: 'VerificationRecord',
    errors: [400, 401, 403, 404, 413, 415, 503],
  })
  @HttpCode(200)
  async contacted(@Param('id') id: string, @Body() body: ContactedDto, @Req() req: AuthenticatedRequest): Promise<Record<string, unknown>> {
    await this.verifications.find(id, req.principal);
    return staffView(await this.work.markContacted(id, body.contacted, req.principal));
  }

  @Get(':id/call-script')
  @DocOperation({
    tag: 'Staff',
    summary: 'The call script for a record in review: whom to call and what to ask (audited)',
    status: 200,
    schema: 'CallScript',
    errors: [401, 403, 404, 503],
  })
  async callScript(@Param('id') id: string, @Req() req: AuthenticatedRequest): Promise<Record<string, unknown>> {
    const record = await this.verifications.find(id, req.principal);
    await this.audit.append({
      actor: req.principal.label ?? 'staff',
      action: 'verification.read_call_script',
      verificationId: id,
      requestId: null,
    });
    return { ...this.work.callScript(record) };
  }
}
