import { createHash, randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: codes are read aloud and typed on phones. 31 symbols × 10 ≈ 49.5 bits. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const BIND_CODE_LENGTH = 10;
export const BIND_CODE_TTL_DAYS = 14;

export function generateBindCode(): string {
  let code = '';
  for (let i = 0; i < BIND_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** Codes are compared case- and separator-insensitively, and stored only as a hash. */
export function normaliseBindCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

export function hashBindCode(code: string): string {
  return createHash('sha256').update(normaliseBindCode(code)).digest('hex');
}
