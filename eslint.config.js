// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

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
