// Maps a Stedi / Change Healthcare "medicalnetwork eligibility v3" JSON response into the same
// model as an X12 271, so everything downstream is format-agnostic. A JSON object that carries
// only the raw `x12` string is parsed as X12.
import { X12Error } from './errors';
import type {
  Address,
  BenefitRelatedEntity,
  Contact,
  DateReference,
  EligibilityBenefit,
  EligibilityResponse,
  EntityName,
  HealthCareServicesDelivery,
  MemberDetail,
  Reference,
  Rejection,
  SubscriberLoop,
  Trace,
  X12Warning,
} from './model';
import { parse271 } from './read-271';
import { isoDate, put } from './segments';

type Json = Record<string, unknown>;

function obj(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

function arr(v: unknown): Json[] {
  if (!Array.isArray(v)) return [];
  const out: Json[] = [];
  for (const x of v) {
    const o = obj(x);
    if (o) out.push(o);
  }
  return out;
}

/** Strings as received; numbers (some producers emit them) are stringified, never re-computed. */
function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}

function strs(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return v.map(str).filter((s) => s !== '');
}

// Stedi spells codes out as names; these tables turn the common ones back into X12 codes.
const CONTACT_QUALIFIERS: Record<string, string> = {
  'Uniform Resource Locator (URL)': 'UR',
  Telephone: 'TE',
  'Telephone Extension': 'EX',
  Extension: 'EX',
  Facsimile: 'FX',
  'Electronic Mail': 'EM',
  'Work Phone Number': 'WP',
};

const ENTITY_CODES: Record<string, string> = {
  Payer: 'PR',
  Provider: '1P',
  'Insured or Subscriber': 'IL',
  Dependent: '03',
  'Primary Care Provider': 'P3',
  'Plan Sponsor': 'P5',
  Vendor: 'VN',
  'Utilization Management Organization': 'X3',
  'Managed Care Organization': 'Y2',
  'Third-Party Administrator': '2B',
  'Primary Payer': 'PRP',
  'Secondary Payer': 'SEP',
  'Tertiary Payer': 'TTP',
  'Preferred Provider Organization (PPO)': '1I',
  'Health Care Facility': 'FA',
  'Contracted Service Provider': '13',
};

const FOLLOW_UP_CODES: Record<string, string> = {
  'Please Correct and Resubmit': 'C',
  'Resubmission Not Allowed': 'N',
  'Please Resubmit Original Transaction': 'P',
  'Resubmission Allowed': 'R',
  'Do Not Resubmit; Inquiry Initiated to a Third Party': 'S',
  'Please Wait 30 Days and Resubmit': 'W',
  'Please Wait 10 Days and Resubmit': 'X',
  'Do Not Resubmit; We Will Hold Your Request and Respond Again Shortly': 'Y',
};

// JSON date keys -> DTP01 qualifiers.
const DATE_QUALIFIERS: Record<string, string> = {
  discharge: '096',
  issue: '102',
  periodStart: '193',
  periodEnd: '194',
  certification: '198',
  benefit: '292',
  coordinationOfBenefits: '290',
  plan: '291',
  primaryCareProvider: '295',
  latestVisitOrConsultation: '304',
  eligibility: '307',
  added: '318',
  cobraBegin: '340',
  cobraEnd: '341',
  premiumPaidToDateBegin: '342',
  premiumPaidToDateEnd: '343',
  planBegin: '346',
  planEnd: '347',
  benefitBegin: '348',
  benefitEnd: '349',
  eligibilityBegin: '356',
  eligibilityEnd: '357',
  enrollment: '382',
  admission: '435',
  dateOfDeath: '442',
  certificationExpiration: '458',
  service: '472',
  policyEffective: '539',
  policyExpiration: '540',
  latestUpdate: '636',
  status: '771',
};

// JSON reference keys -> REF01 qualifiers.
const REFERENCE_QUALIFIERS: Record<string, string> = {
  planNumber: '18',
  groupOrPolicyNumber: '1L',
  memberIdentificationNumber: '1W',
  familyUnitNumber: '49',
  groupNumber: '6P',
  referralNumber: '9F',
  alternativeListId: 'ALS',
  classOfContractCode: 'CLI',
  healthInsuranceClaimNumber: 'F6',
  identificationCardSerialNumber: 'GH',
  identityCardNumber: 'HJ',
  insurancePolicyNumber: 'IG',
  priorAuthorizationNumber: 'G1',
  planNetworkIdNumber: 'N6',
  medicalAssistanceCategory: 'NQ',
  patientAccountNumber: 'EJ',
  socialSecurityNumber: 'SY',
  medicaidRecipientIdNumber: 'NQ',
};

function code(value: unknown, table: Record<string, string>): string {
  const s = str(value);
  return Object.hasOwn(table, s) ? table[s] : s;
}

function entityType(v: unknown): string {
  const s = str(v);
  if (s === 'Person') return '1';
  if (s === 'Non-Person Entity') return '2';
  return s;
}

function address(v: unknown): Address | undefined {
  const a = obj(v);
  if (!a) return undefined;
  const out: Address = {};
  put(out, 'line1', str(a.address1));
  put(out, 'line2', str(a.address2));
  put(out, 'city', str(a.city));
  put(out, 'state', str(a.state));
  put(out, 'postalCode', str(a.postalCode));
  return Object.keys(out).length > 0 ? out : undefined;
}

function contacts(v: unknown): Contact[] {
  const info = obj(v);
  if (!info) return [];
  const communications = arr(info.contacts).map((c) => ({
    qualifier: code(c.communicationMode, CONTACT_QUALIFIERS),
    number: str(c.communicationNumber),
  }));
  if (communications.length === 0 && !str(info.name)) return [];
  const c: Contact = { functionCode: 'IC', communications };
  put(c, 'name', str(info.name));
  return [c];
}

/** "20240101" or "20240101-20241231" -> DateReference. */
function dateRef(qualifier: string, raw: string, warnings: X12Warning[]): DateReference {
  const dash = raw.indexOf('-');
  if (dash === 8) {
    const start = isoDate(raw.slice(0, 8));
    const end = isoDate(raw.slice(9));
    if (start && end) return { qualifier, start, end, raw };
  } else {
    const start = isoDate(raw);
    if (start) return { qualifier, start, raw };
  }
  warnings.push({ code: 'INVALID_DATE', message: `date ${qualifier} is not CCYYMMDD; kept raw` });
  return { qualifier, start: '', raw };
}

function dates(v: unknown, warnings: X12Warning[]): DateReference[] {
  const o = obj(v);
  if (!o) return [];
  const out: DateReference[] = [];
  for (const [key, value] of Object.entries(o)) {
    const raw = str(value);
    if (raw === '') continue;
    const q = Object.hasOwn(DATE_QUALIFIERS, key) ? DATE_QUALIFIERS[key] : undefined;
    if (!q) {
      warnings.push({ code: 'UNKNOWN_JSON_FIELD', message: `unmapped date field ${key}` });
      continue;
    }
    out.push(dateRef(q, raw, warnings));
  }
  return out;
}

function references(sources: (Json | undefined)[], descriptionFor?: Record<string, string>): Reference[] {
  const seen = new Set<string>();
  const out: Reference[] = [];
  for (const o of sources) {
    if (!o) continue;
    for (const [key, qualifier] of Object.entries(REFERENCE_QUALIFIERS)) {
      const value = str(o[key]);
      if (value === '' || seen.has(qualifier + '\u0000' + value)) continue;
      seen.add(qualifier + '\u0000' + value);
      const r: Reference = { qualifier, value };
      put(r, 'description', descriptionFor?.[qualifier] ?? '');
      out.push(r);
    }
  }
  return out;
}

function rejections(v: unknown, loop: Rejection['loop']): Rejection[] {
  return arr(v).map((e) => {
    const r: Rejection = { loop, validRequest: str(e.validRequestIndicator) || 'N', reasonCode: str(e.code) };
    put(r, 'followUpAction', code(e.followupAction, FOLLOW_UP_CODES));
    return r;
  });
}

function loopOf(location: string): Rejection['loop'] {
  const m = /\b(2000A|2100A|2100B|2100C|2100D|2110C|2110D)\b/.exec(location);
  return m ? (m[1] as Rejection['loop']) : '2100C';
}

function personName(p: Json, entity: string): EntityName {
  const n: EntityName = { entityIdentifierCode: entity, entityTypeQualifier: '1' };
  put(n, 'lastNameOrOrganizationName', str(p.lastName));
  put(n, 'firstName', str(p.firstName));
  put(n, 'middleName', str(p.middleName));
  put(n, 'suffix', str(p.suffix));
  if (str(p.memberId)) {
    n.identificationCodeQualifier = 'MI';
    n.identificationCode = str(p.memberId);
  }
  return n;
}

function member(p: Json, entity: string, loop: Rejection['loop'], planInformation: Json | undefined, warnings: X12Warning[]): MemberDetail {
  const m: MemberDetail = {
    name: personName(p, entity),
    references: references([p, planInformation], planInformation ? { '6P': str(planInformation.groupDescription) } : undefined),
    dates: [],
    rejections: rejections(p.aaaErrors, loop),
  };
  const addr = address(p.address);
  if (addr) m.address = addr;
  const dob = str(p.dateOfBirth);
  if (dob) {
    const iso = isoDate(dob) ?? (isoDate(dob.replace(/-/g, '')) || undefined);
    if (iso) m.dateOfBirth = iso;
    else warnings.push({ code: 'INVALID_DATE', message: 'dateOfBirth is not CCYYMMDD' });
  }
  put(m, 'gender', str(p.gender));
  put(m, 'insuredIndicator', str(p.insuredIndicator));
  put(m, 'relationshipCode', str(p.relationToSubscriberCode));
  return m;
}

function traces(v: unknown): Trace[] {
  return arr(v).map((t) => {
    const out: Trace = { typeCode: str(t.traceTypeCode), referenceId: str(t.referenceIdentification) };
    put(out, 'originatingCompanyId', str(t.originatingCompanyIdentifier));
    put(out, 'supplementalId', str(t.secondaryReferenceIdentification));
    return out;
  });
}

function relatedEntity(e: Json): BenefitRelatedEntity {
  const name: EntityName = { entityIdentifierCode: code(e.entityIdentifier, ENTITY_CODES) };
  put(name, 'entityTypeQualifier', entityType(e.entityType));
  put(name, 'lastNameOrOrganizationName', str(e.entityName) || str(e.entityLastName) || str(e.lastName));
  put(name, 'firstName', str(e.entityFirstName) || str(e.firstName));
  put(name, 'middleName', str(e.entityMiddleName));
  put(name, 'suffix', str(e.entitySuffix));
  put(name, 'identificationCodeQualifier', str(e.entityIdentification));
  put(name, 'identificationCode', str(e.entityIdentificationValue));
  const out: BenefitRelatedEntity = { name, contacts: contacts(e.contactInformation) };
  const addr = address(e.address);
  if (addr) out.address = addr;
  if (str(e.providerCode) || str(e.providerTaxonomyCode)) {
    out.provider = {};
    put(out.provider, 'providerCode', str(e.providerCode));
    put(out.provider, 'referenceQualifier', str(e.referenceIdentificationQualifier) || (str(e.providerTaxonomyCode) ? 'PXC' : ''));
    put(out.provider, 'reference', str(e.providerTaxonomyCode));
  }
  return out;
}

function delivery(h: Json): HealthCareServicesDelivery {
  const out: HealthCareServicesDelivery = {};
  put(out, 'quantityQualifier', str(h.quantityQualifierCode));
  put(out, 'quantity', str(h.quantity));
  put(out, 'unitOrBasis', str(h.unitForMeasurementCode));
  put(out, 'sampleSelectionModulus', str(h.sampleSelectionModulus));
  put(out, 'timePeriodQualifier', str(h.timePeriodQualifierCode));
  put(out, 'periodCount', str(h.numOfPeriods));
  put(out, 'deliveryFrequency', str(h.deliveryOrCalendarPatternCode));
  put(out, 'deliveryPatternTime', str(h.deliveryPatternTimeCode));
  return out;
}

/** The same canonical EB text the X12 reader produces, synthesised from the JSON fields. */
export function synthesizeEb(b: EligibilityBenefit): string {
  const p = b.procedure;
  const eb13 = p ? [p.qualifier, p.code, ...p.modifiers].join(':') : '';
  const e = [
    b.informationCode,
    b.coverageLevelCode ?? '',
    b.serviceTypeCodes.join('^'),
    b.insuranceTypeCode ?? '',
    b.planCoverageDescription ?? '',
    b.timePeriodQualifier ?? '',
    b.monetaryAmount ?? '',
    b.percent ?? '',
    b.quantityQualifier ?? '',
    b.quantity ?? '',
    b.authorizationRequired ?? '',
    b.inPlanNetwork ?? '',
    eb13,
  ];
  let last = e.length - 1;
  while (last > 0 && e[last] === '') last--;
  return 'EB*' + e.slice(0, last + 1).join('*');
}

function benefit(j: Json, loop: 'C' | 'D', warnings: X12Warning[]): EligibilityBenefit {
  const b: EligibilityBenefit = {
    informationCode: str(j.code),
    serviceTypeCodes: strs(j.serviceTypeCodes),
    deliveries: arr(j.benefitsServiceDelivery).map(delivery),
    references: references([obj(j.benefitsAdditionalInformation)]),
    dates: dates(j.benefitsDateInformation, warnings),
    rejections: rejections(j.benefitsAaaErrors ?? j.aaaErrors, loop === 'D' ? '2110D' : '2110C'),
    messages: arr(j.additionalInformation).map((a) => str(a.description)),
    additionalInformation: [],
    relatedEntities: [],
    source: '',
  };
  put(b, 'coverageLevelCode', str(j.coverageLevelCode));
  put(b, 'insuranceTypeCode', str(j.insuranceTypeCode));
  put(b, 'planCoverageDescription', str(j.planCoverage));
  put(b, 'timePeriodQualifier', str(j.timeQualifierCode));
  put(b, 'monetaryAmount', str(j.benefitAmount));
  put(b, 'percent', str(j.benefitPercent));
  put(b, 'quantityQualifier', str(j.quantityQualifierCode));
  put(b, 'quantity', str(j.benefitQuantity));
  put(b, 'authorizationRequired', str(j.authOrCertIndicator));
  put(b, 'inPlanNetwork', str(j.inPlanNetworkIndicatorCode));
  const proc = obj(j.compositeMedicalProcedureIdentifier);
  if (proc) {
    b.procedure = {
      qualifier: str(proc.productOrServiceIdQualifierCode),
      code: str(proc.procedureCode),
      modifiers: strs(proc.procedureModifiers),
    };
  }
  const extra = [
    ...arr(j.eligibilityAdditionalInformationList),
    ...(obj(j.eligibilityAdditionalInformation) ? [j.eligibilityAdditionalInformation as Json] : []),
  ];
  for (const x of extra) {
    const a: EligibilityBenefit['additionalInformation'][number] = {};
    put(a, 'codeListQualifier', str(x.codeListQualifierCode));
    put(a, 'industryCode', str(x.industryCode));
    put(a, 'categoryCode', str(x.codeCategory));
    put(a, 'freeText', str(x.injuredBodyPartName));
    b.additionalInformation.push(a);
  }
  const entities = Array.isArray(j.benefitsRelatedEntities) ? arr(j.benefitsRelatedEntities) : arr([j.benefitsRelatedEntity]);
  b.relatedEntities = entities.map(relatedEntity);
  b.source = synthesizeEb(b);
  return b;
}

function looksLikeJsonResponse(o: Json): boolean {
  return ['benefitsInformation', 'planStatus', 'subscriber', 'errors', 'dependents'].some((k) => k in o);
}

/** Maps one JSON eligibility response (already JSON.parse'd) into the model. */
export function parseEligibilityJson(input: unknown): EligibilityResponse {
  const o = obj(input);
  if (!o) throw new X12Error('INVALID_JSON', 'eligibility JSON must be an object');
  if (!looksLikeJsonResponse(o)) {
    if (typeof o.x12 === 'string' && o.x12.trim() !== '') {
      const sets = parse271(o.x12);
      return sets[0];
    }
    throw new X12Error('NOT_ELIGIBILITY_RESPONSE', 'JSON has neither eligibility fields nor an x12 string');
  }
  const warnings: X12Warning[] = [];
  const response: EligibilityResponse = {
    format: 'json',
    source: { contacts: [], rejections: [] },
    subscribers: [],
    unknownSegments: [],
    warnings,
  };
  put(response, 'interchangeControlNumber', str(o.controlNumber));
  const meta = obj(o.meta);
  if (meta) put(response, 'submitterTransactionId', str(meta.traceId));

  const payer = obj(o.payer);
  if (payer) {
    const name: EntityName = { entityIdentifierCode: 'PR', entityTypeQualifier: '2' };
    put(name, 'lastNameOrOrganizationName', str(payer.name) || str(payer.lastName));
    const id = str(payer.payorIdentification) || str(payer.payerIdentification) || str(payer.centersForMedicareAndMedicaidPlanId);
    if (id) {
      name.identificationCodeQualifier = str(payer.centersForMedicareAndMedicaidPlanId) && !str(payer.payorIdentification) ? 'XV' : 'PI';
      name.identificationCode = id;
    }
    response.source.name = name;
    response.source.contacts = contacts(payer.contactInformation);
    response.source.rejections = rejections(payer.aaaErrors, '2100A');
  }

  const provider = obj(o.provider);
  if (provider) {
    const name: EntityName = { entityIdentifierCode: '1P', entityTypeQualifier: entityType(provider.entityType) || '2' };
    put(name, 'lastNameOrOrganizationName', str(provider.providerName) || str(provider.providerOrgName) || str(provider.lastName));
    put(name, 'firstName', str(provider.providerFirstName) || str(provider.firstName));
    if (str(provider.npi)) {
      name.identificationCodeQualifier = 'XX';
      name.identificationCode = str(provider.npi);
    }
    response.receiver = { name, references: [], rejections: rejections(provider.aaaErrors, '2100B') };
  }

  const planInformation = obj(o.planInformation);
  const subscriberJson = obj(o.subscriber);
  const benefitsJson = arr(o.benefitsInformation);
  const dependentsJson = arr(o.dependents);
  if (subscriberJson || benefitsJson.length > 0 || dependentsJson.length > 0 || Array.isArray(o.planStatus)) {
    const sub: SubscriberLoop = {
      traces: traces(subscriberJson?.subscriberTraceNumbers),
      member: subscriberJson
        ? member(subscriberJson, 'IL', '2100C', planInformation, warnings)
        : { references: [], dates: [], rejections: [] },
      benefits: benefitsJson.map((b) => benefit(b, 'C', warnings)),
      dependents: dependentsJson.map((d) => ({
        traces: traces(d.dependentTraceNumbers),
        member: member(d, '03', '2100D', undefined, warnings),
        benefits: [],
      })),
    };
    sub.member.dates = dates(o.planDateInformation, warnings);
    // Without benefitsInformation, planStatus is the only coverage statement: turn it into EBs.
    if (benefitsJson.length === 0) {
      for (const s of arr(o.planStatus)) {
        const b = benefit({ code: s.statusCode, serviceTypeCodes: s.serviceTypeCodes, planCoverage: s.planDetails }, 'C', warnings);
        sub.benefits.push(b);
      }
    }
    response.subscribers.push(sub);
  }

  // Top-level errors[] repeat the per-entity aaaErrors; use them only when nothing was placed.
  const placed =
    response.source.rejections.length +
    (response.receiver?.rejections.length ?? 0) +
    response.subscribers.reduce(
      (n, s) => n + s.member.rejections.length + s.dependents.reduce((k, d) => k + d.member.rejections.length, 0),
      0,
    );
  if (placed === 0) {
    for (const e of arr(o.errors)) {
      const loop = loopOf(str(e.location));
      const r = rejections([e], loop)[0];
      if (loop === '2000A' || loop === '2100A') response.source.rejections.push(r);
      else if (loop === '2100B') (response.receiver ??= { references: [], rejections: [] }).rejections.push(r);
      else {
        if (response.subscribers.length === 0)
          response.subscribers.push({ traces: [], member: { references: [], dates: [], rejections: [] }, benefits: [], dependents: [] });
        const sub = response.subscribers[0];
        if (loop === '2100D' && sub.dependents.length > 0) sub.dependents[0].member.rejections.push(r);
        else sub.member.rejections.push(r);
      }
    }
  }
  return response;
}
