import { Equals, IsBoolean, IsDefined, IsEmail, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * How the patient wants to be reached (docs/api.md, `contact`): PHI, stored encrypted with the
 * record, shown to staff only. A phone or an email is required, and consent to be contacted.
 */
export class ContactDto {
  @ApiPropertyOptional({ example: '714-555-0123', description: '10 to 15 digits; spaces, ( ) + . - allowed' })
  @ValidateIf((o: ContactDto) => o.phone !== undefined || o.email === undefined)
  @IsString({ message: 'phone or email is required' })
  @Matches(/^[0-9+()\-. ]{10,25}$/, { message: 'phone must be a phone number like 714-555-0123' })
  @Matches(/^\D*(\d\D*){10,15}$/, { message: 'phone must have 10 to 15 digits' })
  phone?: string;

  @ApiPropertyOptional({ example: 'jane@example.com' })
  @IsOptional()
  @IsString()
  @Length(3, 254, { message: 'email must be 3 to 254 characters' })
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string;

  @ApiPropertyOptional({ example: 'evenings', description: 'When the patient prefers a call (free text, up to 100 characters)' })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'preferredTime must be 1 to 100 characters' })
  @Matches(/^[\p{L}\p{N} .,:;'/()&+-]+$/u, { message: 'preferredTime may contain letters, digits, spaces and simple punctuation' })
  preferredTime?: string;

  @ApiProperty({ description: 'Must be true: the patient agrees to be contacted about insurance and treatment' })
  @IsDefined({ message: 'consentToContact is required' })
  @IsBoolean()
  @Equals(true, { message: 'consentToContact must be true to keep contact details' })
  consentToContact!: boolean;
}
