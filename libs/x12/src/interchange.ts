// Writes the ISA/GS/GE/IEA envelope shared by the 270 builder and the 271 writer.
import { randomInt } from 'crypto';
import { checkValue } from './characters';
import { X12Error } from './errors';

export interface EnvelopeInput {
  functionalId: 'HS' | 'HB';
  senderId: string;
  receiverId: string;
  usageIndicator?: 'P' | 'T';
  createdAt?: Date;
  interchangeControlNumber?: string;
  groupControlNumber?: string;
  transactionSetControlNumber?: string;
}

export interface ResolvedEnvelope {
  isa13: string;
  gs06: string;
  st02: string;
  date8: string; // CCYYMMDD
  time4: string; // HHMM
  header: string[]; // ISA, GS
  trailer: string[]; // GE, IEA
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function controlNumber(value: string | undefined, field: string, minLen: number, maxLen: number, width: number): string {
  if (value === undefined || value === '') return String(randomInt(1, 999999999)).padStart(width, '0');
  if (!/^\d+$/.test(value) || value.length < minLen || value.length > maxLen || /^0+$/.test(value)) {
    throw new X12Error('INVALID_CONTROL_NUMBER', `${field} must be ${minLen}-${maxLen} digits and not zero`, undefined, undefined, field);
  }
  return value.padStart(width, '0');
}

/** Builds ISA/GS/GE/IEA (one group, one transaction set). ISA is the fixed 106-character form. */
export function envelope(input: EnvelopeInput): ResolvedEnvelope {
  const senderId = checkValue(input.senderId, { field: 'senderId', max: 15 });
  const receiverId = checkValue(input.receiverId, { field: 'receiverId', max: 15 });
  const isa13 = controlNumber(input.interchangeControlNumber, 'interchangeControlNumber', 9, 9, 9);
  const gs06 = controlNumber(input.groupControlNumber, 'groupControlNumber', 1, 9, 1);
  const st02 = controlNumber(input.transactionSetControlNumber, 'transactionSetControlNumber', 4, 9, 4);
  const at = input.createdAt ?? new Date();
  if (Number.isNaN(at.getTime())) throw new X12Error('INVALID_DATE', 'createdAt is not a valid date', undefined, undefined, 'createdAt');
  const yyyy = String(at.getUTCFullYear()).padStart(4, '0');
  const date8 = yyyy + pad2(at.getUTCMonth() + 1) + pad2(at.getUTCDate());
  const time4 = pad2(at.getUTCHours()) + pad2(at.getUTCMinutes());
  const usage = input.usageIndicator ?? 'P';
  const isa = [
    'ISA',
    '00',
    ' '.repeat(10),
    '00',
    ' '.repeat(10),
    'ZZ',
    senderId.padEnd(15, ' '),
    'ZZ',
    receiverId.padEnd(15, ' '),
    date8.slice(2),
    time4,
    '^',
    '00501',
    isa13,
    '0',
    usage,
    ':',
  ].join('*');
  const gs = ['GS', input.functionalId, senderId, receiverId, date8, time4, gs06, 'X', '005010X279A1'].join('*');
  return {
    isa13,
    gs06,
    st02,
    date8,
    time4,
    header: [isa, gs],
    trailer: [`GE*1*${gs06}`, `IEA*1*${isa13}`],
  };
}
