export * from './errors.js';
export * from './enums.js';
export * from './api.js';
export * from './commitments.js';
export * from './wishes.js';
export * from './stats.js';
