// Behavioral health administered by another organisation (docs/coverage-summary.md "Carve-outs"): a 2120 entity
// on a BH benefit (X3 UM org, Y2 MCO, VN vendor, PR payer, P5 plan sponsor), EB01 U / MC with an
// entity, a 2120 entity on service type 30 whose name is a behavioral-health administrator's, or
// a payer message naming one. A primary care provider (EB01 L) or a pharmacy vendor is not one.
// The entity's NM109 keeps its NM108 qualifier: PI / XV is a payer id; MI is the patient's member
// id at the administrator (the member id of the follow-up 270, never a payer id).
import type { BenefitRelatedEntity, EligibilityBenefit } from '@bvs/x12';
import { isPlanStc } from './codes';
import { type ServiceProfile, isBehavioralHealthBenefit } from './precedence';
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

/** Names that mean pharmacy benefits (PBMs, specialty pharmacy): never a behavioral-health carve-out. */
const PHARMACY = /PHARMAC|\bRX\b|OPTUMRX|CAREMARK|EXPRESS SCRIPTS|\bPBM\b|MEDIMPACT|NAVITUS|PRIME THERAPEUTICS|ELIXIR|CAPITAL RX|SPECIALTY DRUG/;
/** Service types that are pharmacy benefits (88 Pharmacy, 89–92 prescription drugs, GF/GN generic/brand...). */
const PHARMACY_STCS = new Set(['88', '89', '90', '91', '92', '93', 'GF', 'GN', 'GP', 'GQ', 'GR', 'GS', 'GT', 'GU', 'GV', 'GW', 'GX', 'GY', 'GZ']);
/** Words in an entity's name that make it a behavioral-health administrator. */
const BH_ADMINISTRATOR_NAME = /BEHAVIORAL|BEHAVIOURAL|MENTAL HEALTH|\bMBHO\b|PSYCH/;
/** NM108 qualifiers whose NM109 is an id of the administrator as a payer. */
const PAYER_ID_QUALIFIERS = new Set(['PI', 'XV']);

const ADMINISTERED_BY = /(?:BEHAVIORAL|BEHAVIOURAL|MENTAL) HEALTH(?: AND SUBSTANCE (?:ABUSE|USE))?(?: BENEFITS| SERVICES)? (?:IS |ARE )?(?:ADMINISTERED|MANAGED|PROVIDED|HANDLED) BY:? ([A-Z0-9 &.,'-]+?)(?:\s+(?:AT|PHONE|CALL|TEL)\b.*|[.;]|$)/;
const PHONE = /(?:1[-. ]?)?\(?(\d{3})\)?[-. ]?(\d{3})[-. ]?(\d{4})/;

function phoneOf(entity: BenefitRelatedEntity): string | undefined {
  for (const c of entity.contacts) for (const x of c.communications) if (x.qualifier === 'TE') return x.number;
  return undefined;
}

function entityName(entity: BenefitRelatedEntity): string | undefined {
  const n = entity.name;
  const last = n.lastNameOrOrganizationName;
  const first = n.firstName;
  const hasLast = !!last && last.trim() !== '';
  const hasFirst = !!first && first.trim() !== '';
  if (hasLast && hasFirst) return `${last}${n.entityTypeQualifier === '1' ? ', ' : ' '}${first}`;
  if (hasLast) return last;
  return hasFirst ? first : undefined;
}

const same = (a: string | undefined, b: string | undefined): boolean => !!a && !!b && a.trim().toUpperCase() === b.trim().toUpperCase();

/** `upper`: the entity's name in upper case. */
function isBehavioralHealthAdministratorName(upper: string): boolean {
  return BH_ADMINISTRATOR_NAME.test(upper) || KNOWN_ADMINISTRATORS.some(([re]) => re.test(upper));
}

/** The entity's identifier by its qualifier: payer id (PI/XV), member id (MI), or another kind kept as sent. */
function withIdentifier(out: CarveOut, entity: BenefitRelatedEntity): CarveOut {
  const code = entity.name.identificationCode?.trim();
  if (!code) return out;
  const qualifier = entity.name.identificationCodeQualifier ?? '';
  if (PAYER_ID_QUALIFIERS.has(qualifier)) out.payerId = code;
  else if (qualifier === 'MI') out.memberId = code;
  out.identifier = { qualifier, code };
  return out;
}

/**
 * The entity is the payer naming itself: `upper` (the entity's name, upper case) equals the payer's
 * name trimmed and upper-cased. Lengths first: upper-casing never shortens a string (ß becomes SS),
 * so a shorter name cannot match, and reading a length costs less than comparing or upper-casing
 * the parser's strings (issue 19).
 */
function isPayerItself(upper: string, payerName: string | undefined): boolean {
  if (!payerName) return false;
  const entity = upper.trim();
  const payer = payerName.trim();
  return entity.length >= payer.length && entity === payer.toUpperCase();
}

function anyCodeIn(codes: readonly string[], set: ReadonlySet<string>): boolean {
  for (const c of codes) if (set.has(c)) return true;
  return false;
}

function fromEntity(benefit: EligibilityBenefit, bh: boolean, payerName: string | undefined): CarveOut | undefined {
  // No 2120 entity (most EBs): nothing to name, so skip the classification below.
  if (benefit.relatedEntities.length === 0) return undefined;
  const code = benefit.informationCode;
  // A primary care provider is who the member sees, not who administers behavioral health.
  if (code === 'L') return undefined;
  if (!bh && anyCodeIn(benefit.serviceTypeCodes, PHARMACY_STCS)) return undefined;
  const contactOther = code === 'U' || code === 'MC';
  // Not BH: only a plan-wide benefit (no service type, or 30 / 1) can name an administrator.
  if (!bh && benefit.serviceTypeCodes.length > 0 && !benefit.serviceTypeCodes.some(isPlanStc)) return undefined;
  for (const e of benefit.relatedEntities) {
    const nm101 = e.name.entityIdentifierCode;
    // The entity-code tests first: they need no upper-casing or pattern scan of the name.
    // A primary care provider is not a carve-out; on a BH benefit only an administrator's entity code is.
    if (nm101 === 'P3') continue;
    if (bh && !contactOther && !CARVE_OUT_ENTITIES.has(nm101)) continue;
    const name = entityName(e);
    if (!name) continue;
    const upper = name.toUpperCase();
    // The payer naming itself is not a carve-out; nor is a pharmacy vendor.
    if (isPayerItself(upper, payerName) || PHARMACY.test(upper)) continue;
    // On service type 30 only an administrator named as behavioral health is a carve-out.
    if (!bh && !isBehavioralHealthAdministratorName(upper)) continue;
    const out: CarveOut = { name, entityCode: nm101, source: benefit.source, foundBy: 'entity' };
    const phone = phoneOf(e);
    if (phone) out.phone = phone;
    return withIdentifier(out, e);
  }
  return undefined;
}

/** Any known administrator at all: one scan rules out the usual message before the per-name tests. */
const ANY_KNOWN_ADMINISTRATOR = new RegExp(KNOWN_ADMINISTRATORS.map(([re]) => re.source).join('|'));

export function carveOutFromMessage(text: string): CarveOut | undefined {
  const t = text.toUpperCase();
  const known = ANY_KNOWN_ADMINISTRATOR.test(t) ? KNOWN_ADMINISTRATORS.find(([re]) => re.test(t)) : undefined;
  const named = ADMINISTERED_BY.exec(t)?.[1]?.replace(PHONE, '').replace(/[\s,.-]+$/, '').trim();
  if (!known && !named) return undefined;
  const out: CarveOut = { name: known ? known[1] : (named ?? ''), foundBy: 'message', source: text };
  const phone = PHONE.exec(t);
  if (phone) out.phone = `${phone[1]}${phone[2]}${phone[3]}`;
  return out;
}

/** `profiles[i]` is serviceProfile(benefits[i]) when the caller has read them already. */
export function findCarveOut(benefits: EligibilityBenefit[], payerName: string | undefined, profiles?: readonly ServiceProfile[]): CarveOut | null {
  let anyMessage = false;
  for (let i = 0; i < benefits.length; i++) {
    const b = benefits[i];
    if (b.messages.length > 0) anyMessage = true;
    // No 2120 entity (most EBs): nothing to name.
    if (b.relatedEntities.length === 0) continue;
    const c = fromEntity(b, profiles ? profiles[i].bh : isBehavioralHealthBenefit(b), payerName);
    if (c) return c;
  }
  // No MSG at all: no message can name an administrator.
  if (!anyMessage) return null;
  for (const b of benefits) {
    for (const m of b.messages) {
      const c = carveOutFromMessage(m);
      // A payer message that merely names the payer itself is not a carve-out either.
      if (c && !same(c.name, payerName)) return c;
    }
  }
  return null;
}
