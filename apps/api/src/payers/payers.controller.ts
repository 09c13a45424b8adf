import { PublicRateLimited } from '../auth/public-rate-limit.guard';
import { Controller, Get, Inject } from '@nestjs/common';
import { APP_CONFIG, AppConfig, networkStatusFor } from '@bvs/config';
import { PayerDirectory } from '@bvs/payers';
import { DocPayers } from '../openapi/operations';

/** GET /v1/payers: the insurers the center accepts and how each is verified. */
@Controller('v1/payers')
@PublicRateLimited()
export class PayersController {
  constructor(
    private readonly directory: PayerDirectory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @DocPayers()
  list(): { payers: Record<string, unknown>[] } {
    return {
      payers: this.directory.list().map((entry) => ({
        key: entry.key,
        name: entry.name,
        kind: entry.kind,
        payerId: entry.routesThrough ? (this.directory.byKey(entry.routesThrough)?.payerId ?? null) : (entry.payerId ?? null),
        routesThrough: entry.routesThrough ?? null,
        routing: entry.routing ?? null,
        aliases: entry.aliases,
        phone: entry.phone,
        behavioralHealthAdministrator: entry.behavioralHealthAdministrator ?? null,
        serviceTypeCodes: entry.serviceTypeCodes,
        inquiryMode: entry.inquiryMode,
        verifiesElectronically: entry.kind !== 'network',
        // The center's network status with this payer (CENTER_NETWORK): the estimate's network.
        centerNetwork: entry.kind === 'network' ? null : networkStatusFor(this.config.center, entry.key),
        note:
          entry.kind === 'network' ? `${entry.name} is a network: verify with the payer on the member's card and name the network.` : null,
      })),
    };
  }
}
