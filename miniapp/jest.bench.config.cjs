/** Benchmarks of the H5 client (bench/*.bench.ts): like the browser test, printed figures only. */
const e2e = require('./jest.e2e.config.cjs')

module.exports = { ...e2e, roots: ['<rootDir>/bench'], testMatch: ['**/*.bench.ts'], testTimeout: 900_000 }
