import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** What only the background (and the extension pages) may bundle. */
const BACKGROUND_ONLY_PACKAGES = [
  'openai',
  'groq-sdk',
  'cockatiel',
  'idb',
  'wxt/utils/storage',
  'react',
  'zustand',
];
const BACKGROUND_ONLY_DIRS = ['**/background/**', '**/settings/**', '**/components/**'];

/** A no-restricted-imports rule for these packages and folders; type-only imports stay allowed. */
function restrictImports(packages, dirs, message) {
  return {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: packages.map((name) => ({ name, allowTypeImports: true, message })),
        patterns: [{ group: dirs, allowTypeImports: true, message }],
      },
    ],
  };
}

export default tseslint.config(
  {
    ignores: [
      '.output/**',
      '.wxt/**',
      'node_modules/**',
      'demo-output/**',
      'test-results/**',
      'tests/fixtures/pages/dist/**',
      '.scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Zustand actions are closures, not methods that use `this`.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  // Boundaries between the bundles (see ARCHITECTURE.md). `lib/` is framework-free.
  {
    files: ['lib/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['react', 'react-dom', 'zustand'].map((name) => ({
            name,
            message: 'lib/ holds framework-free logic; React UI lives in components/.',
          })),
          patterns: [
            {
              group: ['**/components/**', '**/entrypoints/**'],
              message: 'lib/ imports no UI or entrypoint.',
            },
          ],
        },
      ],
    },
  },
  // The field UI (injected into one frame on first use) never carries the background's code.
  {
    files: ['lib/field-ui/**', 'lib/field-adapters/**', 'entrypoints/field-ui.ts'],
    rules: restrictImports(
      BACKGROUND_ONLY_PACKAGES,
      BACKGROUND_ONLY_DIRS,
      'The in-page bundles talk to the background over messages; they never bundle its code.',
    ),
  },
  // The always-on script runs in every frame of every page: tiny (≤ 5 KB gzipped), reads no
  // storage, and imports nothing of the field UI, the background or a library.
  {
    files: ['lib/page-triggers/**', 'entrypoints/field-triggers.ts'],
    rules: restrictImports(
      [
        ...BACKGROUND_ONLY_PACKAGES,
        'diff',
        'text-field-edit',
        'wxt/browser',
        'webextension-polyfill',
      ],
      [...BACKGROUND_ONLY_DIRS, '**/field-ui/**', '**/optimization/**', '**/quality/**'],
      'Too heavy for the always-on script (5 KB budget): it loads the field UI on demand.',
    ),
  },
  {
    files: ['tests/**'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
