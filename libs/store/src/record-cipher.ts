import { createCipheriv, createDecipheriv } from 'node:crypto';
import { RandomPool } from './random-pool';

const VERSION = 'v1';

const IV_BYTES = 12;

export class RecordDecryptionError extends Error {
  constructor(reason: string) {
    super(`Record could not be decrypted: ${reason}`);
    this.name = 'RecordDecryptionError';
  }
}

/**
 * AES-256-GCM for records at rest. The key id travels with the ciphertext so older records stay
 * readable after a new key becomes current. The record id is bound as additional data, so a
 * ciphertext copied onto another record's key fails authentication.
 */
export class RecordCipher {
  /** IVs drawn from the CSPRNG 512 at a time: one call per 512 encryptions, not one each. */
  private readonly ivs = new RandomPool(IV_BYTES * 512);

  constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    private readonly currentKeyId: string,
  ) {
    if (!keys.has(currentKeyId)) throw new Error('current record key id is not among the keys');
  }

  encrypt(plaintext: string, associatedData: string): string {
    // A fresh random IV each time, so none repeats under a key (as GCM requires).
    const iv = this.ivs.take(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(this.currentKeyId), iv);
    cipher.setAAD(Buffer.from(associatedData));
    const body = joined(cipher.update(plaintext, 'utf8'), cipher.final());
    return `${VERSION}.${this.currentKeyId}.${iv.toString('base64')}.${cipher.getAuthTag().toString('base64')}.${body.toString('base64')}`;
  }

  decrypt(envelope: string, associatedData: string): string {
    const [version, keyId, iv, tag, body] = envelope.split('.');
    if (version !== VERSION || !keyId || !iv || !tag || body === undefined) throw new RecordDecryptionError('bad envelope');
    const key = this.keys.get(keyId);
    if (!key) throw new RecordDecryptionError(`unknown key id ${keyId}`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAAD(Buffer.from(associatedData));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return joined(decipher.update(Buffer.from(body, 'base64')), decipher.final()).toString('utf8');
    } catch {
      throw new RecordDecryptionError('authentication failed');
    }
  }

  private key(keyId: string): Buffer {
    const key = this.keys.get(keyId);
    if (!key) throw new RecordDecryptionError(`unknown key id ${keyId}`);
    return key;
  }

  keyIdOf(envelope: string): string | undefined {
    return envelope.split('.')[1];
  }
}

/** GCM is a stream mode: final() gives nothing, so the update's output is used as it is (no copy). */
function joined(update: Buffer, final: Buffer): Buffer {
  return final.length === 0 ? update : Buffer.concat([update, final]);
}
