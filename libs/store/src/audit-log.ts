import { closeSync, openSync, writeSync } from 'node:fs';
import type Redis from 'ioredis';

export interface AuditEntry {
  id: string;
  at: string;
  /** The credential's label (`staff/<name>`, role + full key hash, or `oidc:<subject hash>`), never the key. */
  actor: string;
  action: string;
  verificationId: string | null;
  requestId: string | null;
  /** What was done where it is not a record, e.g. the Bull Board request (`POST /staff/queues/api/…`). */
  detail?: string | null;
}

export type AuditInput = Omit<AuditEntry, 'id' | 'at'>;

/** Where audit entries are also written, one JSON object per line, for long-term storage. */
export interface AuditSink {
  write(lines: string): void;
  close(): void;
}

/**
 * AUDIT_LOG_FILE: a path (opened for append on first use; each batch is one O_APPEND write,
 * written before the response leaves), or `stdout`.
 */
export function openAuditSink(target: string): AuditSink {
  if (target === 'stdout') return { write: (lines) => process.stdout.write(lines), close: () => undefined };
  // Opened on the first entry: processes that never audit (workers) never need the file.
  let fd: number | null = null;
  return {
    write: (lines) => {
      fd ??= openSync(target, 'a', 0o600);
      writeSync(fd, lines);
    },
    close: () => {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}

/** Keep about a year of a busy center's staff activity in Redis; the sink keeps everything. */
const MAX_ENTRIES = 500_000;

/**
 * Append-only audit trail of staff reads and changes: a Redis stream for the API's
 * GET /v1/audit (entries are never edited; XADD assigns monotonic ids), and the same entries as
 * JSON lines on the sink, which is what a deployment ships to its six-year archive. Holds no PHI:
 * who, what, when, which record id.
 */
export class AuditLog {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly sink?: AuditSink,
  ) {}

  private get key(): string {
    return `${this.prefix}:audit`;
  }

  append(entry: AuditInput): Promise<void> {
    return this.appendMany([entry]);
  }

  /** Several entries (e.g. one per record a list returned) in one round trip and one sink write. */
  async appendMany(entries: AuditInput[]): Promise<void> {
    if (entries.length === 0) return;
    const at = new Date().toISOString();
    const pipeline = this.redis.pipeline();
    for (const entry of entries) {
      pipeline.xadd(
        this.key,
        'MAXLEN',
        '~',
        String(MAX_ENTRIES),
        '*',
        'at',
        at,
        'actor',
        entry.actor,
        'action',
        entry.action,
        'verificationId',
        entry.verificationId ?? '',
        'requestId',
        entry.requestId ?? '',
        'detail',
        entry.detail ?? '',
      );
    }
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
    this.sink?.write(
      entries
        .map((entry, index) =>
          JSON.stringify({
            type: 'audit',
            id: results[index]?.[1] ?? null,
            at,
            actor: entry.actor,
            action: entry.action,
            verificationId: entry.verificationId,
            requestId: entry.requestId,
            ...(entry.detail ? { detail: entry.detail } : {}),
          }),
        )
        .join('\n') + '\n',
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
        detail: fields.includes('detail') ? value('detail') || null : null,
      };
    });
    return (verificationId ? entries.filter((e) => e.verificationId === verificationId) : entries).slice(0, limit);
  }
}
