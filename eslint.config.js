import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const restrict = (patterns) => ['error', { patterns }];
const webllmOnlyInEngine = {
  group: ['@mlc-ai/web-llm'],
  allowTypeImports: true,
  message: 'WebLLM is loaded only by the engine worker (src/engine/). Use getEngine().',
};
const documentLibrariesOnlyInExtraction = {
  group: [
    'pdfjs-dist',
    'pdfjs-dist/*',
    'mammoth',
    'htmlparser2',
    'tesseract.js',
    'tesseract.js/*',
    'tesseract.js-core/*',
    '@tesseract.js-data/*',
  ],
  message: 'Document parsers and OCR run in the extraction worker (src/documents/extract/) only.',
};
const idbOnlyInPersistence = {
  group: ['idb-keyval'],
  message: 'Storage goes through src/persistence/.',
};
const noStoreUpward = {
  group: ['**/app/**', '**/features/**', '**/ui/**'],
  message: 'store/ holds state and actions: it imports no view (app/, features/, ui/).',
};
const sessionBelowFlows = {
  group: ['**/actions/**'],
  message:
    'The model session (store/session/) sits below the conversation flows (store/actions/) and imports none of them.',
};

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-e2e',
      'node_modules',
      'test-results',
      'playwright-report',
      '.real-engine',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict([
        webllmOnlyInEngine,
        idbOnlyInPersistence,
        documentLibrariesOnlyInExtraction,
      ]),
    },
  },
  {
    // One direction through the layers: no import goes round in a circle.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  {
    files: ['src/store/**/*.ts'],
    ignores: ['src/store/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([
        webllmOnlyInEngine,
        idbOnlyInPersistence,
        documentLibrariesOnlyInExtraction,
        noStoreUpward,
      ]),
    },
  },
  {
    files: ['src/store/session/**/*.ts'],
    ignores: ['src/store/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([
        webllmOnlyInEngine,
        idbOnlyInPersistence,
        documentLibrariesOnlyInExtraction,
        noStoreUpward,
        sessionBelowFlows,
      ]),
    },
  },
  {
    // The image worker and its gateway: like engine/, below the store and every view.
    files: ['src/images/**/*.ts'],
    ignores: ['src/images/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([
        webllmOnlyInEngine,
        idbOnlyInPersistence,
        {
          group: ['**/store/**', '**/features/**', '**/app/**', '**/ui/**', '**/persistence/**'],
          message: 'images/ prepares images: it imports no store, view or storage.',
        },
      ]),
    },
  },
  {
    files: ['src/documents/extract/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([webllmOnlyInEngine, idbOnlyInPersistence]),
    },
  },
  {
    // Value imports of WebLLM belong to the worker side of the engine only.
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        idbOnlyInPersistence,
        {
          group: ['**/store/**', '**/features/**', '**/app/**', '**/ui/**'],
          message: 'engine/ imports no store or view.',
        },
      ]),
    },
  },
  {
    files: ['src/persistence/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        webllmOnlyInEngine,
        {
          group: ['**/store/**', '**/features/**', '**/app/**', '**/ui/**'],
          message: 'persistence/ imports no store or view.',
        },
      ]),
    },
  },
  {
    files: ['src/ui/**/*.tsx'],
    rules: {
      'no-restricted-imports': restrict([
        webllmOnlyInEngine,
        idbOnlyInPersistence,
        { group: ['**/store/**'], message: 'ui/ holds dumb primitives: no store imports.' },
      ]),
    },
  },
  {
    // Tests may assert presence with `!`: a wrong guess fails the test, which is the point.
    // They may also read WebLLM's catalog directly, to check ours against it.
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-imports': restrict([idbOnlyInPersistence]),
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
);
