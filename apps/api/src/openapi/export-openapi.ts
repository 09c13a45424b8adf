import 'reflect-metadata';
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
  const app = await createApiApp(loadConfig({ ...process.env, LOG_LEVEL: 'warn' }));
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
