import { randomInt } from 'node:crypto';

// Letters and digits a patient can read out on the phone without confusion: no 0/O, 1/I/L, 5/S, 8/B, 2/Z.
export const REFERENCE_ALPHABET = '34679ACDEFGHJKMNPQRTUVWXY';
export const REFERENCE_LENGTH = 8;

/**
 * A short reference the patient can quote on the phone (not the verification id, which is the
 * public caller's only secret). 25^8 ≈ 1.5e11 values; staff find the record by it through the
 * search index, so a collision only means two records are listed.
 */
export function newReference(): string {
  let out = '';
  for (let i = 0; i < REFERENCE_LENGTH; i += 1) out += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return out;
}

/** "K7QMXP4A" -> "K7QM-XP4A", for reading aloud. */
export function formatReference(reference: string): string {
  return `${reference.slice(0, 4)}-${reference.slice(4)}`;
}

/** What a person typed (lower case, spaces, a hyphen) back to the stored form, or null. */
export function parseReference(text: string): string | null {
  const compact = text.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== REFERENCE_LENGTH) return null;
  for (const c of compact) if (!REFERENCE_ALPHABET.includes(c)) return null;
  return compact;
}
