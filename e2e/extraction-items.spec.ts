/**
 * Extraction tables with a row per item: a bank statement of three transactions
 * (scripts/make-invoice-fixtures.mjs) read with the "Bank statement: transactions" template. On
 * the scripted engine each transaction is a planted group of "Date", "Description" and "Amount"
 * lines (src/engine/webllm/scripted/structured.ts), so the rows and their pages can be checked;
 * on the real llama.cpp engine (a synthetic GGUF of random weights) the items are whatever the
 * model writes, held by the grammar to a bounded list Nook can read.
 */
import { expectClean } from './axe';
import { expect, test } from './fixtures';
import type { ChatPage } from './pages/ChatPage';
import { downloadText, exportAll } from './pages/TransferPage';

const STATEMENT = 'statement-harbour-bank.pdf';

// llama.cpp's load and a list of items from random weights take a while on a busy 2-core machine.
test.describe.configure({ timeout: 180_000 });

async function attachStatement(chat: ChatPage) {
  await chat.attachDocument(`e2e/fixtures/invoices/${STATEMENT}`);
  await expect(chat.documentCard(STATEMENT)).toContainText('PDF', { timeout: 90_000 });
}

/** Opens the field form on the statement template, which starts with a row per item. */
async function extractTransactions(chat: ChatPage, { axe = false } = {}) {
  await chat.page.getByRole('button', { name: 'Extract table' }).click();
  const dialog = chat.page.getByRole('dialog', { name: 'Extract a table' });
  await expect(dialog.getByRole('radio', { name: 'One per document' })).toBeChecked();
  await dialog
    .getByRole('combobox', { name: 'Start from' })
    .selectOption('Bank statement: transactions');
  const rows = dialog.getByRole('group', { name: 'Rows' });
  await expect(rows.getByRole('radio', { name: 'One per item in a document' })).toBeChecked();
  if (axe) await expectClean(chat.page, 'the field form, a row per item', '.dialog');
  await dialog.getByRole('button', { name: 'Extract' }).click();
  await expect(dialog).toBeHidden();
}

const table = (chat: ChatPage) =>
  chat.page.getByRole('table', { name: /^Table from 1 document, a row per item/ });
const amount = (chat: ChatPage, item: number) =>
  table(chat).getByRole('button', {
    name: new RegExp(`^Amount of ${STATEMENT.replace('.', '\\.')}, item ${item}:`),
  });
const progress = (chat: ChatPage) =>
  chat.page.getByRole('status').filter({ hasText: /documents read/ });

test('a statement of three transactions gives three rows, each with its page; sorted, corrected and exported like any table', async ({
  chat,
  page,
}) => {
  await chat.open({ scripted_load_ms: 0, scripted_tps: 2000, scripted_prefill_tps: 1_000_000 });
  await attachStatement(chat);
  await extractTransactions(chat, { axe: true });
  await expect(progress(chat)).toBeHidden({ timeout: 60_000 });
  await expect(table(chat).getByRole('row')).toHaveCount(4);
  await expect(table(chat).getByRole('rowheader')).toHaveText([
    `${STATEMENT}item 1`,
    `${STATEMENT}item 2`,
    `${STATEMENT}item 3`,
  ]);
  await expect(amount(chat, 1)).toHaveAccessibleName(
    `Amount of ${STATEMENT}, item 1: -89.90 EUR, page 1. Edit`,
  );
  await expect(amount(chat, 2)).toHaveAccessibleName(/: 2,400\.00 EUR, page 1\. Edit$/);
  await expect(amount(chat, 3)).toHaveAccessibleName(/: -455\.00 EUR, page 2\. Edit$/);
  await expect(
    table(chat).getByRole('button', {
      name: `Description of ${STATEMENT}, item 3: Island Ferry Services, page 2. Edit`,
    }),
  ).toBeVisible();
  await expectClean(page, 'a table with a row per item', '.extraction');

  // Sorting by Amount, largest first.
  await table(chat).getByRole('button', { name: 'Amount', exact: true }).click();
  await table(chat).getByRole('button', { name: 'Amount', exact: true }).click();
  await expect(table(chat).getByRole('rowheader')).toHaveText([
    `${STATEMENT}item 2`,
    `${STATEMENT}item 1`,
    `${STATEMENT}item 3`,
  ]);

  // A correction by hand survives a reload and goes into the exports.
  await amount(chat, 3).click();
  const editor = table(chat).getByRole('textbox', { name: `Amount of ${STATEMENT}, item 3` });
  await editor.fill('-450.00 EUR');
  await editor.press('Enter');
  await expect(amount(chat, 3)).toHaveAccessibleName(/: -450\.00 EUR corrected, page 2\. Edit$/);
  await chat.letSave();
  await page.reload();
  await chat.ready();
  await expect(amount(chat, 3)).toHaveAccessibleName(/-450\.00 EUR corrected/);

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const csvText = await downloadText(csv);
  expect(csvText).toContain(
    `${STATEMENT},3,2024-03-28,2,Island Ferry Services,2,-450.00 EUR,2\r\n`,
  );
  expect(csvText.trim().split('\r\n')).toHaveLength(4);
  const [markdown] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export Markdown' }).click(),
  ]);
  expect(await downloadText(markdown)).toContain(
    `| ${STATEMENT} | 3 | 2024-03-28 (p. 2) | Island Ferry Services (p. 2) | -450.00 EUR (p. 2) (corrected) |`,
  );

  const { text } = await exportAll(chat);
  const exported = JSON.parse(text) as {
    conversations: { messages: { table?: { rowsPer: string; rows: { item?: number }[] } }[] }[];
  };
  const exportedTable = exported.conversations[0]?.messages.find((m) => m.table)?.table;
  expect(exportedTable?.rowsPer).toBe('item');
  expect(exportedTable?.rows.map((r) => r.item)).toEqual([1, 2, 3]);

  // A template of one's own keeps its choice of rows across a reload.
  await page.getByRole('button', { name: 'Extract table' }).click();
  const dialog = page.getByRole('dialog', { name: 'Extract a table' });
  await dialog.getByRole('combobox', { name: 'Start from' }).selectOption('Receipt');
  await expect(dialog.getByRole('radio', { name: 'One per document' })).toBeChecked();
  await dialog.getByRole('radio', { name: 'One per item in a document' }).check();
  await dialog.getByRole('textbox', { name: 'Save these fields as' }).fill('Receipt lines');
  await dialog.getByRole('button', { name: 'Save template' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Saved as template “Receipt lines”.');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await chat.letSave();
  await page.reload();
  await chat.ready();
  await page.getByRole('button', { name: 'Extract table' }).click();
  await dialog.getByRole('combobox', { name: 'Start from' }).selectOption('Receipt lines');
  await expect(dialog.getByRole('radio', { name: 'One per item in a document' })).toBeChecked();
  await dialog.getByRole('combobox', { name: 'Start from' }).selectOption('Invoice');
  await expect(dialog.getByRole('radio', { name: 'One per document' })).toBeChecked();
});

test('on the real llama.cpp engine a list of items from random weights is read with no failure', async ({
  chat,
  llama,
}) => {
  await llama.open('roomy.gguf', 'Roomy', 8192);
  await attachStatement(chat);
  await extractTransactions(chat);
  await expect(progress(chat)).toBeVisible();
  await expect(progress(chat)).toBeHidden({ timeout: 150_000 });
  // Whatever the items, each is a row of the statement (or one row says it holds none), and none
  // failed: the grammar held every answer to a list Nook reads. How many depends on the weights
  // (a full list is halved and asked again, so there is no fixed most).
  const rows = table(chat).getByRole('row');
  expect(await rows.count()).toBeGreaterThanOrEqual(2);
  await expect(table(chat)).not.toContainText(/could not|not the JSON|cut off|Cancelled/);
  await expect(table(chat).getByRole('rowheader')).toContainText(
    Array.from({ length: (await rows.count()) - 1 }, () => STATEMENT),
  );
});
