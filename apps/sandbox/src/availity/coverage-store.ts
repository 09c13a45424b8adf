import { randomUUID } from 'node:crypto';

interface StoredCoverage {
  coverage: Record<string, unknown>;
  pollsUntilComplete: number;
  expiresAt: number;
}

const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 10_000;

/** Coverages the sandbox accepted, each "in progress" for a poll or two before it completes. */
export class CoverageStore {
  private readonly coverages = new Map<string, StoredCoverage>();

  add(coverage: Record<string, unknown>, pollsUntilComplete: number): string {
    this.evict();
    const id = randomUUID().replace(/-/g, '');
    this.coverages.set(id, { coverage: { ...coverage, id }, pollsUntilComplete, expiresAt: Date.now() + TTL_MS });
    return id;
  }

  /** The finished coverage, or 'pending' while it is still "in progress"; undefined when unknown. */
  poll(id: string): Record<string, unknown> | 'pending' | undefined {
    const entry = this.coverages.get(id);
    if (!entry || entry.expiresAt < Date.now()) return undefined;
    if (entry.pollsUntilComplete > 0) {
      entry.pollsUntilComplete--;
      return 'pending';
    }
    return entry.coverage;
  }

  private evict(): void {
    const now = Date.now();
    for (const [id, entry] of this.coverages) if (entry.expiresAt < now) this.coverages.delete(id);
    while (this.coverages.size >= MAX_ENTRIES) {
      const oldest = this.coverages.keys().next().value;
      if (oldest === undefined) break;
      this.coverages.delete(oldest);
    }
  }
}
