/**
 * What kind of document a file is, from its name and its bytes, and how its bytes decode to text.
 * Content beats the name where the content is unambiguous (a file starting with `%PDF-` is a PDF
 * whatever it is called); the name decides between the text formats. Pure: unit-tested in Node.
 */
import { sniffImage } from '../../images/detect';
import type { DocumentKind, ExtractErrorCode } from '../types';
import type { ErrorContext } from './errors';

export type Signature = 'pdf' | 'zip' | 'ole' | 'none';

export type Detection =
  { ok: true; kind: DocumentKind } | { ok: false; code: ExtractErrorCode; context?: ErrorContext };

const TEXT_EXTENSIONS = new Set(['txt', 'text', 'log', 'csv', 'tsv', 'json', 'xml', 'yaml', 'yml']);
const MARKDOWN_EXTENSIONS = new Set(['md', 'markdown', 'mdown', 'mkd']);
const HTML_EXTENSIONS = new Set(['html', 'htm', 'xhtml']);
/** Formats people attach that look like ours but are not: refused with a clear message. */
const UNSUPPORTED_EXTENSIONS = new Set([
  'rtf',
  'odt',
  'ods',
  'odp',
  'pptx',
  'ppt',
  'xlsx',
  'xls',
  'epub',
  'pages',
  'zip',
]);

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  return signature.every((b, i) => bytes[at + i] === b);
}

const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP_HEADER = [0x50, 0x4b, 0x03, 0x04]; // PK\3\4
const OLE_HEADER = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // Compound File (old Office)

/** pdf.js, like Acrobat, accepts junk before `%PDF-` within the first kilobyte. */
const PDF_HEADER_WINDOW = 1024;

export function sniffSignature(head: Uint8Array): Signature {
  if (startsWith(head, ZIP_HEADER)) return 'zip';
  if (startsWith(head, OLE_HEADER)) return 'ole';
  const window = Math.min(head.length - PDF_HEADER.length, PDF_HEADER_WINDOW);
  for (let i = 0; i <= window; i++) {
    if (head[i] === 0x25 && startsWith(head, PDF_HEADER, i)) return 'pdf';
  }
  return 'none';
}

/**
 * A password-protected .docx is not a ZIP but an OLE compound file holding an "EncryptedPackage"
 * stream (names are UTF-16LE in the directory); an old binary .doc is an OLE file without it.
 */
export function isEncryptedOfficeFile(bytes: Uint8Array): boolean {
  const name = 'EncryptedPackage';
  const first = name.charCodeAt(0);
  const last = bytes.length - name.length * 2;
  outer: for (let i = 0; i <= last; i++) {
    if (bytes[i] !== first || bytes[i + 1] !== 0) continue;
    for (let j = 1; j < name.length; j++) {
      if (bytes[i + 2 * j] !== name.charCodeAt(j) || bytes[i + 2 * j + 1] !== 0) continue outer;
    }
    return true;
  }
  return false;
}

/**
 * Decides the kind. `bytes` is the whole file (we read it all anyway, and an OLE directory can
 * sit anywhere); `mimeType` is the browser's guess, used only for names without an extension.
 */
export function detectKind(name: string, bytes: Uint8Array, mimeType = ''): Detection {
  const ext = extensionOf(name);
  const signature = sniffSignature(bytes.subarray(0, PDF_HEADER_WINDOW + PDF_HEADER.length));

  if (signature === 'pdf') return { ok: true, kind: 'pdf' };
  if (ext === 'pdf') return { ok: false, code: 'corrupt' };
  // A photo or scan of text, read by OCR.
  if (sniffImage(bytes)) return { ok: true, kind: 'image' };

  if (ext === 'docx' || ext === 'doc') {
    if (signature === 'zip') return { ok: true, kind: 'docx' };
    if (signature === 'ole') {
      return isEncryptedOfficeFile(bytes)
        ? { ok: false, code: 'encrypted', context: { reason: 'office-encrypted' } }
        : { ok: false, code: 'unsupported-type', context: { reason: 'legacy-word' } };
    }
    return ext === 'doc'
      ? { ok: false, code: 'unsupported-type', context: { reason: 'legacy-word' } }
      : { ok: false, code: 'corrupt' };
  }
  if (UNSUPPORTED_EXTENSIONS.has(ext)) return { ok: false, code: 'unsupported-type' };

  const claimsText =
    TEXT_EXTENSIONS.has(ext) ||
    MARKDOWN_EXTENSIONS.has(ext) ||
    HTML_EXTENSIONS.has(ext) ||
    (ext === '' && mimeType.startsWith('text/'));
  // A ZIP or OLE file is never text, whatever its name says.
  if (signature !== 'none' || looksBinary(bytes)) {
    return { ok: false, code: claimsText ? 'binary' : 'unsupported-type' };
  }
  if (MARKDOWN_EXTENSIONS.has(ext) || (ext === '' && mimeType === 'text/markdown')) {
    return { ok: true, kind: 'markdown' };
  }
  if (HTML_EXTENSIONS.has(ext) || (ext === '' && mimeType === 'text/html')) {
    return { ok: true, kind: 'html' };
  }
  // Any other name whose bytes are text (README, notes.csv, main.py) is read as plain text.
  return { ok: true, kind: 'text' };
}

type Bom = 'utf-8' | 'utf-16le' | 'utf-16be';

function bomOf(bytes: Uint8Array): Bom | null {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return 'utf-8';
  if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be';
  return null;
}

/**
 * Binary, not text: any NUL byte (outside UTF-16 with a byte-order mark), or more than 1 in 200
 * bytes being control characters other than tab, newlines, form feed and escape. Random bytes
 * have about 12% control characters; real text has next to none.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const bom = bomOf(bytes);
  if (bom === 'utf-16le' || bom === 'utf-16be') return false;
  let controls = 0;
  const allowed = bytes.length / 200;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b >= 0x20 && b !== 0x7f) continue;
    if (b === 0) return true;
    if (b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0c || b === 0x1b) continue;
    if (++controls > allowed) return true;
  }
  return false;
}

/**
 * Bytes to text. UTF-8 (with or without a BOM) and UTF-16 with a BOM are decoded as such; a
 * `declared` encoding (an HTML page's <meta charset>) is used when there is no BOM; bytes that are
 * not valid UTF-8 but passed `looksBinary` are an older 8-bit encoding, read as Windows-1252 (a
 * superset of Latin-1) rather than refused. Line endings become `\n`, form feeds
 * paragraph breaks, and the remaining control characters are dropped.
 */
export function decodeText(bytes: Uint8Array, declared?: string): string {
  const bom = bomOf(bytes);
  let text: string;
  if (bom) {
    text = new TextDecoder(bom).decode(bytes); // strips the BOM
  } else if (declared) {
    text = new TextDecoder(declared).decode(bytes);
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder('windows-1252').decode(bytes);
    }
  }
  return normalizeText(text);
}

/**
 * The encoding an HTML page declares in its first kilobyte (`<meta charset="…">` or the
 * http-equiv form), if the browser knows it. A declared UTF-16 is ignored, as browsers do: the
 * bytes being ASCII-compatible proves it wrong.
 */
export function declaredHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 1024));
  const label = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
  if (!label || /^utf-?16/i.test(label)) return undefined;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined; // not a label the browser knows
  }
}

/** Line endings to `\n`, form feeds to blank lines, other control characters and NULs removed. */
export function normalizeText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/\f/g, '\n\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f\ufeff]/g, '')
  );
}

/** True when there is nothing but whitespace. */
export function isBlank(text: string): boolean {
  return !/\S/.test(text);
}
