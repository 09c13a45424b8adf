import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { LEVELS_OF_CARE, LevelOfCare } from '@bvs/coverage';
import { PersonDto } from './person.dto';
import { ContactDto } from './contact.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS[.fraction]] with Z or ±HH:MM. */
const PLANNED_START = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export class ProgramDto {
  @ApiProperty({ minimum: 1, maximum: 7, example: 4 })
  @IsInt()
  @Min(1)
  @Max(7)
  sessionsPerWeek!: number;

  @ApiProperty({ minimum: 1, maximum: 52, example: 8 })
  @IsInt()
  @Min(1)
  @Max(52)
  weeks!: number;
}

export class RecheckDto {
  @ApiProperty({ minimum: 1, maximum: 168, example: 24, description: 'Verify again this many hours before plannedStart' })
  @IsInt()
  @Min(1)
  @Max(168)
  hoursBeforeStart!: number;
}

/** Body of POST /v1/verifications (docs/api.md). */
export class CreateVerificationDto {
  @ApiProperty({
    description: 'A payer key, a payer id, or the insurer name as typed; "self-pay" when the patient has no insurance',
    example: 'aetna',
  })
  @IsDefined()
  @IsString()
  @Length(1, 100, { message: 'payer must be 1 to 100 characters' })
  payer!: string;

  @ApiPropertyOptional({ description: 'A network on the card (multiplan, halcyon) next to the payer', example: 'multiplan' })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'network must be 1 to 100 characters' })
  network?: string;

  @ApiProperty({ type: () => PersonDto, description: 'The patient' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PersonDto)
  member!: PersonDto;

  @ApiPropertyOptional({ type: () => PersonDto, description: 'The policy holder, only when the patient is a dependent' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PersonDto)
  subscriber?: PersonDto;

  @ApiPropertyOptional({ example: 'GRP100001' })
  @IsOptional()
  @IsString()
  @Length(1, 50, { message: 'groupNumber must be 1 to 50 characters' })
  @Matches(/^[A-Za-z0-9-]+$/, { message: 'groupNumber may contain only letters, digits and hyphens' })
  groupNumber?: string;

  @ApiPropertyOptional({ enum: ['IOP', 'PHP', 'OP'], isArray: true, description: 'Default: all three' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(LEVELS_OF_CARE, { each: true, message: 'levelsOfCare items must be IOP, PHP or OP' })
  levelsOfCare?: LevelOfCare[];

  @ApiPropertyOptional({ format: 'date-time', description: 'The first session; the deadline of the verification' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'plannedStart must be an ISO 8601 date-time' })
  // Of ISO 8601's forms only these are read the same everywhere (ordinal 2026-340, week
  // 2026-W50-3 and basic 20261215 are valid ISO but not dates JavaScript reads); a time needs its offset.
  @Matches(PLANNED_START, {
    message: 'plannedStart must be a date (2026-12-15) or a date-time with offset (2026-12-15T09:00:00-08:00)',
  })
  plannedStart?: string;

  @ApiPropertyOptional({ type: () => ProgramDto, description: 'For the cost estimate' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ProgramDto)
  program?: ProgramDto;

  @ApiPropertyOptional({ description: 'Intake only; host must be in CALLBACK_ALLOWED_HOSTS' })
  @IsOptional()
  @IsString()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false }, { message: 'callbackUrl must be an http(s) URL' })
  @Length(1, 2000)
  callbackUrl?: string;

  @ApiPropertyOptional({
    type: () => RecheckDto,
    description: 'Verify again before the planned start (default RECHECK_HOURS_BEFORE_START)',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RecheckDto)
  recheck?: RecheckDto;

  @ApiPropertyOptional({ type: () => ContactDto, description: 'The web form call-back details: PHI, encrypted, staff only' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;
}
