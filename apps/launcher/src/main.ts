import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { WORKER_NODE_FLAGS, announceBootWarnings, exitOnBootFailure, loadConfig } from '@bvs/config';
import { assertRedisReachable } from '@bvs/store';
import { launcherEnvironment } from './launcher-environment';

// `npm start`: the sandbox clearinghouse, the worker and the API as three processes, the way
// production runs them apart. Signals are passed on; if one process dies, the others stop too.
const APPS = ['sandbox', 'worker', 'api'] as const;
const STOP_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const env = launcherEnvironment(process.env);
  const config = loadConfig(env);
  if (env !== process.env)
    config.bootWarnings.push('npm start found no RECORD_KEYS or WEBHOOK_SECRET: it made random ones for this run only (see .env.example)');
  announceBootWarnings('launcher', config);
  await assertRedisReachable(config.redis.url);
  const children = new Map<string, ChildProcess>();
  let stopping = false;

  const stopAll = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    for (const child of children.values()) child.kill(signal);
    setTimeout(() => {
      for (const child of children.values()) child.kill('SIGKILL');
    }, STOP_GRACE_MS).unref();
  };

  for (const app of APPS) {
    const flags = app === 'worker' ? WORKER_NODE_FLAGS : [];
    const child = spawn(process.execPath, [...flags, join(__dirname, '..', '..', app, 'src', 'main.js')], {
      stdio: 'inherit',
      env,
    });
    children.set(app, child);
    child.on('exit', (code, signal) => {
      children.delete(app);
      if (!stopping) {
        process.stderr.write(`launcher: ${app} exited (${signal ?? code}); stopping the others\n`);
        process.exitCode = code !== null && code !== 0 ? code : 1;
        stopAll('SIGTERM');
      }
      if (children.size === 0) process.exit(process.exitCode ?? 0);
    });
  }
  process.stdout.write(
    `launcher: api on http://127.0.0.1:${config.api.port}, sandbox clearinghouse on http://127.0.0.1:${config.sandbox.port}, worker consuming the queue\n`,
  );
  process.on('SIGTERM', () => stopAll('SIGTERM'));
  process.on('SIGINT', () => stopAll('SIGINT'));
}

main().catch(exitOnBootFailure('launcher'));
