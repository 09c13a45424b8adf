import {
  IsDefined,
  IsOptional,
  IsString,
  Length,
  Matches,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { isTransliterable } from '@bvs/x12';

// Names: letters (any script, since patients type them), spaces, apostrophes, hyphens and
// periods. X12 delimiters (* ~ ^ : |) and control characters never get in.
const NAME = /^[\p{L}][\p{L}\p{M} .'-]*$/u;
// Member ids: the X12 basic character set without delimiters, as payers print them on cards.
const MEMBER_ID = /^[A-Za-z0-9-]+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

@ValidatorConstraint({ name: 'pastDateOfBirth' })
export class PastDateOfBirth implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
    const date = new Date(`${value}T00:00:00Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return false;
    return value >= '1900-01-01' && date.getTime() <= Date.now();
  }

  defaultMessage(): string {
    return 'dateOfBirth must be a real date (YYYY-MM-DD), not in the future and not before 1900';
  }
}

/** A name the 270 can carry once transliterated (Ø -> O, é -> E, full-width -> ASCII); other scripts cannot. */
@ValidatorConstraint({ name: 'carriedInX12' })
export class CarriedInX12 implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value !== 'string' || isTransliterable(value);
  }

  defaultMessage(args?: { property: string }): string {
    return `${args?.property ?? 'name'} has letters the payer inquiry (X12) cannot carry; enter it in Latin letters as on the insurance card`;
  }
}

export class PersonDto {
  @ApiPropertyOptional({ description: 'Member id as printed on the insurance card (2-80 letters, digits, hyphens)', example: 'W100000001' })
  @IsOptional()
  @IsString()
  @Length(2, 80, { message: 'id must be 2 to 80 characters' })
  @Matches(MEMBER_ID, { message: 'id may contain only letters, digits and hyphens' })
  id?: string;

  @ApiProperty({ example: 'Jane', maxLength: 35 })
  @IsDefined()
  @IsString()
  @Length(1, 35, { message: 'firstName must be 1 to 35 characters' })
  @Matches(NAME, { message: 'firstName may contain only letters, spaces, apostrophes, hyphens and periods' })
  @Validate(CarriedInX12)
  firstName!: string;

  @ApiProperty({ example: 'Doe', maxLength: 60 })
  @IsDefined()
  @IsString()
  @Length(1, 60, { message: 'lastName must be 1 to 60 characters' })
  @Matches(NAME, { message: 'lastName may contain only letters, spaces, apostrophes, hyphens and periods' })
  @Validate(CarriedInX12)
  lastName!: string;

  @ApiProperty({ format: 'date', example: '1990-04-12' })
  @IsDefined()
  @IsString()
  @Validate(PastDateOfBirth)
  dateOfBirth!: string;
}
