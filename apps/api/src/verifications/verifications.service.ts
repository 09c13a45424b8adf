import { randomBytes } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { LEVELS_OF_CARE } from '@bvs/coverage';
import { PayerDirectory, PayerResolutionError } from '@bvs/payers';
import { ELIGIBILITY_QUEUE, EligibilityJobName, VerifyJobData, verifyJobOptions } from '@bvs/queue';
import { Channel, SETTLED_STATUSES, VerificationEvents, VerificationRecord, VerificationStore } from '@bvs/store';
import type { Principal } from '../auth/principal';
import { ApiError } from '../http/api-error';
import type { CreateVerificationDto } from './dto/create-verification.dto';

const CHANNEL_BY_ROLE: Record<Principal['role'], Channel> = { public: 'web_form', staff: 'staff', intake: 'intake' };

@Injectable()
export class VerificationsService {
  constructor(
    private readonly store: VerificationStore,
    private readonly events: VerificationEvents,
    private readonly directory: PayerDirectory,
    @InjectQueue(ELIGIBILITY_QUEUE) private readonly queue: Queue<VerifyJobData>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(dto: CreateVerificationDto, principal: Principal, requestId?: string): Promise<VerificationRecord> {
    if (dto.callbackUrl && principal.role !== 'intake') {
      throw ApiError.invalid([{ field: 'callbackUrl', message: 'callbackUrl is for intake API keys only' }]);
    }
    const memberId = dto.subscriber?.id ?? dto.member.id;
    if (!memberId) {
      throw ApiError.invalid([{ field: dto.subscriber ? 'subscriber.id' : 'member.id', message: 'the member id on the insurance card is required' }]);
    }
    let route;
    try {
      route = this.directory.route(dto.payer, dto.network, memberId);
    } catch (error) {
      if (error instanceof PayerResolutionError) {
        const field = error.problem === 'not_a_network' ? 'network' : 'payer';
        throw ApiError.invalid([{ field, message: error.message }], error.message);
      }
      throw error;
    }

    const now = new Date();
    const plannedStart = dto.plannedStart ? new Date(dto.plannedStart) : null;
    const deadline = plannedStart ?? new Date(now.getTime() + this.config.deadline.defaultHours * 3_600_000);
    const record: VerificationRecord = {
      id: `vrf_${randomBytes(16).toString('hex')}`,
      status: 'queued',
      channel: CHANNEL_BY_ROLE[principal.role],
      payer: { key: route.payer.key, name: route.payer.name, payerId: route.payerId },
      network: route.network ?? null,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      completedAt: null,
      plannedStart: plannedStart?.toISOString() ?? null,
      deadline: deadline.toISOString(),
      withinWindow: null,
      attempts: 0,
      lastError: null,
      request: {
        payerInput: dto.payer,
        member: { ...dto.member },
        ...(dto.subscriber ? { subscriber: { ...dto.subscriber } } : {}),
        ...(dto.groupNumber ? { groupNumber: dto.groupNumber } : {}),
        levelsOfCare: dto.levelsOfCare ?? [...LEVELS_OF_CARE],
        ...(dto.program ? { program: { ...dto.program } } : {}),
        ...(dto.callbackUrl ? { callbackUrl: dto.callbackUrl } : {}),
      },
      owner: principal.label,
      requestId,
    };
    await this.store.create(record);
    await this.queue.add(EligibilityJobName.Verify, { verificationId: record.id }, verifyJobOptions(record.id, deadline, this.config.jobs, now));
    return record;
  }

  /** The record if this caller may read it; intake keys see only their own. */
  async find(id: string, principal: Principal): Promise<VerificationRecord> {
    if (!/^vrf_[0-9a-f]{32}$/.test(id)) throw ApiError.notFound();
    const record = await this.store.get(id);
    if (!record) throw ApiError.notFound();
    if (principal.role === 'intake' && record.owner !== principal.label) throw ApiError.notFound();
    return record;
  }

  /** Holds until the verification leaves queued/in_progress, or `seconds` pass. */
  async waitUntilSettled(record: VerificationRecord, seconds: number, principal: Principal): Promise<VerificationRecord> {
    const until = Date.now() + Math.min(seconds, this.config.api.maxWaitSeconds) * 1000;
    let current = record;
    while (!SETTLED_STATUSES.includes(current.status) && Date.now() < until) {
      // Status changes are published; the 1 s cap re-reads in case a message was missed.
      await this.events.waitForChange(current.id, Math.min(1_000, until - Date.now()));
      current = await this.find(current.id, principal);
    }
    return current;
  }
}
