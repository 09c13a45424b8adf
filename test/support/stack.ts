import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Server } from 'node:http';
import { type AppConfig, TRANSPORT_PATHS, loadConfig } from '@bvs/config';
import type Redis from 'ioredis';
import { createRedis } from '@bvs/store';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { createSandboxApp } from '../../apps/sandbox/src/create-sandbox-app';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { OpenApiContract } from './openapi-contract';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Collects every log line an app writes, so tests can read them (and search them for PHI). */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, callback: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    callback();
  }
}

export interface Stack {
  config: AppConfig;
  api: INestApplication;
  apiServer: Server;
  /** The in-process worker (absent when the test runs workers as child processes). */
  worker: INestApplicationContext;
  sandbox: INestApplication;
  sandboxUrl: string;
  logs: LogCapture;
  /** The audit log's JSON-lines file (AUDIT_LOG_FILE) of this run. */
  auditLogFile: string;
  /** Every API response, checked against the served OpenAPI document (see openapi-contract.ts). */
  contract: OpenApiContract;
  stop(): Promise<void>;
}

/**
 * Production defaults for tests: NODE_ENV=production with explicit secrets made for this run
 * (never the development switch). A test passes its own to override them.
 */
export function testSecrets(): Record<string, string> {
  return {
    NODE_ENV: 'production',
    RECORD_KEYS: `test${randomBytes(3).toString('hex')}:${randomBytes(32).toString('base64')}`,
    WEBHOOK_SECRET: randomBytes(32).toString('base64url'),
  };
}

/** RECORD_KEYS / RECORD_KEY_ID / WEBHOOK_SECRET of a loaded config, to hand to another process. */
export function secretsOf(config: AppConfig): Record<string, string> {
  return {
    NODE_ENV: 'production',
    RECORD_KEYS: [...config.records.keys].map(([id, key]) => `${id}:${key.toString('base64')}`).join(','),
    RECORD_KEY_ID: config.records.currentKeyId,
    WEBHOOK_SECRET: config.webhooks.secret,
  };
}

/** The environment a child worker process needs to join this stack. */
export function workerEnv(stack: Stack, extra: Record<string, string> = {}): Record<string, string> {
  const { config } = stack;
  return {
    PATH: process.env.PATH ?? '',
    ...secretsOf(config),
    REDIS_URL: config.redis.url,
    REDIS_PREFIX: config.redis.prefix,
    CLEARINGHOUSE_URL: config.clearinghouse.url,
    PAYER_TIMEOUT_MS: String(config.clearinghouse.timeoutMs),
    JOB_LOCK_MS: String(config.jobs.lockDurationMs),
    JOB_ATTEMPTS: String(config.jobs.attempts),
    JOB_BACKOFF_MS: String(config.jobs.backoffDelayMs),
    RETRY_MIN_INTERVAL_MS: '0',
    CIRCUIT_FAILURE_THRESHOLD: '1000',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/**
 * Starts sandbox, worker and API in this process against the real Redis, isolated by a
 * random key prefix that stop() deletes.
 */
export async function startStack(
  env: Record<string, string> = {},
  options: { inProcessWorker?: boolean; redisUrl?: string } = {},
): Promise<Stack> {
  const logs = new LogCapture();
  const prefix = `bvstest${randomBytes(4).toString('hex')}`;
  const sandbox = await createSandboxApp({ responseDelayMs: Number(env.SANDBOX_DELAY_MS ?? 0), logLevel: 'info', logStream: logs });
  await sandbox.listen(0, '127.0.0.1');
  const sandboxUrl = `http://127.0.0.1:${(sandbox.getHttpServer().address() as AddressInfo).port}`;
  const config = loadConfig({
    ...testSecrets(),
    REDIS_URL: options.redisUrl ?? TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    CLEARINGHOUSE_URL: `${sandboxUrl}${TRANSPORT_PATHS[env.CLEARINGHOUSE_TRANSPORT ?? 'sandbox']}`,
    CLEARINGHOUSE_SANDBOX_CREDENTIALS: 'true',
    PAYER_TIMEOUT_MS: '1000',
    JOB_LOCK_MS: '10000',
    JOB_ATTEMPTS: '3',
    JOB_BACKOFF_MS: '50',
    RETRY_MIN_INTERVAL_MS: '0',
    CIRCUIT_FAILURE_THRESHOLD: '1000',
    PUBLIC_RATE_LIMIT_PER_MINUTE: '1000',
    LOG_LEVEL: 'info',
    // The audit's JSON lines go to a file of this run rather than the test runner's stdout.
    AUDIT_LOG_FILE: join(tmpdir(), `${prefix}-audit.jsonl`),
    ...env,
  });
  const worker =
    options.inProcessWorker === false ? (undefined as unknown as INestApplicationContext) : await createWorkerApp(config, logs);
  const api = await createApiApp(config, logs);
  await api.listen(0, '127.0.0.1');
  const apiServer = api.getHttpServer() as Server;
  const contract = new OpenApiContract(apiServer);
  await contract.load();
  const stack: Stack = {
    config,
    api,
    apiServer,
    contract,
    worker,
    sandbox,
    sandboxUrl,
    logs,
    auditLogFile: config.audit.logFile,
    async stop() {
      // Each part gets 15 s to stop; a part that hangs is reported, not waited for forever.
      const timed = async (what: string, step: () => Promise<unknown>): Promise<void> => {
        const started = Date.now();
        const limit = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15_000).unref());
        const outcome = await Promise.race([step(), limit]);
        const ms = Date.now() - started;

        if (outcome === 'timeout' || ms > 5_000)
          console.warn(`stack.stop: ${what} took ${ms} ms${outcome === 'timeout' ? ' (gave up)' : ''}`);
      };
      // Responses after the last test (an afterAll's calls) are checked here, before the API closes.
      const unreported = await contract.close();
      await timed('api', () => api.close());
      await timed('worker', async () => worker?.close());
      // The test may have replaced the sandbox (stopped and started it again).
      await timed('sandbox', () => stack.sandbox.close());
      await deleteKeys(config.redis.url, prefix);
      if (config.audit.logFile !== 'stdout') rmSync(config.audit.logFile, { force: true });
      if (unreported.length > 0) throw new Error(`responses that do not match the OpenAPI document:\n${unreported.join('\n')}`);
    },
  };
  return stack;
}

/** Stops the sandbox clearinghouse (an outage); returns a function that starts it again on the same port. */
export async function stopSandbox(stack: Stack): Promise<() => Promise<void>> {
  const port = Number(new URL(stack.sandboxUrl).port);
  await stack.sandbox.close();
  return async () => {
    const sandbox = await createSandboxApp({ responseDelayMs: 0, logLevel: 'info', logStream: stack.logs });
    await sandbox.listen(port, '127.0.0.1');
    stack.sandbox = sandbox;
  };
}

/** Every key a test run wrote (store keys and BullMQ's hash-tagged keys), SCAN by SCAN. */
async function* runKeys(redis: Redis, prefix: string): AsyncGenerator<string[]> {
  for (const pattern of [`${prefix}:*`, `{${prefix}}:*`]) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) yield keys;
    } while (cursor !== '0');
  }
}

/** Removes every key a test run wrote. */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = createRedis(url);
  try {
    for await (const keys of runKeys(redis, prefix)) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

/** Every key of a test run and its value as text, whatever its type: what a plaintext scan reads. */
export async function dumpKeys(url: string, prefix: string): Promise<{ keys: string[]; text: string }> {
  const redis = createRedis(url);
  try {
    const keys: string[] = [];
    const dump: string[] = [];
    for await (const batch of runKeys(redis, prefix)) {
      for (const key of batch) {
        keys.push(key);
        dump.push(key);
        const type = await redis.type(key);
        if (type === 'string') dump.push((await redis.get(key)) ?? '');
        else if (type === 'hash') dump.push(JSON.stringify(await redis.hgetall(key)));
        else if (type === 'list') dump.push(JSON.stringify(await redis.lrange(key, 0, -1)));
        else if (type === 'set') dump.push(JSON.stringify(await redis.smembers(key)));
        else if (type === 'zset') dump.push(JSON.stringify(await redis.zrange(key, 0, -1)));
        else if (type === 'stream') dump.push(JSON.stringify(await redis.xrange(key, '-', '+')));
      }
    }
    return { keys, text: dump.join('\n') };
  } finally {
    redis.disconnect();
  }
}
