// 271 writer for the sandbox clearinghouse: scenario data (Response271Spec) -> full interchange.
// Values are written as given (after delimiter/character checks) so parse271 returns them exactly.
import { checkValue, optionalValue, segment } from './characters';
import { X12Error } from './errors';
import { envelope } from './interchange';
import type {
  BenefitSpec,
  Contact,
  EntityName,
  HealthCareServicesDelivery,
  MemberSpec,
  Reference,
  Rejection,
  Response271Spec,
  Trace,
} from './model';
import { d8 } from './segments';

/** Checks one element value: no delimiters or control characters; empty stays empty. */
function v(value: string | undefined, field: string, max = 264): string {
  return optionalValue(value, { field, max });
}

function dateValue(iso: string, field: string): string {
  const out = d8(iso);
  if (!out) throw new X12Error('INVALID_DATE', `${field} must be a real YYYY-MM-DD date`, undefined, undefined, field);
  return out;
}

function nm1(n: EntityName, field: string): string {
  return segment(
    'NM1',
    checkValue(n.entityIdentifierCode, { field: `${field}.entityIdentifierCode`, max: 3 }),
    v(n.entityTypeQualifier, `${field}.entityTypeQualifier`, 1),
    v(n.lastNameOrOrganizationName, `${field}.lastNameOrOrganizationName`, 60),
    v(n.firstName, `${field}.firstName`, 35),
    v(n.middleName, `${field}.middleName`, 25),
    '',
    v(n.suffix, `${field}.suffix`, 10),
    v(n.identificationCodeQualifier, `${field}.identificationCodeQualifier`, 2),
    v(n.identificationCode, `${field}.identificationCode`, 80),
  );
}

function per(c: Contact, field: string): string {
  const els = [checkValue(c.functionCode, { field: `${field}.functionCode`, max: 2 }), v(c.name, `${field}.name`, 60)];
  c.communications.slice(0, 3).forEach((x, i) => {
    els.push(v(x.qualifier, `${field}.communications[${i}].qualifier`, 2), v(x.number, `${field}.communications[${i}].number`, 256));
  });
  return segment('PER', ...els);
}

function ref(r: Reference, field: string): string {
  return segment(
    'REF',
    checkValue(r.qualifier, { field: `${field}.qualifier`, max: 3 }),
    checkValue(r.value, { field: `${field}.value`, max: 50 }),
    v(r.description, `${field}.description`, 80),
  );
}

function dtp(d: { qualifier: string; start: string; end?: string }, field: string): string {
  const q = checkValue(d.qualifier, { field: `${field}.qualifier`, exact: 3 });
  if (d.end) return segment('DTP', q, 'RD8', `${dateValue(d.start, `${field}.start`)}-${dateValue(d.end, `${field}.end`)}`);
  return segment('DTP', q, 'D8', dateValue(d.start, `${field}.start`));
}

function aaa(r: Omit<Rejection, 'loop'>, field: string): string {
  return segment(
    'AAA',
    checkValue(r.validRequest, { field: `${field}.validRequest`, exact: 1 }),
    '',
    checkValue(r.reasonCode, { field: `${field}.reasonCode`, max: 2 }),
    v(r.followUpAction, `${field}.followUpAction`, 1),
  );
}

function trn(t: Trace, field: string): string {
  return segment(
    'TRN',
    checkValue(t.typeCode, { field: `${field}.typeCode`, max: 2 }),
    checkValue(t.referenceId, { field: `${field}.referenceId`, max: 50 }),
    v(t.originatingCompanyId, `${field}.originatingCompanyId`, 10),
    v(t.supplementalId, `${field}.supplementalId`, 50),
  );
}

function hsd(h: HealthCareServicesDelivery, field: string): string {
  return segment(
    'HSD',
    v(h.quantityQualifier, `${field}.quantityQualifier`, 2),
    v(h.quantity, `${field}.quantity`, 15),
    v(h.unitOrBasis, `${field}.unitOrBasis`, 2),
    v(h.sampleSelectionModulus, `${field}.sampleSelectionModulus`, 6),
    v(h.timePeriodQualifier, `${field}.timePeriodQualifier`, 2),
    v(h.periodCount, `${field}.periodCount`, 3),
    v(h.deliveryFrequency, `${field}.deliveryFrequency`, 2),
    v(h.deliveryPatternTime, `${field}.deliveryPatternTime`, 1),
  );
}

/** The EB segment plus its 2110 children and 2120 LS/LE block. */
function benefit(b: BenefitSpec, field: string): string[] {
  const stc = (b.serviceTypeCodes ?? []).map((c, i) => checkValue(c, { field: `${field}.serviceTypeCodes[${i}]`, max: 2 }));
  let eb13 = '';
  if (b.procedure) {
    const p = b.procedure;
    eb13 = [
      checkValue(p.qualifier, { field: `${field}.procedure.qualifier`, max: 2 }),
      checkValue(p.code, { field: `${field}.procedure.code`, max: 48 }),
      ...p.modifiers.map((m, i) => checkValue(m, { field: `${field}.procedure.modifiers[${i}]`, max: 2 })),
    ].join(':');
  }
  const out = [
    segment(
      'EB',
      checkValue(b.informationCode, { field: `${field}.informationCode`, max: 2 }),
      v(b.coverageLevelCode, `${field}.coverageLevelCode`, 3),
      stc.join('^'),
      v(b.insuranceTypeCode, `${field}.insuranceTypeCode`, 3),
      v(b.planCoverageDescription, `${field}.planCoverageDescription`, 50),
      v(b.timePeriodQualifier, `${field}.timePeriodQualifier`, 2),
      v(b.monetaryAmount, `${field}.monetaryAmount`, 18),
      v(b.percent, `${field}.percent`, 10),
      v(b.quantityQualifier, `${field}.quantityQualifier`, 2),
      v(b.quantity, `${field}.quantity`, 15),
      v(b.authorizationRequired, `${field}.authorizationRequired`, 1),
      v(b.inPlanNetwork, `${field}.inPlanNetwork`, 1),
      eb13,
    ),
  ];
  (b.deliveries ?? []).forEach((h, i) => out.push(hsd(h, `${field}.deliveries[${i}]`)));
  (b.references ?? []).forEach((r, i) => out.push(ref(r, `${field}.references[${i}]`)));
  (b.dates ?? []).forEach((d, i) => out.push(dtp(d, `${field}.dates[${i}]`)));
  (b.rejections ?? []).forEach((r, i) => out.push(aaa(r, `${field}.rejections[${i}]`)));
  (b.messages ?? []).forEach((m, i) => out.push(segment('MSG', checkValue(m, { field: `${field}.messages[${i}]`, max: 264 }))));
  if (b.relatedEntities && b.relatedEntities.length > 0) {
    out.push('LS*2120');
    b.relatedEntities.forEach((e, i) => {
      out.push(nm1(e.name, `${field}.relatedEntities[${i}].name`));
      (e.contacts ?? []).forEach((c, j) => out.push(per(c, `${field}.relatedEntities[${i}].contacts[${j}]`)));
    });
    out.push('LE*2120');
  }
  return out;
}

function member(m: MemberSpec, field: string, withTraces: boolean): string[] {
  const out: string[] = [];
  if (withTraces) (m.traces ?? []).forEach((t, i) => out.push(trn(t, `${field}.traces[${i}]`)));
  out.push(nm1(m.name, `${field}.name`));
  (m.references ?? []).forEach((r, i) => out.push(ref(r, `${field}.references[${i}]`)));
  (m.rejections ?? []).forEach((r, i) => out.push(aaa(r, `${field}.rejections[${i}]`)));
  if (m.dateOfBirth || m.gender) {
    out.push(
      segment(
        'DMG',
        m.dateOfBirth ? 'D8' : '',
        m.dateOfBirth ? dateValue(m.dateOfBirth, `${field}.dateOfBirth`) : '',
        v(m.gender, `${field}.gender`, 1),
      ),
    );
  }
  if (m.insuredIndicator || m.relationshipCode) {
    out.push(segment('INS', v(m.insuredIndicator, `${field}.insuredIndicator`, 1), v(m.relationshipCode, `${field}.relationshipCode`, 2)));
  }
  (m.dates ?? []).forEach((d, i) => out.push(dtp(d, `${field}.dates[${i}]`)));
  (m.benefits ?? []).forEach((b, i) => out.push(...benefit(b, `${field}.benefits[${i}]`)));
  return out;
}

/** Builds a complete 271 interchange (one ST..SE) from scenario data. */
export function write271(spec: Response271Spec): string {
  const env = envelope({
    functionalId: 'HB',
    senderId: spec.senderId,
    receiverId: spec.receiverId,
    usageIndicator: spec.usageIndicator,
    createdAt: spec.createdAt,
    interchangeControlNumber: spec.interchangeControlNumber,
    groupControlNumber: spec.groupControlNumber,
    transactionSetControlNumber: spec.transactionSetControlNumber,
  });
  const body: string[] = [
    segment('ST', '271', env.st02, '005010X279A1'),
    segment('BHT', '0022', '11', v(spec.submitterTransactionId, 'submitterTransactionId', 50), env.date8, env.time4),
  ];
  const hasReceiver = spec.receiver !== undefined;
  const sub = spec.subscriber;
  body.push(segment('HL', '1', '', '20', hasReceiver ? '1' : '0'));
  body.push(nm1(spec.source.name, 'source.name'));
  (spec.source.contacts ?? []).forEach((c, i) => body.push(per(c, `source.contacts[${i}]`)));
  (spec.source.rejections ?? []).forEach((r, i) => body.push(aaa(r, `source.rejections[${i}]`)));
  if (spec.receiver) {
    body.push(segment('HL', '2', '1', '21', sub ? '1' : '0'));
    body.push(nm1(spec.receiver.name, 'receiver.name'));
    (spec.receiver.rejections ?? []).forEach((r, i) => body.push(aaa(r, `receiver.rejections[${i}]`)));
  }
  if (sub) {
    if (!hasReceiver) throw new X12Error('INVALID_HIERARCHY', 'a subscriber needs a receiver loop', undefined, undefined, 'receiver');
    const deps = sub.dependents ?? [];
    body.push(segment('HL', '3', '2', '22', deps.length > 0 ? '1' : '0'));
    body.push(...member(sub, 'subscriber', true));
    deps.forEach((d, i) => {
      body.push(segment('HL', String(4 + i), '3', '23', '0'));
      body.push(...member(d, `subscriber.dependents[${i}]`, true));
    });
  }
  body.push(segment('SE', String(body.length + 1), env.st02));
  return [...env.header, ...body, ...env.trailer].join('~') + '~';
}
