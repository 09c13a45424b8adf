import { randomBytes } from 'node:crypto';
import { RecordCipher, RecordDecryptionError } from './record-cipher';

describe('RecordCipher (AES-256-GCM at rest)', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);

  it('round-trips and never shows the plaintext', () => {
    const cipher = new RecordCipher(new Map([['k1', oldKey]]), 'k1');
    const envelope = cipher.encrypt('{"member":{"firstName":"JANE"}}', 'vrf_1');
    expect(envelope).toMatch(/^v1\.k1\./);
    expect(envelope).not.toContain('JANE');
    expect(cipher.decrypt(envelope, 'vrf_1')).toBe('{"member":{"firstName":"JANE"}}');
  });

  it('uses a fresh IV every time, also across the blocks IVs are drawn in', () => {
    const cipher = new RecordCipher(new Map([['k1', oldKey]]), 'k1');
    expect(cipher.encrypt('same', 'vrf_1')).not.toBe(cipher.encrypt('same', 'vrf_1'));
    // More encryptions than one block of IVs (512): every IV distinct and 12 bytes, every envelope readable.
    const envelopes = Array.from({ length: 1_200 }, (_, i) => cipher.encrypt(`record ${i}`, 'vrf_1'));
    const ivs = envelopes.map((envelope) => envelope.split('.')[2]);
    expect(new Set(ivs).size).toBe(envelopes.length);
    expect(ivs.every((iv) => Buffer.from(iv, 'base64').length === 12)).toBe(true);
    expect(envelopes.map((envelope) => cipher.decrypt(envelope, 'vrf_1'))).toEqual(envelopes.map((_, i) => `record ${i}`));
  });

  it('reads records written under an older key after rotation, and writes with the new one', () => {
    const before = new RecordCipher(new Map([['k1', oldKey]]), 'k1');
    const written = before.encrypt('old record', 'vrf_1');
    const after = new RecordCipher(
      new Map([
        ['k1', oldKey],
        ['k2', newKey],
      ]),
      'k2',
    );
    expect(after.decrypt(written, 'vrf_1')).toBe('old record');
    expect(after.keyIdOf(after.encrypt('new record', 'vrf_2'))).toBe('k2');
  });

  it('refuses a ciphertext moved to another record, tampered with, or under a removed key', () => {
    const cipher = new RecordCipher(new Map([['k1', oldKey]]), 'k1');
    const envelope = cipher.encrypt('record', 'vrf_1');
    expect(() => cipher.decrypt(envelope, 'vrf_2')).toThrow(RecordDecryptionError);
    const parts = envelope.split('.');
    parts[4] = Buffer.from('tampered!').toString('base64');
    expect(() => cipher.decrypt(parts.join('.'), 'vrf_1')).toThrow(RecordDecryptionError);
    const rotatedAway = new RecordCipher(new Map([['k2', newKey]]), 'k2');
    expect(() => rotatedAway.decrypt(envelope, 'vrf_1')).toThrow(/unknown key id k1/);
  });
});
