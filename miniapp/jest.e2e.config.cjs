/**
 * The browser test (e2e/): the built H5 client in Debian's Chromium against the real server started
 * from ../server/dist/main.js. Node environment, one file at a time, generous timeouts (the machine
 * may be busy). Run through `pnpm test:e2e` (builds H5 first when it is out of date).
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.e2e.ts'],
  moduleFileExtensions: ['ts', 'mjs', 'js', 'json'],
  moduleNameMapper: {
    '^@xianfeng/shared$': '<rootDir>/../shared/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  maxWorkers: 1,
  testTimeout: 120_000,
  slowTestThreshold: 60,
}
