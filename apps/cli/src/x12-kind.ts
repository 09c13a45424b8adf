import { lex } from '@bvs/x12';

/** What an X12 file is, when it is not a 271 the summary can be made of. */
export interface X12Kind {
  transaction: string;
  description: string;
}

const ACK_STATUS: Record<string, string> = {
  A: 'accepted',
  E: 'accepted with errors',
  M: 'rejected (message authentication failed)',
  P: 'partially accepted',
  R: 'rejected',
  W: 'rejected (assurance failed)',
  X: 'rejected (content could not be analysed)',
};

/**
 * Names a 270, 997, 999 or TA1 (and says what an acknowledgment reports), or returns null for a
 * 271 or anything that is not X12. Clearinghouses answer a 270 they cannot take with one of these
 * instead of a 271, so "this is not a 271" alone would not help.
 */
export function identifyX12(text: string): X12Kind | null {
  if (!/^\s*ISA/.test(text)) return null;
  let segments;
  try {
    segments = lex(text).segments;
  } catch {
    return null;
  }
  const ta1 = segments.find((s) => s.id === 'TA1');
  const st = segments.find((s) => s.id === 'ST');
  if (!st && ta1) {
    const status = ACK_STATUS[ta1.elements[4] ?? ''] ?? 'status unknown';
    const note = ta1.elements[5] && ta1.elements[5] !== '000' ? `, note code ${ta1.elements[5]}` : '';
    return {
      transaction: 'TA1',
      description: `an interchange acknowledgment (TA1): the clearinghouse ${status} the interchange ${ta1.elements[1] ?? ''}${note}; it carries no benefits`,
    };
  }
  const transaction = st?.elements[1] ?? '';
  switch (transaction) {
    case '271':
      return null;
    case '270':
      return {
        transaction,
        description:
          'a 270 eligibility inquiry (the question sent to a payer), not a 271 response: normalize reads the 271 the payer answers with',
      };
    case '997':
    case '999': {
      const ak9 = segments.find((s) => s.id === 'AK9');
      const status = ACK_STATUS[ak9?.elements[1] ?? ''] ?? 'did not say whether it accepted';
      const errors = segments.filter(
        (s) => s.id === (transaction === '999' ? 'IK3' : 'AK3') || s.id === (transaction === '999' ? 'IK4' : 'AK4'),
      ).length;
      const name = transaction === '999' ? 'an implementation acknowledgment (999)' : 'a functional acknowledgment (997)';
      return {
        transaction,
        description: `${name}: the receiver ${status} the functional group${errors ? ` (${errors} segment or element error(s) reported)` : ''}; it carries no benefits — the 271 comes separately, or the 270 must be corrected and sent again`,
      };
    }
    default:
      return { transaction, description: `an X12 ${transaction || 'interchange without a transaction'}, not a 271 eligibility response` };
  }
}
