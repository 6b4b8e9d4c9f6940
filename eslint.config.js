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
const libraries = [webllmOnlyInEngine, idbOnlyInPersistence, documentLibrariesOnlyInExtraction];

/** An import rule: none of `folders`, and why (src/test/layers.test.ts shows each fires). */
const noImportOf = (folders, why) => ({
  group: folders.map((folder) => `**/${folder}/**`),
  message: why,
});

const VIEWS = ['app', 'features', 'ui'];

/**
 * The layers, top to bottom, and what each may not import. A later block wins for the files it
 * names, so each lists everything it forbids; the libraries a layer owns (the engine WebLLM,
 * persistence idb-keyval, extraction its parsers) are allowed there alone.
 */
const layers = [
  {
    folder: 'features',
    forbid: [noImportOf(['app'], 'features/ are views under the app shell: they import no app/.')],
  },
  {
    folder: 'ui',
    forbid: [
      noImportOf(
        ['store', 'features', 'app'],
        'ui/ holds dumb primitives and words: no store or view.',
      ),
    ],
  },
  {
    folder: 'store',
    forbid: [
      noImportOf(
        VIEWS,
        'store/ holds state and actions: it imports no view (app/, features/, ui/).',
      ),
    ],
  },
  {
    folder: 'store/session',
    forbid: [
      noImportOf(
        VIEWS,
        'store/ holds state and actions: it imports no view (app/, features/, ui/).',
      ),
      noImportOf(
        ['actions'],
        'The model session (store/session/) sits below the conversation flows (store/actions/) and imports none of them.',
      ),
    ],
  },
  {
    folder: 'prompts',
    forbid: [
      noImportOf(
        ['store', ...VIEWS, 'persistence', 'documents'],
        'prompts/ builds prompts from its own input types: no store, view, storage or documents.',
      ),
    ],
  },
  {
    folder: 'documents',
    forbid: [
      noImportOf(
        ['store', ...VIEWS, 'persistence'],
        'documents/ reads, cuts and searches documents, the engine injected: no store, view or storage.',
      ),
    ],
  },
  {
    folder: 'extraction',
    forbid: [
      noImportOf(
        ['store', ...VIEWS, 'persistence'],
        'extraction/ reads fields out of documents, the engine injected: no store, view or storage.',
      ),
    ],
  },
  {
    folder: 'images',
    forbid: [
      noImportOf(
        ['store', ...VIEWS, 'persistence'],
        'images/ prepares images: no store, view or storage.',
      ),
    ],
  },
  {
    folder: 'models',
    forbid: [
      noImportOf(
        ['store', ...VIEWS, 'engine', 'persistence', 'documents', 'images', 'workers'],
        'models/ is the model domain both engines share: pure, it imports no engine, store, view or storage.',
      ),
    ],
  },
  {
    folder: 'engine',
    forbid: [noImportOf(['store', ...VIEWS], 'engine/ imports no store or view.')],
  },
  {
    folder: 'persistence',
    forbid: [noImportOf(['store', ...VIEWS], 'persistence/ imports no store or view.')],
  },
  {
    folder: 'workers',
    forbid: [
      noImportOf(
        ['store', ...VIEWS, 'engine', 'documents', 'images', 'persistence'],
        'workers/ is the plumbing every worker uses: it knows none of them.',
      ),
    ],
  },
  {
    folder: 'lib',
    forbid: [
      noImportOf(
        ['store', ...VIEWS, 'engine', 'documents', 'images', 'persistence', 'prompts', 'workers'],
        'lib/ holds small pure helpers: it imports nothing of Nook but lib/.',
      ),
    ],
  },
];

const ownedBy = new Map([
  [webllmOnlyInEngine, 'src/engine/'],
  [idbOnlyInPersistence, 'src/persistence/'],
  [documentLibrariesOnlyInExtraction, 'src/documents/extract/'],
]);
const librariesFor = (path) =>
  libraries.filter((library) => !path.startsWith(ownedBy.get(library)));

const layerBlock = (path, forbid) => ({
  files: [`${path}**/*.{ts,tsx}`],
  ignores: ['src/**/*.test.{ts,tsx}'],
  rules: { 'no-restricted-imports': restrict([...librariesFor(path), ...forbid]) },
});

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-e2e',
      '.bench-bare',
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
      'no-restricted-imports': restrict(libraries),
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
  ...layers.map(({ folder, forbid }) => layerBlock(`src/${folder}/`, forbid)),
  // The extraction worker is documents/ too, and the one place its parsers load.
  layerBlock('src/documents/extract/', layers.find((l) => l.folder === 'documents').forbid),
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
