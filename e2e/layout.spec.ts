import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { scriptedUrl } from './pages/ChatPage';
import { fakeWebLLMDownload } from './webllmCache.mjs';

const WIDE_TABLE = [
  `| ${Array.from({ length: 12 }, (_, i) => `Column number ${i + 1}`).join(' | ')} |`,
  `| ${Array.from({ length: 12 }, () => '---').join(' | ')} |`,
  `| ${Array.from({ length: 12 }, (_, i) => `value-${i + 1}-without-any-spaces`).join(' | ')} |`,
].join('\n');
const LONG_CODE = [
  '```js',
  `const averyveryverylongidentifier = [${Array.from({ length: 40 }, (_, i) => `'item${i}'`).join(',')}];`,
  '```',
].join('\n');

/**
 * The colour the page is painted with behind the body: the first background that is not
 * transparent, from the body up (a page often paints only the root element, which fills the view).
 */
async function pageBackgroundLuminance(page: Page): Promise<number> {
  return page.evaluate(() => {
    const parse = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
    let rgba = [255, 255, 255, 1];
    for (const el of [document.body, document.documentElement]) {
      const parts = parse(getComputedStyle(el).backgroundColor);
      if (parts.length >= 3 && (parts[3] ?? 1) > 0) {
        rgba = parts;
        break;
      }
    }
    const channel = (v: number) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    const [r = 0, g = 0, b = 0] = rgba;
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  });
}

test.describe('on a phone-sized screen', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('a wide table and a long line of code do not make the page scroll sideways', async ({
    chat,
    page,
  }) => {
    await chat.open({
      scripted_load_ms: 0,
      scripted_tps: 500,
      scripted_reply: `Here you go.\n\n${WIDE_TABLE}\n\n${LONG_CODE}\n\nDone.`,
    });
    await chat.sendAndWait('Show me a wide table and some code');
    const reply = chat.lastReply();
    await expect(reply.getByRole('table')).toBeVisible();
    await expect(reply.getByRole('button', { name: 'Copy code' })).toBeVisible();
    // The table and the code really are wider than the screen: they scroll inside the reply.
    // Polled: a reply drawn before the highlighter has loaded is drawn again once it has, and an
    // element read as it is replaced measures 0.
    await expect
      .poll(() => reply.getByRole('table').evaluate((t) => t.scrollWidth))
      .toBeGreaterThan(375);
    await expect
      .poll(() => reply.locator('pre').evaluate((pre) => pre.scrollWidth))
      .toBeGreaterThan(375);

    const widths = await page.evaluate(() => ({
      document: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
    }));
    expect(widths.document).toBeLessThanOrEqual(375);
    expect(widths.body).toBeLessThanOrEqual(375);
    await expect(reply.getByText('Done.')).toBeInViewport();
  });

  test('the Chats button opens the chat list, and picking a chat closes it', async ({ chat }) => {
    await chat.open({ scripted_load_ms: 0, scripted_tps: 500, scripted_reply: 'Sure.' });
    const toggle = chat.page.getByRole('button', { name: 'Chats' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(chat.sidebar).toBeHidden();

    await chat.sendAndWait('Plan a weekend in Lisbon');
    await chat.startNewChat();
    await chat.sendAndWait('Recipe for banana bread');

    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(chat.sidebar).toBeVisible();
    await expect(chat.chatTitles()).toHaveText([
      'Recipe for banana bread',
      'Plan a weekend in Lisbon',
    ]);
    expect(
      await chat.page.evaluate(() => document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(375);

    await chat.sidebar.getByRole('button', { name: 'Plan a weekend in Lisbon' }).click();
    await expect(chat.sidebar).toBeHidden();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(chat.chatHeading()).toHaveText('Plan a weekend in Lisbon');
    await expect(chat.content(chat.messages('user'))).toHaveText(['Plan a weekend in Lisbon']);

    // The button closes the list again too.
    await toggle.click();
    await expect(chat.sidebar).toBeVisible();
    await toggle.click();
    await expect(chat.sidebar).toBeHidden();
  });
});

test.describe('in dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('the page is dark', async ({ chat, page }) => {
    await chat.open({ scripted_load_ms: 0 });
    expect(await pageBackgroundLuminance(page)).toBeLessThan(0.1);
  });
});

test.describe('in light mode', () => {
  test.use({ colorScheme: 'light' });

  test('the page is light', async ({ chat, page }) => {
    await chat.open({ scripted_load_ms: 0 });
    expect(await pageBackgroundLuminance(page)).toBeGreaterThan(0.8);
  });
});

test.describe('on a 390x844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the chat gets the screen: the messages take at least 65% of it', async ({ chat }) => {
    await chat.open({ scripted_load_ms: 0, scripted_tps: 2000 });
    await chat.sendAndWait('Hello');
    const list = await chat.page.getByRole('region', { name: 'Messages' }).boundingBox();
    expect(list?.height ?? 0).toBeGreaterThanOrEqual(0.65 * 844);
    // The chat list is a drawer, closed, and the message box keeps its one line.
    await expect(chat.sidebar).toBeHidden();
    const box = await chat.messageBox.boundingBox();
    expect(box?.height ?? Infinity).toBeLessThan(60);
  });
});

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator.toString()} has no box`);
  return box;
}

/**
 * The empty chat, on a first visit (the first-download note) and for a returning user (the model
 * on this device warms, and the status line says so): the heading, the status line or the note,
 * a document job and the composer each have their own place; the last line, the device summary,
 * is reachable and never under the composer.
 */
for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  for (const returning of [false, true]) {
    test.describe(`the empty chat at ${viewport.width}×${viewport.height}`, () => {
      test.use({ viewport });

      test(`${returning ? 'for a returning user' : 'on a first visit'}: nothing overlaps or is cut off, with or without a document job`, async ({
        page,
      }) => {
        await page.goto(scriptedUrl({ scripted_load_ms: 0 }));
        if (returning) {
          await fakeWebLLMDownload(page, 'Llama-3.2-1B-Instruct-q4f32_1-MLC', {
            shards: 1,
            shardBytes: 2 ** 20,
            present: [0],
          });
          await page.goto(scriptedUrl({ scripted_load_ms: 0 }));
        }
        const heading = page.getByRole('heading', { name: 'Private AI, on your device' });
        const status = returning
          ? page.getByRole('status').filter({ hasText: 'is ready' })
          : page.getByRole('complementary', { name: 'First download' });
        const composer = page.getByRole('textbox', { name: 'Message' });
        const device = page.getByLabel('Graphics adapter');
        await expect(status).toBeVisible();
        await expect(heading).toBeVisible();

        const check = async (job?: Locator) => {
          await heading.scrollIntoViewIfNeeded();
          const boxes = [heading, status, composer, ...(job ? [job] : [])];
          const measured = await Promise.all(boxes.map(boxOf));
          for (const [i, a] of measured.entries()) {
            for (const b of measured.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
          }
          // The heading is whole, below the status line and the job, not pushed up under them.
          const [headingBox, statusBox] = measured;
          if (returning) {
            expect(headingBox!.y).toBeGreaterThanOrEqual(statusBox!.y + statusBox!.height);
          }
          if (job) {
            const jobBox = measured.at(-1)!;
            expect(headingBox!.y).toBeGreaterThanOrEqual(jobBox.y + jobBox.height);
          }
          await device.scrollIntoViewIfNeeded();
          const [deviceBox, composerBox] = await Promise.all([boxOf(device), boxOf(composer)]);
          expect(deviceBox.y + deviceBox.height).toBeLessThanOrEqual(composerBox.y);
        };

        await check();
        if (viewport.width >= 1280) {
          // On a desktop screen, all of it fits without scrolling.
          await expect(device).toBeInViewport({ ratio: 1 });
        }
        await page
          .getByLabel('Attach document')
          .setInputFiles('e2e/fixtures/documents/scanned.pdf');
        const job = page.getByRole('progressbar', { name: 'Reading document' });
        await expect(job).toBeVisible({ timeout: 30_000 });
        // The job's line rewraps as it moves on (reading, then a page, then OCR of each page), and
        // the boxes are measured one by one: wait for its longest form, and measure again if the
        // layout moved between the scroll and a measurement.
        await expect(
          page.getByRole('status').filter({ hasText: 'recognizing the text' }),
        ).toBeVisible({
          timeout: 30_000,
        });
        await expect(() => check(job)).toPass({ timeout: 10_000 });
      });
    });
  }
}
