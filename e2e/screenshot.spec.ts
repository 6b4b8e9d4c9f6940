import { expect, test } from './fixtures';
import { gradientPng } from './images';
import type { ChatPage } from './pages/ChatPage';
import { ImagesPage } from './pages/ImagesPage';
import { ModelsPage } from './pages/ModelsPage';
import { shoot, skipUnlessAsked } from './readmeShots';

// The README's screenshots, with WebGPU (screenshot.no-webgpu.spec.ts takes the one without).
skipUnlessAsked();

async function finishedChat(chat: ChatPage) {
  await chat.open({ scripted_load_ms: 300, scripted_tps: 400 });
  await chat.send('What can you do without an internet connection?');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'done');
  await expect(chat.lastReply().getByLabel('Reply statistics')).toBeVisible();
  // The context meter settles on the tokenizer's count.
  await expect(chat.page.getByRole('main').getByText(/^\d[\d,]* of 4,096 tokens$/)).toBeVisible();
}

const photo = (name: string, width: number, height: number) => ({
  name,
  mimeType: 'image/png',
  buffer: gradientPng(width, height),
});

/** A question asked with an image, and two more images waiting in the composer. */
async function chatWithImages(chat: ChatPage) {
  const images = new ImagesPage(chat.page);
  await chat.open({
    scripted_load_ms: 0,
    scripted_tps: 400,
    scripted_reply: 'A gradient from deep blue at the top left to warm pink and green below.',
  });
  await chat.chooseModel('Phi-3.5-vision-instruct-q4f32_1-MLC');
  await images.paste(photo('garden.png', 1600, 1200));
  await expect(images.pending).toHaveCount(1);
  await chat.sendAndWait('What is in this picture?');
  await images.attach(photo('receipt.png', 600, 1200), photo('view.png', 1920, 1080));
  await expect(images.pending).toHaveCount(2);
  await images.expectDrawn(images.inMessage(chat.messages('user').first()).first());
}

/** A text-only model with an image waiting: the composer says what to choose. */
async function visionNote(chat: ChatPage) {
  const images = new ImagesPage(chat.page);
  await chat.open({ scripted_load_ms: 0 });
  await images.attach(photo('garden.png', 1600, 1200));
  await expect(images.visionNote).toBeVisible();
}

/** A scanned PDF being read by OCR, page by page. */
async function ocrProgress(chat: ChatPage) {
  await chat.open({ scripted_load_ms: 0 });
  await chat.page.getByLabel('Attach document').setInputFiles('e2e/fixtures/documents/scanned.pdf');
  await expect(chat.page.getByRole('status').filter({ hasText: /page 2 of 3 \(OCR/ })).toBeVisible({
    timeout: 60_000,
  });
}

/** The image shots, taken in each of the gallery's looks. */
function imageShots(prefix: string) {
  test('a scanned PDF read by OCR', async ({ chat, page }) => {
    await ocrProgress(chat);
    await shoot(page, `${prefix}ocr`);
  });
  test('a chat with images', async ({ chat, page }) => {
    await chatWithImages(chat);
    await shoot(page, `${prefix}images`);
  });
  test('a model that cannot see', async ({ chat, page }) => {
    await visionNote(chat);
    await shoot(page, `${prefix}vision-note`);
  });
}

test.describe('README screenshots', () => {
  test.describe('light', () => {
    test.use({ colorScheme: 'light', viewport: { width: 1280, height: 800 } });
    test('a finished chat', async ({ chat, page }) => {
      await finishedChat(chat);
      await shoot(page, 'light');
    });
    test('a first visit', async ({ chat, page }) => {
      await chat.open({ scripted_load_ms: 0 });
      await expect(page.getByRole('complementary', { name: 'First download' })).toBeVisible();
      await shoot(page, 'first-visit');
    });
    test('the model manager', async ({ chat, page }) => {
      await chat.open({ scripted_load_ms: 0 });
      await new ModelsPage(page).openRecommended();
      await shoot(page, 'models');
    });
    test('a model from this computer', async ({ chat, page }) => {
      await chat.open({ scripted_load_ms: 0 });
      const models = new ModelsPage(page);
      await models.open();
      const form = await models.openModelFolderForm();
      await expect(form.getByLabel('Model folder', { exact: true })).toBeAttached();
      await shoot(page, 'from-this-computer');
    });
    test('a table from invoices', async ({ chat, page }) => {
      await chat.open({ scripted_load_ms: 0, scripted_tps: 2000, scripted_prefill_tps: 1_000_000 });
      for (const name of ['invoice-harbour.pdf', 'invoice-quay.pdf']) {
        await chat.attachDocument(`e2e/fixtures/invoices/${name}`);
        await expect(chat.documentCard(name)).toContainText('PDF');
      }
      await page.getByRole('button', { name: 'Extract table' }).click();
      await page
        .getByRole('dialog', { name: 'Extract a table' })
        .getByRole('button', { name: 'Extract' })
        .click();
      await expect(page.getByRole('status').filter({ hasText: /documents read/ })).toBeHidden({
        timeout: 60_000,
      });
      const table = page.getByRole('table', { name: /^Table from 2 documents/ });
      // A value's page shows on focus; the table's top is scrolled into view.
      await table.getByRole('button', { name: /^Total of invoice-harbour\.pdf:/ }).focus();
      await table.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shoot(page, 'table');
    });
    imageShots('');
  });

  test.describe('dark', () => {
    test.use({ colorScheme: 'dark', viewport: { width: 1280, height: 800 } });
    test('a finished chat', async ({ chat, page }) => {
      await finishedChat(chat);
      await shoot(page, 'dark');
    });
    imageShots('dark-');
  });

  test.describe('phone', () => {
    test.use({ colorScheme: 'light', viewport: { width: 390, height: 844 } });
    test('a finished chat', async ({ chat, page }) => {
      await finishedChat(chat);
      await shoot(page, 'phone');
    });
    test('the model manager', async ({ chat, page }) => {
      await chat.open({ scripted_load_ms: 0 });
      await new ModelsPage(page).openRecommended();
      await shoot(page, 'phone-models');
    });
    imageShots('phone-');
  });
});
