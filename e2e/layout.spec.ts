import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

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
    const tableWidth = await reply.getByRole('table').evaluate((t) => t.scrollWidth);
    expect(tableWidth).toBeGreaterThan(375);
    const codeWidth = await reply.locator('pre').evaluate((pre) => pre.scrollWidth);
    expect(codeWidth).toBeGreaterThan(375);

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
