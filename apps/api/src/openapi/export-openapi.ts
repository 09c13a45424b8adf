import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfig } from '@bvs/config';
import { createApiApp } from '../create-api-app';
import { createOpenApiDocument } from './document';

// Writes the OpenAPI document without serving it: builds the API app (never listening), renders
// the document and closes the app. Usage: export-openapi <out.json>. Needs Redis (REDIS_URL),
// as every app does at boot.
async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? 'openapi.json');
  // The document does not depend on secrets or the clearinghouse, and this app never serves a
  // request: throwaway ones satisfy the fail-closed configuration without a development mode.
  const app = await createApiApp(
    loadConfig({
      RECORD_KEYS: `export:${randomBytes(32).toString('base64')}`,
      WEBHOOK_SECRET: randomBytes(32).toString('base64url'),
      CLEARINGHOUSE_URL: 'https://clearinghouse.invalid/core/realtime',
      ...process.env,
      REDIS_PREFIX: `bvsopenapi${randomBytes(4).toString('hex')}`,
      LOG_LEVEL: 'warn',
    }),
  );
  try {
    const document = createOpenApiDocument(app);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
    process.stdout.write(
      `openapi: wrote ${out} (${Object.keys(document.paths).length} paths, ${Object.keys(document.webhooks ?? {}).length} webhooks)\n`,
    );
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`openapi: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
