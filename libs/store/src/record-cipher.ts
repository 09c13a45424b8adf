import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

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
  constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    private readonly currentKeyId: string,
  ) {
    if (!keys.has(currentKeyId)) throw new Error('current record key id is not among the keys');
  }

  encrypt(plaintext: string, associatedData: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(this.currentKeyId), iv);
    cipher.setAAD(Buffer.from(associatedData));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.currentKeyId, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join('.');
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
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
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
