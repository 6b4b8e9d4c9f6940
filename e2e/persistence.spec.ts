import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { baseChromiumArgs, chromiumPath, webgpuArgs } from './chromium.mjs';
import { syntheticReply } from '../src/engine/webllm/scripted/replies';
import { holdDatabaseBusy } from './busyDatabase';
import { expect, test } from './fixtures';
import { ChatPage, scriptedUrl } from './pages/ChatPage';

interface ShownMessage {
  role: string | null;
  status: string | null;
  text: string;
}

/** Every saved chat as the user sees it: titles in sidebar order, each with its messages. */
async function snapshotChats(chat: ChatPage): Promise<Record<string, ShownMessage[]>> {
  const titles = (await chat.chatTitles().allTextContents()).filter((t) => t !== 'New chat');
  const chats: Record<string, ShownMessage[]> = {};
  for (const title of titles) {
    await chat.openChat(title);
    await expect(chat.messages().first()).toBeVisible();
    chats[title] = await chat.messages().evaluateAll((elements) =>
      elements.map((el) => ({
        role: el.getAttribute('data-role'),
        status: el.getAttribute('data-status'),
        text: el.querySelector('.message-content')?.textContent ?? '',
      })),
    );
  }
  return chats;
}

async function launchProfile(dir: string, baseURL: string | undefined): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath,
    args: [...baseChromiumArgs, ...webgpuArgs],
    baseURL,
  });
}

test('chats survive closing and reopening the browser', async ({ baseURL }) => {
  const profile = await mkdtemp(join(tmpdir(), 'nook-profile-'));
  try {
    let context = await launchProfile(profile, baseURL);
    let chat = new ChatPage(context.pages()[0] ?? (await context.newPage()));
    // Echoed replies differ per chat, so a mix-up between chats would show.
    await chat.open({ scripted_load_ms: 0, scripted_tps: 500, scripted_echo: 1 });
    await chat.sendAndWait('Plan a weekend in Lisbon');
    await chat.sendAndWait('Which museums should we see?');
    await chat.startNewChat();
    await chat.sendAndWait('Recipe for banana bread');
    await chat.renameChat('Recipe for banana bread', 'Baking');

    const before = await snapshotChats(chat);
    expect(Object.keys(before)).toEqual(['Baking', 'Plan a weekend in Lisbon']);
    expect(before['Plan a weekend in Lisbon']).toHaveLength(4);
    expect(before['Baking']).toHaveLength(2);
    await chat.letSave();
    await context.close();

    context = await launchProfile(profile, baseURL);
    chat = new ChatPage(context.pages()[0] ?? (await context.newPage()));
    await chat.open({ scripted_load_ms: 0 });
    await expect(chat.chatItem('Baking')).toBeVisible();
    const after = await snapshotChats(chat);
    expect(after).toEqual(before);
    await context.close();
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});

test('a reply cut off by closing the tab is kept as interrupted and resumes where it stopped', async ({
  context,
  page,
}) => {
  const first = new ChatPage(page);
  await first.open({ scripted_load_ms: 0, scripted_tps: 20, scripted_tokens: 2000 });
  await first.send('Tell me a long story');
  const streaming = first.lastReply();
  await expect(streaming).toHaveAttribute('data-status', 'streaming');
  await expect(first.content(streaming)).toHaveText(/\S+ \S+ \S+/);
  // The reply is saved about once a second while it streams; let a save happen.
  await page.waitForTimeout(2000);
  await expect(streaming).toHaveAttribute('data-status', 'streaming');
  await page.close();

  // The second tab's engine is fast, so the resumed reply finishes quickly.
  const second = new ChatPage(await context.newPage());
  await second.page.goto(scriptedUrl({ scripted_load_ms: 0, scripted_tps: 5000 }));
  await second.ready();
  await second.openChat('Tell me a long story');
  const reply = second.lastReply();
  await expect(reply).toHaveAttribute('data-status', 'interrupted');
  await expect(reply).toContainText('Interrupted');
  const partial = (await second.content(reply).textContent()) ?? '';
  expect(partial).toMatch(/^Local models answer without sending/);
  expect(partial.split(' ').length).toBeGreaterThan(5);
  expect(partial.split(' ').length).toBeLessThan(2000);
  await expect(second.action(reply, 'Continue')).toBeEnabled();
  await expect(second.action(reply, 'Regenerate')).toBeEnabled();

  await second.action(reply, 'Continue').click();
  await expect(reply).toHaveAttribute('data-status', 'done');
  // Resumed from the engine's journal: the whole reply, each word once, no gap and no repeat.
  // (Compared without whitespace: rendered paragraphs lose their blank lines in textContent.)
  const letters = (text: string) => text.replace(/\s+/g, '');
  const continued = (await second.content(reply).textContent()) ?? '';
  const expected = letters(syntheticReply(2000));
  expect(letters(continued).length).toBe(expected.length);
  expect(letters(continued) === expected).toBe(true);
  expect(continued.startsWith(partial.trimEnd())).toBe(true);
  await expect(reply).not.toContainText('Interrupted');
  await expect(second.action(reply, 'Continue')).toHaveCount(0);
  await expect(second.messages()).toHaveCount(2);
});

test('two tabs share chats live, and each keeps the other’s changes', async ({ context, page }) => {
  const tabA = new ChatPage(page);
  const tabB = new ChatPage(await context.newPage());
  const url = scriptedUrl({ scripted_load_ms: 0, scripted_tps: 500, scripted_echo: 1 });
  await tabA.page.goto(url);
  await tabA.ready();
  await tabB.page.goto(url);
  await tabB.ready();

  await tabA.sendAndWait('Shared question');
  // Tab B learns about the chat without a reload.
  await expect(tabB.chatItem('Shared question')).toBeVisible();

  await tabB.openChat('Shared question');
  await expect(tabB.content(tabB.messages('user'))).toHaveText(['Shared question']);
  await tabB.renameChat('Shared question', 'Renamed in B');
  await expect(tabA.chatItem('Renamed in B')).toBeVisible();
  await expect(tabA.chatHeading()).toHaveText('Renamed in B');

  await tabA.sendAndWait('Follow-up from A');
  await expect(tabB.content(tabB.messages('user'))).toHaveText([
    'Shared question',
    'Follow-up from A',
  ]);

  await tabA.letSave();
  for (const tab of [tabA, tabB]) {
    await tab.page.reload();
    await tab.ready();
    await tab.openChat('Renamed in B');
    await expect(tab.chatItem('Shared question')).toHaveCount(0);
    await expect(tab.content(tab.messages('user'))).toHaveText([
      'Shared question',
      'Follow-up from A',
    ]);
    await expect(tab.messages('assistant')).toHaveCount(2);
    await expect(tab.lastReply()).toHaveAttribute('data-status', 'done');
    await expect(tab.content(tab.lastReply())).toContainText('[user] Follow-up from A');
  }
});

test('a change made just before the page is left is kept', async ({ chat, page }) => {
  await chat.open({ scripted_load_ms: 0, scripted_tps: 500, scripted_reply: 'Saved answer.' });
  await chat.sendAndWait('Remember this');
  await chat.letSave();
  await chat.renameChat('Remember this', 'Renamed at the last moment');
  // No pause: the user reloads the app as soon as the new title shows.
  await page.goto(scriptedUrl({ scripted_load_ms: 0 }));
  await chat.ready();
  await expect(chat.chatItem('Renamed at the last moment')).toBeVisible();
  await expect(chat.chatItem('Remember this')).toHaveCount(0);
});

test('on a busy disk, a rename, a settings change and a deletion say “Saving…” until they are stored, and a reload then keeps them', async ({
  chat,
  page,
}) => {
  await chat.open({ scripted_load_ms: 0, scripted_tps: 500, scripted_reply: 'Saved answer.' });
  await chat.sendAndWait('Keep this chat');
  await chat.startNewChat();
  await chat.sendAndWait('Throw this chat away');
  await chat.letSave();
  const saving = page.getByRole('banner').getByRole('status').filter({ hasText: 'Saving…' });
  /**
   * Makes a change while the disk is busy, waits until Nook says it is stored, then reloads.
   * `prepare` gets there first, outside the busy window, which a slow machine could use up.
   */
  const changeOnBusyDisk = async (change: () => Promise<void>, prepare?: () => Promise<void>) => {
    await prepare?.();
    await holdDatabaseBusy(page, 3000);
    await change();
    await expect(saving).toBeVisible();
    await expect(saving).toBeHidden({ timeout: 20_000 });
    await page.reload();
    await chat.ready();
  };

  await changeOnBusyDisk(() => chat.renameChat('Keep this chat', 'Renamed on a busy disk'));
  await expect(chat.chatItem('Renamed on a busy disk')).toBeVisible();

  await changeOnBusyDisk(
    async () => {
      await chat.settingsDialog
        .getByRole('textbox', { name: 'System prompt' })
        .fill('Answer in one line.');
      await chat.closeSettings();
    },
    async () => {
      await chat.openChat('Renamed on a busy disk');
      await chat.openSettings();
    },
  );
  await chat.openChat('Renamed on a busy disk');
  await expect(
    (await chat.openSettings()).getByRole('textbox', { name: 'System prompt' }),
  ).toHaveValue('Answer in one line.');
  await chat.closeSettings();

  await changeOnBusyDisk(() => chat.deleteChat('Throw this chat away'));
  await expect(chat.chatItem('Throw this chat away')).toHaveCount(0);
  await expect(chat.chatItem('Renamed on a busy disk')).toBeVisible();
});

test('the chosen model is still chosen after a reload', async ({ chat, page }) => {
  await chat.open({ scripted_load_ms: 0 });
  await expect(chat.modelButton).not.toContainText('Gemma 2 · 2B');
  await chat.chooseModel('gemma-2-2b-it-q4f32_1-MLC');
  await chat.letSave();
  await page.reload();
  await chat.ready();
  await expect(chat.modelButton).toContainText('Gemma 2 · 2B');
});

test('a tab older than the saved data says so, offers Reload, and writes nothing over it', async ({
  chat,
  page,
}) => {
  await chat.open({ scripted_load_ms: 0, scripted_reply: 'Saved.' });
  await chat.sendAndWait('A chat from the newer version');
  await chat.letSave();
  // What a newer version of Nook would leave behind: a higher schema version, fields of its own.
  const newer = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('nook');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const store = () => db.transaction('keyval', 'readwrite').objectStore('keyval');
    const saved = await new Promise<{ version: number; state: Record<string, unknown> }>(
      (resolve) => {
        const get = store().get('nook-chats');
        get.onsuccess = () => resolve(get.result);
      },
    );
    const value = { version: saved.version + 1, state: { ...saved.state, shelves: ['work'] } };
    await new Promise((resolve) => (store().put(value, 'nook-chats').onsuccess = resolve));
    db.close();
    return value;
  });

  await page.reload();
  await chat.ready();
  const notice = page.getByRole('alert').filter({ hasText: 'A newer version of Nook saved' });
  await expect(notice).toContainText('Reload to use the new version.');
  await expect(notice.getByRole('button', { name: 'Reload' })).toBeVisible();
  // The chats still show, and what this tab does is not saved over the newer data.
  await chat.openChat('A chat from the newer version');
  await chat.sendAndWait('Written in the old tab');
  await chat.letSave();
  const stored = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const open = indexedDB.open('nook');
      open.onsuccess = () => resolve(open.result);
    });
    return new Promise((resolve) => {
      const get = db.transaction('keyval').objectStore('keyval').get('nook-chats');
      get.onsuccess = () => resolve(get.result);
    });
  });
  expect(stored).toEqual(newer);
});
