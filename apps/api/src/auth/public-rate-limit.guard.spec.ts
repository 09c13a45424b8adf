import 'reflect-metadata';
import { PATH_METADATA } from '@nestjs/common/constants';
import { loadConfig } from '@bvs/config';
import { ApiModule } from '../api.module';
import { PUBLIC_RATE_LIMIT_KEY } from './public-rate-limit.guard';

describe('public rate limit selection', () => {
  it('marks every /v1 controller, so the limit follows the route Nest matched and not a path prefix', () => {
    // Only the module's shape is read; no record is stored.
    const controllers = ApiModule.forRoot(loadConfig({}, { storesRecords: false })).controllers ?? [];
    const v1 = controllers.filter((controller) => String(Reflect.getMetadata(PATH_METADATA, controller)).startsWith('v1'));
    expect(v1.length).toBeGreaterThanOrEqual(4);
    const unmarked = v1.filter((controller) => Reflect.getMetadata(PUBLIC_RATE_LIMIT_KEY, controller) !== true).map((c) => c.name);
    expect(unmarked).toEqual([]);
  });
});
