// Extraction tables on llama.cpp, on this machine's CPU: the Invoice template's six fields read
// from the three invoice fixtures (e2e/fixtures/invoices; the scan is read by OCR before the
// clock starts) with the synthetic GGUF model (random weights, held to the schema's grammar).
// Timed by Nook itself: a User Timing entry per document (nook:table-document), from the
// document's turn to its row being stored, loading its text and every request included.
import { writeFileSync } from 'node:fs';
import { writeGguf } from '../scripts/make-gguf.mjs';
import { launchBrowser, openChat, round, summarize, useBenchGguf } from './harness.mjs';

export const name = 'tables';

const ROUNDS = 2;
const MODEL_FILE = 'bench-tables.gguf';
const INVOICES = ['invoice-harbour.pdf', 'invoice-quay.pdf', 'invoice-ferry-scanned.pdf'];

async function oneRun(browser, appUrl) {
  const page = await openChat(browser, appUrl, { scripted_load_ms: 0, llama_threads: 1 });
  await useBenchGguf(page, appUrl, MODEL_FILE);
  for (const file of INVOICES) {
    await page.getByLabel('Attach document').setInputFiles(`e2e/fixtures/invoices/${file}`);
    await page
      .getByRole('region', { name: 'Documents' })
      .getByRole('region', { name: file })
      .waitFor({ timeout: 120_000 });
  }
  await page.getByRole('button', { name: 'Extract table' }).click();
  await page
    .getByRole('dialog', { name: 'Extract a table' })
    .getByRole('button', { name: 'Extract' })
    .click();
  await page.waitForFunction(
    (count) => performance.getEntriesByName('nook:table-document').length >= count,
    INVOICES.length,
    { timeout: 300_000, polling: 200 },
  );
  const entries = await page.evaluate(() =>
    performance
      .getEntriesByName('nook:table-document')
      .map((e) => ({ seconds: e.duration / 1000, ...e.detail })),
  );
  await page.close();
  return entries;
}

export async function run(appUrl) {
  writeFileSync(`dist-e2e/${MODEL_FILE}`, writeGguf({ seed: 6, ctx: 8192 }));
  const browser = await launchBrowser();
  const entries = [];
  try {
    for (let i = 0; i < ROUNDS; i++) entries.push(...(await oneRun(browser, appUrl)));
  } finally {
    await browser.close();
  }
  const perDocument = summarize(entries.map((e) => e.seconds));
  const perField = summarize(entries.map((e) => e.seconds / e.fields));
  const requests = summarize(entries.map((e) => e.requests));
  const show = (s) => `${s.median} (${s.min}–${s.max})`;
  return {
    name,
    description: `Invoice template (${entries[0]?.fields ?? 6} fields) from ${INVOICES.length} invoices (one scanned), synthetic GGUF on llama.cpp, 1 thread; ${ROUNDS} runs`,
    figures: { perDocumentS: perDocument, perFieldS: perField, requestsPerDocument: requests },
    rows: [
      ['seconds per document (median (min–max))', show(perDocument)],
      ['seconds per field (median (min–max))', show(perField)],
      ['requests per document (median)', round(requests.median, 1)],
    ],
  };
}
