import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { decryptPush, encryptPush, PushDecryptError, pushSignature, signatureMatches } from './push-crypto.js';

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

describe('message push crypto', () => {
  it('signs the sorted parts with SHA-1, whatever order they come in', () => {
    const expected = createHash('sha1').update(['1700000000', 'nonce', 'token'].sort().join('')).digest('hex');
    expect(pushSignature('token', '1700000000', 'nonce')).toBe(expected);
    expect(pushSignature('nonce', 'token', '1700000000')).toBe(expected);
    expect(signatureMatches(expected, expected)).toBe(true);
    expect(signatureMatches(expected.replace(/.$/, (c) => (c === '0' ? '1' : '0')), expected)).toBe(false);
    expect(signatureMatches(undefined, expected)).toBe(false);
    expect(signatureMatches(['x'], expected)).toBe(false);
  });

  it('round-trips a message in WeChat\'s layout: 16 random bytes, length, message, appid, padded to 32', () => {
    const message = JSON.stringify({ Event: 'wxa_media_check', trace_id: 't-1', 中文: '照片' });
    const sealed = encryptPush(KEY, 'wx-app', message);
    expect(Buffer.from(sealed, 'base64').length % 32).toBe(0);
    expect(encryptPush(KEY, 'wx-app', message)).not.toBe(sealed); // random prefix
    expect(decryptPush(KEY, sealed)).toEqual({ message, appId: 'wx-app' });
  });

  it('refuses what another key sealed, and garbage', () => {
    const sealed = encryptPush(KEY, 'wx-app', 'hello');
    expect(() => decryptPush('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg', sealed)).toThrow(PushDecryptError);
    expect(() => decryptPush(KEY, 'bm90IGNpcGhlcnRleHQ=')).toThrow(PushDecryptError);
    expect(() => decryptPush(KEY, '')).toThrow(PushDecryptError);
    expect(() => encryptPush('short', 'a', 'b')).toThrow('43');
  });
});
