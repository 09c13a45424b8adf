import type { ResolvedPayer } from '@bvs/payers';
import { CSS_ASSET, FORM_SCRIPT } from './assets';
import { esc, page } from './html';

/** What the server fills in when it renders the form again (no-JavaScript submit with errors). */
export interface FormState {
  values: Record<string, string>;
  /** [input id or null, message] */
  errors: [string | null, string][];
}

export interface FormPageOptions {
  centerPhone: string | null;
  state?: FormState;
}

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

type Renderer = (o: FieldOptions) => string;

/** Field markup; with a state, the value and the error are rendered by the server. */
function fields(state: FormState | undefined): { textField: Renderer; errorOf: (id: string) => string | undefined } {
  const errorOf = (id: string): string | undefined => state?.errors.find((e) => e[0] === id)?.[1];
  const textField: Renderer = (o) => {
    const error = errorOf(o.id);
    const hint = o.hint ? `<p class="hint" id="${o.id}-hint">${esc(o.hint)}</p>` : '';
    const describedBy = [error ? `${o.id}-error` : '', o.hint ? `${o.id}-hint` : ''].filter(Boolean).join(' ');
    const value = state?.values[o.id];
    return `<div class="field${error ? ' has-error' : ''}" data-field="${o.apiField}" data-input="${o.id}">
<label for="${o.id}">${esc(o.label)}</label>${hint}
<p class="field-error" id="${o.id}-error"${error ? '' : ' hidden'}>${error ? esc(error) : ''}</p>
<input type="${o.type ?? 'text'}" id="${o.id}" name="${o.id}"${value ? ` value="${esc(value)}"` : ''}${o.cls ? ` class="${o.cls}"` : ''}${describedBy ? ` aria-describedby="${describedBy}"` : ''}${error ? ' aria-invalid="true"' : ''}${o.autocomplete ? ` autocomplete="${o.autocomplete}"` : ''} spellcheck="false"${o.extra ?? ''}>
</div>`;
  };
  return { textField, errorOf };
}

export const PREFERRED_TIMES = ['Any time', 'Mornings', 'Afternoons', 'Evenings'] as const;

/** The public "verify your insurance" form (GET /, and POST / again with errors when JavaScript is off). */
export function formPage(payers: readonly ResolvedPayer[], o: FormPageOptions): string {
  const state = o.state;
  const v = (id: string): string => state?.values[id] ?? '';
  const { textField, errorOf } = fields(state);
  const selected = (id: string, value: string): string => (v(id) === value ? ' selected' : '');
  const checked = (id: string, value = 'on'): string => (v(id) === value ? ' checked' : '');
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
  const options = payers
    .map((p) => `<option value="${esc(p.key)}" data-kind="${esc(p.kind)}"${selected('payer', p.key)}>${esc(p.name)}</option>`)
    .join('');
  const carriers = payers
    .filter((p) => p.kind !== 'network')
    .map((p) => `<option value="${esc(p.name)}"></option>`)
    .join('');
  const errors = state?.errors ?? [];
  const summary = `<div class="error-summary" id="error-summary" role="alert" tabindex="-1"${errors.length ? '' : ' hidden'}>
<h2 id="error-summary-title">There is a problem</h2>
<ul id="error-list">${errors.map(([id, message]) => `<li>${id ? `<a href="#${id}">${esc(message)}</a>` : esc(message)}</li>`).join('')}</ul>
</div>`;
  const payerError = errorOf('payer');
  const consentError = errorOf('consent');
  const phone = o.centerPhone ? ` or call us at <a href="tel:${esc(o.centerPhone.replace(/[^0-9+]/g, ''))}">${esc(o.centerPhone)}</a>` : '';
  const body = `
<h1>Check your insurance coverage</h1>
<p class="lead">We offer intensive outpatient (IOP), partial hospitalization (PHP) and outpatient (OP) care, by telehealth and in person. Most clients start within 24–48 hours.</p>
<p>Tell us about your insurance and we will check your benefits with your insurance company${phone}. It usually takes less than a minute. Checking is free and does not commit you to anything.</p>

<div id="progress" class="progress-region" role="status" aria-live="polite" tabindex="-1"></div>
${summary}

<form id="verify-form" action="/" method="post" novalidate data-center-phone="${esc(o.centerPhone ?? '')}">
<h2>Your insurance</h2>
<div class="field${payerError ? ' has-error' : ''}" data-field="payer" data-input="payer">
<label for="payer">Insurance company</label>
<p class="field-error" id="payer-error"${payerError ? '' : ' hidden'}>${payerError ? esc(payerError) : ''}</p>
<select id="payer" name="payer"${payerError ? ' aria-invalid="true" aria-describedby="payer-error"' : ''}><option value="">Choose your insurance company</option>${options}<option value="other"${selected('payer', 'other')}>Other insurance company</option><option value="self-pay" data-kind="self-pay"${selected('payer', 'self-pay')}>I do not have insurance / I will pay myself</option></select>
</div>
<div id="other-payer-field">
${textField({ id: 'payer-other', apiField: 'payer', label: 'Name of your insurance company (if you chose Other)', hint: 'As it is written on your insurance card.', autocomplete: 'off' })}
</div>
<div id="card-payer-field">
${textField({ id: 'card-payer', apiField: 'payer', label: 'Which insurance company is named on your card? (MultiPlan or Halcyon members)', hint: 'We check your benefits with the company named on the card, for example Meritain Health.', autocomplete: 'off', extra: ' list="carriers"' })}
<datalist id="carriers">${carriers}</datalist>
</div>
<div id="member-id-field">
${textField({ id: 'member-id', apiField: 'member.id', label: 'Member ID', hint: 'The ID on your insurance card, letters and numbers only. Not needed if you do not have insurance.', cls: 'medium', autocomplete: 'off' })}
</div>

<h2>About you</h2>
${textField({ id: 'member-first', apiField: 'member.firstName', label: 'First name', autocomplete: 'given-name', cls: 'medium' })}
${textField({ id: 'member-last', apiField: 'member.lastName', label: 'Last name', autocomplete: 'family-name', cls: 'medium' })}
${dobField('member', 'Date of birth')}

<div class="field">
<div class="choice"><input type="checkbox" id="not-holder" name="not-holder" aria-controls="subscriber-fields" aria-expanded="false"${checked('not-holder')}><label for="not-holder">I am not the policy holder (for example, I am covered through a parent or spouse)</label></div>
</div>
<fieldset class="group" id="subscriber-fields">
<legend>The policy holder (only if you checked the box above)</legend>
<p class="hint">The person whose name is on the insurance plan.</p>
${textField({ id: 'subscriber-first', apiField: 'subscriber.firstName', label: 'Policy holder’s first name', autocomplete: 'off', cls: 'medium' })}
${textField({ id: 'subscriber-last', apiField: 'subscriber.lastName', label: 'Policy holder’s last name', autocomplete: 'off', cls: 'medium' })}
${dobField('subscriber', 'Policy holder’s date of birth')}
</fieldset>

<fieldset class="field" data-field="levelsOfCare" data-input="loc-unsure">
<legend>Which care are you interested in? (optional)</legend>
<p class="hint">If you are not sure, we will check all three.</p>
<p class="field-error" id="loc-unsure-error" hidden></p>
<div class="choice"><input type="radio" name="loc" id="loc-iop" value="IOP"${checked('loc', 'IOP')}><label for="loc-iop">Intensive outpatient (IOP) – about 3 hours, 3 to 5 days a week</label></div>
<div class="choice"><input type="radio" name="loc" id="loc-php" value="PHP"${checked('loc', 'PHP')}><label for="loc-php">Partial hospitalization (PHP) – about 6 hours a day, 5 days a week</label></div>
<div class="choice"><input type="radio" name="loc" id="loc-op" value="OP"${checked('loc', 'OP')}><label for="loc-op">Outpatient (OP) – shorter sessions for ongoing support</label></div>
<div class="choice"><input type="radio" name="loc" id="loc-unsure" value=""${v('loc') ? '' : ' checked'}><label for="loc-unsure">I am not sure</label></div>
</fieldset>

<h2>How can we reach you?</h2>
<p class="hint">An admissions coordinator will contact you about your results. We do not send these details to your insurance company.</p>
${textField({ id: 'contact-phone', apiField: 'contact.phone', label: 'Phone number', type: 'tel', autocomplete: 'tel', cls: 'medium' })}
${textField({ id: 'contact-email', apiField: 'contact.email', label: 'Email address (if you prefer email)', type: 'email', autocomplete: 'email', cls: 'medium' })}
<div class="field" data-field="contact.preferredTime" data-input="contact-time">
<label for="contact-time">When should we call? (optional)</label>
<select id="contact-time" name="contact-time">${PREFERRED_TIMES.map((t) => `<option${selected('contact-time', t)}>${t}</option>`).join('')}</select>
</div>
<div class="field${consentError ? ' has-error' : ''}" data-field="contact.consentToContact" data-input="consent">
<p class="field-error" id="consent-error"${consentError ? '' : ' hidden'}>${consentError ? esc(consentError) : ''}</p>
<div class="choice"><input type="checkbox" id="consent" name="consent"${checked('consent')}${consentError ? ' aria-invalid="true" aria-describedby="consent-error"' : ''}><label for="consent">I agree that the admissions team may contact me by phone, text or email about my insurance and treatment options.</label></div>
</div>

<button type="submit" id="submit">Check my coverage</button>
</form>

<section id="result" hidden tabindex="-1" aria-labelledby="result-title">
<h2 id="result-title">Your results</h2>
<div id="result-body"></div>
<p><button type="button" class="secondary" id="start-over">Change my details and check again</button></p>
</section>`;
  return page({
    title: `${errors.length ? 'Error: ' : ''}Check your insurance coverage – Friendly Recovery Center`,
    body,
    css: CSS_ASSET,
    script: FORM_SCRIPT,
    centerPhone: o.centerPhone,
  });
}
