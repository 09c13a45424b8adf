// 270 builder: EligibilityInquiry -> 005010X279A1 text with * ^ : ~ and no line breaks.
// Every value is length- and character-checked here so a bad inquiry fails before it is sent.
import { checkValue, optionalValue, segment } from './characters';
import { X12Error } from './errors';
import { envelope } from './interchange';
import type { EligibilityInquiry, InquiryPerson } from './model';
import { validateNpi } from './npi';
import { d8 } from './segments';

function dateField(iso: string | undefined, field: string): string {
  if (iso === undefined || iso === '') throw new X12Error('MISSING_FIELD', `${field} is required`, undefined, undefined, field);
  const v = d8(iso);
  if (!v) throw new X12Error('INVALID_DATE', `${field} must be a real YYYY-MM-DD date`, undefined, undefined, field);
  return v;
}

function personName(p: InquiryPerson, prefix: string) {
  return {
    last: checkValue(p.lastName ?? '', { field: `${prefix}.lastName`, freeText: true, max: 60 }),
    first: checkValue(p.firstName ?? '', { field: `${prefix}.firstName`, freeText: true, max: 35 }),
    middle: optionalValue(p.middleName, { field: `${prefix}.middleName`, freeText: true, max: 25 }),
    suffix: optionalValue(p.suffix, { field: `${prefix}.suffix`, freeText: true, max: 10 }),
  };
}

function gender(g: string | undefined, field: string): string {
  if (g === undefined || g === '') return '';
  if (g !== 'M' && g !== 'F') throw new X12Error('INVALID_CODE', `${field} must be M or F`, undefined, undefined, field);
  return g;
}

function serviceTypes(codes: string[]): string {
  if (codes.length > 99) throw new X12Error('FIELD_TOO_LONG', 'at most 99 service type codes', undefined, undefined, 'serviceTypeCodes');
  for (const c of codes) {
    if (!/^[A-Z0-9]{1,2}$/.test(c)) {
      throw new X12Error(
        'INVALID_SERVICE_TYPE',
        `service type code ${JSON.stringify(c)} is not 1-2 upper-case letters/digits`,
        undefined,
        undefined,
        'serviceTypeCodes',
      );
    }
  }
  return codes.join('^');
}

/** Builds one 270 interchange (ISA..IEA) for a single patient. */
export function build270(inquiry: EligibilityInquiry): string {
  const payerName = checkValue(inquiry.payer?.name ?? '', { field: 'payer.name', freeText: true, max: 60 });
  const payerId = checkValue(inquiry.payer?.payerId ?? '', { field: 'payer.payerId', min: 2, max: 80 });

  const npi = inquiry.provider?.npi ?? '';
  if (!validateNpi(npi))
    throw new X12Error(
      'INVALID_NPI',
      'provider.npi is not a valid 10-digit NPI (Luhn check with 80840 prefix)',
      undefined,
      undefined,
      'provider.npi',
    );
  const prov = inquiry.provider;
  let providerNm1: string;
  if (prov.organizationName) {
    providerNm1 = segment(
      'NM1',
      '1P',
      '2',
      checkValue(prov.organizationName, { field: 'provider.organizationName', freeText: true, max: 60 }),
      '',
      '',
      '',
      '',
      'XX',
      npi,
    );
  } else if (prov.lastName) {
    const last = checkValue(prov.lastName, { field: 'provider.lastName', freeText: true, max: 60 });
    const first = optionalValue(prov.firstName, { field: 'provider.firstName', freeText: true, max: 35 });
    providerNm1 = segment('NM1', '1P', '1', last, first, '', '', '', 'XX', npi);
  } else {
    throw new X12Error(
      'MISSING_FIELD',
      'provider.organizationName or provider.lastName is required',
      undefined,
      undefined,
      'provider.organizationName',
    );
  }

  const sub = inquiry.subscriber;
  if (!sub) throw new X12Error('MISSING_FIELD', 'subscriber is required', undefined, undefined, 'subscriber');
  const subName = personName(sub, 'subscriber');
  const memberId = checkValue(sub.memberId ?? '', { field: 'subscriber.memberId', min: 2, max: 80 });
  const group = optionalValue(sub.groupNumber, { field: 'subscriber.groupNumber', max: 50 });
  const subDob = dateField(sub.dateOfBirth, 'subscriber.dateOfBirth');
  const subGender = gender(sub.gender, 'subscriber.gender');

  const trace = checkValue(inquiry.traceNumber ?? '', { field: 'traceNumber', max: 50 });
  const originator = checkValue(inquiry.traceOriginatorId ?? '', { field: 'traceOriginatorId', exact: 10 });

  const codes = inquiry.serviceTypeCodes ?? [];
  if (codes.length === 0 && !inquiry.procedure) {
    throw new X12Error(
      'MISSING_FIELD',
      'at least one service type code or a procedure is required',
      undefined,
      undefined,
      'serviceTypeCodes',
    );
  }
  const eq01 = serviceTypes(codes);
  let eq02 = '';
  if (inquiry.procedure) {
    const p = inquiry.procedure;
    const parts = [
      checkValue(p.qualifier, { field: 'procedure.qualifier', min: 2, max: 2 }),
      checkValue(p.code, { field: 'procedure.code', max: 48 }),
      ...(p.modifiers ?? []).slice(0, 4).map((m, i) => checkValue(m, { field: `procedure.modifiers[${i}]`, exact: 2 })),
    ];
    eq02 = parts.join(':');
  }
  const dos = inquiry.dateOfService ? dateField(inquiry.dateOfService, 'dateOfService') : '';

  const env = envelope({
    functionalId: 'HS',
    senderId: inquiry.submitterId ?? npi,
    receiverId: inquiry.receiverId ?? payerId.slice(0, 15),
    usageIndicator: inquiry.usageIndicator,
    createdAt: inquiry.createdAt,
    interchangeControlNumber: inquiry.interchangeControlNumber,
    groupControlNumber: inquiry.groupControlNumber,
    transactionSetControlNumber: inquiry.transactionSetControlNumber,
  });

  const dep = inquiry.dependent;
  const body: string[] = [
    segment('ST', '270', env.st02, '005010X279A1'),
    segment('BHT', '0022', '13', trace, env.date8, env.time4),
    segment('HL', '1', '', '20', '1'),
    segment('NM1', 'PR', '2', payerName, '', '', '', '', 'PI', payerId),
    segment('HL', '2', '1', '21', '1'),
    providerNm1,
    segment('HL', '3', '2', '22', dep ? '1' : '0'),
  ];
  // The TRN, date of service and EQ belong to the patient's loop (2000C or 2000D).
  const patientTail: string[] = [];
  if (dos) patientTail.push(segment('DTP', '291', 'D8', dos));
  patientTail.push(segment('EQ', eq01, eq02));
  const trn = segment('TRN', '1', trace, originator);

  if (!dep) body.push(trn);
  body.push(segment('NM1', 'IL', '1', subName.last, subName.first, subName.middle, '', subName.suffix, 'MI', memberId));
  if (group) body.push(segment('REF', '6P', group));
  body.push(segment('DMG', 'D8', subDob, subGender));
  if (dep) {
    const depName = personName(dep, 'dependent');
    const depDob = dateField(dep.dateOfBirth, 'dependent.dateOfBirth');
    body.push(segment('HL', '4', '3', '23', '0'), trn);
    body.push(segment('NM1', '03', '1', depName.last, depName.first, depName.middle, '', depName.suffix));
    body.push(segment('DMG', 'D8', depDob, gender(dep.gender, 'dependent.gender')));
  }
  body.push(...patientTail);
  body.push(segment('SE', String(body.length + 1), env.st02));
  return [...env.header, ...body, ...env.trailer].join('~') + '~';
}
