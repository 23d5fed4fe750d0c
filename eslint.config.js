// @ts-check
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// ---- Import rules: the architecture, checked (docs/architecture.md, "Feature shape") ----------
// Every folder of server/src except these is a feature (or an adapter, like wechat/): read from the
// disk, so a feature added later is covered without editing this file.
const NOT_FEATURES = ['common', 'config', 'database'];
const SERVER_FEATURES = readdirSync(new URL('./server/src', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !NOT_FEATURES.includes(d.name))
  .map((d) => d.name);
/** `../x/…`, `../../x/…`: an import of a folder x above the importing file. */
const upTo = (folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;
const OTHER_FEATURES_INSIDES = {
  regex: '^(\\.\\./)+[\\w-]+/(.+/)?[\\w.-]+\\.(repository|entity)(\\.js)?$',
  message: "Another feature's repository or entity: read through what that feature exports (a read port such as MemberDirectory, or OrgDirectory).",
};
const commonImportsNoFeature = (features) => ({
  regex: upTo(features),
  message: 'common/ imports no feature and no adapter: declare a port in common (an abstract class, like ActorLoader) and let the feature provide it.',
});
const noServer = { regex: upTo(['server']), message: 'The server is not importable from here: share types and codes through shared/.' };
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns, paths: [{ name: '@xianfeng/server', message: noServer.message }] }] });

export default tseslint.config(
  { ignores: ['**/dist/**', '**/dist-bench/**', '**/node_modules/**', '**/.data/**', 'miniapp/config/**', 'miniapp/babel.config.js', '**/*.cjs', '**/*.mjs', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // Command-line entry points, benchmarks and tests print on purpose.
    files: ['server/bench/**', 'server/src/**/*-cli.ts', '**/test/**', '**/e2e/**', '**/*.spec.ts', '**/*.test.ts', '**/*.test.tsx', 'miniapp/scripts/**'],
    // JSON bodies in tests are read loosely on purpose.
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['miniapp/src/**/*.ts', 'miniapp/src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  { files: ['server/src/**/*.ts'], rules: restrict(OTHER_FEATURES_INSIDES) },
  { files: ['server/src/common/**/*.ts'], rules: restrict(OTHER_FEATURES_INSIDES, commonImportsNoFeature(SERVER_FEATURES)) },
  { files: ['miniapp/**/*.ts', 'miniapp/**/*.tsx'], rules: restrict(noServer) },
  {
    files: ['shared/**/*.ts'],
    rules: restrict({ regex: upTo(['server', 'miniapp']), message: 'shared/ imports neither the server nor the mini-program: both import it.' }),
  },
  {
    // "Optional" never means "nullable": class-validator's @IsOptional() also lets null through, into
    // NOT NULL columns. Use @Optional() from common/validation.ts; @IsOptional() only on `T | null` fields.
    files: ['server/src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "PropertyDefinition:not(:has(TSNullKeyword)) > Decorator[expression.callee.name='IsOptional']",
          message: '@IsOptional() accepts null: use @Optional() from common/validation.ts unless the field is `T | null` (a nullable column).',
        },
      ],
    },
  },
);
