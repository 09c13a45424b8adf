import type { ResolvedPayer } from '@bvs/payers';
import { esc, page } from './html';
import { CSS_ASSET, QUEUE_SCRIPT, VERIFICATION_SCRIPT } from './assets';

export const STATUSES = ['needs_review', 'queued', 'in_progress', 'completed', 'cancelled'] as const;
export const CHANNELS = ['web_form', 'staff', 'intake'] as const;
const STATUS_LABELS: Record<string, string> = {
  needs_review: 'Needs review',
  queued: 'Queued',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};
const CHANNEL_LABELS: Record<string, string> = { web_form: 'Web form', staff: 'Staff', intake: 'Intake' };

export function signInPage(error?: string): string {
  const summary = error
    ? `<div class="error-summary" role="alert" tabindex="-1" id="error-summary"><h2>There is a problem</h2><ul><li><a href="#key">${esc(error)}</a></li></ul></div>`
    : '';
  const body = `<h1>Staff sign in</h1>
${summary}
<form method="post" action="/staff/session" class="panel">
<div class="field${error ? ' has-error' : ''}">
<label for="key">Staff key</label>
<p class="hint" id="key-hint">The staff API key you were given. You stay signed in for 8 hours on this device.</p>
${error ? `<p class="field-error" id="key-error">${esc(error)}</p>` : ''}
<input type="password" id="key" name="key" class="medium" autocomplete="current-password" required aria-describedby="${error ? 'key-error ' : ''}key-hint"${error ? ' aria-invalid="true" autofocus' : ' autofocus'}>
</div>
<button type="submit">Sign in</button>
</form>`;
  return page({ title: 'Staff sign in – Admissions', body, css: CSS_ASSET });
}

export interface QueueFilters {
  status: string[];
  payer: string;
  channel: string;
}

export function queuePage(payers: readonly ResolvedPayer[], f: QueueFilters): string {
  const statusBoxes = STATUSES.map(
    (s) =>
      `<div class="choice"><input type="checkbox" name="status" value="${s}" id="st-${s}"${f.status.includes(s) ? ' checked' : ''}><label for="st-${s}">${STATUS_LABELS[s]}</label></div>`,
  ).join('');
  const payerOptions = payers
    .map((p) => `<option value="${esc(p.key)}"${f.payer === p.key ? ' selected' : ''}>${esc(p.name)}</option>`)
    .join('');
  const channelOptions = CHANNELS.map(
    (c) => `<option value="${c}"${f.channel === c ? ' selected' : ''}>${CHANNEL_LABELS[c]}</option>`,
  ).join('');
  const body = `<h1>Verification queue</h1>
<p class="lead">Every verification, soonest deadline first.</p>
<form method="get" action="/staff" class="panel" id="filters" aria-label="Filter the queue">
<fieldset><legend>Status</legend><div class="choices-inline">${statusBoxes}</div></fieldset>
<div class="filters">
<div class="field"><label for="payer">Payer</label><select id="payer" name="payer"><option value="">All payers</option>${payerOptions}</select></div>
<div class="field"><label for="channel">Channel</label><select id="channel" name="channel"><option value="">All channels</option>${channelOptions}</select></div>
<div class="field"><button type="submit">Apply filters</button> <a href="/staff">Clear</a></div>
</div>
</form>
<p id="queue-status" role="status" aria-live="polite">Loading…</p>
<div class="table-wrap">
<table id="queue" hidden>
<caption class="visually-hidden">Verifications ordered by deadline</caption>
<thead><tr><th scope="col">Time left</th><th scope="col">Status</th><th scope="col">Patient</th><th scope="col">Payer</th><th scope="col">Channel</th><th scope="col">Created</th><th scope="col"><span class="visually-hidden">Open</span></th></tr></thead>
<tbody id="queue-rows"></tbody>
</table>
</div>
<div class="pager"><button type="button" class="secondary" id="prev" hidden>Previous page</button><button type="button" class="secondary" id="next" hidden>Next page</button></div>`;
  return page({ title: 'Verification queue – Admissions', body, css: CSS_ASSET, script: QUEUE_SCRIPT, staffNav: true });
}

function moneyField(id: string, apiField: string, label: string): string {
  return `<div class="field" data-field="${apiField}"><label for="${id}">${esc(label)}</label><p class="field-error" id="${id}-error" hidden></p><input type="text" id="${id}" inputmode="decimal" class="short" placeholder="0.00"></div>`;
}

function yesNo(id: string, apiField: string, label: string): string {
  return `<div class="field" data-field="${apiField}"><label for="${id}">${esc(label)}</label><p class="field-error" id="${id}-error" hidden></p><select id="${id}"><option value="">Not stated</option><option value="true">Yes</option><option value="false">No</option></select></div>`;
}

function networkTerms(level: string, net: 'in' | 'out'): string {
  const key = net === 'in' ? 'inNetwork' : 'outOfNetwork';
  const base = `levelsOfCare.${level}.${key}`;
  const id = `m-${level}-${net}`;
  return `<fieldset><legend>${net === 'in' ? 'In network' : 'Out of network'}</legend><div class="two-col">
${moneyField(`${id}-copay`, `${base}.copay`, 'Copay ($)')}
<div class="field" data-field="${base}.coinsurancePercent"><label for="${id}-coins">Coinsurance (%)</label><p class="field-error" id="${id}-coins-error" hidden></p><input type="text" id="${id}-coins" inputmode="numeric" class="short"></div>
${yesNo(`${id}-ded`, `${base}.deductibleApplies`, 'Deductible applies')}
</div></fieldset>`;
}

function manualLevel(level: string, name: string): string {
  return `<fieldset class="level"><legend>${esc(name)}</legend>
<div class="field" data-field="levelsOfCare.${level}.status"><label for="m-${level}-status">Coverage</label><p class="field-error" id="m-${level}-status-error" hidden></p>
<select id="m-${level}-status"><option value="">Not asked</option><option value="covered">Covered</option><option value="not_covered">Not covered</option><option value="unknown">Unknown</option></select></div>
${yesNo(`m-${level}-pa`, `levelsOfCare.${level}.priorAuthorizationRequired`, 'Prior authorization required')}
${networkTerms(level, 'in')}
${networkTerms(level, 'out')}
</fieldset>`;
}

export function verificationPage(id: string): string {
  const body = `<p><a href="/staff">← Back to the queue</a></p>
<div id="record" data-id="${esc(id)}">
<h1 id="title">Verification</h1>
<p id="load-status" role="status" aria-live="polite">Loading…</p>
<div id="notice" role="status" aria-live="polite"></div>
<div id="overview"></div>
<section id="review-section" hidden><h2>Why it needs review</h2><ul id="review-reasons"></ul></section>
<section id="eligibility-section" hidden><h2>Eligibility</h2><div id="eligibility"></div></section>
<section id="accumulators-section" hidden><h2>Deductible and out-of-pocket</h2><div id="accumulators" class="table-wrap"></div></section>
<section id="levels-section" hidden><h2>Levels of care</h2><div id="levels" class="levels"></div></section>
<section id="carveout-section" hidden><h2>Carve-out</h2><div id="carveout"></div></section>
<section id="messages-section" hidden><h2>Payer messages</h2><ul id="messages"></ul></section>
<section><h2>Actions</h2>
<div class="actions">
<button type="button" id="retry" class="secondary">Retry the electronic check</button>
<button type="button" id="show-x12" class="secondary" aria-expanded="false" aria-controls="x12">Show raw 270/271</button>
</div>
<div id="x12" hidden></div>
</section>
<details class="manual" id="manual-details">
<summary id="manual-title">Record a manual result</summary>
<p class="hint">For benefits confirmed by phone or on the payer's portal. The verification becomes completed.</p>
<div class="error-summary" id="manual-errors" role="alert" tabindex="-1" hidden><h2>There is a problem</h2><ul id="manual-error-list"></ul></div>
<form id="manual" novalidate class="panel">
<div class="two-col">
<div class="field" data-field="referenceNumber"><label for="m-ref">Reference number</label><p class="field-error" id="m-ref-error" hidden></p><input type="text" id="m-ref" autocomplete="off"></div>
<div class="field" data-field="representative"><label for="m-rep">Representative</label><p class="field-error" id="m-rep-error" hidden></p><input type="text" id="m-rep" autocomplete="off"></div>
</div>
<fieldset class="field" data-field="eligibilityStatus"><legend>Eligibility</legend><p class="field-error" id="m-elig-active-error" hidden></p>
<div class="choices-inline"><div class="choice"><input type="radio" name="m-elig" id="m-elig-active" value="active"><label for="m-elig-active">Active</label></div>
<div class="choice"><input type="radio" name="m-elig" id="m-elig-inactive" value="inactive"><label for="m-elig-inactive">Inactive</label></div></div></fieldset>
<fieldset><legend>In-network accumulators (individual)</legend><div class="two-col">
${moneyField('m-ded-total', 'deductible.total', 'Deductible total ($)')}
${moneyField('m-ded-rem', 'deductible.remaining', 'Deductible remaining ($)')}
${moneyField('m-oop-total', 'outOfPocketMax.total', 'Out-of-pocket max total ($)')}
${moneyField('m-oop-rem', 'outOfPocketMax.remaining', 'Out-of-pocket max remaining ($)')}
</div></fieldset>
<div class="manual-levels">
${manualLevel('IOP', 'IOP – intensive outpatient')}
${manualLevel('PHP', 'PHP – partial hospitalization')}
${manualLevel('OP', 'OP – outpatient')}
</div>
<div class="field" data-field="notes"><label for="m-notes">Notes (optional)</label><p class="field-error" id="m-notes-error" hidden></p><textarea id="m-notes"></textarea></div>
<button type="submit" id="manual-submit">Record manual result</button>
</form>
</details>
</div>`;
  return page({ title: 'Verification – Admissions', body, css: CSS_ASSET, script: VERIFICATION_SCRIPT, staffNav: true });
}
