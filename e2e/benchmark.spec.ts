import { expect, test } from './fixtures';

/** "100 tokens/s (99.2–101)" → [median, min, max]. */
function figures(text: string | null): number[] {
  const match = /^([\d.]+) tokens\/s \(([\d.]+)–([\d.]+)\)$/.exec(text ?? '');
  expect(match, `"${text}" is "median tokens/s (min–max)"`).not.toBeNull();
  return match!.slice(1).map(Number);
}

test('the benchmark runs the fixed prompts on llama.cpp, keeps the result and names the engine', async ({
  chat,
  llama,
  context,
  page,
}) => {
  test.slow(); // about 9,000 prompt tokens and 1,000 reply tokens on one CPU thread
  const model = await llama.open('roomy.gguf', 'Roomy', 8192);
  const dialog = await chat.openBenchmark();
  await expect(dialog).toContainText(model);
  await expect(dialog).toContainText('No results yet.');
  await dialog.getByRole('button', { name: 'Run benchmark' }).click();
  await expect(dialog.getByRole('progressbar', { name: 'Benchmark progress' })).toBeVisible();
  await expect(dialog.getByText('Done: the result is saved')).toBeVisible({ timeout: 90_000 });

  await expect(chat.benchmarkResults()).toHaveCount(1);
  const result = chat.benchmarkResults().first();
  await expect(result).toContainText(model);
  await expect(result).toContainText('llama.cpp · CPU · 1 thread');
  for (const prompt of ['Short prompt', 'Long prompt']) {
    const row = result.getByRole('row', { name: new RegExp(`^${prompt}`) });
    await expect(row).toContainText('→ 128 tokens · 3 runs');
    const [firstToken, prefill, decode] = await row.getByRole('cell').allTextContents();
    expect(firstToken).toMatch(/^\d+ ms \(\d+–\d+\)$/);
    expect(figures(prefill ?? null)[0]).toBeGreaterThan(0);
    const [median, min, max] = figures(decode ?? null);
    expect(median).toBeGreaterThan(0);
    expect(min).toBeLessThanOrEqual(median!);
    expect(max).toBeGreaterThanOrEqual(median!);
  }
  // The chart, with its text alternative.
  const chart = dialog.getByRole('img', { name: /^Decode speed by benchmark result/ });
  await expect(chart).toBeVisible();
  // The runs went straight to the engine, into no chat.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(chat.messages()).toHaveCount(0);

  await page.reload();
  await chat.ready();
  await chat.openBenchmark();
  await expect(chat.benchmarkResults()).toHaveCount(1);

  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await chat.benchmarkDialog().getByRole('button', { name: 'Copy as Markdown' }).click();
  await expect(chat.benchmarkDialog().getByText('Copied as Markdown.')).toBeVisible();
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  const table = markdown.split('\n').filter((line) => line.startsWith('|'));
  expect(table).toHaveLength(4);
  expect(table[0]).toMatch(/^\| Model \| Prompt \|.*\| Decode, tokens\/s \| Engine \|/);
  expect(table[2]).toMatch(new RegExp(`^\\| ${model} \\| Short prompt \\| \\d+ \\| 128 \\|`));
  expect(table[2]).toContain('| llama.cpp · CPU · 1 thread |');

  await chat.benchmarkDialog().getByRole('button', { name: 'Copy as JSON' }).click();
  await expect(chat.benchmarkDialog().getByText('Copied as JSON.')).toBeVisible();
  const json = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as {
    results: { modelId: string; prompts: { runs: unknown[] }[] }[];
  };
  expect(json.results[0]?.modelId).toBe(model);
  expect(json.results[0]?.prompts[0]?.runs).toHaveLength(3);
});

// Runs of the scripted engine at 20 tokens/s last long enough to be cancelled, seen waiting, or
// closed on, on any machine.
test('Cancel stops the benchmark, saves nothing, and leaves the model ready to chat', async ({
  chat,
}) => {
  await chat.open({ scripted_load_ms: 0, scripted_tps: 20, scripted_reply: 'Still here.' });
  const dialog = await chat.openBenchmark();
  await dialog.getByRole('button', { name: 'Run benchmark' }).click();
  await expect(dialog.getByText(/^Run 1 of 8/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog.getByText('Benchmark cancelled; nothing was saved.')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Run benchmark' })).toBeEnabled();
  await expect(dialog).toContainText('No results yet.');

  await dialog.getByRole('button', { name: 'Close' }).click();
  await chat.sendAndWait('Are you still there?');
  await expect(chat.content(chat.lastReply())).toHaveText('Still here.');
});

test('closing the dialog cancels a run', async ({ chat }) => {
  await chat.open({ scripted_load_ms: 0, scripted_tps: 20 });
  const dialog = await chat.openBenchmark();
  await dialog.getByRole('button', { name: 'Run benchmark' }).click();
  await expect(dialog.getByText(/^Run 1 of 8/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await chat.openBenchmark();
  await expect(dialog.getByRole('button', { name: 'Run benchmark' })).toBeEnabled();
  await expect(dialog).toContainText('No results yet.');
});

test('the benchmark waits politely while a reply is being written', async ({ chat }) => {
  await chat.open({ scripted_load_ms: 0, scripted_tps: 20, scripted_tokens: 400 });
  await chat.send('Tell me a long story');
  // The reply is being written (a Stop while the model still loads would leave no reply to see).
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'streaming');
  const dialog = await chat.openBenchmark();
  await expect(dialog.getByRole('button', { name: 'Run benchmark' })).toBeDisabled();
  await expect(dialog.getByRole('status').filter({ hasText: 'busy with a reply' })).toBeVisible();

  await dialog.getByRole('button', { name: 'Close' }).click();
  await chat.stopButton.click();
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'stopped');
  await chat.openBenchmark();
  await expect(dialog.getByRole('button', { name: 'Run benchmark' })).toBeEnabled();
});
