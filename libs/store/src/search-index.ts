import { createHash, createHmac } from 'node:crypto';
import type Redis from 'ioredis';
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

/**
 * Staff search by last name, member id, date of birth or reference through a keyed blind index
 * (SECURITY.md): each value is normalized and HMAC-ed with a key derived from the record key,
 * and Redis holds only `<prefix>:vrf-search:<hmac>` sets of verification ids. No plaintext is
 * written; without the key a token cannot be tested against guesses.
 */
export class SearchIndex {
  private readonly key: Buffer;

  constructor(
    private readonly redis: Redis,
    recordKey: Buffer,
    private readonly options: { prefix: string; retentionSeconds: number },
  ) {
    this.key = createHash('sha256').update('bvs-search-index-v1').update(recordKey).digest();
  }

  token(field: SearchField, normalized: string): string {
    return createHmac('sha256', this.key).update(`${field}\u0000${normalized}`).digest('hex');
  }

  private setKey(token: string): string {
    return `${this.options.prefix}:vrf-search:${token}`;
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

  async add(record: Pick<VerificationRecord, 'id' | 'request' | 'reference'>): Promise<void> {
    // One command per token: on Redis Cluster each set lives on its own slot.
    await Promise.all(
      this.tokensOf(record).map(async (token) => {
        const key = this.setKey(token);
        await this.redis.sadd(key, record.id);
        // Kept as long as the newest record in it.
        await this.redis.expire(key, this.options.retentionSeconds);
      }),
    );
  }

  /** The tokens a search text may mean: a date is a date of birth; other text a last name, member id or reference. */
  queryTokens(text: string): string[] {
    const trimmed = text.trim();
    if (!trimmed) return [];
    const date = normalizeDate(trimmed);
    if (date) return [this.token('dateOfBirth', date)];
    const tokens: string[] = [];
    const name = normalizeName(trimmed);
    if (name) tokens.push(this.token('lastName', name));
    const id = normalizeMemberId(trimmed);
    if (id.length >= 2) tokens.push(this.token('memberId', id));
    const reference = parseReference(trimmed);
    if (reference) tokens.push(this.token('reference', reference));
    return tokens;
  }

  /** Ids of records any of whose values matches the text (callers check the records still exist). */
  async search(text: string): Promise<string[]> {
    const ids = new Set<string>();
    for (const token of this.queryTokens(text)) for (const id of await this.redis.smembers(this.setKey(token))) ids.add(id);
    return [...ids];
  }
}
