// @vitest-environment node
// The whole extraction step on the real fixtures, under Node (see nodeEnvironment.ts).
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES, PAGE_SEPARATOR, type ExtractErrorCode } from '../types';
import { ExtractFailure, fail } from './errors';
import { extractFile, type ExtractEnvironment, type NamedBlob } from './extractFile';
import { fixture, nodeEnvironment as environment } from './nodeEnvironment';
import { extractPdfPages } from './pdf';

const dir = 'e2e/fixtures/documents/';

async function failureOf(file: NamedBlob, env = environment().env): Promise<ExtractFailure> {
  try {
    await extractFile(file, env);
  } catch (err) {
    if (err instanceof ExtractFailure) return err;
    throw err;
  }
  throw new Error(`${file.name} was read`);
}

async function codeOf(file: NamedBlob, env?: ExtractEnvironment): Promise<ExtractErrorCode> {
  return (await failureOf(file, env)).code;
}

describe('extractFile: text formats', () => {
  it('reads a text file as one page', async () => {
    const { env, progress } = environment();
    const doc = await extractFile(fixture('notes.txt'), env);
    expect(doc).toMatchObject({ name: 'notes.txt', kind: 'text', pageCount: null });
    expect(doc.pages).toHaveLength(1);
    expect(doc.pages[0]!.number).toBe(1);
    expect(doc.text).toBe(doc.pages[0]!.text);
    expect(doc.chars).toBe(doc.text.length);
    expect(doc.text).toMatch(/^Meeting notes: the garden cooperative/);
    expect(doc.text).toContain('Amélie will order seeds');
    expect(doc.text).toBe(doc.text.trim());
    expect(progress).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });

  it('keeps Markdown as written', async () => {
    const doc = await extractFile(fixture('notes.md'), environment().env);
    expect(doc.kind).toBe('markdown');
    expect(doc.text).toMatch(
      /^# Garden cooperative\n\nSpring planning, written up by \*\*Amélie\*\*\./,
    );
  });

  it('reads the text of a web page without its scripts and styles', async () => {
    const doc = await extractFile(fixture('page.html'), environment().env);
    expect(doc.kind).toBe('html');
    expect(doc.text).toContain(
      'The lamp must be lit half an hour before sunset & put out at sunrise.',
    );
    expect(doc.text).not.toMatch(/MUST-NOT-APPEAR/);
  });

  it('reads the long prose fixture', async () => {
    const doc = await extractFile(fixture('long.txt'), environment().env);
    expect(doc.chars).toBeGreaterThan(550_000);
    expect(doc.text).toContain('The railway reached Wexmoor on the 1st of June 1872.');
  });
});

describe('extractFile: Word', () => {
  it('reads the paragraphs of a .docx', async () => {
    const doc = await extractFile(fixture('report.docx'), environment().env);
    expect(doc).toMatchObject({ kind: 'docx', pageCount: null });
    expect(doc.text).toBe(
      [
        'Quarterly report: the harbour ferry',
        'Passenger numbers rose by 12 percent this quarter, mostly on the morning crossings. The new timetable has reduced waiting times at both piers.',
        'Fuel costs remain the largest expense. We recommend replacing the older engine before winter & reviewing the maintenance contract.',
        'Prepared by the operations team.',
      ].join('\n\n'),
    );
  });

  it('calls a ZIP that is not a Word document damaged', async () => {
    const zip = new JSZip();
    zip.file('hello.txt', 'not word');
    const bytes = await zip.generateAsync({ type: 'arraybuffer' });
    expect(await codeOf(new File([bytes], 'fake.docx'))).toBe('corrupt');
  });

  it('calls a Word document without text empty', async () => {
    const zip = await JSZip.loadAsync(readFileSync(dir + 'report.docx'));
    zip.file(
      'word/document.xml',
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p/></w:body></w:document>',
    );
    const bytes = await zip.generateAsync({ type: 'arraybuffer' });
    expect(await codeOf(new File([bytes], 'blank.docx'))).toBe('empty');
  });
});

describe('extractFile: PDF', () => {
  it('reads the 14 pages of the TraceMonkey paper, page by page', async () => {
    const { env, progress } = environment();
    const doc = await extractFile(fixture('tracemonkey.pdf'), env);
    expect(doc).toMatchObject({ kind: 'pdf', pageCount: 14 });
    expect(doc.pages.map((p) => p.number)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    expect(doc.pages[0]!.text).toContain('Trace-based Just-in-Time Type Specialization');
    expect(doc.pages[0]!.text).toContain('Andreas Gal');
    expect(doc.text).toBe(doc.pages.map((p) => p.text).join(PAGE_SEPARATOR));
    expect(doc.chars).toBe(doc.text.length);
    // Words stay apart and lines are joined sensibly.
    expect(doc.text).not.toMatch(/\bTracebased\b|JustinTime/);
    expect(doc.text).toMatch(/dynamic languages such as JavaScript/i);
    expect(progress[0]).toEqual([0, 14]);
    expect(progress.at(-1)).toEqual([14, 14]);
    expect(progress).toHaveLength(15);
  });

  it('reports a truncated PDF as damaged', async () => {
    expect(await codeOf(fixture('truncated.pdf'))).toBe('corrupt');
  });

  it('reports a PDF of images as having no text layer, without OCR', async () => {
    const failure = await failureOf(fixture('image-only.pdf', 'scan.pdf'));
    expect(failure.error.code).toBe('no-text-layer');
  });

  it('reads the text layer where there is one and gives OCR only the pages without', async () => {
    const ocrd: number[] = [];
    const progress: [number, number, boolean | undefined][] = [];
    const pages = await extractPdfPages(new Uint8Array(readFileSync(dir + 'mixed.pdf')), pdfjs, {
      fileName: 'mixed.pdf',
      maxChars: 1e6,
      checkpoint: async () => undefined,
      onProgress: (done, total, ocr) => progress.push([done, total, ocr]),
      ocrPage: async (page) => {
        ocrd.push(page.pageNumber);
        return 'The night ferry to Elsholm, as recognized.';
      },
    });
    expect(ocrd).toEqual([2]);
    expect(pages.map((p) => p.number)).toEqual([1, 2]);
    expect(pages[0]!.text).toContain('a page with a text layer');
    expect(pages[1]!.text).toBe('The night ferry to Elsholm, as recognized.');
    // Progress says when OCR starts on a page, before it is done.
    expect(progress).toContainEqual([1, 2, true]);
  });

  it('reports a password-protected PDF, which does open with its password', async () => {
    expect(await codeOf(fixture('encrypted.pdf'))).toBe('encrypted');
    // The fixture is a genuine encrypted PDF, not merely one that pdf.js refuses.
    const task = pdfjs.getDocument({
      data: new Uint8Array(readFileSync(dir + 'encrypted.pdf')),
      password: 'nook-user',
      isEvalSupported: false,
      verbosity: 0,
    });
    const pdf = await task.promise;
    const content = await (await pdf.getPage(1)).getTextContent();
    expect(content.items.map((i) => ('str' in i ? i.str : '')).join('')).toBe(
      'Secret quarterly numbers',
    );
    await task.destroy();
  });

  it('reads CJK text that needs a predefined CMap, and loses it without CMaps', async () => {
    const doc = await extractFile(fixture('cjk-cmap.pdf'), environment().env);
    expect(doc.text).toBe('Nook ファイル 日本語のテキスト');
    const withoutCMaps = environment({ loadPdf: async () => ({ pdfjs }) }).env;
    expect(await codeOf(fixture('cjk-cmap.pdf'), withoutCMaps)).toBe('no-text-layer');
  });

  it('stops between pages when cancelled', async () => {
    let pages = 0;
    const { env, progress } = environment({
      checkpoint: async () => {
        if (pages++ === 4) fail('aborted', 'tracemonkey.pdf');
      },
    });
    expect(await codeOf(fixture('tracemonkey.pdf'), env)).toBe('aborted');
    expect(progress.at(-1)![0]).toBeLessThan(4);
  });

  it('stops reading once the text is over the limit', async () => {
    const { env, progress } = environment({ maxChars: 10_000 });
    expect(await codeOf(fixture('tracemonkey.pdf'), env)).toBe('too-much-text');
    expect(progress.at(-1)![0]).toBeLessThan(5);
  });
});

describe('extractFile: refusals', () => {
  it('refuses empty files and files of whitespace', async () => {
    expect(await codeOf(fixture('empty.txt'))).toBe('empty');
    expect(await codeOf(new File([' \n\t\r\n '], 'blank.md'))).toBe('empty');
    expect(await codeOf(new File(['<html><script>x()</script></html>'], 'blank.html'))).toBe(
      'empty',
    );
  });

  it('refuses binary files named as text', async () => {
    expect(await codeOf(fixture('binary.txt'))).toBe('binary');
  });

  it('refuses files over the byte limit without reading them', async () => {
    const huge: NamedBlob = {
      name: 'huge.pdf',
      size: MAX_DOCUMENT_BYTES + 1,
      type: 'application/pdf',
      arrayBuffer: () => Promise.reject(new Error('must not be read')),
    };
    const failure = await failureOf(huge);
    expect(failure.code).toBe('too-large');
    expect(failure.message).toContain('“huge.pdf” is 100 MB; Nook reads documents up to 100 MB');
  });

  it('refuses text over the character limit', async () => {
    const { env } = environment({ maxChars: 1000 });
    expect(await codeOf(new File(['word '.repeat(300)], 'a.txt'), env)).toBe('too-much-text');
    expect(await codeOf(new File(['word '.repeat(1100)], 'a.txt'), env)).toBe('too-much-text');
  });

  it('refuses types it does not read', async () => {
    expect(await codeOf(new File(['x'], 'slides.pptx'))).toBe('unsupported-type');
  });
});
