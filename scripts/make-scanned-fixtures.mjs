// `node scripts/make-scanned-fixtures.mjs`: writes the OCR fixtures of e2e/fixtures/documents/
// (see the README there): text drawn by Chromium onto a canvas, the way a scanner sees a page, and
// put into PDFs as pictures only (pdf-lib), so no page of `scanned.pdf` has a text layer and
// `mixed.pdf` has one on its first page only. Rasterizing depends on the fonts installed, so the
// output is committed and tests never depend on this script having run.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { baseChromiumArgs, chromiumPath } from '../e2e/chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'e2e/fixtures/documents');

/**
 * Three pages of a report, each long enough (about 300 words) to be a passage of its own, each
 * holding one fact the others lack: a question about it must cite its page. The filler is made
 * of words the questions do not use.
 */
const FILLER = [
  ['The board met', 'in the spring', 'to review the accounts', 'of the previous year'],
  ['Repairs to the hull', 'of the oldest vessel', 'were finished', 'ahead of the summer'],
  ['The cafe on deck', 'served more meals', 'than in any year', 'since it opened'],
  ['Volunteers painted', 'the waiting room', 'at the north pier', 'over two weekends'],
];

function fillerLines(seed, count) {
  const lines = [];
  for (let i = 0; i < count; i++) {
    const [a, b, c, d] = FILLER[(seed + i) % FILLER.length];
    lines.push(i % 2 === 0 ? `${a} ${b} ${c} ${d}.` : `${c} ${d}, ${a.toLowerCase()} ${b}.`);
  }
  return lines;
}

export const SCANNED_PAGES = [
  [
    'Harbour Ferry Company',
    'The company runs four boats between the north pier and the island.',
    ...fillerLines(0, 26),
  ],
  [
    'Timetable changes',
    ...fillerLines(1, 12),
    'The night ferry to Elsholm now leaves at twenty past eleven from pier seven.',
    ...fillerLines(2, 13),
  ],
  [
    'Staff and training',
    'Thirty two crew members completed the new safety course.',
    ...fillerLines(3, 26),
  ],
];

/** A page of A4 at 150 dpi, as a PNG: dark text on an off-white sheet, as a scanner sees it. */
async function renderPages(pages) {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: baseChromiumArgs });
  try {
    const page = await browser.newPage();
    return await page.evaluate(async (texts) => {
      const shots = [];
      for (const lines of texts) {
        const canvas = new OffscreenCanvas(1240, 1754);
        const context = canvas.getContext('2d');
        context.fillStyle = '#f7f5ef';
        context.fillRect(0, 0, canvas.width, canvas.height);
        context.fillStyle = '#1a1a1a';
        lines.forEach((line, i) => {
          context.font = i === 0 ? 'bold 48px serif' : '30px serif';
          context.fillText(line, 110, 180 + i * 52);
        });
        const blob = await canvas.convertToBlob({ type: 'image/png' });
        shots.push([...new Uint8Array(await blob.arrayBuffer())]);
      }
      return shots;
    }, pages);
  } finally {
    await browser.close();
  }
}

async function pdfOf(pngs, textFirstPage) {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setCreationDate(new Date('2024-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2024-01-01T00:00:00Z'));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const [index, png] of pngs.entries()) {
    const page = doc.addPage([595, 842]);
    if (index === 0 && textFirstPage) {
      // A real text layer: read directly, never by OCR.
      textFirstPage.forEach((line, i) =>
        page.drawText(line, { x: 60, y: 760 - i * 24, size: 14, font }),
      );
      continue;
    }
    const image = await doc.embedPng(Uint8Array.from(png));
    page.drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

const pngs = await renderPages(SCANNED_PAGES);
const files = {
  'scanned.pdf': await pdfOf(pngs),
  'mixed.pdf': await pdfOf(pngs.slice(0, 2), [
    'Harbour Ferry Company: a page with a text layer.',
    'The company runs four boats between the north pier and Elsholm.',
  ]),
  'scanned-note.png': Buffer.from(pngs[1]),
};
for (const [name, bytes] of Object.entries(files)) {
  writeFileSync(join(out, name), bytes);
  console.log(`${name.padEnd(18)} ${bytes.length} bytes`);
}
