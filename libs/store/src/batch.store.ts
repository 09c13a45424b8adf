import type Redis from 'ioredis';
import type { RecordCipher } from './record-cipher';

/** One invalid field of a row, named by its path in the verification body (or the CSV column). */
export interface BatchRowError {
  field: string;
  message: string;
}

/** A row of a batch: the verification it became, or why it was refused. */
export interface BatchRow {
  /** 1-based position in the submitted array or CSV (the CSV header is not a row). */
  row: number;
  /** The caller's row key, when it sent one: the same key always means the same verification. */
  rowKey?: string;
  verificationId?: string;
  errors?: BatchRowError[];
}

/**
 * A batch of verifications. Row keys may be PHI-bearing (an MRN), so the record is encrypted
 * like a verification record and expires with the same retention.
 */
export interface BatchRecord {
  id: string;
  owner: string | null;
  channel: 'staff' | 'intake';
  format: 'csv' | 'json';
  createdAt: string;
  updatedAt: string;
  /** `creating` while rows are being turned into verifications, then `running`. */
  state: 'creating' | 'running';
  rows: BatchRow[];
}

/** Batches in Redis: one encrypted value per batch and an index by creation time (ids only). */
export class BatchStore {
  constructor(
    private readonly redis: Redis,
    private readonly cipher: RecordCipher,
    private readonly options: { prefix: string; retentionSeconds: number },
  ) {}

  private key(id: string): string {
    return `${this.options.prefix}:batch:{${id}}`;
  }

  private get indexKey(): string {
    return `${this.options.prefix}:batch-index:created`;
  }

  async save(batch: BatchRecord): Promise<void> {
    const next = { ...batch, updatedAt: new Date().toISOString() };
    await this.redis.set(this.key(batch.id), this.cipher.encrypt(JSON.stringify(next), batch.id), 'EX', this.options.retentionSeconds);
    await this.redis.zadd(this.indexKey, Date.parse(batch.createdAt), batch.id);
  }

  async get(id: string): Promise<BatchRecord | null> {
    const data = await this.redis.get(this.key(id));
    return data ? (JSON.parse(this.cipher.decrypt(data, id)) as BatchRecord) : null;
  }

  /** The newest batches first; ids whose record has expired are pruned from the index. */
  async recent(limit: number): Promise<BatchRecord[]> {
    const ids = await this.redis.zrevrange(this.indexKey, 0, limit - 1);
    const batches: BatchRecord[] = [];
    const gone: string[] = [];
    for (const id of ids) {
      const batch = await this.get(id);
      if (batch) batches.push(batch);
      else gone.push(id);
    }
    if (gone.length > 0) await this.redis.zrem(this.indexKey, ...gone);
    return batches;
  }

  private cancelKey(id: string): string {
    return `${this.options.prefix}:batch:{${id}}:cancelled`;
  }

  /** Marks the batch cancelled (kept apart from the record, so a save in flight cannot undo it). */
  async cancel(id: string, by: string, at: Date = new Date()): Promise<void> {
    await this.redis.set(this.cancelKey(id), JSON.stringify({ at: at.toISOString(), by }), 'EX', this.options.retentionSeconds, 'NX');
  }

  async cancellation(id: string): Promise<{ at: string; by: string } | null> {
    const value = await this.redis.get(this.cancelKey(id));
    return value ? (JSON.parse(value) as { at: string; by: string }) : null;
  }
}
