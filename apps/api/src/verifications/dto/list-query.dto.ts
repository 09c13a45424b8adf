import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import type { VerificationStatus } from '@bvs/store';

const STATUSES: VerificationStatus[] = ['queued', 'in_progress', 'completed', 'needs_review', 'cancelled'];

/** GET /v1/verifications filters (staff). */
export class ListQueryDto {
  @ApiPropertyOptional({ description: 'Comma-separated statuses', example: 'needs_review,queued' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsIn(STATUSES, { each: true, message: `status must be one or more of ${STATUSES.join(', ')}` })
  status?: VerificationStatus[];

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 40) payer?: string;

  @ApiPropertyOptional() @IsOptional() @IsIn(['web_form', 'staff', 'intake']) channel?: string;

  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) deadlineBefore?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) deadlineAfter?: string;

  @ApiPropertyOptional({ description: 'Last name, member id, date of birth or reference (searched through the keyed blind index)' })
  @IsOptional()
  @IsString()
  @Length(2, 80)
  q?: string;

  @ApiPropertyOptional({ description: 'true: only web-form requests whose patient nobody has called yet' })
  @IsOptional()
  @IsIn(['true', 'false'])
  awaitingCall?: 'true' | 'false';

  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class AuditQueryDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(36, 36) verificationId?: string;
}
