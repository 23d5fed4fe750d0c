/**
 * WeChat message push (消息推送) signatures and safe-mode encryption, used by the push endpoint to
 * check what arrives and by the stand-in to produce what WeChat would send.
 *
 * Safe mode: the AES-256 key is the console's 43-character EncodingAESKey + '=' read as base64; the
 * IV is its first 16 bytes. The plaintext is 16 random bytes, the message length (4 bytes, big
 * endian), the message, then the appid, padded PKCS#7-style to a multiple of 32 bytes.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const BLOCK = 32;
/** 43 base64 characters: 32 bytes once '=' is appended. */
export const AES_KEY_RE = /^[A-Za-z0-9+/]{43}$/;

/** SHA-1 of the parts sorted lexicographically and joined: `signature` (token, timestamp, nonce) and `msg_signature` (… and Encrypt). */
export function pushSignature(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/** Constant-time comparison of a received signature with the expected one. */
export function signatureMatches(received: unknown, expected: string): boolean {
  if (typeof received !== 'string' || received.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(received), Buffer.from(expected));
}

function keyOf(encodingAesKey: string): Buffer {
  if (!AES_KEY_RE.test(encodingAesKey)) throw new Error('EncodingAESKey must be 43 base64 characters');
  return Buffer.from(`${encodingAesKey}=`, 'base64');
}

export function encryptPush(encodingAesKey: string, appId: string, message: string): string {
  const key = keyOf(encodingAesKey);
  const msg = Buffer.from(message, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length);
  const plain = Buffer.concat([randomBytes(16), len, msg, Buffer.from(appId, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

export class PushDecryptError extends Error {}

/** The message and the appid it was sealed for; PushDecryptError for anything malformed. */
export function decryptPush(encodingAesKey: string, encrypted: string): { message: string; appId: string } {
  const key = keyOf(encodingAesKey);
  let plain: Buffer;
  try {
    const data = Buffer.from(encrypted, 'base64');
    if (data.length === 0 || data.length % 16 !== 0) throw new Error('length');
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    throw new PushDecryptError('not an AES-256-CBC ciphertext of this key');
  }
  const pad = plain[plain.length - 1];
  if (pad < 1 || pad > BLOCK || pad > plain.length) throw new PushDecryptError('bad padding');
  const body = plain.subarray(0, plain.length - pad);
  if (body.length < 20) throw new PushDecryptError('too short');
  const len = body.readUInt32BE(16);
  if (20 + len > body.length) throw new PushDecryptError('bad length');
  return { message: body.subarray(20, 20 + len).toString('utf8'), appId: body.subarray(20 + len).toString('utf8') };
}
