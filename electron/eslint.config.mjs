// ESLint flat config for the Electron shell (main process + preload).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'node_modules'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // The preload runs in a sandbox that cannot load sibling modules: only `electron` and
      // type-only or const-enum imports may appear there (see src/channels.ts).
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.name="require"]',
          message: 'Use import statements.',
        },
      ],
    },
  },
);
