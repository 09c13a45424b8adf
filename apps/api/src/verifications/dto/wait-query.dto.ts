import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';

export class WaitQueryDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 25, description: 'Seconds to hold the answer until the verification settles' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'wait must be a whole number of seconds' })
  @Min(0)
  @Max(25, { message: 'wait must be at most 25 seconds' })
  wait?: number;
}
