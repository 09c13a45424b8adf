import { Controller, Get } from '@nestjs/common';

@Controller('health')
export class SandboxHealthController {
  @Get('live')
  live(): { status: string } {
    return { status: 'ok' };
  }
}
