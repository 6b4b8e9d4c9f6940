/**
 * Tests only: the extraction step's environment under Node, for tests that read the real
 * fixtures. pdf.js's legacy build (Node 20 lacks some of what the browser build uses) and
 * mammoth's Node build stand in for the worker's.
 */
import { readFileSync } from 'node:fs';
import mammoth from 'mammoth';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { ExtractEnvironment } from './extractFile';

const FIXTURES = 'e2e/fixtures/documents/';
const CMAPS = 'node_modules/pdfjs-dist/cmaps/';

/** A fixture of e2e/fixtures/documents/ as the file a user picks (named `as`). */
export function fixture(name: string, as = name): File {
  return new File([readFileSync(FIXTURES + name)], as);
}

/** The environment, and the progress it was told of. */
export function nodeEnvironment(overrides: Partial<ExtractEnvironment> = {}) {
  const progress: [number, number][] = [];
  const env: ExtractEnvironment = {
    loadPdf: async () => ({ pdfjs, documentOptions: { cMapUrl: CMAPS } }),
    loadDocx: async () => ({
      // mammoth's Node build reads `buffer` where its browser build reads `arrayBuffer`.
      extractRawText: ({ arrayBuffer }) =>
        mammoth.extractRawText({ buffer: Buffer.from(arrayBuffer) }),
    }),
    checkpoint: async () => undefined,
    onProgress: (done, total) => progress.push([done, total]),
    ...overrides,
  };
  return { env, progress };
}
