// `node scripts/make-invoice-fixtures.mjs`: writes the three invoices of e2e/fixtures/invoices/
// that the extraction tests read, and a bank statement of three transactions for a table per
// item (see the README there). Two carry a text layer (pdf-lib, fixed
// dates, so their bytes never change); the third is a scan: its pages are drawn by Chromium and
// put in as pictures only, so it is read by OCR, and its bytes depend on the fonts installed (the
// output is committed; tests never depend on this script having run). Each value an invoice
// template field asks for is a line "Field: value", which is also how the scripted engine finds
// its planted values (src/engine/webllm/scripted/structured.ts); the pages differ between invoices.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { baseChromiumArgs, chromiumPath } from '../e2e/chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'e2e/fixtures/invoices');

const filler = (what) => [
  `Thank you for your order of ${what}.`,
  'Goods remain our property until paid in full.',
  'Please quote the invoice number with your payment.',
];

/** Each invoice: its pages, each a list of lines (the first a heading). */
export const INVOICES = {
  'invoice-harbour.pdf': [
    [
      'Harbour Supplies Ltd',
      'Invoice number: INV-1001',
      'Vendor: Harbour Supplies Ltd',
      'Invoice date: 12 March 2024',
      'Due date: 11 April 2024',
      ...filler('rope and paint'),
    ],
    ['Amounts', '40 m mooring rope, 12 tins of deck paint.', 'Total: 1,204.50 EUR', 'Paid: no'],
  ],
  'invoice-quay.pdf': [
    [
      'Quay Chandlery',
      'Invoice number: Q-77',
      'Vendor: Quay Chandlery',
      'Invoice date: 2024-02-01',
      'Due date: 2024-03-01',
      'Total: 89.90 EUR',
      'Paid: yes',
      ...filler('shackles'),
    ],
  ],
  'invoice-ferry-scanned.pdf': [
    [
      'Island Ferry Services',
      'Invoice number: FS-2024-3',
      'Vendor: Island Ferry Services',
      'Invoice date: 5 May 2024',
      ...filler('crossings'),
    ],
    ['Summary', 'Six crossings for two vehicles.', 'Due date: 4 June 2024', 'Total: 455.00 EUR'],
  ],
};

/**
 * A statement: each transaction is the lines "Date", "Description", "Amount", the fields of the
 * "Bank statement: transactions" template; the third is on the second page.
 */
export const STATEMENTS = {
  'statement-harbour-bank.pdf': [
    [
      'Harbour Bank',
      'Statement for March 2024, account 12-3456-789',
      'Date: 2024-03-04',
      'Description: Quay Chandlery',
      'Amount: -89.90 EUR',
      'Date: 2024-03-15',
      'Description: Salary March',
      'Amount: 2,400.00 EUR',
    ],
    [
      'Harbour Bank, page 2',
      'Date: 2024-03-28',
      'Description: Island Ferry Services',
      'Amount: -455.00 EUR',
      'Closing balance: 1,855.10 EUR',
    ],
  ],
};

async function textPdf(pages) {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setCreationDate(new Date('2024-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2024-01-01T00:00:00Z'));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    lines.forEach((line, i) =>
      page.drawText(line, { x: 60, y: 760 - i * 24, size: i === 0 ? 18 : 12, font }),
    );
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** Pages of A4 at 150 dpi drawn by Chromium, as a scanner sees them. */
async function scannedPdf(pages) {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: baseChromiumArgs });
  let pngs;
  try {
    const page = await browser.newPage();
    pngs = await page.evaluate(async (texts) => {
      const shots = [];
      for (const lines of texts) {
        const canvas = new OffscreenCanvas(1240, 1754);
        const context = canvas.getContext('2d');
        context.fillStyle = '#f7f5ef';
        context.fillRect(0, 0, canvas.width, canvas.height);
        context.fillStyle = '#1a1a1a';
        lines.forEach((line, i) => {
          context.font = i === 0 ? 'bold 48px serif' : '34px serif';
          context.fillText(line, 110, 180 + i * 60);
        });
        const blob = await canvas.convertToBlob({ type: 'image/png' });
        shots.push([...new Uint8Array(await blob.arrayBuffer())]);
      }
      return shots;
    }, pages);
  } finally {
    await browser.close();
  }
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setCreationDate(new Date('2024-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2024-01-01T00:00:00Z'));
  for (const png of pngs) {
    const image = await doc.embedPng(Uint8Array.from(png));
    doc.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

mkdirSync(out, { recursive: true });
for (const [name, pages] of Object.entries({ ...INVOICES, ...STATEMENTS })) {
  const bytes = name.includes('scanned') ? await scannedPdf(pages) : await textPdf(pages);
  writeFileSync(join(out, name), bytes);
  console.log(`${name.padEnd(26)} ${bytes.length} bytes`);
}
