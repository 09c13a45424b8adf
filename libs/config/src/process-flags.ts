/**
 * V8 flags the worker process runs with (launcher, npm start:worker, docker-compose). A worker with
 * 1,000 verifications in flight allocates fast; capping old space makes V8 collect eagerly and
 * keeps peak RSS under 200 MB (BENCHMARKS.md §4). Raise it with NODE_OPTIONS for far higher
 * WORKER_CONCURRENCY.
 */
export const WORKER_NODE_FLAGS: readonly string[] = ['--max-old-space-size=160'];
