export * from './errors.js';
export * from './enums.js';
export * from './api.js';
