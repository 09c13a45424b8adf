import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { normalizeDate } from '@bvs/store';
import type { ErrorDetail } from '../http/api-error';
import { flattenValidationErrors } from '../http/validation';
import { CreateVerificationDto } from '../verifications/dto/create-verification.dto';

// The public form posted without JavaScript (application/x-www-form-urlencoded): the same
// fields the form's script reads, turned into the API's body and validated by the same DTO.

type FieldError = [string | null, string];

/** What a patient reads for an API field (the API's own wording is for developers). */
const MESSAGES: Record<string, string> = {
  payer: 'We could not find that insurance company. Check the name on your card, or choose it from the list.',
  network: 'Tell us which insurance company is named on your card.',
  'member.id': 'Enter your member ID exactly as it appears on your insurance card (letters, numbers and hyphens).',
  'subscriber.id': 'Enter your member ID exactly as it appears on your insurance card (letters, numbers and hyphens).',
  'member.firstName': 'Enter your first name (letters, spaces, apostrophes, hyphens and periods).',
  'member.lastName': 'Enter your last name (letters, spaces, apostrophes, hyphens and periods).',
  'member.dateOfBirth': 'Enter your date of birth as a real date, like 04/12/1990.',
  'subscriber.firstName': 'Enter the policy holder’s first name.',
  'subscriber.lastName': 'Enter the policy holder’s last name.',
  'subscriber.dateOfBirth': 'Enter the policy holder’s date of birth as a real date, like 04/12/1990.',
  'contact.phone': 'Enter a phone number, like 714 555 0123, or an email address.',
  'contact.email': 'Enter an email address in the correct format, like name@example.com.',
  'contact.consentToContact': 'Check the box to let the admissions team contact you.',
  'contact.preferredTime': 'Choose when we should call.',
  levelsOfCare: 'Choose the care you are interested in, or “I am not sure”.',
};

const TEXT_FIELDS = [
  'payer',
  'payer-other',
  'card-payer',
  'member-id',
  'member-first',
  'member-last',
  'member-dob',
  'not-holder',
  'subscriber-first',
  'subscriber-last',
  'subscriber-dob',
  'loc',
  'contact-phone',
  'contact-email',
  'contact-time',
  'consent',
];

export type FormSubmission =
  | { body: CreateVerificationDto; values: Record<string, string>; mapApiErrors: (details: ErrorDetail[]) => FieldError[] }
  | { errors: FieldError[]; values: Record<string, string> };

export async function readFormSubmission(params: URLSearchParams): Promise<FormSubmission> {
  const values: Record<string, string> = {};
  for (const name of TEXT_FIELDS) values[name] = (params.get(name) ?? '').trim().slice(0, 200);
  const choice = values.payer;
  const networkKeys = new Set(['multiplan', 'halcyon']);
  const payerInput = choice === 'other' ? 'payer-other' : networkKeys.has(choice) ? 'card-payer' : 'payer';
  const inputOf = (field: string): string | null => {
    if (field === 'payer' || field === 'network') return payerInput;
    if (field === 'member.id' || field === 'subscriber.id') return 'member-id';
    if (field === 'contact' || field === 'contact.phone') return 'contact-phone';
    if (field === 'contact.email') return 'contact-email';
    if (field === 'contact.consentToContact') return 'consent';
    if (field === 'contact.preferredTime') return 'contact-time';
    const m = /^(member|subscriber)\.(firstName|lastName|dateOfBirth)$/.exec(field);
    if (m) return `${m[1]}-${{ firstName: 'first', lastName: 'last', dateOfBirth: 'dob' }[m[2] as 'firstName']}`;
    return null;
  };
  const mapApiErrors = (details: ErrorDetail[]): FieldError[] => {
    const seen = new Set<string>();
    const out: FieldError[] = [];
    for (const d of details) {
      const input = d.field ? inputOf(d.field) : null;
      const key = input ?? d.message;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push([input, (d.field && MESSAGES[d.field]) || d.message]);
    }
    return out.length ? out : [[null, 'Some details could not be accepted. Please check them and try again.']];
  };

  if (!choice) return { values, errors: [['payer', 'Choose your insurance company, or “I do not have insurance”.']] };
  const selfPay = choice === 'self-pay';
  const memberId = selfPay ? '' : values['member-id'].replace(/\s+/g, '');
  const dob = (text: string): string => normalizeDate(text) ?? text;
  const person = (prefix: string) => ({
    firstName: values[`${prefix}-first`],
    lastName: values[`${prefix}-last`],
    dateOfBirth: dob(values[`${prefix}-dob`]),
  });
  const body: Record<string, unknown> = {
    payer: choice === 'other' ? values['payer-other'] : networkKeys.has(choice) ? values['card-payer'] : choice,
    ...(networkKeys.has(choice) ? { network: choice } : {}),
    member: { ...person('member'), ...(memberId && values['not-holder'] !== 'on' ? { id: memberId } : {}) },
    ...(values['not-holder'] === 'on' ? { subscriber: { ...person('subscriber'), ...(memberId ? { id: memberId } : {}) } } : {}),
    ...(values.loc ? { levelsOfCare: [values.loc] } : {}),
    contact: {
      ...(values['contact-phone'] ? { phone: values['contact-phone'] } : {}),
      ...(values['contact-email'] ? { email: values['contact-email'] } : {}),
      preferredTime: values['contact-time'] || 'Any time',
      consentToContact: values.consent === 'on',
    },
  };
  const dto = plainToInstance(CreateVerificationDto, body);
  const problems = flattenValidationErrors(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }));
  if (!selfPay && !memberId) problems.push({ field: 'member.id', message: 'the member id is required' });
  if (problems.length > 0) return { values, errors: mapApiErrors(problems) };
  return { body: dto, values, mapApiErrors };
}
