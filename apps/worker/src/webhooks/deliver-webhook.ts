import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import axios from 'axios';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { METRICS, RedisMetrics } from '@bvs/metrics';
import { CALLBACK_RESOLVER, CallbackNotAllowedError, Resolver, WebhookJobData, resolveCallback, signWebhook } from '@bvs/queue';
import { VerificationStore, WebhookDelivery, fullView } from '@bvs/store';

export class WebhookDeliveryError extends Error {
  constructor(
    message: string,
    public readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'WebhookDeliveryError';
  }
}

/**
 * Delivers one webhook event: `{ id, type, data: <record> }` signed with
 * `Webhook-Signature: t=…,v1=…`, to the allow-listed callback, connecting only to the address
 * that passed the internal-address check. Every attempt is recorded on the record for staff.
 */
@Injectable()
export class DeliverWebhook {
  private readonly logger = new Logger(DeliverWebhook.name);

  constructor(
    private readonly store: VerificationStore,
    private readonly metrics: RedisMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(CALLBACK_RESOLVER) private readonly resolver?: Resolver,
  ) {}

  async execute(job: WebhookJobData, attempt: number, maxAttempts: number): Promise<void> {
    const record = await this.store.get(job.verificationId);
    const delivery = record?.deliveries?.find((d) => d.eventId === job.eventId);
    if (!record?.request.callbackUrl || delivery?.status === 'delivered') return;
    if (!delivery) return;
    const body = JSON.stringify({ id: job.eventId, type: delivery.type, data: fullView(record) });
    const { webhooks } = this.config;
    let responseStatus: number | null = null;
    // Recorded before the POST: a worker killed mid-send leaves `sending` on the record, and the
    // window in which a delivered event can be sent again is the POST itself.
    await this.recordAttempt(job, { status: 'sending', responseStatus: null, error: null }, true);
    try {
      const address = await resolveCallback(
        record.request.callbackUrl,
        {
          allowedHosts: webhooks.allowedHosts,
          allowPrivate: webhooks.allowPrivateAddresses,
          allowHttp: webhooks.allowHttp,
        },
        this.resolver,
      );
      // Connect to the address that passed the check, so DNS cannot change in between.
      const family: 4 | 6 = address.includes(':') ? 6 : 4;
      // eslint-disable-next-line @typescript-eslint/require-await -- axios treats only an async function as promise-returning (others as callback-style)
      const lookup = async (): Promise<{ address: string; family: 4 | 6 }> => ({ address, family });
      const response = await axios.post(record.request.callbackUrl, body, {
        headers: {
          'content-type': 'application/json',
          // The owner's own secret when it has one, so one partner cannot forge another's events.
          'webhook-signature': signWebhook(webhookSecretFor(record.owner, this.config), body),
          'webhook-id': job.eventId,
        },
        timeout: webhooks.timeoutMs,
        maxRedirects: 0,
        validateStatus: () => true,
        lookup,
        transformRequest: [(data: string) => data],
      });
      responseStatus = response.status;
      if (response.status < 200 || response.status >= 300) {
        throw new WebhookDeliveryError(
          `callback answered HTTP ${response.status}`,
          response.status >= 500 || response.status === 429 || response.status === 408,
        );
      }
      await this.recordAttempt(job, { status: 'delivered', responseStatus, error: null }, false);
      await this.metrics.increment(METRICS.webhooks, { outcome: 'delivered' });
    } catch (error) {
      if (error instanceof CallbackNotAllowedError) {
        // Ids and the reason only: the callback URL and the record stay out of the log.
        this.logger.warn({ verificationId: job.verificationId, eventId: job.eventId, reason: error.message }, 'webhook delivery refused');
        await this.metrics.increment(METRICS.webhooks, { outcome: 'refused' });
      }
      const failure =
        error instanceof WebhookDeliveryError
          ? error
          : error instanceof CallbackNotAllowedError
            ? new WebhookDeliveryError(`refused: ${error.message}`, false)
            : new WebhookDeliveryError('callback unreachable', true);
      const final = !failure.retryable || attempt >= maxAttempts;
      await this.recordAttempt(job, { status: final ? 'failed' : 'pending', responseStatus, error: failure.message }, false);
      await this.metrics.increment(METRICS.webhooks, { outcome: final ? 'failed' : 'retried' });
      if (!final) throw failure;
    }
  }

  /** `starting`: a new attempt (counted, timestamped) before the POST; otherwise its outcome. */
  private async recordAttempt(
    job: WebhookJobData,
    outcome: Pick<WebhookDelivery, 'status' | 'responseStatus' | 'error'>,
    starting: boolean,
  ): Promise<void> {
    await this.store.update(job.verificationId, (record) => ({
      ...record,
      deliveries: (record.deliveries ?? []).map((d) =>
        d.eventId !== job.eventId
          ? d
          : starting
            ? { ...d, ...outcome, attempts: d.attempts + 1, lastAttemptAt: new Date().toISOString() }
            : { ...d, ...outcome },
      ),
    }));
  }
}

/** The signing secret for a record's webhooks: its intake credential's own, else WEBHOOK_SECRET. */
export function webhookSecretFor(owner: string | null | undefined, config: AppConfig): string {
  return (owner ? config.webhooks.secretsByOwner.get(owner) : undefined) ?? config.webhooks.secret;
}
