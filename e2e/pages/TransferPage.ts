import { readFile } from 'node:fs/promises';
import { expect, type Download, type Page } from '@playwright/test';
import { ChatPage } from './ChatPage';

export async function downloadText(download: Download): Promise<string> {
  const path = await download.path();
  return readFile(path, 'utf8');
}

/** Opens the header menu's Export dialog. */
export async function exportDialog(chat: ChatPage) {
  await (await chat.menuItem('Export')).click();
  const dialog = chat.page.getByRole('dialog', { name: 'Export' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Downloads all chats as JSON, through the Export dialog, and closes it. */
export async function exportAll(chat: ChatPage): Promise<{ download: Download; text: string }> {
  const dialog = await exportDialog(chat);
  const [download] = await Promise.all([
    chat.page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download all chats as JSON' }).click(),
  ]);
  const text = await downloadText(download);
  await dialog.getByRole('button', { name: 'Close' }).click();
  return { download, text };
}

/** Imports a file through the header menu's Import item. */
export async function importFile(page: Page, name: string, content: string): Promise<void> {
  const chat = new ChatPage(page);
  const item = await chat.menuItem('Import');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), item.click()]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
}
