import { esc } from './html';

// The patient's result in plain words, for the page rendered without JavaScript. The form's
// script (assets/form.js) says the same things in the same words.

const LEVEL_NAMES: Record<string, string> = {
  IOP: 'Intensive outpatient care (IOP)',
  PHP: 'Partial hospitalization (PHP)',
  OP: 'Outpatient care (OP)',
};

export interface PatientResultView {
  status: string;
  coverageActive: boolean | null;
  levelsOfCare: Record<string, string>;
  reference?: string;
  centerPhone?: string;
  callback?: string;
}

export interface ContactShown {
  phone?: string;
  email?: string;
}

function reachYou(contact: ContactShown): string {
  if (contact.phone) return ` and call you at ${contact.phone}.`;
  if (contact.email) return ` and email you at ${contact.email}.`;
  return '.';
}

/** [notice class, paragraphs, list items] for a patient view. */
export function patientResult(view: PatientResultView, contact: ContactShown): { kind: string; paragraphs: string[]; items: string[] } {
  const pending = view.status === 'queued' || view.status === 'in_progress';
  const settled = view.status === 'completed' || view.status === 'needs_review';
  if (view.callback) {
    const first =
      view.callback === 'self_pay'
        ? 'Thank you. We saved your request.'
        : 'We could not check this insurance online, but we saved your request.';
    const second =
      view.callback === 'self_pay'
        ? 'An admissions coordinator will go over self-pay options and costs with you'
        : view.callback === 'not_accepted'
          ? 'We may not work with this insurance company. An admissions coordinator will talk with you about your options'
          : 'An admissions coordinator will confirm your insurance company and check your benefits by phone';
    return { kind: 'notice warn', paragraphs: [first, second + reachYou(contact)], items: [] };
  }
  if (pending) {
    return {
      kind: 'notice warn',
      paragraphs: [
        'This is taking longer than usual.',
        `Your request is saved. An admissions coordinator will finish checking your coverage${reachYou(contact)} You do not need to stay on this page.`,
      ],
      items: [],
    };
  }
  if (settled && view.coverageActive === true) {
    let allCovered = true;
    const items: string[] = [];
    for (const level of ['IOP', 'PHP', 'OP']) {
      const status = view.levelsOfCare[level];
      if (!status) continue;
      if (status === 'covered') items.push(`${LEVEL_NAMES[level]} appears to be covered.`);
      else {
        allCovered = false;
        items.push(
          status === 'not_covered'
            ? `${LEVEL_NAMES[level]} does not appear to be covered by your plan.`
            : `${LEVEL_NAMES[level]}: we need to confirm this with your insurance company.`,
        );
      }
    }
    const next = allCovered
      ? 'An admissions coordinator will confirm the details'
      : 'An admissions coordinator will check the details with your insurance company';
    return { kind: 'notice ok', paragraphs: ['Your plan is active.', next + reachYou(contact)], items };
  }
  if (settled && view.coverageActive === false) {
    return {
      kind: 'notice bad',
      paragraphs: [
        'Your insurance company says this plan is not active right now.',
        `This can happen when a plan has ended or changed. An admissions coordinator will go over your options with you${reachYou(contact)}`,
      ],
      items: [],
    };
  }
  return {
    kind: 'notice warn',
    paragraphs: [
      'We could not confirm your coverage online, but a person can.',
      `Sometimes a detail such as the member ID or date of birth does not match what your insurance company has on file. An admissions coordinator will check with your insurance company${reachYou(contact)}`,
    ],
    items: [],
  };
}

/** The reference and the center's phone, under every result. */
export function referenceHtml(view: PatientResultView): string {
  const ref = view.reference
    ? `<p class="reference">Your reference: <strong id="reference">${esc(view.reference)}</strong>. Please have it ready if you call us.</p>`
    : '';
  const phone = view.centerPhone
    ? `<p>Questions? Call our admissions team at <a href="tel:${esc(view.centerPhone.replace(/[^0-9+]/g, ''))}">${esc(view.centerPhone)}</a>.</p>`
    : '';
  return ref + phone;
}

export function resultHtml(view: PatientResultView, contact: ContactShown): string {
  const r = patientResult(view, contact);
  const items = r.items.length ? `<ul class="result-list">${r.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>` : '';
  const [first, ...rest] = r.paragraphs;
  return `<div class="${r.kind}"><p${first === 'This is taking longer than usual.' ? ' class="strong"' : ''}>${esc(first ?? '')}</p>${items}${rest
    .map((p) => `<p>${esc(p)}</p>`)
    .join(
      '',
    )}</div>${referenceHtml(view)}<p>Most clients start within 24–48 hours, by telehealth or in person. Checking your coverage does not commit you to anything.</p>`;
}
