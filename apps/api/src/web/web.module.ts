import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ELIGIBILITY_QUEUE, MAINTENANCE_QUEUE, RECHECK_QUEUE, WEBHOOK_QUEUE } from '@bvs/queue';
import { AuthFailureLimiter } from '../auth/auth-failure-limiter';
import { QueueBoard } from './queue-board';
import { StaffController } from './staff.controller';
import { BatchPagesController } from './batch-pages.controller';

/**
 * The web pages served by the API: the public form at / and the staff dashboard at /staff.
 * Pages are server-rendered strings plus one script file each; data comes from the JSON API.
 */
@Module({
  imports: [
    BullModule.registerQueue({ name: ELIGIBILITY_QUEUE }, { name: WEBHOOK_QUEUE }, { name: MAINTENANCE_QUEUE }, { name: RECHECK_QUEUE }),
  ],
  controllers: [BatchPagesController, StaffController],
  providers: [QueueBoard, AuthFailureLimiter],
})
export class WebModule {}
