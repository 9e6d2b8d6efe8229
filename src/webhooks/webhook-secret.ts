import crypto from 'node:crypto';
import { derivedKey } from '../common/global-id';

/**
 * Signing secrets, in the Standard Webhooks form (`whsec_` + base64 of 32 random bytes). The
 * server must sign with the secret itself, so unlike a partner key it cannot keep only a
 * hash: it keeps it sealed (AES-256-GCM under a key derived from ID_SECRET), so the database
 * alone, a dump or a backup, does not give anyone the power to forge deliveries.
 */
const PURPOSE = 'webhook secrets v1';
const IV = 12;
const TAG = 16;

export function newSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString('base64')}`;
}

export function sealSecret(secret: string): string {
  const iv = crypto.randomBytes(IV);
  const cipher = crypto.createCipheriv('aes-256-gcm', derivedKey(PURPOSE), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
}

/** Throws when the box was sealed under another ID_SECRET (the instances must share it). */
export function openSecret(box: string): string {
  const raw = Buffer.from(box, 'base64');
  const decipher = crypto.createDecipheriv('aes-256-gcm', derivedKey(PURPOSE), raw.subarray(0, IV));
  decipher.setAuthTag(raw.subarray(IV, IV + TAG));
  return Buffer.concat([decipher.update(raw.subarray(IV + TAG)), decipher.final()]).toString('utf8');
}
