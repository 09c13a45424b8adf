// Container health probe without curl: `node dist/apps/launcher/src/healthcheck.js [url]`.
// Exit 0 when the URL answers 2xx within 3 s. Default: this container's API liveness
// (PORT, default 3000); the worker and sandbox pass their own URL (docker-compose.yml).

const url = process.argv[2] ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}/health/live`;

fetch(url, { signal: AbortSignal.timeout(3_000) }).then(
  (res) => process.exit(res.ok ? 0 : 1),
  () => process.exit(1),
);
