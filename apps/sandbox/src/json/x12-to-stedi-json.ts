import type {
  BenefitRelatedEntity,
  DateReference,
  EligibilityBenefit,
  EligibilityResponse,
  MemberDetail,
  Rejection,
  Trace,
} from '@bvs/x12';

// The sandbox's JSON face: a parsed 271 rewritten in the Stedi / Optum "eligibility v3" shape,
// the inverse of @bvs/x12's json-271.ts, so the JSON says what the X12 says.

type Json = Record<string, unknown>;

// X12 code -> the names Stedi spells out (json-271.ts maps them back; unknown codes pass as-is).
const ENTITY_NAMES: Record<string, string> = {
  PR: 'Payer',
  '1P': 'Provider',
  VN: 'Vendor',
  X3: 'Utilization Management Organization',
  Y2: 'Managed Care Organization',
  '2B': 'Third-Party Administrator',
  '1I': 'Preferred Provider Organization (PPO)',
  P5: 'Plan Sponsor',
};
const FOLLOW_UP_NAMES: Record<string, string> = {
  C: 'Please Correct and Resubmit',
  N: 'Resubmission Not Allowed',
  P: 'Please Resubmit Original Transaction',
  R: 'Resubmission Allowed',
  S: 'Do Not Resubmit; Inquiry Initiated to a Third Party',
  W: 'Please Wait 30 Days and Resubmit',
  X: 'Please Wait 10 Days and Resubmit',
  Y: 'Do Not Resubmit; We Will Hold Your Request and Respond Again Shortly',
};
const COMMUNICATION_NAMES: Record<string, string> = {
  TE: 'Telephone',
  UR: 'Uniform Resource Locator (URL)',
  FX: 'Facsimile',
  EM: 'Electronic Mail',
  EX: 'Telephone Extension',
};
const DATE_KEYS: Record<string, string> = {
  '346': 'planBegin',
  '347': 'planEnd',
  '291': 'plan',
  '307': 'eligibility',
  '356': 'eligibilityBegin',
  '357': 'eligibilityEnd',
  '472': 'service',
  '348': 'benefitBegin',
  '349': 'benefitEnd',
  '193': 'periodStart',
  '194': 'periodEnd',
};
const REFERENCE_KEYS: Record<string, string> = {
  '6P': 'groupNumber',
  '18': 'planNumber',
  '1L': 'groupOrPolicyNumber',
  '1W': 'memberIdentificationNumber',
  IG: 'insurancePolicyNumber',
  N6: 'planNetworkIdNumber',
  G1: 'priorAuthorizationNumber',
  '9F': 'referralNumber',
};
const LOOP_LOCATIONS: Record<Rejection['loop'], string> = {
  '2000A': 'Loop 2000A',
  '2100A': 'Loop 2100A',
  '2100B': 'Loop 2100B',
  '2100C': 'Loop 2100C',
  '2100D': 'Loop 2100D',
  '2110C': 'Loop 2110C',
  '2110D': 'Loop 2110D',
};

/** One 271 transaction set as a Stedi v3 JSON response; `x12` carries the 271 text as Optum does. */
export function toStediJson(response: EligibilityResponse, x12: string): Json {
  const out: Json = {
    meta: compact({ applicationMode: 'sandbox', traceId: response.submitterTransactionId }),
    controlNumber: response.interchangeControlNumber,
  };
  const payerName = response.source.name;
  if (payerName) {
    out.payer = compact({
      name: payerName.lastNameOrOrganizationName,
      payorIdentification: payerName.identificationCode,
      aaaErrors: aaa(response.source.rejections),
    });
  }
  if (response.receiver?.name) {
    const p = response.receiver.name;
    out.provider = compact({
      providerName: p.lastNameOrOrganizationName,
      entityType: p.entityTypeQualifier === '1' ? 'Person' : 'Non-Person Entity',
      npi: p.identificationCodeQualifier === 'XX' ? p.identificationCode : undefined,
      aaaErrors: aaa(response.receiver.rejections),
    });
  }
  const sub = response.subscribers[0];
  if (sub) {
    const group = sub.member.references.find((r) => r.qualifier === '6P');
    out.subscriber = { ...person(sub.member), subscriberTraceNumbers: traces(sub.traces) };
    out.planInformation = compact({ ...references(sub.member), groupDescription: group?.description });
    out.planDateInformation = dates(sub.member.dates);
    out.benefitsInformation = sub.benefits.map(benefit);
    if (sub.dependents.length > 0)
      out.dependents = sub.dependents.map((d) => ({ ...person(d.member), dependentTraceNumbers: traces(d.traces) }));
  }
  // Top-level errors[] repeat every AAA, with its loop, as Stedi does.
  const all = [
    ...response.source.rejections,
    ...(response.receiver?.rejections ?? []),
    ...response.subscribers.flatMap((s) => [...s.member.rejections, ...s.dependents.flatMap((d) => d.member.rejections)]),
  ];
  if (all.length > 0) out.errors = aaa(all);
  out.x12 = x12;
  return compact(out);
}

function person(m: MemberDetail): Json {
  const n = m.name;
  return compact({
    memberId: n?.identificationCode,
    firstName: n?.firstName,
    lastName: n?.lastNameOrOrganizationName,
    middleName: n?.middleName,
    suffix: n?.suffix,
    gender: m.gender,
    dateOfBirth: m.dateOfBirth?.replace(/-/g, ''),
    relationToSubscriberCode: m.relationshipCode,
    insuredIndicator: m.insuredIndicator,
    aaaErrors: aaa(m.rejections),
  });
}

function benefit(b: EligibilityBenefit): Json {
  return compact({
    code: b.informationCode,
    coverageLevelCode: b.coverageLevelCode,
    serviceTypeCodes: b.serviceTypeCodes.length > 0 ? b.serviceTypeCodes : undefined,
    insuranceTypeCode: b.insuranceTypeCode,
    planCoverage: b.planCoverageDescription,
    timeQualifierCode: b.timePeriodQualifier,
    benefitAmount: b.monetaryAmount,
    benefitPercent: b.percent,
    quantityQualifierCode: b.quantityQualifier,
    benefitQuantity: b.quantity,
    authOrCertIndicator: b.authorizationRequired,
    inPlanNetworkIndicatorCode: b.inPlanNetwork,
    compositeMedicalProcedureIdentifier: b.procedure
      ? compact({
          productOrServiceIdQualifierCode: b.procedure.qualifier,
          procedureCode: b.procedure.code,
          procedureModifiers: b.procedure.modifiers.length > 0 ? b.procedure.modifiers : undefined,
        })
      : undefined,
    benefitsServiceDelivery:
      b.deliveries.length > 0
        ? b.deliveries.map((d) =>
            compact({
              quantityQualifierCode: d.quantityQualifier,
              quantity: d.quantity,
              unitForMeasurementCode: d.unitOrBasis,
              sampleSelectionModulus: d.sampleSelectionModulus,
              timePeriodQualifierCode: d.timePeriodQualifier,
              numOfPeriods: d.periodCount,
              deliveryOrCalendarPatternCode: d.deliveryFrequency,
              deliveryPatternTimeCode: d.deliveryPatternTime,
            }),
          )
        : undefined,
    benefitsAdditionalInformation: b.references.length > 0 ? referencesOf(b.references) : undefined,
    benefitsDateInformation: b.dates.length > 0 ? dates(b.dates) : undefined,
    benefitsAaaErrors: aaa(b.rejections),
    additionalInformation: b.messages.length > 0 ? b.messages.map((description) => ({ description })) : undefined,
    benefitsRelatedEntities: b.relatedEntities.length > 0 ? b.relatedEntities.map(relatedEntity) : undefined,
  });
}

function relatedEntity(e: BenefitRelatedEntity): Json {
  const n = e.name;
  const communications = e.contacts.flatMap((c) => c.communications);
  return compact({
    entityIdentifier: ENTITY_NAMES[n.entityIdentifierCode] ?? n.entityIdentifierCode,
    entityType: n.entityTypeQualifier === '1' ? 'Person' : n.entityTypeQualifier === '2' ? 'Non-Person Entity' : undefined,
    entityName: n.lastNameOrOrganizationName,
    entityFirstName: n.firstName,
    entityIdentification: n.identificationCodeQualifier,
    entityIdentificationValue: n.identificationCode,
    contactInformation:
      communications.length > 0
        ? compact({
            name: e.contacts[0]?.name,
            contacts: communications.map((c) => ({
              communicationMode: COMMUNICATION_NAMES[c.qualifier] ?? c.qualifier,
              communicationNumber: c.number,
            })),
          })
        : undefined,
  });
}

function aaa(rejections: Rejection[]): Json[] | undefined {
  if (rejections.length === 0) return undefined;
  return rejections.map((r) =>
    compact({
      code: r.reasonCode,
      followupAction: r.followUpAction ? (FOLLOW_UP_NAMES[r.followUpAction] ?? r.followUpAction) : undefined,
      location: LOOP_LOCATIONS[r.loop],
      validRequestIndicator: r.validRequest,
    }),
  );
}

function references(m: MemberDetail): Json {
  return referencesOf(m.references);
}

function referencesOf(refs: { qualifier: string; value: string }[]): Json {
  const out: Json = {};
  for (const r of refs) {
    const key = REFERENCE_KEYS[r.qualifier];
    if (key && out[key] === undefined) out[key] = r.value;
  }
  return out;
}

function dates(list: DateReference[]): Json | undefined {
  const out: Json = {};
  for (const d of list) {
    const key = DATE_KEYS[d.qualifier];
    if (key && out[key] === undefined) out[key] = d.raw || d.start.replace(/-/g, '') + (d.end ? `-${d.end.replace(/-/g, '')}` : '');
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function traces(list: Trace[]): Json[] | undefined {
  if (list.length === 0) return undefined;
  return list.map((t) =>
    compact({
      traceTypeCode: t.typeCode,
      referenceIdentification: t.referenceId,
      originatingCompanyIdentifier: t.originatingCompanyId,
      secondaryReferenceIdentification: t.supplementalId,
    }),
  );
}

function compact(o: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}
