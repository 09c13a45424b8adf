import { createHash, randomBytes } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@bvs/config';
import { IllegalTransitionError, VerificationLifecycle } from '@bvs/lifecycle';
import { type BatchRecord, type BatchRow, BatchStore, type VerificationRecord, VerificationStore } from '@bvs/store';
import type { Principal } from '../auth/principal';
import { ApiError } from '../http/api-error';
import { VerificationsService } from '../verifications/verifications.service';
import { type BatchResultLine, resultLine } from './batch-results';
import { MAX_BATCH_ROWS, type SubmittedRow, type ValidRow, validateRows } from './batch-rows';

/** Rows created at once: enough to keep Redis busy, few enough to leave the API responsive. */
const CREATE_CONCURRENCY = 16;
/** A POST answers after this long even if rows are still being created (they go on in the background). */
const ANSWER_WITHIN_MS = 15_000;
/** A batch still `creating` this long after its last save was interrupted: a re-POST resumes it. */
const STALE_CREATION_MS = 60_000;
const SAVE_EVERY_ROWS = 500;

export interface BatchProgress {
  id: string;
  state: 'creating' | 'running' | 'done' | 'cancelled';
  createdAt: string;
  total: number;
  rejected: number;
  byStatus: Record<string, number>;
  settled: number;
  /** Settled or refused rows, of all rows: 0 to 100. */
  percent: number;
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await work(item);
    }
  });
  await Promise.all(runners);
}

const SETTLED = new Set(['completed', 'needs_review', 'cancelled']);

/**
 * Batches (docs/batches-and-rechecks.md): many verifications at once. Each valid row becomes an ordinary
 * verification (reuse, review, webhooks) created by the same code as a single request, tagged
 * with the batch, so its job runs below every single verification in priority.
 */
@Injectable()
export class BatchesService {
  /** Creations running in this process, so a re-POST does not start a second one. */
  private readonly creating = new Map<string, Promise<void>>();

  constructor(
    private readonly batches: BatchStore,
    private readonly store: VerificationStore,
    private readonly verifications: VerificationsService,
    private readonly lifecycle: VerificationLifecycle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Validates every row, stores the batch and creates a verification per valid row. With an
   * Idempotency-Key the same key and rows give the same batch; the same key with other rows is a 409.
   */
  async submit(
    rows: SubmittedRow[],
    format: BatchRecord['format'],
    principal: Principal,
    idempotencyKey: string | undefined,
  ): Promise<{ batch: BatchRecord; replayed: boolean }> {
    if (principal.role === 'public') throw new ApiError(HttpStatus.FORBIDDEN, 'forbidden', 'Batches are for staff and intake keys.');
    if (rows.length === 0) throw ApiError.invalid([{ field: 'rows', message: 'the batch has no rows' }]);
    if (rows.length > MAX_BATCH_ROWS) {
      throw ApiError.invalid([{ field: 'rows', message: `a batch holds at most ${MAX_BATCH_ROWS} rows (this one has ${rows.length})` }]);
    }
    const { valid, invalid } = validateRows(rows);
    if (valid.length === 0) {
      throw ApiError.invalid(
        invalid.flatMap((bad) => bad.errors.map((e) => ({ field: `rows[${bad.row}].${e.field}`, message: e.message }))),
        'No row of the batch is valid.',
      );
    }
    const id = `bat_${randomBytes(16).toString('hex')}`;
    const scope = principal.label ?? principal.role;
    if (idempotencyKey !== undefined) {
      if (!/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
        throw ApiError.invalid([{ field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 255 printable characters' }]);
      }
      // CSV and JSON of the same rows hash alike: the hash is of the rows as read.
      const bodyHash = createHash('sha256')
        .update(JSON.stringify(rows.map((r) => [r.rowKey ?? null, r.body])))
        .digest('hex');
      const keyHash = createHash('sha256').update(`batch:${idempotencyKey}`).digest('hex');
      const claimed = await this.store.claimIdempotencyKey(scope, keyHash, `${bodyHash}:${id}`, this.config.window.idempotencyTtlSeconds);
      if (claimed !== null) {
        const [storedHash, storedId] = claimed.split(':');
        if (storedHash !== bodyHash) {
          throw new ApiError(HttpStatus.CONFLICT, 'idempotency_conflict', 'This Idempotency-Key was used with a different batch.');
        }
        const existing = await this.waitForBatch(storedId);
        await this.resumeIfInterrupted(existing, valid, principal);
        return { batch: (await this.batches.get(existing.id)) ?? existing, replayed: true };
      }
    }
    const now = new Date().toISOString();
    const refused = new Map(invalid.map((bad) => [bad.row, bad.errors]));
    const batch: BatchRecord = {
      id,
      owner: principal.label,
      channel: principal.role,
      format,
      createdAt: now,
      updatedAt: now,
      state: 'creating',
      rows: rows.map((r): BatchRow => {
        const bad = refused.get(r.row);
        return {
          row: r.row,
          ...(r.rowKey !== undefined ? { rowKey: r.rowKey } : {}),
          ...(bad ? { errors: bad.map((e) => ({ field: e.field ?? 'row', message: e.message })) } : {}),
        };
      }),
    };
    await this.batches.save(batch);
    const creation = this.startCreation(batch, valid, principal);
    await Promise.race([creation, new Promise((resolve) => setTimeout(resolve, ANSWER_WITHIN_MS).unref())]);
    return { batch: (await this.batches.get(id)) ?? batch, replayed: false };
  }

  /** The newest batches (staff dashboard). */
  recent(limit: number): Promise<BatchRecord[]> {
    return this.batches.recent(limit);
  }

  /** The batch if this caller may read it (intake: only its own). */
  async find(id: string, principal: Principal): Promise<BatchRecord> {
    if (!/^bat_[0-9a-f]{32}$/.test(id)) throw ApiError.notFound('batch');
    const batch = await this.batches.get(id);
    if (!batch || (principal.role !== 'staff' && batch.owner !== principal.label)) throw ApiError.notFound('batch');
    return batch;
  }

  async progress(batch: BatchRecord): Promise<BatchProgress> {
    const ids = batch.rows.flatMap((row) => (row.verificationId ? [row.verificationId] : []));
    const statuses = await this.store.statusesOf(ids);
    const byStatus: Record<string, number> = { queued: 0, in_progress: 0, completed: 0, needs_review: 0, cancelled: 0 };
    let settled = 0;
    for (const status of statuses) {
      const key = status ?? 'expired';
      byStatus[key] = (byStatus[key] ?? 0) + 1;
      if (!status || SETTLED.has(status)) settled += 1;
    }
    const rejected = batch.rows.filter((row) => row.errors?.length).length;
    const total = batch.rows.length;
    const notStarted = total - rejected - ids.length;
    if (notStarted > 0) byStatus.not_started = notStarted;
    const cancelled = await this.batches.cancellation(batch.id);
    const finished = settled + rejected === total;
    return {
      id: batch.id,
      state: cancelled ? 'cancelled' : batch.state === 'creating' ? 'creating' : finished ? 'done' : 'running',
      createdAt: batch.createdAt,
      total,
      rejected,
      byStatus,
      settled,
      percent: total === 0 ? 100 : Math.floor(((settled + rejected) / total) * 100),
    };
  }

  /** One line per row, in the order submitted. */
  async results(batch: BatchRecord): Promise<BatchResultLine[]> {
    const lines: BatchResultLine[] = [];
    for (let start = 0; start < batch.rows.length; start += 200) {
      const chunk = batch.rows.slice(start, start + 200);
      const records = await Promise.all(
        chunk.map((row) => (row.verificationId ? this.store.get(row.verificationId) : Promise.resolve(null))),
      );
      chunk.forEach((row, index) => lines.push(resultLine(row, records[index])));
    }
    return lines;
  }

  /** Stops the batch: rows not created yet are not, and its queued verifications are cancelled. */
  async cancel(batch: BatchRecord, principal: Principal): Promise<void> {
    const actor = principal.label ?? principal.role;
    await this.batches.cancel(batch.id, actor);
    await this.creating.get(batch.id);
    const current = (await this.batches.get(batch.id)) ?? batch;
    const ids = current.rows.flatMap((row) => (row.verificationId ? [row.verificationId] : []));
    const statuses = await this.store.statusesOf(ids);
    const pending = ids.filter((_, index) => statuses[index] === 'queued' || statuses[index] === 'in_progress');
    await eachLimited(pending, CREATE_CONCURRENCY, async (id) => {
      try {
        await this.lifecycle.apply(id, { type: 'cancelled', actor });
      } catch (error) {
        // Settled in the meantime: its answer stands.
        if (!(error instanceof IllegalTransitionError)) throw error;
      }
    });
  }

  private async waitForBatch(id: string): Promise<BatchRecord> {
    for (let tries = 0; tries < 40; tries += 1) {
      const batch = await this.batches.get(id);
      if (batch) return batch;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw ApiError.unavailable('The first request with this Idempotency-Key is still being processed.', 1);
  }

  /** A batch whose creating process died midway is finished by the next identical request. */
  private async resumeIfInterrupted(batch: BatchRecord, valid: ValidRow[], principal: Principal): Promise<void> {
    if (batch.state !== 'creating' || this.creating.has(batch.id)) return;
    if (Date.now() - Date.parse(batch.updatedAt) < STALE_CREATION_MS) return;
    const creation = this.startCreation(batch, valid, principal);
    await Promise.race([creation, new Promise((resolve) => setTimeout(resolve, ANSWER_WITHIN_MS).unref())]);
  }

  private startCreation(batch: BatchRecord, valid: ValidRow[], principal: Principal): Promise<void> {
    const creation = this.createRows(batch, valid, principal).finally(() => this.creating.delete(batch.id));
    this.creating.set(batch.id, creation);
    // Errors are kept on the rows; the promise itself never rejects (it may outlive the request).
    return creation.catch(() => undefined);
  }

  /**
   * Creates the rows' verifications. Each row has an idempotency key (its row key, or its
   * place in this batch), so a resumed or repeated creation never makes a row twice.
   */
  private async createRows(batch: BatchRecord, valid: ValidRow[], principal: Principal): Promise<void> {
    const byRow = new Map(batch.rows.map((row) => [row.row, row]));
    let sinceSave = 0;
    let processed = 0;
    let cancelled = false;
    await eachLimited(valid, CREATE_CONCURRENCY, async (item) => {
      const row = byRow.get(item.row);
      if (!row || row.verificationId || cancelled) return;
      processed += 1;
      if (processed % 100 === 1 && (await this.batches.cancellation(batch.id))) {
        cancelled = true;
        return;
      }
      const key = item.rowKey !== undefined ? `row:${item.rowKey}` : `${batch.id}:${item.row}`;
      try {
        const record: VerificationRecord = await this.verifications.createIdempotent(item.dto, principal, key, undefined, {
          batchId: batch.id,
        });
        row.verificationId = record.id;
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const details =
          error.details.length > 0 ? error.details : [{ field: item.rowKey !== undefined ? 'rowKey' : 'row', message: error.message }];
        row.errors = details.map((d) => ({ field: d.field ?? 'row', message: d.message }));
      }
      sinceSave += 1;
      if (sinceSave >= SAVE_EVERY_ROWS) {
        sinceSave = 0;
        await this.batches.save(batch);
      }
    });
    batch.state = 'running';
    await this.batches.save(batch);
  }
}
