import { chromium } from 'playwright';
import { baseChromiumArgs, chromiumPath, webgpuArgs } from './chromium.mjs';
const browser = await chromium.launch({ executablePath: chromiumPath, args: [...baseChromiumArgs, ...webgpuArgs] });
for (let i = 0; i < 6; i++) {
  const ctx = await browser.newContext();
  let page = await ctx.newPage();
  const url = 'http://localhost:4174/?scripted_load_ms=0&scripted_tps=500&scripted_reply=Noted.';
  await page.goto(url);
  await page.getByRole('button', { name: /^Model/ }).and(page.locator(':enabled')).waitFor();
  await page.getByRole('textbox', { name: 'Message' }).fill('Hello there');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('[data-role="assistant"][data-status="done"]').waitFor();
  await page.goto(url);
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  await page.waitForTimeout(300);
  const a = (await page.getByRole('navigation').getByRole('listitem').allTextContents()).length;
  await page.waitForTimeout(1000);
  await page.reload();
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  await page.waitForTimeout(300);
  const b = (await page.getByRole('navigation').getByRole('listitem').allTextContents()).length;
  console.log('items after quick reopen', a, 'after another reload', b);
  await ctx.close();
}
await browser.close();
