import { expect, test } from './fixtures';
import { gradientPng, truncatedPng } from './images';
import { ChatPage } from './pages/ChatPage';
import { ImagesPage } from './pages/ImagesPage';
import { exportAll, importFile } from './pages/TransferPage';

const FAST = { scripted_load_ms: 0, scripted_tps: 500, scripted_echo: 1 } as const;
const VISION_MODEL = 'Phi-3.5-vision-instruct-q4f32_1-MLC';
/** A 4:3 photo-sized image: stored at 1344 × 1008, the size Phi-3.5-vision resizes it to. */
const photo = { name: 'photo.png', mimeType: 'image/png', buffer: gradientPng(1600, 1200) };

interface ExportFile {
  conversations: { title: string; messages: { images?: { id: string }[] }[] }[];
  images?: Record<string, { type: string; width: number; height: number; data: string }>;
}

test('a pasted image reaches a vision model, and survives a reload, an export and an import', async ({
  chat,
  browser,
  baseURL,
}) => {
  const images = new ImagesPage(chat.page);
  await chat.open(FAST);
  await chat.chooseModel(VISION_MODEL);
  await images.paste(photo);
  // Send waits while the image is being prepared (too brief to catch reliably here); what proves
  // it is that the request below carries the image.
  await chat.messageBox.fill('What is in this picture?');
  await expect(images.pending).toHaveCount(1);
  await expect(images.pending.getByRole('img', { name: 'photo.png' })).toBeVisible();
  await expect(images.visionNote).toBeHidden();

  await chat.sendAndWait('What is in this picture?');
  await expect(images.pending).toHaveCount(0);
  const question = chat.messages('user').first();
  await images.expectDrawn(images.inMessage(question).first());
  // The engine decoded the image from the request, at the size Nook scaled it to, and counted
  // what WebLLM counts for it (computeImageEmbedSize: 3 × 4 tiles).
  await expect(chat.content(chat.lastReply())).toContainText(
    '[user] [image 1344×1008, 1921 tokens] What is in this picture?',
  );
  const { read } = await chat.cost(chat.lastReply());
  expect(read).toBeGreaterThan(1921);

  // A follow-up sends the same image again, unchanged: WebLLM reads only the new message.
  await chat.sendAndWait('And its colours?');
  expect((await chat.cost(chat.lastReply())).read).toBeLessThan(100);

  await chat.letSave();
  await chat.page.reload();
  await chat.ready();
  await images.expectDrawn(images.inMessage(chat.messages('user').first()).first());
  await expect(images.inMessage(chat.messages('user').first())).toHaveAccessibleName(
    'Image 1 of 1, 1344 × 1008',
  );

  const { text } = await exportAll(chat);
  const file = JSON.parse(text) as ExportFile;
  const id = file.conversations[0]?.messages[0]?.images?.[0]?.id ?? '';
  expect(file.images?.[id]).toMatchObject({ type: 'image/jpeg', width: 1344, height: 1008 });
  expect(text).not.toContain('data:image');

  const fresh = await browser.newContext({ baseURL });
  try {
    const other = new ChatPage(await fresh.newPage());
    const otherImages = new ImagesPage(other.page);
    await other.open({ scripted_load_ms: 0 });
    await importFile(other.page, 'chats.json', text);
    await other.openChat('What is in this picture?');
    await otherImages.expectDrawn(otherImages.inMessage(other.messages('user').first()).first());
    await other.letSave();
    await other.page.reload();
    await other.ready();
    await otherImages.expectDrawn(otherImages.inMessage(other.messages('user').first()).first());
  } finally {
    await fresh.close();
  }
});

test('a text-only model says it cannot see, and offers the vision model this device runs', async ({
  chat,
}) => {
  const images = new ImagesPage(chat.page);
  await chat.open(FAST);
  await images.attach(photo);
  await expect(images.pending).toHaveCount(1);
  await expect(images.visionNote).toContainText('reads text only, so it cannot see images');
  await chat.messageBox.fill('Describe it');
  // The image waits (nothing is lost) until a model can see it, or it is removed.
  await expect(chat.sendButton).toBeDisabled();
  // SwiftShader has no shader-f16: only the 32-bit build of Phi-3.5-vision is offered.
  const offers = images.visionNote.getByRole('button');
  await expect(offers).toHaveCount(1);
  await expect(offers).toHaveText(/^Use Phi 3\.5 vision/i);
  await offers.click();
  await expect(images.visionNote).toBeHidden();
  await expect(chat.modelButton).toHaveAccessibleName(/vision/i);
  await expect(chat.sendButton).toBeEnabled();
  await chat.sendButton.click();
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(chat.content(chat.lastReply())).toContainText('[image 1344×1008');
});

test('a text-only model is sent the text of a chat with images, never the images', async ({
  chat,
}) => {
  const images = new ImagesPage(chat.page);
  await chat.open(FAST);
  await chat.chooseModel(VISION_MODEL);
  await images.paste(photo);
  await expect(images.pending).toHaveCount(1);
  await chat.sendAndWait('What is this?');
  await images.attach(photo);
  await images.pending.getByRole('button', { name: 'Remove image' }).click();
  await expect(images.pending).toHaveCount(0);
  // Back on the model chosen first, which cannot see.
  await chat.chooseModel('Llama-3.2-1B-Instruct-q4f32_1-MLC');
  await chat.sendAndWait('Say more');
  // The echo's first line is the first question as sent: its text, and no image.
  await expect(chat.content(chat.lastReply())).toHaveText(/^\[user\] What is this\?\[assistant\]/);
});

test('a bad image is refused with a sentence, and nothing changes', async ({ chat }) => {
  const images = new ImagesPage(chat.page);
  await chat.open(FAST);
  await images.attach({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('hello') });
  await expect(images.error).toHaveText(/“notes\.png” is not an image Nook can read/);
  await images.paste({ name: 'cut.png', mimeType: 'image/png', buffer: truncatedPng() });
  await expect(images.error).toHaveText(/“cut\.png” could not be opened/);
  await expect(images.pending).toHaveCount(0);
  await expect(chat.sendButton).toBeDisabled();
  await expect(chat.messages()).toHaveCount(0);
  // Nothing was stored: there is no image database (the chat store's first write, 300 ms after
  // the app opens, may create Nook's own database meanwhile).
  expect(await images.databases()).not.toContain('nook-images');
  // A good image still goes in afterwards, and the sentence goes.
  await images.attach(photo);
  await expect(images.pending).toHaveCount(1);
  await expect(images.error).toBeHidden();
});
