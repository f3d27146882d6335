// Lint rules that guard correctness more than taste: a dropped promise in the sync server
// loses writes, `any` hides schema drift, and bare console calls bypass log redaction.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.data/', 'migrations/', '**/*.js', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Layering (docs/architecture.md): shared <- mutators <- sync-server / client / admin.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/mutators/**', '**/sync-server/**', '**/client/**', '**/admin/**'] }],
    },
  },
  {
    files: ['mutators/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/sync-server/**', '**/client/**', '**/admin/**'] }],
    },
  },
  {
    files: ['client/**/*.ts', 'client/**/*.tsx', 'admin/**/*.ts', 'admin/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/sync-server/**'] }],
    },
  },
  {
    files: ['sync-server/cli/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
