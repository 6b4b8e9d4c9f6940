import { describe, expect, it } from 'vitest';
import type { ExtractErrorCode } from '../types';
import { classifyExtractError, ExtractFailure, extractError, isExtractAbort } from './errors';

const codes: ExtractErrorCode[] = [
  'empty',
  'too-large',
  'too-much-text',
  'encrypted',
  'no-text-layer',
  'ocr-failed',
  'corrupt',
  'binary',
  'unsupported-type',
  'aborted',
];

describe('extractError', () => {
  it('names the file in every message', () => {
    for (const code of codes) {
      const error = extractError(code, 'scan.pdf');
      expect(error.code).toBe(code);
      expect(error.message).toContain('“scan.pdf”');
      expect(error.message).toMatch(/\.$/);
    }
  });

  it('says what to do next', () => {
    expect(extractError('no-text-layer', 'scan.pdf').message).toBe(
      '“scan.pdf” has no text layer, and OCR found no text in it either. Check that it shows text, or choose its language in Settings › Document language.',
    );
    expect(extractError('too-large', 'big.pdf', { bytes: 150 * 1024 * 1024 }).message).toBe(
      '“big.pdf” is 150 MB; Nook reads documents up to 100 MB. Split it, or export only the part you need.',
    );
    expect(extractError('unsupported-type', 'old.doc', { reason: 'legacy-word' }).message).toMatch(
      /save it as \.docx/,
    );
    expect(extractError('encrypted', 'x.docx', { reason: 'office-encrypted' }).message).toMatch(
      /remove the password/,
    );
  });
});

describe('classifyExtractError', () => {
  /** pdf.js's exceptions carry their class name in `name`. */
  const pdfjsError = (name: string, message: string) => Object.assign(new Error(message), { name });

  it('maps pdf.js exceptions to codes', () => {
    expect(
      classifyExtractError(pdfjsError('PasswordException', 'No password given'), 'a.pdf').code,
    ).toBe('encrypted');
    expect(
      classifyExtractError(pdfjsError('InvalidPDFException', 'Invalid PDF structure.'), 'a.pdf')
        .code,
    ).toBe('corrupt');
    expect(
      classifyExtractError(pdfjsError('FormatError', 'Unexpected end of stream'), 'a.pdf').code,
    ).toBe('corrupt');
    expect(
      classifyExtractError(pdfjsError('AbortException', 'Worker was destroyed'), 'a.pdf').code,
    ).toBe('aborted');
    expect(classifyExtractError(new DOMException('x', 'AbortError'), 'a.pdf').code).toBe('aborted');
  });

  it('passes ExtractFailures through and calls anything else a damaged file', () => {
    const failure = new ExtractFailure(extractError('binary', 'b.txt'));
    expect(classifyExtractError(failure, 'other')).toBe(failure.error);
    expect(classifyExtractError('a string', 'c.txt')).toEqual(extractError('corrupt', 'c.txt'));
  });
});

describe('ExtractFailure', () => {
  it('carries the typed error and tells aborts apart', () => {
    const failure = new ExtractFailure(extractError('aborted', 'a.pdf'));
    expect(failure).toBeInstanceOf(Error);
    expect(failure.code).toBe('aborted');
    expect(failure.message).toBe('Reading “a.pdf” was cancelled.');
    expect(isExtractAbort(failure)).toBe(true);
    expect(isExtractAbort(new ExtractFailure(extractError('empty', 'a')))).toBe(false);
    expect(isExtractAbort(new Error('aborted'))).toBe(false);
  });
});
