// Behavioral health administered by another organisation: a 2120 entity on a BH benefit
// (X3 UM org, Y2 MCO, VN vendor, PR payer, P5 plan sponsor), EB01 U / MC with an entity,
// or a payer message naming a known behavioral-health administrator.
import type { BenefitRelatedEntity, EligibilityBenefit } from '@bvs/x12';
import { ACTIVE_CODES, PLAN_STCS } from './codes';
import { isBehavioralHealthBenefit } from './precedence';
import type { CarveOut } from './summary';

const CARVE_OUT_ENTITIES = new Set(['X3', 'Y2', 'VN', 'PR', 'P5']);

/** Known administrators: text pattern -> the name staff know them by. */
const KNOWN_ADMINISTRATORS: [RegExp, string][] = [
  [/CARELON|BEACON HEALTH/, 'Carelon Behavioral Health'],
  [/EVERNORTH|CIGNA BEHAVIORAL/, 'Evernorth Behavioral Health'],
  [/OPTUM BEHAVIORAL|UNITED BEHAVIORAL|\bUBH\b/, 'Optum Behavioral Health'],
  [/MAGELLAN/, 'Magellan Healthcare'],
  [/HALCYON/, 'Halcyon Behavioral'],
  [/NEW DIRECTIONS/, 'New Directions Behavioral Health'],
  [/LUCET/, 'Lucet'],
  [/COMPSYCH/, 'ComPsych'],
  [/\bMHN\b|MANAGED HEALTH NETWORK/, 'MHN'],
];

const ADMINISTERED_BY = /(?:BEHAVIORAL|BEHAVIOURAL|MENTAL) HEALTH(?: AND SUBSTANCE (?:ABUSE|USE))?(?: BENEFITS| SERVICES)? (?:IS |ARE )?(?:ADMINISTERED|MANAGED|PROVIDED|HANDLED) BY:? ([A-Z0-9 &.,'-]+?)(?:\s+(?:AT|PHONE|CALL|TEL)\b.*|[.;]|$)/;
const PHONE = /(?:1[-. ]?)?\(?(\d{3})\)?[-. ]?(\d{3})[-. ]?(\d{4})/;

function phoneOf(entity: BenefitRelatedEntity): string | undefined {
  for (const c of entity.contacts) {
    const te = c.communications.find((x) => x.qualifier === 'TE');
    if (te) return te.number;
  }
  return undefined;
}

function entityName(entity: BenefitRelatedEntity): string | undefined {
  const n = entity.name;
  const parts = [n.lastNameOrOrganizationName, n.firstName].filter((p): p is string => !!p && p.trim() !== '');
  return parts.length > 0 ? parts.join(n.entityTypeQualifier === '1' ? ', ' : ' ') : undefined;
}

const same = (a: string | undefined, b: string | undefined): boolean => !!a && !!b && a.trim().toUpperCase() === b.trim().toUpperCase();

function fromEntity(benefit: EligibilityBenefit, payerName: string | undefined): CarveOut | undefined {
  const code = benefit.informationCode;
  const contactOther = code === 'U' || code === 'MC';
  const bh = isBehavioralHealthBenefit(benefit);
  const planWide = benefit.serviceTypeCodes.length === 0 || benefit.serviceTypeCodes.some((c) => PLAN_STCS.has(c));
  if (!bh && !(code === 'U' && planWide)) return undefined;
  for (const e of benefit.relatedEntities) {
    const nm101 = e.name.entityIdentifierCode;
    if (!contactOther && !(CARVE_OUT_ENTITIES.has(nm101) && (ACTIVE_CODES.has(code) || bh))) continue;
    const name = entityName(e);
    // The payer naming itself is not a carve-out.
    if (!name || same(name, payerName)) continue;
    const out: CarveOut = { name, entityCode: nm101, source: benefit.source, foundBy: 'entity' };
    if (e.name.identificationCode) out.payerId = e.name.identificationCode;
    const phone = phoneOf(e);
    if (phone) out.phone = phone;
    return out;
  }
  return undefined;
}

export function carveOutFromMessage(text: string): CarveOut | undefined {
  const t = text.toUpperCase();
  const known = KNOWN_ADMINISTRATORS.find(([re]) => re.test(t));
  const named = ADMINISTERED_BY.exec(t)?.[1]?.replace(PHONE, '').replace(/[\s,.-]+$/, '').trim();
  if (!known && !named) return undefined;
  const out: CarveOut = { name: known ? known[1] : (named ?? ''), foundBy: 'message', source: text };
  const phone = PHONE.exec(t);
  if (phone) out.phone = `${phone[1]}${phone[2]}${phone[3]}`;
  return out;
}

export function findCarveOut(benefits: EligibilityBenefit[], payerName: string | undefined): CarveOut | null {
  for (const b of benefits) {
    const c = fromEntity(b, payerName);
    if (c) return c;
  }
  for (const b of benefits) {
    for (const m of b.messages) {
      const c = carveOutFromMessage(m);
      // A payer message that merely names the payer itself is not a carve-out either.
      if (c && !same(c.name, payerName)) return c;
    }
  }
  return null;
}
