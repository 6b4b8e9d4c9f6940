import { expect, test } from './fixtures';

const NOT_SAVED = 'Chats are not being saved on this device right now.';

test('with IndexedDB unavailable the app still opens, chats work, and the user is told', async ({
  chat,
  page,
}) => {
  await page.addInitScript(() => {
    // As in some private modes: every attempt to open a database fails.
    IDBFactory.prototype.open = function () {
      throw new DOMException('IndexedDB is not available in this mode', 'InvalidStateError');
    };
  });
  await chat.open({ scripted_load_ms: 0, scripted_reply: 'Working from memory.' });
  await expect(page.getByRole('alert').filter({ hasText: NOT_SAVED })).toBeVisible();
  await chat.send('Hello');
  await expect(chat.lastReply()).toContainText('Working from memory.');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all chats' }).click();
  expect((await download).suggestedFilename()).toMatch(/^nook-all-chats-.*\.json$/);
});

test('a full disk while saving is reported, nothing in the tab is lost, and saving resumes', async ({
  chat,
  page,
}) => {
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args: Parameters<typeof put>) {
      if ((window as unknown as { __diskFull?: boolean }).__diskFull) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return put.apply(this, args);
    };
  });
  await chat.open({ scripted_load_ms: 0, scripted_reply: 'Noted.' });
  await chat.send('First');
  await expect(chat.lastReply()).toContainText('Noted.');
  await page.evaluate(() => ((window as unknown as { __diskFull: boolean }).__diskFull = true));
  await chat.send('Second, while the disk is full');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'done');
  const alert = page.getByRole('alert').filter({ hasText: NOT_SAVED });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('QuotaExceededError');
  await expect(chat.messages('user')).toHaveCount(2);

  await page.evaluate(() => ((window as unknown as { __diskFull: boolean }).__diskFull = false));
  await chat.send('Third, with room again');
  await expect(alert).toBeHidden();
  await chat.letSave();
  await page.reload();
  await chat.ready();
  await expect(chat.messages('user')).toHaveCount(3);
});
