import { createHash, createHmac } from 'node:crypto';
import type Redis from 'ioredis';
import { type LuaScript, luaScript } from './redis-connection';
import { parseReference } from './reference';
import type { VerificationRecord } from './verification-record';

export type SearchField = 'lastName' | 'memberId' | 'dateOfBirth' | 'reference';

/** Names compared without case, accents, spaces, apostrophes or hyphens ("O'Brien-Núñez" = "obriennunez"). */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

export function normalizeMemberId(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** YYYY-MM-DD, MM/DD/YYYY or M/D/YYYY -> YYYY-MM-DD; null when it is not a date. */
export function normalizeDate(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
    if (!m) return null;
    [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

// Adds one id to each index entry with the record's expiry as its score, drops the ids whose
// record has expired, and lets each entry live as long as its latest record. KEYS: the entries
// (all of a record's on one Redis; one per call on Redis Cluster, where they live on different
// slots); ARGV: record expiry (unix s), id, now (unix s).
const ADD_TO_ENTRIES = `
for _, entry in ipairs(KEYS) do
  redis.call('ZADD', entry, 'GT', ARGV[1], ARGV[2])
  redis.call('ZREMRANGEBYSCORE', entry, '-inf', ARGV[3])
  local last = redis.call('ZRANGE', entry, -1, -1, 'WITHSCORES')
  if last[2] then redis.call('EXPIREAT', entry, last[2]) end
end
return #KEYS
`;

/**
 * Staff search by last name, member id, date of birth or reference through a keyed blind index
 * (SECURITY.md): each value is normalized and HMAC-ed with a key derived from a record key, and
 * Redis holds only `<prefix>:vrf-find:<hmac>` sorted sets of verification ids, each scored with
 * its record's expiry. No plaintext is written; without the key a token cannot be tested against
 * guesses.
 *
 * Key rotation: a record is indexed under the record key current when it is created, and a search
 * asks with every configured record key, so records made before a rotation are found for as long
 * as their key is listed in RECORD_KEYS — exactly as long as the records themselves are readable.
 */
export class SearchIndex {
  /** Index keys by record key id, the current one first. */
  private readonly keys: Buffer[];
  /** ADD_TO_ENTRIES by its SHA (ioredis sends the text only to a Redis that has not cached it). */
  private readonly addToEntries: LuaScript;

  constructor(
    private readonly redis: Redis,
    recordKeys: ReadonlyMap<string, Buffer>,
    currentKeyId: string,
    private readonly options: { prefix: string; retentionSeconds: number },
  ) {
    const current = recordKeys.get(currentKeyId);
    if (!current) throw new Error('the current record key is not configured');
    const others = [...recordKeys].filter(([id]) => id !== currentKeyId).map(([, key]) => key);
    this.addToEntries = luaScript(redis, 'bvsSearchIndexAdd', 'any', ADD_TO_ENTRIES);
    this.keys = [current, ...others].map((key) => createHash('sha256').update('bvs-search-index-v1').update(key).digest());
  }

  /** The token under the current key (what a new record is indexed by). */
  token(field: SearchField, normalized: string): string {
    return this.tokenWith(this.keys[0], field, normalized);
  }

  private tokenWith(key: Buffer, field: SearchField, normalized: string): string {
    return createHmac('sha256', key).update(`${field}\u0000${normalized}`).digest('hex');
  }

  private entryKey(token: string): string {
    return `${this.options.prefix}:vrf-find:${token}`;
  }

  /** The tokens a record is found by: patient and policy holder names, member ids, dates of birth, reference. */
  tokensOf(record: Pick<VerificationRecord, 'request' | 'reference'>): string[] {
    const tokens = new Set<string>();
    for (const person of [record.request.member, record.request.subscriber]) {
      if (!person) continue;
      const last = normalizeName(person.lastName);
      if (last) tokens.add(this.token('lastName', last));
      if (person.id) tokens.add(this.token('memberId', normalizeMemberId(person.id)));
      const dob = normalizeDate(person.dateOfBirth);
      if (dob) tokens.add(this.token('dateOfBirth', dob));
    }
    if (record.reference) tokens.add(this.token('reference', record.reference));
    return [...tokens];
  }

  /** When a record's index entries lapse: with the record, RETENTION_DAYS after its creation (as VerificationStore). */
  private expiresAt(record: Pick<VerificationRecord, 'createdAt'>): number {
    const created = Date.parse(record.createdAt);
    return Math.floor((Number.isNaN(created) ? Date.now() : created) / 1000) + this.options.retentionSeconds;
  }

  async add(record: Pick<VerificationRecord, 'id' | 'request' | 'reference' | 'createdAt'>): Promise<void> {
    const expiresAt = String(this.expiresAt(record));
    const now = String(Math.floor(Date.now() / 1000));
    const entries = this.tokensOf(record).map((token) => this.entryKey(token));
    // One call for the record on one Redis. On Redis Cluster one per entry (each lives on its own
    // slot), issued in one tick so an auto-pipelining client sends them together.
    const args = [expiresAt, record.id, now];
    if (!this.redis.isCluster) await this.addToEntries(entries, args);
    else await Promise.all(entries.map((entry) => this.addToEntries([entry], args)));
  }

  /** The tokens a search text may mean, under every record key: a date is a date of birth; other text a last name, member id or reference. */
  queryTokens(text: string): string[] {
    const trimmed = text.trim();
    if (!trimmed) return [];
    const values: [SearchField, string][] = [];
    const date = normalizeDate(trimmed);
    if (date) values.push(['dateOfBirth', date]);
    else {
      const name = normalizeName(trimmed);
      if (name) values.push(['lastName', name]);
      const id = normalizeMemberId(trimmed);
      if (id.length >= 2) values.push(['memberId', id]);
      const reference = parseReference(trimmed);
      if (reference) values.push(['reference', reference]);
    }
    return this.keys.flatMap((key) => values.map(([field, value]) => this.tokenWith(key, field, value)));
  }

  /** Ids of records any of whose values matches the text and whose retention has not run out (callers check the records still exist). */
  async search(text: string): Promise<string[]> {
    const ids = new Set<string>();
    const now = Math.floor(Date.now() / 1000);
    for (const token of this.queryTokens(text)) {
      for (const id of await this.redis.zrangebyscore(this.entryKey(token), `(${now}`, '+inf')) ids.add(id);
    }
    return [...ids];
  }
}
