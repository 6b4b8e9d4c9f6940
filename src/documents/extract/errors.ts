/**
 * Extraction errors: typed codes and the one table of sentences the UI shows for them. Each
 * sentence names the file, says what went wrong and what to do next. Pure; used on both threads.
 */
import { WorkerFailure } from '../../workers/failure';
import {
  MAX_DOCUMENT_BYTES,
  MAX_DOCUMENT_CHARS,
  type ExtractError,
  type ExtractErrorCode,
} from '../types';

export const SUPPORTED_TYPES = 'PDF, Word (.docx), text, Markdown, HTML or image';

/** Optional facts that sharpen a message. */
export interface ErrorContext {
  /** The file's size, for `too-large`. */
  bytes?: number;
  /** A more precise explanation than the code's default (e.g. an old .doc file). */
  reason?: 'legacy-word' | 'office-encrypted';
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

const messages: Record<ExtractErrorCode, (file: string, context: ErrorContext) => string> = {
  empty: (file) =>
    `“${file}” is empty: there is no text in it to read. Check that you chose the right file.`,
  'too-large': (file, { bytes }) =>
    `“${file}” is ${bytes === undefined ? 'too large' : megabytes(bytes)}; Nook reads documents up to ${megabytes(MAX_DOCUMENT_BYTES)}. Split it, or export only the part you need.`,
  'too-much-text': (file) =>
    `“${file}” holds more text than Nook can work with (over ${MAX_DOCUMENT_CHARS.toLocaleString('en-US')} characters). Split it into smaller documents.`,
  encrypted: (file, { reason }) =>
    reason === 'office-encrypted'
      ? `“${file}” is protected by a password. Open it in Word, remove the password (File › Info › Protect Document), save it and attach it again.`
      : `“${file}” is protected by a password. Nook cannot open it; save a copy without the password and attach that.`,
  'no-text-layer': (file) =>
    `“${file}” has no text layer, and OCR found no text in it either. Check that it shows text, or choose its language in Settings › Document language.`,
  'ocr-failed': (file) =>
    `“${file}” needs OCR (it has pages without a text layer), and the OCR engine could not read them. Try again.`,
  corrupt: (file) =>
    `“${file}” could not be read: the file is damaged or incomplete. Download or export it again.`,
  binary: (file) =>
    `“${file}” does not contain readable text (it looks like a binary file). Attach a ${SUPPORTED_TYPES} document.`,
  'unsupported-type': (file, { reason }) =>
    reason === 'legacy-word'
      ? `“${file}” is an old Word document (.doc). Open it in Word or LibreOffice and save it as .docx.`
      : `Nook cannot read “${file}”: it reads ${SUPPORTED_TYPES} documents.`,
  aborted: (file) => `Reading “${file}” was cancelled.`,
};

export function extractError(
  code: ExtractErrorCode,
  fileName: string,
  context: ErrorContext = {},
): ExtractError {
  return { code, message: messages[code](fileName, context) };
}

/** What extractDocument rejects with, and what the worker's steps throw. */
export class ExtractFailure extends WorkerFailure<ExtractError> {
  constructor(error: ExtractError) {
    super(error, error.message);
  }
}

export function fail(code: ExtractErrorCode, fileName: string, context?: ErrorContext): never {
  throw new ExtractFailure(extractError(code, fileName, context));
}

export function isExtractAbort(err: unknown): boolean {
  return err instanceof ExtractFailure && err.error.code === 'aborted';
}

/**
 * Turns whatever a library threw into a typed error. pdf.js names its exceptions
 * (PasswordException, InvalidPDFException, ...); anything else we did not foresee is reported as
 * a damaged file, since the input is the only thing that varies.
 */
export function classifyExtractError(err: unknown, fileName: string): ExtractError {
  if (err instanceof ExtractFailure) return err.error;
  const name =
    typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : undefined;
  switch (name) {
    case 'PasswordException':
      return extractError('encrypted', fileName);
    case 'AbortError':
    case 'AbortException':
      return extractError('aborted', fileName);
    default:
      return extractError('corrupt', fileName);
  }
}
