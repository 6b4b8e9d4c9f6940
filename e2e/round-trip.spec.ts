import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { gradientPng } from './images';
import { ChatPage } from './pages/ChatPage';
import { ImagesPage } from './pages/ImagesPage';
import { exportAll, importFile } from './pages/TransferPage';

// The echo engine answers with the prompt it was sent, so each reply shows the history the model
// saw; a vision model, so the image is part of it.
const ECHO = { scripted_load_ms: 0, scripted_tps: 2000, scripted_echo: 1 } as const;
const VISION_MODEL = 'Phi-3.5-vision-instruct-q4f32_1-MLC';
const TITLE = 'Garden plans, renamed';

/** What a message shows: its text and every line under it (sources, cost, versions). */
function shown(message: Locator): Promise<string> {
  return message.evaluate((el) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim());
}

/** Every message of the open chat as shown, and the reply's other version as shown. */
async function snapshot(chat: ChatPage): Promise<string[]> {
  const messages = await chat.messages().all();
  const texts = await Promise.all(messages.map(shown));
  const regenerated = chat.messages('assistant').nth(1);
  await chat.action(regenerated, 'Previous version').click();
  await expect(regenerated.getByLabel('Version')).toHaveText('1/2');
  texts.push(await shown(regenerated));
  await chat.action(regenerated, 'Next version').click();
  await expect(regenerated.getByLabel('Version')).toHaveText('2/2');
  return texts;
}

const FOLLOW_UP = 'Thank you. Anything else to do this week?';

/**
 * The history the newest reply was sent, from its echo: every message before the follow-up (whose
 * own wording differs where the chat's document is attached: the other profile has no document).
 */
async function historySent(chat: ChatPage): Promise<string> {
  const echo = (await chat.content(chat.lastReply()).textContent()) ?? '';
  const end = echo.lastIndexOf(`[user] ${FOLLOW_UP}`);
  expect(end, 'the echo reaches the follow-up').toBeGreaterThan(0);
  return echo.slice(0, end);
}

test('a chat exported and imported into a fresh browser shows and sends exactly what it did', async ({
  chat,
  browser,
  baseURL,
}) => {
  const images = new ImagesPage(chat.page);
  await chat.open(ECHO);
  await chat.chooseModel(VISION_MODEL);
  const settings = await chat.openSettings();
  await settings.getByRole('textbox', { name: 'System prompt' }).fill('Answer as a gardener.');
  // The whole chat (an image of 1,921 tokens, echoes of the prompt as replies) and the room kept
  // for the reply must fit Phi-3.5-vision's 4,096 tokens, or the follow-up leaves old messages out.
  await settings.getByRole('spinbutton', { name: 'Max tokens' }).fill('768');
  await chat.closeSettings();

  // A question with an image.
  await images.attach({ name: 'leaf.png', mimeType: 'image/png', buffer: gradientPng(320, 240) });
  await expect(images.pending).toHaveCount(1);
  await chat.sendAndWait('What is wrong with this leaf?');

  // A question about a document, whose reply cites the passages it was given and is regenerated:
  // two versions.
  await chat.page.getByLabel('Attach document').setInputFiles('e2e/fixtures/documents/notes.txt');
  await expect(
    chat.page.getByRole('region', { name: 'Documents' }).getByRole('region', { name: 'notes.txt' }),
  ).toBeVisible();
  await chat.sendAndWait('Who will replace the seal of the water tank?');
  await chat.action(chat.lastReply(), 'Regenerate').click();
  await expect(chat.lastReply().getByLabel('Version')).toHaveText('2/2');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'done');
  await expect(chat.lastReply().getByLabel('Sources')).toHaveText(/^From notes\.txt/);
  await chat.renameChat('What is wrong with this leaf?', TITLE);

  const before = await snapshot(chat);
  expect(before.join('\n')).toContain('From notes.txt');
  expect(before.join('\n')).toMatch(/read [\d,]+ tokens · wrote/);
  const { text } = await exportAll(chat);

  // A fresh browser profile: nothing of the first one, not even the document.
  const fresh = await browser.newContext({ baseURL });
  try {
    const other = new ChatPage(await fresh.newPage());
    await other.open(ECHO);
    await other.chooseModel(VISION_MODEL);
    await importFile(other.page, 'garden.json', text);
    await other.openChat(TITLE);
    await new ImagesPage(other.page).expectDrawn(
      new ImagesPage(other.page).inMessage(other.messages('user').nth(0)).first(),
    );
    expect(await snapshot(other)).toEqual(before);
    const settingsThere = await other.openSettings();
    await expect(settingsThere.getByRole('textbox', { name: 'System prompt' })).toHaveValue(
      'Answer as a gardener.',
    );
    await other.closeSettings();

    // The same follow-up in both: the model is sent the same history (the question about the
    // document with its passages, the image, the shown version of the reply).
    await other.sendAndWait(FOLLOW_UP);
    await chat.sendAndWait(FOLLOW_UP);
    const sentHere = await historySent(chat);
    expect(sentHere).toContain('Answer as a gardener.');
    expect(sentHere).toMatch(/\[image 320×240, \d+ tokens\]/);
    expect(sentHere).toContain('Jonas');
    await expect(chat.lastReply()).not.toContainText('left out');
    expect(await historySent(other)).toBe(sentHere);
  } finally {
    await fresh.close();
  }
});
