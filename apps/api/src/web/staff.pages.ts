import type { ResolvedPayer } from '@bvs/payers';
import { esc, page } from './html';
import { CREATE_SCRIPT, CSS_ASSET, LABELS_SCRIPT, PRINT_CSS_ASSET, QUEUE_SCRIPT, VERIFICATION_SCRIPT } from './assets';
import { CHANNEL_NAMES, STATUS_NAMES } from '@bvs/store';

export const STATUSES = ['needs_review', 'queued', 'in_progress', 'completed', 'cancelled'] as const;
export const CHANNELS = ['web_form', 'staff', 'intake'] as const;
// One definition of the labels (libs/store status-labels.ts), shared with the API and the scripts.
const STATUS_LABELS: Record<string, string> = STATUS_NAMES;
const CHANNEL_LABELS: Record<string, string> = CHANNEL_NAMES;

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
  /** Search text (last name, member id, date of birth or reference). */
  q: string;
  awaitingCall: boolean;
  /** Deadline within this many hours (0: any). */
  dueWithin: number;
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
<p><a class="button" href="/staff/new">Start a verification</a></p>
<form method="get" action="/staff" class="panel" id="filters" aria-label="Search and filter the queue">
<div class="field"><label for="q">Search</label><p class="hint" id="q-hint">Last name, member ID, date of birth (MM/DD/YYYY) or the patient’s reference.</p>
<input type="search" id="q" name="q" class="medium" value="${esc(f.q)}" aria-describedby="q-hint" autocomplete="off"></div>
<fieldset><legend>Status</legend><div class="choices-inline">${statusBoxes}</div></fieldset>
<div class="filters">
<div class="field"><label for="payer">Payer</label><select id="payer" name="payer"><option value="">All payers</option>${payerOptions}</select></div>
<div class="field"><label for="channel">Channel</label><select id="channel" name="channel"><option value="">All channels</option>${channelOptions}</select></div>
<div class="field"><label for="due">Deadline</label><select id="due" name="due"><option value="">Any deadline</option>${[4, 24, 48]
    .map((h) => `<option value="${h}"${f.dueWithin === h ? ' selected' : ''}>Within ${h} hours</option>`)
    .join('')}</select></div>
<div class="field"><div class="choice"><input type="checkbox" id="awaiting" name="awaiting" value="true"${f.awaitingCall ? ' checked' : ''}><label for="awaiting">Web-form requests awaiting a call</label></div></div>
<div class="field"><button type="submit">Apply filters</button> <a href="/staff">Clear</a></div>
</div>
</form>
<p id="queue-status" role="status" aria-live="polite">Loading…</p>
<div class="table-wrap">
<table id="queue" hidden>
<caption class="visually-hidden">Verifications ordered by deadline</caption>
<thead><tr><th scope="col">Time left</th><th scope="col">Status</th><th scope="col">Patient</th><th scope="col">Payer</th><th scope="col">Channel</th><th scope="col">Call back</th><th scope="col">Claimed by</th><th scope="col">Record</th></tr></thead>
<tbody id="queue-rows"></tbody>
</table>
</div>
<div class="pager"><button type="button" class="secondary" id="prev" hidden>Previous page</button><button type="button" class="secondary" id="next" hidden>Next page</button></div>`;
  return page({ title: 'Verification queue – Admissions', body, css: CSS_ASSET, script: [LABELS_SCRIPT, QUEUE_SCRIPT], staffNav: true });
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
<div class="field" data-field="${base}.copayPer"><label for="${id}-per">Copay per</label><select id="${id}-per"><option value="">Visit</option><option value="day">Day</option><option value="admission">Admission</option></select></div>
<div class="field" data-field="${base}.limits"><label for="${id}-lim-qty">Limit (number)</label><p class="field-error" id="${id}-lim-qty-error" hidden></p><input type="text" id="${id}-lim-qty" inputmode="numeric" class="short"></div>
<div class="field"><label for="${id}-lim-unit">Limit unit</label><select id="${id}-lim-unit"><option value="days">Days</option><option value="visits">Visits</option></select></div>
<div class="field"><label for="${id}-lim-period">Limit period</label><select id="${id}-lim-period"><option value="calendar_year">Calendar year</option><option value="service_year">Plan year</option><option value="lifetime">Lifetime</option><option value="week">Week</option></select></div>
<div class="field"><label for="${id}-lim-rem">Limit remaining</label><p class="field-error" id="${id}-lim-rem-error" hidden></p><input type="text" id="${id}-lim-rem" inputmode="numeric" class="short"></div>
</div></fieldset>`;
}

function manualLevel(level: string, name: string): string {
  return `<fieldset class="level"><legend>${esc(name)}</legend>
<div class="field" data-field="levelsOfCare.${level}.status"><label for="m-${level}-status">Coverage</label><p class="field-error" id="m-${level}-status-error" hidden></p>
<select id="m-${level}-status"><option value="">Not asked</option><option value="covered">Covered</option><option value="not_covered">Not covered</option><option value="unknown">Unknown</option></select></div>
${yesNo(`m-${level}-pa`, `levelsOfCare.${level}.priorAuthorizationRequired`, 'Prior authorization required')}
<div class="field" data-field="levelsOfCare.${level}.priorAuthorizationPhone"><label for="m-${level}-pa-phone">Prior authorization phone</label><p class="field-error" id="m-${level}-pa-phone-error" hidden></p><input type="tel" id="m-${level}-pa-phone" class="medium"></div>
${networkTerms(level, 'in')}
${networkTerms(level, 'out')}
</fieldset>`;
}

export function verificationPage(id: string, centerPhone: string | null = null): string {
  const body = `<p class="no-print"><a href="/staff">← Back to the queue</a></p>
<div id="record" data-id="${esc(id)}">
<h1 id="title">Verification</h1>
<p id="load-status" role="status" aria-live="polite">Loading…</p>
<div id="notice" role="status" aria-live="polite"></div>
<div id="overview"></div>
<div class="print-only" hidden><p>Benefits summary prepared by the admissions team. Questions? Call us%CENTER_PHONE%.</p></div>
<section id="contact-section" class="no-print" hidden><h2>Patient call back</h2><div id="contact"></div>
<div class="actions"><button type="button" id="contacted" class="secondary">Mark the patient as called</button></div></section>
<section id="claim-section" class="no-print"><h2>Who is working on it</h2><p id="claim-text">Nobody has claimed this verification.</p>
<div class="actions"><button type="button" id="claim">Claim this verification</button><button type="button" id="release" class="secondary" hidden>Release</button></div></section>
<section id="care-section" class="no-print"><h2>Care and re-checks</h2><p id="care-text"></p>
<div class="actions"><button type="button" id="admit" class="secondary">Mark the patient admitted</button><button type="button" id="discharge" class="secondary" hidden>Mark the patient discharged</button></div>
<h3>Re-checks of this verification</h3><ul id="rechecks" class="notes"></ul></section>
<section id="review-section" hidden><h2>Why it needs review</h2><ul id="review-reasons"></ul></section>
<section id="eligibility-section" hidden><h2>Eligibility</h2><div id="eligibility"></div></section>
<section id="accumulators-section" hidden><h2>Deductible and out-of-pocket</h2><div id="accumulators" class="table-wrap"></div></section>
<section id="levels-section" hidden><h2>Levels of care</h2><div id="levels" class="levels"></div></section>
<section id="carveout-section" hidden><h2>Carve-out</h2><div id="carveout"></div></section>
<section id="messages-section" hidden><h2>Payer messages</h2><ul id="messages"></ul></section>
<section id="call-script-section" hidden><h2>Call script</h2><div id="call-script"></div></section>
<section id="notes-section"><h2>Notes</h2><ul id="notes" class="notes"></ul>
<form id="note-form" novalidate><div class="field"><label for="note-text">Add a note</label><p class="field-error" id="note-text-error" hidden></p><textarea id="note-text" maxlength="2000"></textarea></div><button type="submit" class="secondary" id="note-submit">Add note</button></form></section>
<section class="no-print"><h2>Actions</h2>
<div class="actions">
<button type="button" id="retry" class="secondary">Retry the electronic check</button>
<button type="button" id="show-x12" class="secondary" aria-expanded="false" aria-controls="x12">Show raw 270/271</button>
<button type="button" id="print" class="secondary">Print the benefits summary</button>
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
<fieldset><legend>In-network accumulators (family)</legend><div class="two-col">
${moneyField('m-fded-total', 'familyDeductible.total', 'Family deductible total ($)')}
${moneyField('m-fded-rem', 'familyDeductible.remaining', 'Family deductible remaining ($)')}
${moneyField('m-foop-total', 'familyOutOfPocketMax.total', 'Family out-of-pocket max total ($)')}
${moneyField('m-foop-rem', 'familyOutOfPocketMax.remaining', 'Family out-of-pocket max remaining ($)')}
</div></fieldset>
<fieldset><legend>Out-of-network accumulators (individual)</legend><div class="two-col">
${moneyField('m-oded-total', 'outOfNetworkDeductible.total', 'Deductible total ($)')}
${moneyField('m-oded-rem', 'outOfNetworkDeductible.remaining', 'Deductible remaining ($)')}
${moneyField('m-ooop-total', 'outOfNetworkOutOfPocketMax.total', 'Out-of-pocket max total ($)')}
${moneyField('m-ooop-rem', 'outOfNetworkOutOfPocketMax.remaining', 'Out-of-pocket max remaining ($)')}
</div></fieldset>
<fieldset><legend>Carve-out (if another company administers behavioral health)</legend><div class="two-col">
<div class="field" data-field="carveOut.name"><label for="m-co-name">Administrator</label><p class="field-error" id="m-co-name-error" hidden></p><input type="text" id="m-co-name"></div>
<div class="field" data-field="carveOut.phone"><label for="m-co-phone">Administrator phone</label><p class="field-error" id="m-co-phone-error" hidden></p><input type="tel" id="m-co-phone"></div>
</div></fieldset>
<div class="field" data-field="callTime"><label for="m-call-time">Call time</label><p class="hint" id="m-call-time-hint">When you spoke with the payer (leave empty for now).</p><p class="field-error" id="m-call-time-error" hidden></p><input type="datetime-local" id="m-call-time" aria-describedby="m-call-time-hint" class="medium"></div>
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
  return page({
    title: 'Verification – Admissions',
    body: body.replace('%CENTER_PHONE%', centerPhone ? ` at ${esc(centerPhone)}` : ''),
    css: CSS_ASSET,
    printCss: PRINT_CSS_ASSET,
    script: [LABELS_SCRIPT, VERIFICATION_SCRIPT],
    staffNav: true,
  });
}

/** Start a verification from the dashboard: the API's fields and validation (the page posts to POST /v1/verifications). */
export function createPage(payers: readonly ResolvedPayer[]): string {
  const options = payers
    .filter((p) => p.kind !== 'network')
    .map((p) => `<option value="${esc(p.key)}">${esc(p.name)}</option>`)
    .join('');
  const networks = payers
    .filter((p) => p.kind === 'network')
    .map((p) => `<option value="${esc(p.key)}">${esc(p.name)}</option>`)
    .join('');
  const field = (id: string, apiField: string, label: string, extra = '', type = 'text'): string =>
    `<div class="field" data-field="${apiField}"><label for="${id}">${esc(label)}</label><p class="field-error" id="${id}-error" hidden></p><input type="${type}" id="${id}" class="medium" autocomplete="off"${extra}></div>`;
  const body = `<p><a href="/staff">← Back to the queue</a></p>
<h1>Start a verification</h1>
<div class="error-summary" id="create-errors" role="alert" tabindex="-1" hidden><h2>There is a problem</h2><ul id="create-error-list"></ul></div>
<form id="create" novalidate class="panel">
<fieldset><legend>Insurance</legend>
<div class="field" data-field="payer"><label for="c-payer">Payer</label><p class="field-error" id="c-payer-error" hidden></p><select id="c-payer"><option value="">Choose the payer</option>${options}<option value="self-pay">Self-pay (no insurance)</option></select></div>
<div class="field" data-field="network"><label for="c-network">Network on the card (optional)</label><p class="hint" id="c-network-hint">Only when the card also names a network, such as MultiPlan.</p><p class="field-error" id="c-network-error" hidden></p><select id="c-network" aria-describedby="c-network-hint"><option value="">No network named</option>${networks}</select></div>
${field('c-group', 'groupNumber', 'Group number (optional)')}
</fieldset>
<fieldset><legend>The patient</legend>
${field('c-member-id', 'member.id', 'Member ID')}
${field('c-first', 'member.firstName', 'First name')}
${field('c-last', 'member.lastName', 'Last name')}
${field('c-dob', 'member.dateOfBirth', 'Date of birth (YYYY-MM-DD)', ' inputmode="numeric"')}
<div class="choice"><input type="checkbox" id="c-dependent" aria-controls="c-subscriber" aria-expanded="false"><label for="c-dependent">The patient is a dependent (not the policy holder)</label></div>
</fieldset>
<fieldset id="c-subscriber" hidden><legend>The policy holder</legend>
<p class="hint">The member ID on the card is the policy holder’s; the payer is asked under it for the patient.</p>
${field('c-sub-id', 'subscriber.id', 'Policy holder’s member ID')}
${field('c-sub-first', 'subscriber.firstName', 'Policy holder’s first name')}
${field('c-sub-last', 'subscriber.lastName', 'Policy holder’s last name')}
${field('c-sub-dob', 'subscriber.dateOfBirth', 'Policy holder’s date of birth (YYYY-MM-DD)', ' inputmode="numeric"')}
</fieldset>
<fieldset><legend>Care</legend>
<fieldset class="field" data-field="levelsOfCare"><legend>Levels of care</legend><p class="field-error" id="c-loc-IOP-error" hidden></p><div class="choices-inline">
${['IOP', 'PHP', 'OP'].map((l) => `<div class="choice"><input type="checkbox" id="c-loc-${l}" value="${l}" checked><label for="c-loc-${l}">${l}</label></div>`).join('')}</div></fieldset>
${field('c-start', 'plannedStart', 'Planned start (optional, YYYY-MM-DDTHH:MM)')}
${field('c-recheck', 'recheck.hoursBeforeStart', 'Verify again this many hours before the start (optional)', ' inputmode="numeric"')}
<div class="two-col">${field('c-spw', 'program.sessionsPerWeek', 'Sessions per week (for the estimate)', ' inputmode="numeric"')}${field('c-weeks', 'program.weeks', 'Weeks', ' inputmode="numeric"')}</div>
</fieldset>
<fieldset><legend>Call back (optional)</legend>
<p class="hint">How the patient wants to be reached. Kept encrypted and shown to staff only.</p>
${field('c-phone', 'contact.phone', 'Phone number', '', 'tel')}
${field('c-email', 'contact.email', 'Email address', '', 'email')}
${field('c-time', 'contact.preferredTime', 'When to call (optional)')}
<div class="field" data-field="contact.consentToContact"><p class="field-error" id="c-consent-error" hidden></p>
<div class="choice"><input type="checkbox" id="c-consent"><label for="c-consent">The patient agrees to be contacted about insurance and treatment</label></div></div>
</fieldset>
<button type="submit" id="create-submit">Start the verification</button>
</form>`;
  return page({ title: 'Start a verification – Admissions', body, css: CSS_ASSET, script: [LABELS_SCRIPT, CREATE_SCRIPT], staffNav: true });
}
