import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class WaitQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'wait must be a whole number of seconds' })
  @Min(0)
  @Max(25, { message: 'wait must be at most 25 seconds' })
  wait?: number;
}
