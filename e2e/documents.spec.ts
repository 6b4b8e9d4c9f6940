import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import type { ChatPage } from './pages/ChatPage';
import { fakeWebLLMDownload } from './webllmCache.mjs';

const FIXTURES = 'e2e/fixtures/documents';
const fixture = (name: string) => join(FIXTURES, name);

async function attach(chat: ChatPage, path: string) {
  await chat.page.getByLabel('Attach document').setInputFiles(path);
}

const card = (chat: ChatPage, name: string) =>
  chat.page.getByRole('region', { name: 'Documents' }).getByRole('region', { name });

test('a PDF is read off the main thread: page count and a preview of its text', async ({
  chat,
}) => {
  await chat.open();
  await expect(chat.page.getByRole('button', { name: 'Attach document' })).toBeVisible();
  await attach(chat, fixture('tracemonkey.pdf'));
  const doc = card(chat, 'tracemonkey.pdf');
  await expect(doc).toContainText('PDF · 14 pages');
  await doc.getByText('Preview of the extracted text').click();
  await expect(doc).toContainText('Trace-based Just-in-Time Type Specialization');
  // Kept with the chat across a reload.
  await chat.letSave();
  await chat.page.reload();
  await expect(card(chat, 'tracemonkey.pdf')).toContainText('PDF · 14 pages');
});

// Scripted: the scripted engine's long replies at 20,000 tokens/s force rounds of combining in
// seconds; a real engine on this CPU would take minutes for the same rounds.
test('a document far longer than the context window is summarized by map-reduce, step by step', async ({
  chat,
  page,
}) => {
  await chat.open({
    scripted_load_ms: 0,
    scripted_tps: 20_000,
    scripted_prefill_tps: 10_000_000,
    // Long replies (cut at each step's token limit) force several rounds of combining.
    scripted_tokens: 1000,
  });
  await attach(chat, fixture('long.txt')); // ~607,000 characters: about 50 times a 4,096-token window
  const doc = card(chat, 'long.txt');
  await expect(doc).toContainText('Text · 606,995 characters');
  // Record every progress line the user is shown.
  await page.evaluate(() => {
    const seen = new Set<string>();
    (window as unknown as { __steps: Set<string> }).__steps = seen;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('.document-job [role="status"]')) {
        if (el.textContent) seen.add(el.textContent);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await doc.getByLabel('Summary style').selectOption('short');
  await doc.getByRole('textbox', { name: 'Focus (optional)' }).fill('dates and numbers');
  await doc.getByRole('button', { name: 'Summarize' }).click();

  const summary = chat.lastReply();
  await expect(summary).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(summary).toContainText(
    'Summary of “long.txt” (short (tl;dr), focusing on dates and numbers)',
  );
  await expect(summary).toContainText('Local models answer without sending a word to any server.');
  const steps = await page.evaluate(() => [
    ...(window as unknown as { __steps: Set<string> }).__steps,
  ]);
  const parts = steps.map((s) => /reading part (\d+) of (\d+)/.exec(s)).filter((m) => m !== null);
  const total = Number(parts[0]?.[2]);
  expect(total).toBeGreaterThanOrEqual(10);
  expect(new Set(parts.map((m) => m[1])).size).toBeGreaterThan(total / 2);
  expect(steps.some((s) => /combining summaries, round 1/.test(s))).toBe(true);
  // Combined summaries were still too long together, so they were combined again.
  expect(steps.some((s) => /round 2/.test(s))).toBe(true);
  expect(steps.some((s) => /writing the final summary|writing the summary/.test(s))).toBe(true);
});

// Scripted: llama.cpp on this CPU reads one part of long.txt (1,300 one-byte tokens) in seconds;
// the scripted engine gets to the fourth part at once.
test('Cancel stops a summary midway and keeps the parts already summarized', async ({
  chat,
  page,
}) => {
  await chat.open({ scripted_load_ms: 0, scripted_tps: 100, scripted_reply: 'Part summary.' });
  await attach(chat, fixture('long.txt'));
  const doc = card(chat, 'long.txt');
  await doc.getByRole('button', { name: 'Summarize' }).click();
  await expect(page.getByRole('status').filter({ hasText: /reading part 4 of \d+/ })).toBeVisible({
    timeout: 30_000,
  });
  await page
    .getByRole('region', { name: 'Documents' })
    .getByRole('button', { name: 'Cancel' })
    .click();
  const summary = chat.lastReply();
  await expect(summary).toHaveAttribute('data-status', 'stopped');
  await expect(summary).toContainText(/Partial: cancelled after [3-9] of \d+ parts/);
  await expect(summary).toContainText('Part summary.');
  await expect(page.getByRole('progressbar', { name: 'Summarizing' })).toBeHidden();
});

test('on llama.cpp, a question about a PDF is answered with its pages cited, and one it does not cover says so', async ({
  chat,
  llama,
}) => {
  await llama.open('roomy.gguf', 'Roomy', 4096);
  await attach(chat, fixture('tracemonkey.pdf'));
  await expect(card(chat, 'tracemonkey.pdf')).toBeVisible();
  await chat.send('How does trace tree compilation handle type-unstable loops?');
  const reply = chat.lastReply();
  await expect(reply).toHaveAttribute('data-status', /^(done|truncated)$/, { timeout: 60_000 });
  await expect(reply.getByLabel('Sources')).toHaveText(/^From tracemonkey\.pdf pp?\. \d+/);
  await chat.send('zzqx vbnm');
  await expect(chat.lastReply()).toHaveAttribute('data-status', /^(done|truncated)$/, {
    timeout: 60_000,
  });
  await expect(chat.lastReply().getByLabel('Sources')).toHaveText(
    'No passage of the document matched this question.',
  );
});

// Scripted: the echo shows what the engine was given (the passages, quoted, with their pages).
test('questions about a document are answered from its passages, with pages cited', async ({
  chat,
}) => {
  await chat.open({ scripted_load_ms: 0, scripted_tps: 5000, scripted_echo: 1 });
  await attach(chat, fixture('tracemonkey.pdf'));
  await expect(card(chat, 'tracemonkey.pdf')).toBeVisible();

  await chat.send('How does trace tree compilation handle type-unstable loops?');
  const reply = chat.lastReply();
  // The echo repeats a prompt of about a thousand tokens (a third of the context window in
  // passages, and what frames them), so it may reach the reply's limit (Max tokens, 1,024).
  await expect(reply).toHaveAttribute('data-status', /^(done|truncated)$/);
  // The engine was given passages of the PDF with their pages, quoted, and told to cite them.
  await expect(reply).toContainText('Answer from these excerpts of the attached document');
  await expect(reply).toContainText(/<quoted-document source="tracemonkey\.pdf, pages? \d+/);
  await expect(reply.getByLabel('Sources')).toHaveText(/^From tracemonkey\.pdf pp?\. \d+/);

  await chat.send('zzqx vbnm');
  // The echo repeats a prompt that now holds the first question's passages too, so it may run
  // into the end of the context window.
  await expect(chat.lastReply()).toHaveAttribute('data-status', /^(done|truncated)$/);
  await expect(chat.lastReply()).toContainText('The document does not say.');
  await expect(chat.lastReply().getByLabel('Sources')).toHaveText(
    'No passage of the document matched this question.',
  );
});

test('bad files are refused with a clear message and nothing else changes', async ({
  chat,
  page,
}, testInfo) => {
  await chat.open();
  await attach(chat, fixture('notes.txt'));
  await expect(card(chat, 'notes.txt')).toBeVisible();

  const huge = testInfo.outputPath('huge.txt');
  writeFileSync(huge, '');
  truncateSync(huge, 101 * 1024 * 1024); // sparse: no disk used
  const cases: [string, RegExp][] = [
    [fixture('empty.txt'), /empty\.txt.*empty/i],
    [fixture('binary.txt'), /binary\.txt/],
    [fixture('truncated.pdf'), /truncated\.pdf/],
    [fixture('image-only.pdf'), /image-only\.pdf.*no text layer/i],
    [fixture('encrypted.pdf'), /encrypted\.pdf.*password/i],
    [huge, /huge\.txt.*100 MB/],
  ];
  const panel = page.getByRole('region', { name: 'Documents' });
  for (const [path, message] of cases) {
    await attach(chat, path);
    const alert = panel.getByRole('alert');
    await expect(alert).toContainText(message);
    await expect(alert).toContainText('Nothing else changed');
    await alert.getByRole('button', { name: 'Dismiss' }).click();
  }
  await expect(panel.getByRole('region')).toHaveCount(1);
  await expect(card(chat, 'notes.txt')).toBeVisible();
  await expect(chat.messageBox).toBeEnabled();
});

test('a very long paste becomes a document; deleting the chat deletes its documents', async ({
  chat,
  page,
}) => {
  await chat.open();
  const text = 'A paragraph about the quarterly budget and its many line items. '.repeat(500);
  await chat.messageBox.focus();
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.activeElement?.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
  await expect(page.getByRole('region', { name: /^Pasted text/ })).toContainText(
    '31,999 characters',
  );
  await expect(chat.messageBox).toHaveValue('');

  await chat.send('Hello');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  await chat.letSave();
  const stored = () =>
    page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('nook-documents');
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('text')) return resolve(0);
            const count = db.transaction('text').objectStore('text').count();
            count.onsuccess = () => resolve(count.result);
          };
        }),
    );
  expect(await stored()).toBe(1);
  await chat.deleteChat('Hello');
  await chat.letSave();
  await page.reload(); // Undo is no longer offered after a reload, so the documents go.
  await chat.ready();
  await expect.poll(stored).toBe(0);
});

test('questions match passages by meaning too once a search model is on the device', async ({
  chat,
  page,
}) => {
  await chat.open({ scripted_load_ms: 0, scripted_tps: 5000, scripted_echo: 1 });
  await attach(chat, fixture('notes.txt'));
  const panel = page.getByRole('region', { name: 'Documents' });
  await expect(panel).toContainText('Questions find passages by their words.');
  await panel.getByRole('button', { name: 'Download search model' }).click();
  await expect(panel).toContainText(
    'Questions find passages by their words and by meaning (snowflake-arctic-embed-s-q0f32-MLC-b4).',
  );
  await chat.send('What was decided in the meeting?');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'done');
  await expect(chat.lastReply()).toContainText(
    'Answer from these excerpts of the attached document',
  );
  await expect(chat.lastReply().getByLabel('Sources')).toHaveText(/^From notes\.txt/);
});

test('an embedding model already in WebLLM’s cache is found and used', async ({ chat, page }) => {
  await chat.open({ scripted_load_ms: 0 });
  await fakeWebLLMDownload(page, 'snowflake-arctic-embed-s-q0f32-MLC-b4', {
    modelName: 'snowflake-arctic-embed-s-q0f32-MLC',
    shards: 1,
    shardBytes: 1024,
    present: [0],
  });
  await attach(chat, fixture('notes.md'));
  await expect(page.getByRole('region', { name: 'Documents' })).toContainText(
    'by their words and by meaning',
  );
});

/** A Chinese text document: one token a character, where a guess of 3 characters a token is far off. */
function chineseNotes(): { name: string; mimeType: string; buffer: Buffer } {
  const topics = [
    '茶叶的历史',
    '绿茶的制作',
    '乌龙茶的产地',
    '红茶的出口',
    '茶具的种类',
    '饮茶的礼仪',
  ];
  const text = topics
    .map((t, i) => `第${i + 1}章 ${t}。${`这一章讲述${t}，内容详细，值得仔细阅读。`.repeat(40)}`)
    .join('\n\n');
  return { name: '茶.txt', mimeType: 'text/plain', buffer: Buffer.from(text) };
}

async function withSearchModel(chat: ChatPage) {
  await chat.page.getByLabel('Attach document').setInputFiles(chineseNotes());
  const panel = chat.page.getByRole('region', { name: 'Documents' });
  await panel.getByRole('button', { name: 'Download search model' }).click();
  await expect(panel).toContainText('by their words and by meaning');
  return panel;
}

test('questions about a Chinese document are answered by meaning, each reading only what is new', async ({
  chat,
  page,
}) => {
  await chat.open({ scripted_load_ms: 0, scripted_tps: 5000, scripted_tokens: 60 });
  await withSearchModel(chat);
  await chat.send('乌龙茶的产地在哪里？');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'done');
  await expect(chat.lastReply().getByLabel('Sources')).toHaveText(/^From 茶\.txt/);
  const first = await chat.cost(chat.lastReply());

  await chat.sendAndWait('绿茶是怎样制作的？');
  await expect(chat.lastReply().getByLabel('Sources')).toHaveText(/^From 茶\.txt/);
  // The first question went again as it was sent, passages and all, so the model read only the
  // second one (with its own passages), not the whole chat.
  const second = await chat.cost(chat.lastReply());
  // (Read again in full it would be the first question, its reply and the second: about twice.)
  expect(second.read).toBeLessThan(first.read * 1.5);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // The search model holds GPU memory beside the chat model; Unload frees both.
  await chat.modelButton.click();
  const models = page.getByRole('dialog', { name: 'Models' });
  await expect(models.getByLabel('In GPU memory')).toHaveText(
    'In GPU memory: Llama-3.2-1B-Instruct-q4f32_1-MLC and the search model snowflake-arctic-embed-s-q0f32-MLC-b4',
  );
  await models.getByRole('button', { name: 'Unload' }).click();
  await expect(models.getByLabel('In GPU memory')).toHaveText('No model is loaded on the GPU.');
});

test('when search by meaning fails, questions are answered from passages found by their words, with a note', async ({
  chat,
  page,
}) => {
  // Without the embedding model's tokenizer at hand, Nook cannot cut passages to its 512-token
  // window, and WebLLM refuses the batch (EmbeddingExceedContextWindowSizeError).
  await chat.open({
    scripted_load_ms: 0,
    scripted_tps: 5000,
    scripted_tokens: 20,
    scripted_tokenizer: 0,
  });
  const panel = await withSearchModel(chat);
  await chat.send('乌龙茶的产地在哪里？');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'done');
  await expect(chat.lastReply().getByLabel('Sources')).toHaveText(/^From 茶\.txt/);
  await expect(
    page.getByText(
      'Search by meaning failed, so this answer uses the passages found by their words.',
    ),
  ).toBeVisible();
  await expect(panel.getByRole('alert')).toContainText('Search by meaning is off');
  await expect(panel.getByRole('button', { name: 'Retry' })).toBeVisible();
});
