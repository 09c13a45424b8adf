// Format sniffing for inbound eligibility payloads: JSON object or X12 interchange.
import { X12Error, isX12Error } from './errors';
import { parseEligibilityJson } from './json-271';
import { skipPreamble } from './lexer';
import type { EligibilityResponse } from './model';
import { parse271 } from './read-271';

/** Reads a 271 in either format; anything else (including a 270) is NOT_ELIGIBILITY_RESPONSE. */
export function readEligibility(text: string): EligibilityResponse[] {
  if (typeof text !== 'string' || text.length === 0) throw new X12Error('NOT_ELIGIBILITY_RESPONSE', 'empty input');
  const start = skipPreamble(text);
  if (text[start] === '{') {
    let json: unknown;
    try {
      json = JSON.parse(text.slice(start));
    } catch {
      throw new X12Error('INVALID_JSON', 'input starts with { but is not valid JSON');
    }
    return [parseEligibilityJson(json)];
  }
  if (text.startsWith('ISA', start)) {
    try {
      return parse271(text);
    } catch (e) {
      if (isX12Error(e) && e.code === 'NOT_271') {
        throw new X12Error('NOT_ELIGIBILITY_RESPONSE', e.message, e.segmentIndex, e.elementPosition);
      }
      throw e;
    }
  }
  throw new X12Error('NOT_ELIGIBILITY_RESPONSE', 'input is neither a JSON object nor an X12 interchange');
}
