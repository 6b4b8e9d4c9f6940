import { expect, test } from './fixtures';

const RECOMMENDED_NAME = 'Llama 3.2 · 1B';

const numberIn = (text: string | null) => Number(/[\d.]+/.exec(text ?? '')?.[0]);

test('presentation mode loads the recommended model in one click and shows the live speed', async ({
  chat,
  page,
}) => {
  await chat.open({ scripted_load_ms: 600, scripted_tps: 40, scripted_tokens: 160 });
  await chat.enterPresentation();
  const presentation = chat.presentation();
  // A clean screen: the app's header and chat list are gone.
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(chat.sidebar).toBeHidden();
  await expect(
    presentation.getByRole('heading', { name: 'Private AI, on this device' }),
  ).toBeVisible();

  await presentation.getByRole('button', { name: `Load ${RECOMMENDED_NAME}` }).click();
  await expect(presentation.getByRole('progressbar', { name: 'Loading model' })).toBeVisible();
  await expect(presentation.getByText(`${RECOMMENDED_NAME} is ready`)).toBeVisible();

  const examples = presentation.getByRole('group', { name: 'Example prompts' }).getByRole('button');
  await expect(examples.first()).toBeVisible();
  const prompt = await examples.first().textContent();
  await examples.first().click();
  await expect(chat.content(chat.messages('user'))).toHaveText(prompt ?? '');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'streaming');

  // While the reply streams, its speed shows: tokens counted as they arrive, about the set 40/s.
  const live = presentation.getByText(/^[\d.]+ tokens\/s$/);
  await expect(live).toBeVisible();
  await expect
    .poll(async () => Math.abs(numberIn(await live.textContent()) - 40), { intervals: [250] })
    .toBeLessThan(6);
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'streaming');
  await expect(chat.lastReply()).toHaveAttribute('data-status', 'done', { timeout: 20_000 });
  await expect(live).toBeHidden();
  await expect(presentation.getByText(/^Last reply: [\d.]+ tokens\/s$/)).toBeVisible();

  await presentation.getByRole('button', { name: 'Exit presentation mode' }).click();
  await expect(presentation).toBeHidden();
  await expect(chat.modelButton).toBeVisible();
  await expect(chat.messages()).toHaveCount(2);
  expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();
});

test('presentation mode shows an Offline badge without the network, and Esc leaves it', async ({
  chat,
  context,
  page,
}) => {
  await chat.open({ scripted_load_ms: 0 });
  await chat.enterPresentation();
  const badge = chat.presentation().getByRole('status').filter({ hasText: 'Offline' });
  await expect(badge).toBeHidden();

  await context.setOffline(true);
  await expect(badge).toBeVisible();
  await context.setOffline(false);
  await expect(badge).toBeHidden();

  await page.keyboard.press('Escape');
  await expect(chat.presentation()).toBeHidden();
  await expect(chat.modelButton).toBeVisible();
});
