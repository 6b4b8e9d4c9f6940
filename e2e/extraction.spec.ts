/**
 * Extraction tables: fields read from a chat's documents into a table, one row per document,
 * each value with its page. Three invoices made by scripts/make-invoice-fixtures.mjs, one of them
 * scanned (read by OCR). On the scripted engine the values are the ones planted in the invoices
 * ("Field: value" lines, see src/engine/webllm/scripted/structured.ts), so the rows and pages can
 * be checked; on the real llama.cpp engine (a synthetic GGUF with random weights) the values are
 * whatever the model writes, held by the schema's grammar to JSON Nook can read.
 */
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { expectClean } from './axe';
import { expect, test } from './fixtures';
import type { ChatPage } from './pages/ChatPage';
import { downloadText, exportAll } from './pages/TransferPage';

const invoice = (name: string) => join('e2e/fixtures/invoices', name);
const HARBOUR = 'invoice-harbour.pdf';
const QUAY = 'invoice-quay.pdf';
const SCANNED = 'invoice-ferry-scanned.pdf';

// OCR of the scanned invoice and llama.cpp's load take a while on a busy 2-core machine.
test.describe.configure({ timeout: 150_000 });

async function attachAll(chat: ChatPage, names: string[]) {
  for (const name of names) {
    await chat.attachDocument(invoice(name));
    await expect(chat.documentCard(name)).toContainText('PDF', { timeout: 90_000 });
  }
}

/** Opens the field form, keeps the Invoice template's fields, and starts the table. */
async function extractInvoices(chat: ChatPage) {
  await chat.page.getByRole('button', { name: 'Extract table' }).click();
  const dialog = chat.page.getByRole('dialog', { name: 'Extract a table' });
  await expect(dialog.getByRole('combobox', { name: 'Start from' })).toHaveValue('Invoice');
  await dialog.getByRole('button', { name: 'Extract' }).click();
  await expect(dialog).toBeHidden();
}

const table = (chat: ChatPage) =>
  chat.page.getByRole('table', { name: /^Table from \d+ documents?/ });
const cell = (chat: ChatPage, field: string, document: string): Locator =>
  table(chat).getByRole('button', {
    name: new RegExp(`^${field} of ${document.replace('.', '\\.')}:`),
  });
const progress = (chat: ChatPage) =>
  chat.page.getByRole('status').filter({ hasText: /documents read/ });

test('three invoices, one scanned, give a table of three rows with each value’s page; a correction survives a reload and the exports', async ({
  chat,
  page,
}) => {
  await chat.open({ scripted_load_ms: 0, scripted_tps: 200, scripted_prefill_tps: 1_000_000 });
  await attachAll(chat, [HARBOUR, QUAY, SCANNED]);
  await extractInvoices(chat);
  await expect(progress(chat)).toBeVisible();
  await expect(progress(chat)).toBeHidden({ timeout: 60_000 });
  await expect(table(chat).getByRole('row')).toHaveCount(4);

  await expect(cell(chat, 'Vendor', HARBOUR)).toHaveAccessibleName(
    'Vendor of invoice-harbour.pdf: Harbour Supplies Ltd, page 1. Edit',
  );
  await expect(cell(chat, 'Total', HARBOUR)).toHaveAccessibleName(
    'Total of invoice-harbour.pdf: 1,204.50 EUR, page 2. Edit',
  );
  await expect(cell(chat, 'Invoice date', HARBOUR)).toContainText('2024-03-12');
  await expect(cell(chat, 'Paid', HARBOUR)).toContainText('No');
  await expect(cell(chat, 'Total', QUAY)).toHaveAccessibleName(
    'Total of invoice-quay.pdf: 89.90 EUR, page 1. Edit',
  );
  await expect(cell(chat, 'Paid', QUAY)).toContainText('Yes');
  // The scan was read by OCR: its total is on its second page, its vendor on its first.
  await expect(cell(chat, 'Total', SCANNED)).toHaveAccessibleName(
    'Total of invoice-ferry-scanned.pdf: 455.00 EUR, page 2. Edit',
  );
  await expect(cell(chat, 'Vendor', SCANNED)).toHaveAccessibleName(/Island Ferry Services, page 1/);
  // Not stated in the scan: empty, not invented.
  await expect(cell(chat, 'Paid', SCANNED)).toHaveAccessibleName(/: empty\. Edit$/);

  // The page shows on hover, and on focus.
  await cell(chat, 'Total', HARBOUR).hover();
  await expect(cell(chat, 'Total', HARBOUR).getByText('page 2')).toBeVisible();
  await cell(chat, 'Total', QUAY).focus();
  await expect(cell(chat, 'Total', QUAY).getByText('page 1')).toBeVisible();

  // Sorting by Total, largest first.
  await table(chat).getByRole('button', { name: 'Total', exact: true }).click();
  await table(chat).getByRole('button', { name: 'Total', exact: true }).click();
  await expect(
    table(chat).getByRole('columnheader', { name: 'Total', exact: true }),
  ).toHaveAttribute('aria-sort', 'descending');
  await expect(table(chat).getByRole('rowheader')).toHaveText([HARBOUR, SCANNED, QUAY]);

  // A correction by hand, kept and marked.
  await cell(chat, 'Vendor', QUAY).click();
  const editor = table(chat).getByRole('textbox', { name: `Vendor of ${QUAY}` });
  await editor.fill('Quay Chandlery & Sons');
  await editor.press('Enter');
  await expect(cell(chat, 'Vendor', QUAY)).toHaveAccessibleName(
    'Vendor of invoice-quay.pdf: Quay Chandlery & Sons corrected, page 1. Edit',
  );

  await chat.letSave();
  await page.reload();
  await chat.ready();
  await expect(cell(chat, 'Vendor', QUAY)).toHaveAccessibleName(/Quay Chandlery & Sons corrected/);

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const csvText = await downloadText(csv);
  expect(csvText).toContain('Document,Invoice number,Invoice number (page),Vendor,Vendor (page)');
  expect(csvText).toContain('invoice-quay.pdf,Q-77,1,Quay Chandlery & Sons,1,');
  expect(csvText).toContain('"1,204.50 EUR",2');

  const [markdown] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export Markdown' }).click(),
  ]);
  expect(await downloadText(markdown)).toContain('Quay Chandlery & Sons (p. 1) (corrected)');

  // The chat's own export carries the table, correction included.
  const { text } = await exportAll(chat);
  const exported = JSON.parse(text) as {
    conversations: {
      messages: { table?: { rows: { cells: ({ correction?: string } | null)[] }[] } }[];
    }[];
  };
  const rows = exported.conversations[0]?.messages.find((m) => m.table)?.table?.rows ?? [];
  expect(rows).toHaveLength(3);
  expect(rows[1]?.cells[1]?.correction).toBe('Quay Chandlery & Sons');
});

test('Cancel stops the table: the document being read and the ones after it are cancelled', async ({
  chat,
}) => {
  // Slow enough to press Cancel while the first invoice is read.
  await chat.open({ scripted_load_ms: 0, scripted_tps: 4, scripted_reply: 'You are welcome.' });
  await attachAll(chat, [HARBOUR, QUAY]);
  await extractInvoices(chat);
  await expect(progress(chat)).toContainText('reading “invoice-harbour.pdf”');
  await progress(chat).getByRole('button', { name: 'Cancel' }).click();
  await expect(progress(chat)).toBeHidden();
  await expect(table(chat).getByRole('row', { name: /invoice-harbour\.pdf/ })).toContainText(
    'Cancelled',
  );
  await expect(table(chat).getByRole('row', { name: /invoice-quay\.pdf/ })).toContainText(
    'Cancelled',
  );
  // The engine is free again: a question is answered.
  await chat.sendAndWait('Thanks');
});

test('a document that fails says why in its row, and the others are read', async ({ chat }) => {
  // The GPU is lost a few tokens into the first answer (once): WebLLM's DeviceLostError.
  await chat.open({ scripted_load_ms: 200, scripted_tps: 500, scripted_fault: 'device-lost@5' });
  await attachAll(chat, [HARBOUR, QUAY]);
  await extractInvoices(chat);
  await expect(progress(chat)).toBeHidden({ timeout: 60_000 });
  await expect(table(chat).getByRole('row', { name: /invoice-harbour\.pdf/ })).toContainText(
    'The model could not read it',
  );
  await expect(cell(chat, 'Total', QUAY)).toHaveAccessibleName(/89\.90 EUR, page 1/);
});

test('a field list that makes no table says why in the form, and nothing typed is lost; templates are saved', async ({
  chat,
  page,
}) => {
  await chat.open({ scripted_load_ms: 0 });
  await attachAll(chat, [QUAY]);
  await page.getByRole('button', { name: 'Extract table' }).click();
  const dialog = page.getByRole('dialog', { name: 'Extract a table' });
  await dialog.getByRole('combobox', { name: 'Start from' }).selectOption('Receipt');
  await expect(dialog.getByRole('textbox', { name: 'Field 1 name' })).toHaveValue('Merchant');
  await dialog.getByRole('textbox', { name: 'Field 2 name' }).fill('merchant');
  await dialog.getByRole('button', { name: 'Extract' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    '“merchant” is named twice: each field needs its own name.',
  );
  await expect(dialog.getByRole('textbox', { name: 'Field 2 name' })).toHaveValue('merchant');
  await dialog.getByRole('textbox', { name: 'Field 2 name' }).fill('Receipt number');
  await dialog.getByRole('button', { name: 'Add field' }).click();
  await dialog.getByRole('button', { name: 'Extract' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Field 5 needs a name.');
  await dialog.getByRole('button', { name: 'Remove field 5' }).click();
  await dialog.getByRole('combobox', { name: 'Field 4 type' }).selectOption('Yes/no');
  await dialog.getByRole('textbox', { name: 'Save these fields as' }).fill('Shop receipts');
  await dialog.getByRole('button', { name: 'Save template' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Saved as template “Shop receipts”.');
  await expectClean(page, 'the field form', '.dialog');
  await dialog.getByRole('button', { name: 'Close' }).click();

  await chat.letSave();
  await page.reload();
  await chat.ready();
  await page.getByRole('button', { name: 'Extract table' }).click();
  await dialog.getByRole('combobox', { name: 'Start from' }).selectOption('Shop receipts');
  await expect(dialog.getByRole('textbox', { name: 'Field 2 name' })).toHaveValue('Receipt number');
  await expect(dialog.getByRole('combobox', { name: 'Field 4 type' })).toHaveValue('yes-no');
  await dialog.getByRole('button', { name: 'Extract' }).click();
  await expect(progress(chat)).toBeHidden({ timeout: 30_000 });
  await expect(cell(chat, 'Merchant', QUAY)).toBeVisible();
  await expectClean(page, 'an extraction table', '.extraction');
});

test('on the real llama.cpp engine the schema holds random weights to JSON: three valid rows', async ({
  chat,
  llama,
}) => {
  // Room for the prompt, which this model's vocabulary spells out letter by letter.
  await llama.open('roomy.gguf', 'Roomy', 8192);
  await attachAll(chat, [HARBOUR, QUAY, SCANNED]);
  await extractInvoices(chat);
  await expect(progress(chat)).toBeVisible();
  await expect(progress(chat)).toBeHidden({ timeout: 120_000 });
  const rows = table(chat).getByRole('row');
  await expect(rows).toHaveCount(4);
  // Every row was read: none failed, none says its answer was not JSON or was cut off.
  for (const name of [HARBOUR, QUAY, SCANNED]) {
    const row = table(chat).getByRole('row', { name: new RegExp(name.replace('.', '\\.')) });
    await expect(row).not.toContainText(/could not|not the JSON|cut off|Cancelled/);
    await expect(row.getByRole('button')).toHaveCount(6);
  }
});
