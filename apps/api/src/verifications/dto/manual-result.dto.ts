import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsISO8601,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const MONEY = /^\d{1,7}(\.\d{1,2})?$/;
const MONEY_MESSAGE = 'must be an amount like 1500 or 1500.00';

export class ManualLimitDto {
  @ApiProperty({ example: 30 })
  @IsInt()
  @Min(0)
  @Max(10000)
  quantity!: number;

  @ApiProperty({ enum: ['days', 'visits', 'hours', 'units'] })
  @IsIn(['days', 'visits', 'hours', 'units'])
  unit!: 'days' | 'visits' | 'hours' | 'units';

  @ApiPropertyOptional({ enum: ['calendar_year', 'service_year', 'lifetime', 'week', 'month', 'episode', 'admission'] })
  @IsOptional()
  @IsIn(['calendar_year', 'service_year', 'lifetime', 'week', 'month', 'episode', 'admission'])
  period?: string;

  @ApiPropertyOptional({ example: 24 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  remaining?: number;
}

export class ManualTermsDto {
  @ApiPropertyOptional({ type: () => ManualLimitDto, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => ManualLimitDto)
  limits?: ManualLimitDto[];

  @ApiPropertyOptional({ enum: ['visit', 'day', 'admission'] })
  @IsOptional()
  @IsIn(['visit', 'day', 'admission'])
  copayPer?: 'visit' | 'day' | 'admission';

  @ApiPropertyOptional({ example: '30.00' })
  @IsOptional()
  @Matches(MONEY, { message: `copay ${MONEY_MESSAGE}` })
  copay?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, example: 20 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  coinsurancePercent?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  deductibleApplies?: boolean;
}

export class ManualLevelDto {
  @ApiPropertyOptional({ example: '1-800-555-0142', description: 'Where to request the prior authorization' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9+()\-. xext]{7,30}$/, { message: 'priorAuthorizationPhone must be a phone number' })
  priorAuthorizationPhone?: string;

  @ApiProperty({ enum: ['covered', 'not_covered', 'unknown'] })
  @IsIn(['covered', 'not_covered', 'unknown'])
  status!: 'covered' | 'not_covered' | 'unknown';

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  priorAuthorizationRequired?: boolean;

  @ApiPropertyOptional({ type: () => ManualTermsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ManualTermsDto)
  inNetwork?: ManualTermsDto;

  @ApiPropertyOptional({ type: () => ManualTermsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ManualTermsDto)
  outOfNetwork?: ManualTermsDto;
}

export class ManualLevelsDto {
  @ApiPropertyOptional({ type: () => ManualLevelDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ManualLevelDto)
  IOP?: ManualLevelDto;
  @ApiPropertyOptional({ type: () => ManualLevelDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ManualLevelDto)
  PHP?: ManualLevelDto;
  @ApiPropertyOptional({ type: () => ManualLevelDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ManualLevelDto)
  OP?: ManualLevelDto;
}

export class AmountPairDto {
  @ApiPropertyOptional({ example: '1500.00' })
  @IsOptional()
  @Matches(MONEY, { message: `total ${MONEY_MESSAGE}` })
  total?: string;

  @ApiPropertyOptional({ example: '250.00' })
  @IsOptional()
  @Matches(MONEY, { message: `remaining ${MONEY_MESSAGE}` })
  remaining?: string;
}

export class ManualCarveOutDto {
  @ApiProperty({ example: 'Carelon Behavioral Health' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ example: '1-800-397-1630' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9+()\-. xext]{7,30}$/, { message: 'carveOut.phone must be a phone number' })
  phone?: string;
}

/** Body of POST /v1/verifications/:id/manual-result: benefits staff got by phone or portal. */
export class ManualResultDto {
  @ApiProperty({ example: 'REF-2026-0042' })
  @IsDefined()
  @IsString()
  @Length(1, 50)
  @Matches(/^[A-Za-z0-9 #._-]+$/, { message: 'referenceNumber may contain letters, digits, spaces and # . _ -' })
  referenceNumber!: string;

  @ApiProperty({ example: 'Dana, provider services' })
  @IsDefined()
  @IsString()
  @Length(1, 100)
  representative!: string;

  @ApiProperty({ enum: ['active', 'inactive'] })
  @IsIn(['active', 'inactive'])
  eligibilityStatus!: 'active' | 'inactive';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 2000)
  notes?: string;

  @ApiPropertyOptional({ type: () => AmountPairDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AmountPairDto)
  deductible?: AmountPairDto;
  @ApiPropertyOptional({ type: () => AmountPairDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AmountPairDto)
  outOfPocketMax?: AmountPairDto;

  @ApiPropertyOptional({ type: () => AmountPairDto, description: 'Family, in network' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AmountPairDto)
  familyDeductible?: AmountPairDto;
  @ApiPropertyOptional({ type: () => AmountPairDto, description: 'Family, in network' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AmountPairDto)
  familyOutOfPocketMax?: AmountPairDto;
  @ApiPropertyOptional({ type: () => AmountPairDto, description: 'Individual, out of network' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AmountPairDto)
  outOfNetworkDeductible?: AmountPairDto;
  @ApiPropertyOptional({ type: () => AmountPairDto, description: 'Individual, out of network' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AmountPairDto)
  outOfNetworkOutOfPocketMax?: AmountPairDto;

  @ApiPropertyOptional({ type: () => ManualCarveOutDto, description: 'Who administers the behavioral-health benefits, if not the plan' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ManualCarveOutDto)
  carveOut?: ManualCarveOutDto;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the call took place (default: now)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'callTime must be an ISO 8601 date-time' })
  callTime?: string;

  @ApiProperty({ type: () => ManualLevelsDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ManualLevelsDto)
  levelsOfCare!: ManualLevelsDto;
}
