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

export class ProgramDto {
  @IsInt()
  @Min(1)
  @Max(7)
  sessionsPerWeek!: number;

  @IsInt()
  @Min(1)
  @Max(52)
  weeks!: number;
}

/** Body of POST /v1/verifications (DESIGN.md §3). */
export class CreateVerificationDto {
  @IsDefined()
  @IsString()
  @Length(1, 100, { message: 'payer must be 1 to 100 characters' })
  payer!: string;

  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'network must be 1 to 100 characters' })
  network?: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PersonDto)
  member!: PersonDto;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PersonDto)
  subscriber?: PersonDto;

  @IsOptional()
  @IsString()
  @Length(1, 50, { message: 'groupNumber must be 1 to 50 characters' })
  @Matches(/^[A-Za-z0-9-]+$/, { message: 'groupNumber may contain only letters, digits and hyphens' })
  groupNumber?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(LEVELS_OF_CARE, { each: true, message: 'levelsOfCare items must be IOP, PHP or OP' })
  levelsOfCare?: LevelOfCare[];

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'plannedStart must be an ISO 8601 date-time' })
  plannedStart?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ProgramDto)
  program?: ProgramDto;

  @IsOptional()
  @IsString()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false }, { message: 'callbackUrl must be an http(s) URL' })
  @Length(1, 2000)
  callbackUrl?: string;
}
