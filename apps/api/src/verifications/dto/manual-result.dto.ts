import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';

const MONEY = /^\d{1,7}(\.\d{1,2})?$/;
const MONEY_MESSAGE = 'must be an amount like 1500 or 1500.00';

export class ManualTermsDto {
  @IsOptional()
  @Matches(MONEY, { message: `copay ${MONEY_MESSAGE}` })
  copay?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  coinsurancePercent?: number;

  @IsOptional()
  @IsBoolean()
  deductibleApplies?: boolean;
}

export class ManualLevelDto {
  @IsIn(['covered', 'not_covered', 'unknown'])
  status!: 'covered' | 'not_covered' | 'unknown';

  @IsOptional()
  @IsBoolean()
  priorAuthorizationRequired?: boolean;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ManualTermsDto)
  inNetwork?: ManualTermsDto;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ManualTermsDto)
  outOfNetwork?: ManualTermsDto;
}

export class ManualLevelsDto {
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ManualLevelDto) IOP?: ManualLevelDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ManualLevelDto) PHP?: ManualLevelDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ManualLevelDto) OP?: ManualLevelDto;
}

export class AmountPairDto {
  @IsOptional()
  @Matches(MONEY, { message: `total ${MONEY_MESSAGE}` })
  total?: string;

  @IsOptional()
  @Matches(MONEY, { message: `remaining ${MONEY_MESSAGE}` })
  remaining?: string;
}

/** Body of POST /v1/verifications/:id/manual-result: benefits staff got by phone or portal. */
export class ManualResultDto {
  @IsDefined()
  @IsString()
  @Length(1, 50)
  @Matches(/^[A-Za-z0-9 #._-]+$/, { message: 'referenceNumber may contain letters, digits, spaces and # . _ -' })
  referenceNumber!: string;

  @IsDefined()
  @IsString()
  @Length(1, 100)
  representative!: string;

  @IsIn(['active', 'inactive'])
  eligibilityStatus!: 'active' | 'inactive';

  @IsOptional()
  @IsString()
  @Length(0, 2000)
  notes?: string;

  @IsOptional() @IsObject() @ValidateNested() @Type(() => AmountPairDto) deductible?: AmountPairDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => AmountPairDto) outOfPocketMax?: AmountPairDto;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ManualLevelsDto)
  levelsOfCare!: ManualLevelsDto;
}
