import { generateCode, hashCode, normaliseCode } from '../common/one-time-code.js';

/** 10 symbols ≈ 49.5 bits. */
export const BIND_CODE_LENGTH = 10;
export const BIND_CODE_TTL_DAYS = 14;

export const generateBindCode = (): string => generateCode(BIND_CODE_LENGTH);
export const normaliseBindCode = normaliseCode;
export const hashBindCode = hashCode;
