// Reading payer free text (MSG). Payers put auth and deductible caveats there.
import type { LevelOfCare } from './summary';

const AUTH_REQUIRED = /PRIOR AUTH|PRE-?AUTH|PRE-?CERT|AUTHORIZATION (IS )?REQUIRED|REQUIRES? (PRIOR )?AUTHORI[SZ]ATION|CERTIFICATION REQUIRED|REQUIRES? PRE-?CERTIFICATION/;
const AUTH_NOT_REQUIRED = /\bNO (PRIOR )?(AUTH|AUTHORI[SZ]ATION|PRE-?CERT)|(AUTH|AUTHORI[SZ]ATION|PRE-?CERT\w*|PRECERTIFICATION) (IS )?NOT REQUIRED|DOES NOT REQUIRE (PRIOR )?(AUTH|PRE-?CERT)/;

/** true / false when the text settles prior authorization, undefined otherwise. */
export function authFromText(text: string): boolean | undefined {
  const t = text.toUpperCase();
  if (AUTH_NOT_REQUIRED.test(t)) return false;
  if (AUTH_REQUIRED.test(t)) return true;
  return undefined;
}

const DEDUCTIBLE_NOT_APPLIES = /DEDUCTIBLE (DOES NOT|DOESN'T|NOT) APPLY|NOT SUBJECT TO (THE )?DEDUCTIBLE|DEDUCTIBLE (IS )?WAIVED|NO DEDUCTIBLE|DEDUCTIBLE NOT APPLICABLE/;
const DEDUCTIBLE_APPLIES = /AFTER (THE )?DEDUCTIBLE|DEDUCTIBLE APPLIES|SUBJECT TO (THE )?DEDUCTIBLE/;

export function deductibleFromText(text: string): boolean | undefined {
  const t = text.toUpperCase();
  if (DEDUCTIBLE_NOT_APPLIES.test(t)) return false;
  if (DEDUCTIBLE_APPLIES.test(t)) return true;
  return undefined;
}

/** Levels a text names outright ("INTENSIVE OUTPATIENT", "PARTIAL HOSPITALIZATION"). */
export function levelsNamedIn(text: string): LevelOfCare[] {
  const t = text.toUpperCase();
  const out: LevelOfCare[] = [];
  if (/INTENSIVE OUTPATIENT|\bIOP\b/.test(t)) out.push('IOP');
  if (/PARTIAL HOSP|\bPHP\b/.test(t)) out.push('PHP');
  return out;
}

const BH_WORDS = /MENTAL|BEHAVIORAL|BEHAVIOURAL|PSYCH|SUBSTANCE|CHEMICAL DEPENDENCY|ALCOHOL|DRUG|ADDICTION|\bSUD\b|\bMH\b|\bIOP\b|\bPHP\b|INTENSIVE OUTPATIENT|PARTIAL HOSP|CARELON|BEACON|EVERNORTH|OPTUM|MAGELLAN|HALCYON|NEW DIRECTIONS|LUCET|COMPSYCH/;

export function mentionsBehavioralHealth(text: string): boolean {
  return BH_WORDS.test(text.toUpperCase());
}
