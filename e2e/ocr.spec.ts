import { join } from 'node:path';
import { expect, test } from './fixtures';
import type { ChatPage } from './pages/ChatPage';

const fixture = (name: string) => join('e2e/fixtures/documents', name);

async function attach(chat: ChatPage, name: string) {
  await chat.page.getByLabel('Attach document').setInputFiles(fixture(name));
}

const card = (chat: ChatPage, name: string) =>
  chat.page.getByRole('region', { name: 'Documents' }).getByRole('region', { name });

const status = (chat: ChatPage) => chat.page.getByRole('status').filter({ hasText: /^Reading/ });

async function chooseDocumentLanguage(chat: ChatPage, label: string) {
  const settings = await chat.openSettings();
  await settings.getByRole('combobox', { name: 'Document language' }).selectOption({ label });
  await chat.closeSettings();
}

test('a scanned PDF is read by OCR page by page, and a question about it cites the right page', async ({
  chat,
}) => {
  test.setTimeout(180_000);
  await chat.open({ scripted_load_ms: 0, scripted_tps: 5000, scripted_echo: 1 });
  await chooseDocumentLanguage(chat, 'English');
  await attach(chat, 'scanned.pdf');
  await expect(status(chat)).toHaveText(/recognizing the text of page 1 of 3 \(OCR, English\)/);
  await expect(status(chat)).toHaveText(/page 2 of 3/, { timeout: 60_000 });
  const doc = card(chat, 'scanned.pdf');
  await expect(doc).toContainText('PDF · 3 pages', { timeout: 90_000 });
  await doc.getByText('Preview of the extracted text').click();
  await expect(doc).toContainText('Harbour Ferry Company');

  await chat.send('When does the night ferry to Elsholm leave?');
  const reply = chat.lastReply();
  await expect(reply).toHaveAttribute('data-status', 'done');
  // The engine was given the recognized passage that answers it, labelled with its page.
  const sent = (await chat.content(reply).textContent()) ?? '';
  const passage =
    /<quoted-document source="scanned\.pdf, pages? (\d+)(?:–(\d+))?">(?:(?!<quoted-document).)*twenty past eleven/s.exec(
      sent,
    );
  expect(passage, 'the passage with the answer').not.toBeNull();
  const first = Number(passage?.[1]);
  const last = Number(passage?.[2] ?? first);
  expect(first <= 2 && last >= 2, `pages ${first}–${last} hold page 2`).toBe(true);
  await expect(reply.getByLabel('Sources')).toContainText(/scanned\.pdf pp?\. (2|1–2|2–3)\b/);
});

test('Cancel stops OCR midway and attaches nothing', async ({ chat }) => {
  await chat.open({ scripted_load_ms: 0 });
  await attach(chat, 'scanned.pdf');
  await expect(status(chat)).toHaveText(/recognizing the text of page 1 of 3/);
  await chat.page.getByRole('button', { name: 'Cancel' }).click();
  await expect(status(chat)).toBeHidden();
  await expect(card(chat, 'scanned.pdf')).toBeHidden();
  // The next document is read as usual, OCR included.
  await attach(chat, 'mixed.pdf');
  await expect(card(chat, 'mixed.pdf')).toContainText('PDF · 2 pages', { timeout: 90_000 });
});

test('a mixed PDF reads its text page directly and OCRs only the other; an image is read as a document', async ({
  chat,
}) => {
  test.setTimeout(120_000);
  await chat.open({ scripted_load_ms: 0 });
  await attach(chat, 'mixed.pdf');
  // Page 1 has a text layer: the first page OCR reads is page 2 (unit-tested in extractFile.test.ts).
  await expect(status(chat)).toHaveText(/recognizing the text of page 2 of 2 \(OCR, English\)/);
  const doc = card(chat, 'mixed.pdf');
  await expect(doc).toContainText('PDF · 2 pages', { timeout: 90_000 });
  await doc.getByText('Preview of the extracted text').click();
  await expect(doc).toContainText('a page with a text layer');
  await expect(doc).toContainText(/night ferry to Elsholm/);

  await attach(chat, 'scanned-note.png');
  await expect(status(chat)).toHaveText(/recognizing the text of the image \(OCR, English\)/);
  const note = card(chat, 'scanned-note.png');
  await expect(note).toContainText('Image, read by OCR', { timeout: 60_000 });
  await note.getByText('Preview of the extracted text').click();
  await expect(note).toContainText(/night ferry to Elsholm/);
});
