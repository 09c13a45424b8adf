import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { releaseAllDelays } from './delay';

/** Simulated slow payers must not keep the sandbox from stopping. */
@Injectable()
export class DelayRelease implements BeforeApplicationShutdown {
  beforeApplicationShutdown(): void {
    releaseAllDelays();
  }
}
