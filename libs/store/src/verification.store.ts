import type Redis from 'ioredis';
import { type RecordCipher, RecordDecryptionError } from './record-cipher';
import { type LuaScript, luaScript } from './redis-connection';
import {
  type ExchangeEntry,
  SETTLED_STATUSES,
  type StoredAnswer,
  type VerificationRecord,
  type VerificationStatus,
  type X12Exchange,
} from './verification-record';

/** Exchanges kept per verification (oldest dropped first): enough for every retry and follow-up. */
export const MAX_EXCHANGES = 60;

export interface StoreOptions {
  prefix: string;
  retentionSeconds: number;
}

/** A record a list left out because it cannot be read (its key was removed, or it was tampered with). */
export interface SkippedRecord {
  id: string;
  reason: string;
}

export interface ListQuery {
  statuses?: VerificationStatus[];
  payerKey?: string;
  channel?: string;
  deadlineAfter?: Date;
  deadlineBefore?: Date;
  /** Only these ids (a search's matches). */
  ids?: string[];
  /** Any other condition on the decrypted record. */
  where?: (record: VerificationRecord) => boolean;
  offset: number;
  limit: number;
}

// A new record in one step: the id is claimed (a collision writes nothing), the fields written and
// the expiry set together, so no reader ever sees a record that has a version but no data.
// KEYS[1] record; ARGV[1] expiry (unix s); ARGV[2..] field, value, ...
const CREATE_RECORD = `
if redis.call('HSETNX', KEYS[1], 'v', '1') == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('EXPIREAT', KEYS[1], ARGV[1])
return 1
`;

// Compare-and-set on the record's version: the API (retry, manual results) and workers write
// the same records, and a lost update would lose a status change. ARGV[6], when not empty, is
// the channel waiters listen on: the id is published there in the same round trip as the write
// (PUBLISH takes no key, so a script may call it on a Redis Cluster too). ARGV[8] says what
// becomes of the answers' field: 'keep' (unchanged, not resent), 'set' (to ARGV[9]) or 'clear'.
const COMPARE_AND_SET = `
local current = redis.call('HGET', KEYS[1], 'v')
if (current or '') ~= ARGV[1] then return 0 end
if ARGV[8] == 'set' then
  redis.call('HSET', KEYS[1], 'v', ARGV[2], 'd', ARGV[3], 'status', ARGV[4], 'a', ARGV[9])
else
  redis.call('HSET', KEYS[1], 'v', ARGV[2], 'd', ARGV[3], 'status', ARGV[4])
  if ARGV[8] == 'clear' then redis.call('HDEL', KEYS[1], 'a') end
end
redis.call('EXPIREAT', KEYS[1], ARGV[5])
if ARGV[6] ~= '' then redis.call('PUBLISH', ARGV[6], ARGV[7]) end
return 1
`;

// Appends an exchange and gives the list its record's remaining lifetime (retention runs from creation).
const APPEND_EXCHANGE = `
local ttl = redis.call('TTL', KEYS[1])
if ttl < 1 then ttl = tonumber(ARGV[2]) end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[3]), -1)
redis.call('EXPIRE', KEYS[2], ttl)
return 1
`;

const MAX_UPDATE_TRIES = 50;

// Deletes the claim only while its value ends with ":<id>" (it may have been claimed afresh).
const RELEASE_CLAIM = `
local value = redis.call('GET', KEYS[1])
if value and string.sub(value, -string.len(ARGV[1])) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
`;

/**
 * How a record's answers stood when it was read or written: the store's bookkeeping, which
 * callers pass back to update() as they got it.
 */
export interface AnswersState {
  /** Whether the record's hash has its own answers field (`a`). */
  stored: boolean;
  /**
   * That field still encrypted, when the record was read without its answers (`record.answers`
   * then says nothing): update() decrypts it before `mutate` sees the record.
   */
  sealed?: string;
}

/** A record with the version it was read at: lets the next update() skip its own first read. */
export interface VersionedRecord {
  record: VerificationRecord;
  version: string;
  answers: AnswersState;
}

/** Reads of a record leave its answers (the parsed 271s) out unless asked: few callers need them. */
export interface ReadOptions {
  answers?: boolean;
}

/** The record's blob never holds the answers: they have their own field, written only when they change. */
function withoutAnswers(record: VerificationRecord): Omit<VerificationRecord, 'answers'> {
  if (!('answers' in record)) return record;
  const { answers: _answers, ...rest } = record;
  return rest;
}

/** A create or re-queue in progress: ids and hashes only, never PHI. */
export interface CreateIntent {
  verificationId: string;
  /** The BullMQ job id the verification must have once the intent is done. */
  jobId: string;
  /** The idempotency claim taken for it, if any. */
  claim?: { scope: string; key: string };
}

const encodeIntent = (intent: CreateIntent): string =>
  [intent.verificationId, intent.jobId, intent.claim?.scope ?? '', intent.claim?.key ?? ''].join('|');

function decodeIntent(member: string): CreateIntent {
  const [verificationId, jobId, scope, key] = member.split('|');
  return { verificationId, jobId, ...(scope && key ? { claim: { scope, key } } : {}) };
}

/**
 * Verification records in Redis, encrypted at rest. One hash per record holds the version, the
 * encrypted record, its status (not PHI, kept for cheap filters) and, once there are any, its
 * parsed answers, encrypted on their own (most reads and writes need not carry them); a sorted
 * set orders records by deadline. Keys of one record share a hash tag so they live on one
 * Redis Cluster slot. A record written before the answers had their own field keeps them in
 * its blob and reads as it did; its next update moves them out.
 */
export class VerificationStore {
  // Sent as EVALSHA: a call carries its arguments, not the script text.
  private readonly createRecord: LuaScript;
  private readonly compareAndSet: LuaScript;
  private readonly appendToExchange: LuaScript;
  private readonly releaseClaim: LuaScript;

  constructor(
    private readonly redis: Redis,
    private readonly cipher: RecordCipher,
    private readonly options: StoreOptions,
  ) {
    this.createRecord = luaScript(redis, 'bvsRecordCreate', 1, CREATE_RECORD);
    this.compareAndSet = luaScript(redis, 'bvsRecordCompareAndSet', 1, COMPARE_AND_SET);
    this.appendToExchange = luaScript(redis, 'bvsAppendExchange', 2, APPEND_EXCHANGE);
    this.releaseClaim = luaScript(redis, 'bvsReleaseClaim', 1, RELEASE_CLAIM);
  }

  get eventsChannel(): string {
    return `${this.options.prefix}:vrf-events`;
  }

  private recordKey(id: string): string {
    return `${this.options.prefix}:vrf:{${id}}`;
  }

  private exchangeKey(id: string): string {
    return `${this.options.prefix}:vrf:{${id}}:x12`;
  }

  private get deadlineIndexKey(): string {
    return `${this.options.prefix}:vrf-index:deadline`;
  }

  async create(record: VerificationRecord): Promise<void> {
    // Redis Cluster: the deadline index lives on another slot than the record, so it is not in
    // the record's script. It is written first: an index entry whose record is missing is skipped
    // and pruned by list() and the sweep, while a record missing from the index would be lost to
    // them. NX: a colliding id (refused below) leaves the existing record's entry as it is.
    await this.redis.zadd(this.deadlineIndexKey, 'NX', Date.parse(record.deadline), record.id);
    const fields = ['d', this.encodeRecord(record), 'status', record.status];
    if (record.answers) fields.push('a', this.encodeAnswers(record.id, record.answers));
    const created = await this.createRecord([this.recordKey(record.id)], [String(this.expiresAt(record)), ...fields]);
    if (created !== 1) throw new Error('verification id collision');
  }

  /**
   * Retention runs from creation: a record (and its X12) is deleted RETENTION_DAYS after it was
   * created, however often it is written since (each write sets the same EXPIREAT).
   */
  private expiresAt(record: VerificationRecord): number {
    const created = Date.parse(record.createdAt);
    return Math.floor((Number.isNaN(created) ? Date.now() : created) / 1000) + this.options.retentionSeconds;
  }

  /** The record, without its answers unless `options.answers` (a record written before they had their own field has them anyway). */
  async get(id: string, options: ReadOptions = {}): Promise<VerificationRecord | null> {
    if (!options.answers) {
      const data = await this.redis.hget(this.recordKey(id), 'd');
      return data ? this.decode(id, data) : null;
    }
    const [data, answers] = await this.redis.hmget(this.recordKey(id), 'd', 'a');
    return data ? this.withAnswers(id, this.decode(id, data), answers) : null;
  }

  /**
   * The record and its version (for an update() that follows: see `known`). Without
   * `options.answers`, the answers' field comes along still encrypted, for that update().
   */
  async getVersioned(id: string, options: ReadOptions = {}): Promise<VersionedRecord | null> {
    const [version, data, answers] = await this.redis.hmget(this.recordKey(id), 'v', 'd', 'a');
    if (!version || !data) return null;
    const record = this.decode(id, data);
    if (answers === null) return { record, version, answers: { stored: false } };
    return options.answers
      ? { record: this.withAnswers(id, record, answers), version, answers: { stored: true } }
      : { record, version, answers: { stored: true, sealed: answers } };
  }

  /**
   * Applies `mutate` to the current record and writes it if nobody wrote in between (retrying
   * otherwise). `mutate` returns the new record, or null to leave the record as it is; it must
   * not change the record it is given. `known`, a getVersioned() read, is used for the first try
   * instead of reading again (the compare-and-set still refuses it if anybody wrote since).
   */
  async update(
    id: string,
    mutate: (current: VerificationRecord) => VerificationRecord | null,
    known?: VersionedRecord,
  ): Promise<VerificationRecord | null> {
    return (await this.updateVersioned(id, mutate, known))?.record ?? null;
  }

  /**
   * update(), returning the record with its version after the call (the version written, or the
   * one read when `mutate` left the record alone): a `known` for the next update of the same record.
   */
  async updateVersioned(
    id: string,
    mutate: (current: VerificationRecord) => VerificationRecord | null,
    known?: VersionedRecord,
  ): Promise<VersionedRecord | null> {
    const key = this.recordKey(id);
    for (let attempt = 0; attempt < MAX_UPDATE_TRIES; attempt += 1) {
      // `mutate` always sees the answers there are: a reducer that copies or merges them must
      // never take a record read without them for one that has none.
      const read = this.unsealed(id, attempt === 0 && known ? known : await this.getVersioned(id));
      if (!read) return null;
      const { record: current, version } = read;
      const next = mutate(current);
      if (!next) return read;
      next.updatedAt = new Date().toISOString();
      if (next.status !== current.status) next.statusChangedAt = next.updatedAt;
      const nextVersion = String(Number(version) + 1);
      // Waiters (`?wait`) only care about a verification settling (or being sent back to the queue).
      const notify = next.status !== current.status && next.status !== 'in_progress';
      const answers = this.answersWrite(id, current, next, read.answers.stored);
      const written = await this.compareAndSet(
        [key],
        [
          version,
          nextVersion,
          this.encodeRecord(next),
          next.status,
          String(this.expiresAt(next)),
          notify ? this.eventsChannel : '',
          id,
          answers.op,
          answers.value,
        ],
      );
      if (written === 1) return { record: next, version: nextVersion, answers: { stored: answers.stored } };
      // Someone wrote in between: back off a little (jittered) so racing writers spread out.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));
    }
    throw new Error('verification record kept changing; update abandoned');
  }

  /** Appends one exchange (each entry encrypted on its own), keeping the last MAX_EXCHANGES; it expires with its record. */
  async appendExchange(id: string, entry: ExchangeEntry): Promise<void> {
    await this.appendToExchange(
      [this.recordKey(id), this.exchangeKey(id)],
      [this.cipher.encrypt(JSON.stringify(entry), `${id}:x12`), String(this.options.retentionSeconds), String(MAX_EXCHANGES)],
    );
  }

  /** Every exchange kept, in the order they happened. */
  async getExchange(id: string): Promise<X12Exchange> {
    const rows = await this.redis.lrange(this.exchangeKey(id), 0, -1);
    const exchanges = rows.map((row) => JSON.parse(this.cipher.decrypt(row, `${id}:x12`)) as ExchangeEntry);
    return {
      sent: exchanges.map((e) => e.sent),
      received: exchanges.flatMap((e) => (e.received ? [e.received.body] : [])),
      exchanges,
    };
  }

  async status(id: string): Promise<VerificationStatus | null> {
    return (await this.redis.hget(this.recordKey(id), 'status')) as VerificationStatus | null;
  }

  /**
   * The status of many verifications, from the plaintext status field (no decryption): a
   * 5,000-row batch's progress is a few pipelined reads.
   */
  async statusesOf(ids: readonly string[]): Promise<(VerificationStatus | null)[]> {
    const result: (VerificationStatus | null)[] = [];
    for (let start = 0; start < ids.length; start += 500) {
      const chunk = ids.slice(start, start + 500);
      const statuses = await Promise.all(chunk.map((id) => this.redis.hget(this.recordKey(id), 'status')));
      result.push(...(statuses as (VerificationStatus | null)[]));
    }
    return result;
  }

  /**
   * Records ordered by deadline, earliest first, filtered; expired records are pruned from the
   * index. A record that cannot be decrypted is left out and reported in `skipped`, so one bad
   * record never takes the whole list down.
   */
  async list(query: ListQuery): Promise<{ items: VerificationRecord[]; total: number; skipped: SkippedRecord[] }> {
    const min = query.deadlineAfter ? query.deadlineAfter.getTime() : '-inf';
    const max = query.deadlineBefore ? query.deadlineBefore.getTime() : '+inf';
    const indexed = await this.redis.zrangebyscore(this.deadlineIndexKey, min, max);
    const only = query.ids ? new Set(query.ids) : null;
    const ids = only ? indexed.filter((id) => only.has(id)) : indexed;
    const matches: VerificationRecord[] = [];
    const gone: string[] = [];
    const skipped: SkippedRecord[] = [];
    for (let start = 0; start < ids.length; start += 200) {
      const batch = ids.slice(start, start + 200);
      // One command per record rather than a pipeline: on Redis Cluster the records of a batch
      // live on different slots (ioredis still writes the commands back to back).
      const rows = await Promise.all(batch.map((id) => this.redis.hmget(this.recordKey(id), 'status', 'd')));
      rows.forEach((value, index) => {
        const [status, data] = value;
        const id = batch[index];
        if (!data) {
          gone.push(id);
          return;
        }
        if (query.statuses && !query.statuses.includes(status as VerificationStatus)) return;
        let record: VerificationRecord;
        try {
          record = this.decode(id, data);
        } catch (error) {
          skipped.push({ id, reason: undecryptableReason(error) });
          return;
        }
        if (query.payerKey && record.payer.key !== query.payerKey) return;
        if (query.channel && record.channel !== query.channel) return;
        if (query.where && !query.where(record)) return;
        matches.push(record);
      });
    }
    if (gone.length > 0) await this.redis.zrem(this.deadlineIndexKey, ...gone);
    return { items: matches.slice(query.offset, query.offset + query.limit), total: matches.length, skipped };
  }

  /** Unsettled verifications whose deadline is before `before` (for the escalation sweep). */
  async unsettledIdsWithDeadlineBefore(before: Date): Promise<string[]> {
    const ids = await this.redis.zrangebyscore(this.deadlineIndexKey, '-inf', before.getTime());
    const result: string[] = [];
    // Back to back, 200 at a time (one command per record: on a cluster they live on different slots).
    for (let start = 0; start < ids.length; start += 200) {
      const batch = ids.slice(start, start + 200);
      const statuses = await Promise.all(batch.map((id) => this.status(id)));
      statuses.forEach((status, index) => {
        if (status && !SETTLED_STATUSES.includes(status)) result.push(batch[index]);
      });
    }
    return result;
  }

  /** Remembers a completed verification for reuse by the same member within `ttlMs`. */
  async rememberResult(fingerprint: string, id: string, ttlMs: number): Promise<void> {
    if (ttlMs > 0) await this.redis.set(`${this.options.prefix}:recent:${fingerprint}`, id, 'PX', ttlMs);
  }

  async recentResult(fingerprint: string): Promise<string | null> {
    return this.redis.get(`${this.options.prefix}:recent:${fingerprint}`);
  }

  /**
   * Claims an idempotency key for `value` unless it is taken; returns the value already stored
   * (the winner's) when it is.
   */
  async claimIdempotencyKey(scope: string, key: string, value: string, ttlSeconds: number): Promise<string | null> {
    const redisKey = `${this.options.prefix}:idem:${scope}:${key}`;
    const claimed = await this.redis.set(redisKey, value, 'EX', ttlSeconds, 'NX');
    return claimed === 'OK' ? null : this.redis.get(redisKey);
  }

  /** Releases an idempotency claim, but only while it still names `id` (reconciliation). */
  async releaseIdempotencyKey(scope: string, key: string, id: string): Promise<boolean> {
    const released = await this.releaseClaim([`${this.options.prefix}:idem:${scope}:${key}`], [`:${id}`]);
    return released === 1;
  }

  private get intentsKey(): string {
    return `${this.options.prefix}:vrf-intents`;
  }

  /**
   * Notes, before the first write, that a verification is being created (or re-queued), so a
   * crash between the claim, the record and the job is repaired by reconciliation.
   */
  async beginIntent(intent: CreateIntent, now: Date = new Date()): Promise<void> {
    await this.redis.zadd(this.intentsKey, now.getTime(), encodeIntent(intent));
  }

  async endIntent(intent: CreateIntent): Promise<void> {
    await this.redis.zrem(this.intentsKey, encodeIntent(intent));
  }

  /** Intents begun before `before` and never ended: their process died midway. */
  async staleIntents(before: Date): Promise<CreateIntent[]> {
    const members = await this.redis.zrangebyscore(this.intentsKey, '-inf', before.getTime());
    return members.map(decodeIntent);
  }

  /**
   * What a write does to the answers' field. Unchanged answers (the same array as read) are
   * neither re-encrypted nor resent; answers read from an old record's blob move to the field.
   */
  private answersWrite(
    id: string,
    current: VerificationRecord,
    next: VerificationRecord,
    stored: boolean,
  ): { op: 'keep' | 'set' | 'clear'; value: string; stored: boolean } {
    if (next.answers === current.answers && (stored || !next.answers)) return { op: 'keep', value: '', stored };
    if (next.answers) return { op: 'set', value: this.encodeAnswers(id, next.answers), stored: true };
    return { op: stored ? 'clear' : 'keep', value: '', stored: false };
  }

  private encodeRecord(record: VerificationRecord): string {
    return this.cipher.encrypt(JSON.stringify(withoutAnswers(record)), record.id);
  }

  // Bound to the record and to their role: the field copied onto another record, or swapped
  // with a record's blob, fails authentication.
  private encodeAnswers(id: string, answers: StoredAnswer[]): string {
    return this.cipher.encrypt(JSON.stringify(answers), answersAad(id));
  }

  /** The record with the answers of its own field, when it has one (an old record's are in its blob). */
  private withAnswers(id: string, record: VerificationRecord, sealed: string | null): VerificationRecord {
    if (sealed === null) return record;
    return { ...record, answers: JSON.parse(this.cipher.decrypt(sealed, answersAad(id))) as StoredAnswer[] };
  }

  /** A read with its answers decrypted into the record (a read that already has them is given back as it is). */
  private unsealed(id: string, read: VersionedRecord | null): VersionedRecord | null {
    if (!read?.answers.sealed) return read;
    return { record: this.withAnswers(id, read.record, read.answers.sealed), version: read.version, answers: { stored: true } };
  }

  private decode(id: string, data: string): VerificationRecord {
    return JSON.parse(this.cipher.decrypt(data, id)) as VerificationRecord;
  }
}

const answersAad = (id: string): string => `${id}:answers`;

/** Why a record could not be read, in words that carry no record content. */
function undecryptableReason(error: unknown): string {
  if (error instanceof RecordDecryptionError) return error.message.replace(/^Record could not be decrypted: /, '');
  if (error instanceof SyntaxError) return 'decrypted data is not a record';
  throw error;
}
