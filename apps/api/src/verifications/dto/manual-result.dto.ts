import { Type } from 'class-transformer';
import {
  IsBoolean,
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

export class ManualTermsDto {
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

  @ApiProperty({ type: () => ManualLevelsDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ManualLevelsDto)
  levelsOfCare!: ManualLevelsDto;
}
