import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // test/lint/fixtures: deliberately bad imports, cruised by test/lint/boundaries.test.ts only.
    ignores: [
      'node_modules/',
      '.data/',
      'dist/',
      '**/__generated__/',
      'coverage/',
      'test/lint/fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_`-prefixed names mark values deliberately unused (destructuring a column away).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    // CommonJS configuration files (.dependency-cruiser.cjs loads with require()).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } },
  },
  {
    // Node scripts in plain JavaScript (scripts/build.mjs, scripts/start.mjs: they run before
    // anything is built).
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
