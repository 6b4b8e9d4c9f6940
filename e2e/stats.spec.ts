import { expect, test } from './fixtures';

const RECOMMENDED = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';

/** The number in a figure such as "99.8 tokens/s". */
const numberIn = (text: string | null) => Number(/[\d.]+/.exec(text ?? '')?.[0]);

test('the Stats panel shows the engine’s own figures, and agrees with the reply', async ({
  chat,
  context,
  page,
}) => {
  await chat.open({ scripted_load_ms: 400, scripted_tps: 100, scripted_tokens: 60 });
  expect(await chat.statsChecked()).toBe('false');
  await expect(chat.statsPanel()).toBeHidden();
  const panel = await chat.openStats();

  await expect(chat.statsFact('Model')).toHaveText('None loaded');
  await expect(chat.statsFact('GPU')).toContainText('swiftshader');
  await expect(chat.statsFact('Network')).toHaveText('Online');
  await expect(chat.statsFact('Load')).toHaveText('–');
  await expect(panel).toContainText('No replies yet in this session.');

  await chat.sendAndWait('Hello');
  await expect(chat.statsFact('Model')).toHaveText(`${RECOMMENDED} · WebLLM · WebGPU`);
  // The scripted load reports "Fetching param cache", as WebLLM does when it downloads.
  await expect(chat.statsFact('Load')).toHaveText(/^\d+(\.\d+)? (ms|s), from the network$/);
  const loadedIn = /loaded in (.+)\)/.exec(
    (await page.getByText(/is ready \(loaded in/).textContent()) ?? '',
  )?.[1];
  await expect(chat.statsFact('Load')).toHaveText(`${loadedIn}, from the network`);

  // The engine decodes at the set speed, and the panel shows what the engine reported.
  const [lastDecode, averageDecode] = await chat.statsFigures('Decode').allTextContents();
  // 100 tokens/s set; a busy machine's timers make the engine's own figure lower (81 seen in CI), never higher.
  expect(numberIn(lastDecode ?? null)).toBeGreaterThan(25);
  expect(numberIn(lastDecode ?? null)).toBeLessThan(110);
  expect(lastDecode).toMatch(/ tokens\/s$/);
  expect(averageDecode).toBe(lastDecode);
  // The reply's own stats line and the panel say the same.
  const statsLine = chat.lastReply().getByLabel('Reply statistics');
  await expect(statsLine).toContainText('wrote 60');
  await expect(statsLine).toContainText(lastDecode!);
  const [lastFirstToken] = await chat.statsFigures('Time to first token').allTextContents();
  await expect(statsLine).toContainText(`first token in ${lastFirstToken}`);
  const [lastPrefill] = await chat.statsFigures('Prefill').allTextContents();
  expect(numberIn(lastPrefill ?? null)).toBeGreaterThan(0);

  // A second reply: the session average covers both.
  await chat.sendAndWait('And again');
  await expect(panel).toContainText('Averages over the 2 replies');
  const [secondDecode, average] = await chat.statsFigures('Decode').allTextContents();
  // The mean of the two replies' figures (each rounded for display), whatever the machine's load did to them.
  const [first, second] = [numberIn(lastDecode ?? null), numberIn(secondDecode ?? null)];
  expect(Math.abs(numberIn(average ?? null) - (first + second) / 2)).toBeLessThanOrEqual(1);

  await context.setOffline(true);
  await expect(chat.statsFact('Network')).toHaveText('Offline');
  await context.setOffline(false);
  await expect(chat.statsFact('Network')).toHaveText('Online');

  await chat.toggleStats();
  await expect(chat.statsPanel()).toBeHidden();
  expect(await chat.statsChecked()).toBe('false');
});

test('the Stats panel shows the speed live while a reply streams', async ({ chat }) => {
  await chat.open({ scripted_load_ms: 0, scripted_tps: 50, scripted_tokens: 200 });
  const panel = await chat.openStats();
  await chat.send('Tell me a story');
  const live = panel.getByText(/^Streaming now: [\d.]+ tokens\/s arriving$/);
  await expect(live).toBeVisible();
  // Tokens as they arrive in the page: about the engine's speed once a second or so has passed.
  await expect
    .poll(async () => Math.abs(numberIn(await live.textContent()) - 50), { intervals: [250] })
    .toBeLessThan(8);
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'streaming');
  await chat.stopButton.click();
  await expect(live).toBeHidden();
});
