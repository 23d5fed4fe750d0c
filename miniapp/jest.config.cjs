/**
 * Component and client tests in jsdom. Taro's components are mapped to their React (web component)
 * build, `@tarojs/taro` to a small in-memory stand-in, and `@xianfeng/shared` to its TypeScript source so
 * the tests do not depend on the shared package having been built. Platform files resolve as on H5.
 */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  moduleFileExtensions: ['h5.tsx', 'h5.ts', 'tsx', 'ts', 'mjs', 'js', 'json'],
  setupFiles: ['<rootDir>/test/setup-globals.ts'],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/taro-stub.ts',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '^@nutui/nutui-react-taro$': '<rootDir>/test/nutui.ts',
    '^@xianfeng/shared$': '<rootDir>/../shared/src/index.ts',
    '\\.css$': '<rootDir>/test/style-stub.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.(m?js|tsx?)$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2020',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // These ship ES modules (Taro's component build and what it imports, and any .mjs that jsdom's
  // `browser` export condition picks): compile them too.
  // Judged on the last node_modules segment of the path, so pnpm's nested layout works.
  transformIgnorePatterns: ['/node_modules/(?!.*/node_modules/)(?!(@tarojs|@stencil|@nutui|tslib|swiper|ssr-window|dom7)/)(?!.*\\.mjs$)'],
}
