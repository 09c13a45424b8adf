import type { ResolvedPayer } from '@bvs/payers';
import { CSS_ASSET } from './styles';
import { FORM_SCRIPT } from './form.script';
import { esc, page } from './html';

interface FieldOptions {
  id: string;
  /** The API field path whose 400 details belong to this field. */
  apiField: string;
  label: string;
  hint?: string;
  type?: string;
  autocomplete?: string;
  cls?: string;
  extra?: string;
}

function textField(o: FieldOptions): string {
  const hint = o.hint ? `<p class="hint" id="${o.id}-hint">${esc(o.hint)}</p>` : '';
  const describedBy = o.hint ? `${o.id}-hint` : '';
  return `<div class="field" data-field="${o.apiField}" data-input="${o.id}">
<label for="${o.id}">${esc(o.label)}</label>${hint}
<p class="field-error" id="${o.id}-error" hidden></p>
<input type="${o.type ?? 'text'}" id="${o.id}" name="${o.id}"${o.cls ? ` class="${o.cls}"` : ''}${describedBy ? ` aria-describedby="${describedBy}"` : ''}${o.autocomplete ? ` autocomplete="${o.autocomplete}"` : ''} spellcheck="false"${o.extra ?? ''}>
</div>`;
}

const dobField = (prefix: string, label: string): string =>
  textField({
    id: `${prefix}-dob`,
    apiField: `${prefix}.dateOfBirth`,
    label,
    hint: 'For example, 04/12/1990',
    cls: 'short',
    extra: ' inputmode="numeric"',
    autocomplete: prefix === 'member' ? 'bday' : 'off',
  });

/** The public "verify your insurance" form (GET /). */
export function formPage(payers: readonly ResolvedPayer[]): string {
  const options = payers.map((p) => `<option value="${esc(p.key)}" data-kind="${esc(p.kind)}">${esc(p.name)}</option>`).join('');
  const carriers = payers
    .filter((p) => p.kind !== 'network')
    .map((p) => `<option value="${esc(p.name)}"></option>`)
    .join('');
  const body = `
<h1>Check your insurance coverage</h1>
<p class="lead">We offer intensive outpatient (IOP), partial hospitalization (PHP) and outpatient (OP) care, by telehealth and in person. Most clients start within 24–48 hours.</p>
<p>Tell us about your insurance and we will check your benefits with your insurance company. It usually takes less than a minute. Checking is free and does not commit you to anything.</p>

<div class="error-summary" id="error-summary" role="alert" tabindex="-1" hidden>
<h2 id="error-summary-title">There is a problem</h2>
<ul id="error-list"></ul>
</div>

<form id="verify-form" action="/" method="post" novalidate>
<h2>Your insurance</h2>
<div class="field" data-field="payer" data-input="payer">
<label for="payer">Insurance company</label>
<p class="field-error" id="payer-error" hidden></p>
<select id="payer" name="payer"><option value="">Choose your insurance company</option>${options}<option value="other">Other</option></select>
</div>
<div class="field" id="other-payer-field" data-field="payer" data-input="payer-other" hidden>
<label for="payer-other">Name of your insurance company</label>
<p class="hint" id="payer-other-hint">As it is written on your insurance card.</p>
<p class="field-error" id="payer-other-error" hidden></p>
<input type="text" id="payer-other" name="payer-other" aria-describedby="payer-other-hint" autocomplete="off">
</div>
<div class="field" id="card-payer-field" data-field="payer" data-input="card-payer" hidden>
<label for="card-payer">Which insurance company is named on your card?</label>
<p class="hint" id="card-payer-hint"><span id="network-name">This network</span> works with your insurance company. We check your benefits with the company named on the card, for example Meritain Health.</p>
<p class="field-error" id="card-payer-error" hidden></p>
<input type="text" id="card-payer" name="card-payer" list="carriers" aria-describedby="card-payer-hint" autocomplete="off">
<datalist id="carriers">${carriers}</datalist>
</div>
${textField({ id: 'member-id', apiField: 'member.id', label: 'Member ID', hint: 'The ID on your insurance card, letters and numbers only.', cls: 'medium', autocomplete: 'off' })}

<h2>About you</h2>
${textField({ id: 'member-first', apiField: 'member.firstName', label: 'First name', autocomplete: 'given-name', cls: 'medium' })}
${textField({ id: 'member-last', apiField: 'member.lastName', label: 'Last name', autocomplete: 'family-name', cls: 'medium' })}
${dobField('member', 'Date of birth')}

<div class="field">
<div class="choice"><input type="checkbox" id="not-holder" name="not-holder" aria-controls="subscriber-fields" aria-expanded="false"><label for="not-holder">I am not the policy holder (for example, I am covered through a parent or spouse)</label></div>
</div>
<fieldset class="group" id="subscriber-fields" hidden>
<legend>The policy holder</legend>
<p class="hint">The person whose name is on the insurance plan.</p>
${textField({ id: 'subscriber-first', apiField: 'subscriber.firstName', label: 'Policy holder’s first name', autocomplete: 'off', cls: 'medium' })}
${textField({ id: 'subscriber-last', apiField: 'subscriber.lastName', label: 'Policy holder’s last name', autocomplete: 'off', cls: 'medium' })}
${dobField('subscriber', 'Policy holder’s date of birth')}
</fieldset>

<fieldset class="field" data-field="levelsOfCare" data-input="loc-unsure">
<legend>Which care are you interested in? (optional)</legend>
<p class="hint">If you are not sure, we will check all three.</p>
<p class="field-error" id="loc-unsure-error" hidden></p>
<div class="choice"><input type="radio" name="loc" id="loc-iop" value="IOP"><label for="loc-iop">Intensive outpatient (IOP) – about 3 hours, 3 to 5 days a week</label></div>
<div class="choice"><input type="radio" name="loc" id="loc-php" value="PHP"><label for="loc-php">Partial hospitalization (PHP) – about 6 hours a day, 5 days a week</label></div>
<div class="choice"><input type="radio" name="loc" id="loc-op" value="OP"><label for="loc-op">Outpatient (OP) – shorter sessions for ongoing support</label></div>
<div class="choice"><input type="radio" name="loc" id="loc-unsure" value="" checked><label for="loc-unsure">I am not sure</label></div>
</fieldset>

<h2>How can we reach you?</h2>
<p class="hint">An admissions coordinator will contact you about your results. We do not send these details to your insurance company.</p>
${textField({ id: 'contact-phone', apiField: 'contact.phone', label: 'Phone number', type: 'tel', autocomplete: 'tel', cls: 'medium' })}
${textField({ id: 'contact-email', apiField: 'contact.email', label: 'Email address (if you prefer email)', type: 'email', autocomplete: 'email', cls: 'medium' })}
<div class="field" data-field="consent" data-input="consent">
<p class="field-error" id="consent-error" hidden></p>
<div class="choice"><input type="checkbox" id="consent" name="consent"><label for="consent">I agree that the admissions team may contact me by phone, text or email about my insurance and treatment options.</label></div>
</div>

<button type="submit" id="submit">Check my coverage</button>
</form>

<section id="progress" class="notice" hidden aria-live="polite">
<div class="progress"><span class="spinner" aria-hidden="true"></span><p id="progress-text">Checking your coverage with your insurance company…</p></div>
</section>

<section id="result" hidden tabindex="-1" aria-labelledby="result-title">
<h2 id="result-title">Your results</h2>
<div id="result-body"></div>
<p><button type="button" class="secondary" id="start-over">Change my details and check again</button></p>
</section>
<noscript><p class="notice warn">This form needs JavaScript. You can also call our admissions team and we will check your insurance for you.</p></noscript>`;
  return page({ title: 'Check your insurance coverage – Friendly Recovery Center', body, css: CSS_ASSET, script: FORM_SCRIPT });
}
