import { expect, test } from './fixtures';
import { scriptedUrl } from './pages/ChatPage';

const FAST = { scripted_load_ms: 0, scripted_tps: 500 } as const;

test('chats are listed newest first and titled from their first message', async ({ chat }) => {
  await chat.open({ ...FAST, scripted_reply: 'Sure, here you go.' });

  await chat.sendAndWait('Plan a weekend in Lisbon');
  await expect(chat.chatHeading()).toHaveText('Plan a weekend in Lisbon');
  // A later message in the same chat does not change its title.
  await chat.sendAndWait('And what about Porto?');
  await expect(chat.chatHeading()).toHaveText('Plan a weekend in Lisbon');

  await chat.startNewChat();
  await chat.sendAndWait('Recipe for banana bread');

  // A long first message becomes a title cut at a word boundary.
  await chat.startNewChat();
  await chat.sendAndWait(
    'Explain how photosynthesis works in green plants and why leaves change colour in autumn',
  );
  const longTitle = 'Explain how photosynthesis works in green plants and why…';
  await expect(chat.chatHeading()).toHaveText(longTitle);

  await expect(chat.chatTitles()).toHaveText([
    longTitle,
    'Recipe for banana bread',
    'Plan a weekend in Lisbon',
  ]);
  await expect(chat.chatItem(longTitle).getByRole('button', { name: longTitle })).toHaveAttribute(
    'aria-current',
    'page',
  );

  // Opening an older chat shows its own messages.
  await chat.openChat('Plan a weekend in Lisbon');
  await expect(chat.content(chat.messages('user'))).toHaveText([
    'Plan a weekend in Lisbon',
    'And what about Porto?',
  ]);
  await expect(chat.messages('assistant')).toHaveCount(2);
});

test('New chat opens an empty chat and does not pile up empty ones', async ({ chat, page }) => {
  await chat.open({ ...FAST, scripted_reply: 'Hello!' });
  await chat.sendAndWait('Say hello');
  await expect(chat.chatTitles()).toHaveText(['Say hello']);

  await chat.startNewChat();
  await expect(chat.chatHeading()).toHaveText('New chat');
  await expect(page.getByRole('heading', { name: 'Private AI, on your device' })).toBeVisible();
  await expect(chat.messages()).toHaveCount(0);
  await expect(chat.messageBox).toHaveValue('');
  await expect(chat.chatTitles()).toHaveText(['New chat', 'Say hello']);

  // A second click while the new chat is still empty reuses it.
  await chat.startNewChat();
  await expect(chat.chatTitles()).toHaveText(['New chat', 'Say hello']);

  // The earlier chat is still there, with its messages.
  await chat.openChat('Say hello');
  await expect(chat.content(chat.messages('user'))).toHaveText(['Say hello']);
  await expect(chat.content(chat.lastReply())).toHaveText('Hello!');
});

test('Rename changes the title in the list and in the chat header', async ({ chat, page }) => {
  await chat.open({ ...FAST, scripted_reply: 'Noted.' });
  await chat.sendAndWait('Plan a weekend in Lisbon');
  await chat.startNewChat();
  await chat.sendAndWait('Recipe for banana bread');
  await chat.openChat('Plan a weekend in Lisbon');

  await chat.renameChat('Plan a weekend in Lisbon', 'Lisbon trip');
  await expect(chat.chatTitles()).toHaveText(['Lisbon trip', 'Recipe for banana bread']);
  await expect(chat.chatHeading()).toHaveText('Lisbon trip');

  // A renamed chat keeps its name when more messages arrive, and after a reload.
  await chat.sendAndWait('Which museums?');
  await expect(chat.chatHeading()).toHaveText('Lisbon trip');
  await chat.letSave();
  await page.reload();
  await chat.ready();
  await expect(chat.chatTitles()).toContainText(['Lisbon trip', 'Recipe for banana bread']);
  await expect(chat.chatItem('Plan a weekend in Lisbon')).toHaveCount(0);
});

test('Delete removes a chat and Undo brings it back with its messages', async ({ chat, page }) => {
  await chat.open({ ...FAST, scripted_reply: 'Bake it for an hour.' });
  await chat.sendAndWait('Plan a weekend in Lisbon');
  await chat.startNewChat();
  await chat.sendAndWait('Recipe for banana bread');
  await expect(chat.chatTitles()).toHaveText([
    'Recipe for banana bread',
    'Plan a weekend in Lisbon',
  ]);

  await chat.deleteChat('Recipe for banana bread');
  // The open chat was deleted, so an empty one takes its place.
  await expect(chat.chatHeading()).toHaveText('New chat');
  await expect(chat.chatItem('Recipe for banana bread')).toHaveCount(0);
  await expect(chat.chatItem('Plan a weekend in Lisbon')).toHaveCount(1);
  await expect(chat.messages('user').filter({ hasText: 'Recipe for banana bread' })).toHaveCount(0);
  const toast = page.getByRole('status').filter({ hasText: 'Deleted' });
  await expect(toast).toContainText('Recipe for banana bread');

  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(toast).toBeHidden();
  await expect(chat.chatTitles()).toHaveText([
    'Recipe for banana bread',
    'Plan a weekend in Lisbon',
  ]);
  await chat.openChat('Recipe for banana bread');
  await expect(chat.content(chat.messages('user'))).toHaveText(['Recipe for banana bread']);
  await expect(chat.content(chat.lastReply())).toHaveText('Bake it for an hour.');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'done');
});

test('Search filters chats by title and by the text of their messages', async ({ chat, page }) => {
  // Each chat gets its own scripted reply, so a word can live only in one chat's reply.
  await chat.open({ ...FAST, scripted_reply: 'The spice islands include Zanzibar.' });
  await chat.sendAndWait('Tell me about spice islands');
  await chat.letSave();
  await page.goto(scriptedUrl({ ...FAST, scripted_reply: 'Cold and clear.' }));
  await chat.ready();
  await chat.startNewChat();
  await chat.sendAndWait('Weather in Oslo');
  await expect(chat.chatTitles()).toHaveText(['Weather in Oslo', 'Tell me about spice islands']);

  await chat.searchBox.fill('oslo');
  await expect(chat.chatTitles()).toHaveText(['Weather in Oslo']);

  // "Zanzibar" appears only in a reply, never in a title or a user message.
  await chat.searchBox.fill('ZANZIBAR');
  await expect(chat.chatTitles()).toHaveText(['Tell me about spice islands']);

  await chat.searchBox.fill('no such words anywhere');
  await expect(chat.chatTitles()).toHaveCount(0);
  await expect(chat.sidebar.getByText('No chat matches.')).toBeVisible();

  await chat.searchBox.fill('');
  await expect(chat.chatTitles()).toHaveText(['Weather in Oslo', 'Tell me about spice islands']);
});

test('Ctrl+K focuses search and Ctrl+Shift+O starts a new chat', async ({ chat, page }) => {
  await chat.open({ ...FAST, scripted_reply: 'Fine.' });
  await chat.sendAndWait('How are you today?');
  await expect(chat.chatHeading()).toHaveText('How are you today?');

  await page.keyboard.press('Control+K');
  await expect(chat.searchBox).toBeFocused();
  await page.keyboard.type('today');
  await expect(chat.chatTitles()).toHaveText(['How are you today?']);

  await page.keyboard.press('Control+Shift+O');
  await expect(chat.chatHeading()).toHaveText('New chat');
  await expect(chat.messages()).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Private AI, on your device' })).toBeVisible();
  await expect(chat.messageBox).toBeFocused();
});
