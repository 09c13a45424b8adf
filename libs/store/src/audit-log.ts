import type Redis from 'ioredis';

export interface AuditEntry {
  id: string;
  at: string;
  /** The staff key's label (role + hash prefix), never the key. */
  actor: string;
  action: string;
  verificationId: string | null;
  requestId: string | null;
}

/** Keep about a year of a busy center's staff activity; older entries are trimmed. */
const MAX_ENTRIES = 500_000;

/**
 * Append-only audit trail of staff reads and changes, in a Redis stream (entries are never
 * edited; XADD assigns monotonic ids). Holds no PHI: who, what, when, which record id.
 */
export class AuditLog {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private get key(): string {
    return `${this.prefix}:audit`;
  }

  async append(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<void> {
    await this.redis.xadd(
      this.key,
      'MAXLEN',
      '~',
      String(MAX_ENTRIES),
      '*',
      'at',
      new Date().toISOString(),
      'actor',
      entry.actor,
      'action',
      entry.action,
      'verificationId',
      entry.verificationId ?? '',
      'requestId',
      entry.requestId ?? '',
    );
  }

  /** Newest first. */
  async recent(limit: number, verificationId?: string): Promise<AuditEntry[]> {
    const rows = await this.redis.xrevrange(this.key, '+', '-', 'COUNT', verificationId ? Math.max(limit * 20, 1000) : limit);
    const entries = rows.map(([id, fields]) => {
      const value = (name: string): string => fields[fields.indexOf(name) + 1] ?? '';
      return {
        id,
        at: value('at'),
        actor: value('actor'),
        action: value('action'),
        verificationId: value('verificationId') || null,
        requestId: value('requestId') || null,
      };
    });
    return (verificationId ? entries.filter((e) => e.verificationId === verificationId) : entries).slice(0, limit);
  }
}
