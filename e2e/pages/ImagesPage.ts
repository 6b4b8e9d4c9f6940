import { expect, type Locator, type Page } from '@playwright/test';

export interface ImageFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Images in the composer and in messages, found by role and name. */
export class ImagesPage {
  readonly attachButton: Locator;
  readonly pending: Locator;
  readonly visionNote: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.attachButton = page.getByRole('button', { name: 'Attach image' });
    this.pending = page.getByRole('list', { name: 'Images to send' }).getByRole('listitem');
    this.visionNote = page.getByRole('note', { name: 'This model cannot see images' });
    this.error = page.locator('.composer').getByRole('alert');
  }

  async attach(...files: ImageFile[]): Promise<void> {
    const [chooser] = await Promise.all([
      this.page.waitForEvent('filechooser'),
      this.attachButton.click(),
    ]);
    await chooser.setFiles(files);
  }

  /** Pastes files into the message box, as the clipboard hands them over. */
  async paste(file: ImageFile): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Message' }).evaluate(
      (box, { name, mimeType, bytes }) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(bytes)], name, { type: mimeType }));
        box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
      },
      { name: file.name, mimeType: file.mimeType, bytes: [...file.buffer] },
    );
  }

  /** The images a message shows. */
  inMessage(message: Locator): Locator {
    return message.getByRole('list', { name: 'Images' }).getByRole('img');
  }

  /** Waits until an image has really been decoded from the stored bytes and drawn. */
  async expectDrawn(image: Locator): Promise<void> {
    await expect(image).toHaveJSProperty('complete', true);
    expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    expect(await image.getAttribute('src')).toMatch(/^blob:/);
  }

  /** The names of the databases this origin has (to see that nothing was stored). */
  databases(): Promise<string[]> {
    return this.page.evaluate(async () =>
      (await indexedDB.databases()).map((d) => d.name ?? '').sort(),
    );
  }
}
