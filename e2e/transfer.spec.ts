import { expect, test } from './fixtures';
import { ChatPage } from './pages/ChatPage';
import { downloadText, exportAll, exportDialog, importFile } from './pages/TransferPage';

const FAST = { scripted_load_ms: 0, scripted_tps: 500, scripted_echo: 1 } as const;

interface ExportedMessage {
  role: string;
  content: string;
  status: string;
}
interface ExportedChat {
  id: string;
  title: string;
  messages: ExportedMessage[];
}
interface ExportFile {
  format: string;
  version: number;
  conversations: ExportedChat[];
}

/** Two chats with echoed replies: what the user typed shows up in each reply too. */
async function makeTwoChats(chat: ChatPage): Promise<void> {
  await chat.open(FAST);
  await chat.sendAndWait('Plan a weekend in Lisbon');
  await chat.sendAndWait('Which museums should we see?');
  await chat.startNewChat();
  await chat.sendAndWait('Recipe for banana bread');
}

/** Title → number of messages, for every saved chat in the sidebar. */
async function chatSummary(chat: ChatPage): Promise<Record<string, number>> {
  const titles = (await chat.chatTitles().allTextContents()).filter((t) => t !== 'New chat');
  const summary: Record<string, number> = {};
  for (const title of titles) {
    await chat.openChat(title);
    await expect(chat.messages().first()).toBeVisible();
    summary[title] = await chat.messages().count();
  }
  return summary;
}

test('Export downloads all chats as a Nook JSON file', async ({ chat }) => {
  await makeTwoChats(chat);
  const { download, text } = await exportAll(chat);
  expect(download.suggestedFilename()).toMatch(/^nook-.*\.json$/);

  const file = JSON.parse(text) as ExportFile;
  expect(file.format).toBe('nook-chats');
  expect(file.version).toBeGreaterThanOrEqual(1);
  const saved = file.conversations.filter((c) => c.messages.length > 0);
  expect(saved.map((c) => c.title).sort()).toEqual([
    'Plan a weekend in Lisbon',
    'Recipe for banana bread',
  ]);
  const lisbon = saved.find((c) => c.title === 'Plan a weekend in Lisbon');
  expect(lisbon?.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
  expect(lisbon?.messages[0]?.content).toBe('Plan a weekend in Lisbon');
  expect(lisbon?.messages[2]?.content).toBe('Which museums should we see?');
  expect(lisbon?.messages[3]?.content).toContain('[user] Which museums should we see?');
  expect(lisbon?.messages.every((m) => m.status === 'done')).toBe(true);
});

test('Export downloads the open chat as Markdown', async ({ chat }) => {
  await makeTwoChats(chat);
  await chat.openChat('Plan a weekend in Lisbon');
  const dialog = await exportDialog(chat);
  const [download] = await Promise.all([
    chat.page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download this chat as Markdown' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^nook-plan-a-weekend-in-lisbon.*\.md$/);
  const markdown = await downloadText(download);
  expect(markdown.startsWith('# Plan a weekend in Lisbon\n')).toBe(true);
  expect(markdown).toContain('Plan a weekend in Lisbon');
  expect(markdown).toContain('Which museums should we see?');
  expect(markdown).toContain('[user] Which museums should we see?');
  expect(markdown.match(/^## You$/gm)).toHaveLength(2);
  expect(markdown.match(/^## Assistant$/gm)).toHaveLength(2);
  // Only the open chat is in it.
  expect(markdown).not.toContain('banana');
});

test('an exported file imported in a fresh browser brings the chats back', async ({
  chat,
  browser,
  baseURL,
}) => {
  await makeTwoChats(chat);
  const before = await chatSummary(chat);
  const { text } = await exportAll(chat);

  const fresh = await browser.newContext({ baseURL });
  try {
    const other = new ChatPage(await fresh.newPage());
    await other.open({ scripted_load_ms: 0 });
    await expect(other.chatTitles()).toHaveText(['New chat']);
    await importFile(other.page, 'my-chats.json', text);
    await expect(other.page.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(
      /Imported 2 chats from my-chats\.json\./,
    );
    await expect(other.chatItem('Plan a weekend in Lisbon')).toBeVisible();
    expect(await chatSummary(other)).toEqual(before);
    await other.openChat('Plan a weekend in Lisbon');
    await expect(other.content(other.messages('user'))).toHaveText([
      'Plan a weekend in Lisbon',
      'Which museums should we see?',
    ]);
    await expect(other.content(other.lastReply())).toContainText(
      '[user] Which museums should we see?',
    );
  } finally {
    await fresh.close();
  }
});

test('a bad import file shows why, and changes nothing', async ({ chat, page }) => {
  await makeTwoChats(chat);
  const before = await chatSummary(chat);
  const { text } = await exportAll(chat);

  // A file whose first chat is fine and whose second has a message with an unknown role.
  const good = JSON.parse(text) as ExportFile;
  const [first, second] = good.conversations.filter((c) => c.messages.length > 0);
  if (!first || !second) throw new Error('the export should hold two chats');
  const badChats = [
    { ...first, id: 'imported-1', title: 'Imported fine chat' },
    {
      ...second,
      id: 'imported-2',
      title: 'Imported broken chat',
      messages: second.messages.map((m, i) => (i === 1 ? { ...m, role: 'robot' } : m)),
    },
  ];
  const cases = [
    {
      name: 'robot.json',
      content: JSON.stringify({ ...good, conversations: badChats }),
      error: 'Chat 2 ("Imported broken chat"), message 2: "role" must be "user" or "assistant".',
    },
    {
      name: 'truncated.json',
      content: text.slice(0, Math.floor(text.length / 2)),
      error: 'This file is not valid JSON (it may be cut off or damaged).',
    },
    {
      name: 'package.json',
      content: JSON.stringify({ name: 'some-package', version: '1.0.0', dependencies: {} }),
      error: 'This is not a Nook chat export.',
    },
  ];

  for (const { name, content, error } of cases) {
    await importFile(page, name, content);
    const alert = page.getByRole('alert').filter({ hasText: 'Import failed' });
    await expect(alert).toContainText(error);
    await expect(alert).toContainText('Nothing was changed.');
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await expect(alert).toBeHidden();
    await expect(chat.chatItem('Imported fine chat')).toHaveCount(0);
    await expect(chat.chatItem('Imported broken chat')).toHaveCount(0);
    expect(await chatSummary(chat)).toEqual(before);
  }

  await chat.letSave();
  await page.reload();
  await chat.ready();
  expect(await chatSummary(chat)).toEqual(before);
});
