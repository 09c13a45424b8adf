import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHANNEL_NAMES, STATUS_EVENTS, STATUS_NAMES } from '@bvs/store';
import { type Asset, asset } from './html';

// The pages' scripts and styles are files in ./assets (checked by `npm run typecheck` through
// assets/tsconfig.json, copied next to the compiled code by `npm run build`), read once at boot
// and served under content-hashed names, so a strict CSP holds and caches never go stale.

const DIR = join(__dirname, 'assets');
const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

function fileAsset(file: string, type: string): Asset {
  return asset(file, type, readFileSync(join(DIR, file), 'utf8'));
}

export const CSS_ASSET = fileAsset('site.css', CSS);
export const PRINT_CSS_ASSET = fileAsset('print.css', CSS);
export const FORM_SCRIPT = fileAsset('form.js', JS);
export const QUEUE_SCRIPT = fileAsset('staff-queue.js', JS);
export const VERIFICATION_SCRIPT = fileAsset('staff-verification.js', JS);
export const CREATE_SCRIPT = fileAsset('staff-create.js', JS);
export const STAFF_API_SCRIPT = fileAsset('staff-api.js', JS);
export const BATCHES_SCRIPT = fileAsset('batches.js', JS);
export const RECHECKS_SCRIPT = fileAsset('rechecks.js', JS);

/** The status labels (libs/store status-labels.ts) for the staff scripts: one definition for API and page. */
export const LABELS_SCRIPT = asset(
  'labels.js',
  JS,
  `// Generated from libs/store/src/status-labels.ts.\nwindow.BVS_LABELS = ${JSON.stringify({ status: STATUS_NAMES, events: STATUS_EVENTS, channel: CHANNEL_NAMES })};\n`,
);

export const ASSETS: readonly Asset[] = [
  CSS_ASSET,
  PRINT_CSS_ASSET,
  FORM_SCRIPT,
  QUEUE_SCRIPT,
  VERIFICATION_SCRIPT,
  CREATE_SCRIPT,
  STAFF_API_SCRIPT,
  BATCHES_SCRIPT,
  RECHECKS_SCRIPT,
  LABELS_SCRIPT,
];
