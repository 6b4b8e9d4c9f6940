import { expect, type Locator, type Page } from '@playwright/test';
import { ModelsPage } from './ModelsPage';

export interface ScriptedParams {
  scripted_reply?: string;
  scripted_tokens?: number;
  scripted_tps?: number;
  scripted_load_ms?: number;
  scripted_echo?: 0 | 1;
  scripted_download?: 0 | 1;
  scripted_prefill_tps?: number;
  scripted_fault?: string;
  scripted_tokenizer?: 0 | 1;
  engine?: 'webllm';
}

/** The page address that runs the scripted engine with these options. */
export function scriptedUrl(params: ScriptedParams = {}): string {
  const query = new URLSearchParams(
    Object.entries(params).map(([k, v]) => [k, String(v)] as [string, string]),
  );
  return `/?${query}`;
}

/** The chat screen as a user sees it: found by roles and names only. */
export class ChatPage {
  readonly messageBox: Locator;
  readonly sendButton: Locator;
  readonly stopButton: Locator;
  readonly newChatButton: Locator;
  readonly loadProgress: Locator;
  readonly sidebar: Locator;
  readonly searchBox: Locator;
  readonly settingsButton: Locator;
  readonly settingsDialog: Locator;
  readonly modelButton: Locator;

  constructor(readonly page: Page) {
    this.messageBox = page.getByRole('textbox', { name: 'Message' });
    this.sendButton = page.getByRole('button', { name: 'Send' });
    this.stopButton = page.getByRole('button', { name: 'Stop' });
    this.newChatButton = page.getByRole('button', { name: 'New chat' });
    this.loadProgress = page.getByRole('progressbar', { name: 'Loading model' });
    this.sidebar = page.getByRole('navigation', { name: 'Chats' });
    this.searchBox = this.sidebar.getByRole('searchbox', { name: 'Search' });
    this.settingsButton = page.getByRole('button', { name: 'Settings', exact: true });
    this.settingsDialog = page.getByRole('dialog', { name: 'Chat settings' });
    // The header button that names the chosen model and opens the model manager.
    this.modelButton = page.getByRole('banner').getByRole('button', { name: /^Model\b/ });
  }

  /** Opens Nook; `withModel: false` where there is no model to choose (no WebGPU, none added). */
  async open(params: ScriptedParams = {}, { withModel = true } = {}): Promise<void> {
    await this.page.goto(scriptedUrl(params));
    await this.ready(withModel);
  }

  /** Waits until the app is usable: the message box is there and a model is chosen. */
  async ready(withModel = true): Promise<void> {
    await expect(this.messageBox).toBeVisible();
    await expect(this.modelButton).toBeEnabled();
    await expect(this.modelButton).not.toContainText(
      withModel ? /loading…|none chosen/ : 'loading…',
    );
  }

  /** Makes `modelId` the model chats use, through the "Models" dialog, and closes the dialog. */
  async chooseModel(modelId: string): Promise<void> {
    await new ModelsPage(this.page).choose(modelId);
  }

  async send(text: string): Promise<void> {
    await this.messageBox.fill(text);
    await this.sendButton.click();
  }

  /**
   * Clicks the header's "New chat" (the sidebar lists an empty open chat as "New chat" too) and
   * waits for the empty chat.
   */
  async startNewChat(): Promise<void> {
    await this.page.getByRole('banner').getByRole('button', { name: 'New chat' }).click();
    await expect(this.chatHeading()).toHaveText('New chat');
    await expect(this.messages()).toHaveCount(0);
  }

  /**
   * Gives the app time to write the latest change to storage before the page is left. Nook writes
   * chats about 300 ms after the last change; leaving sooner can lose that change (reported as a
   * bug and tested on its own in persistence.spec.ts), which other specs should not trip over.
   */
  async letSave(): Promise<void> {
    await this.page.waitForTimeout(1000);
  }

  /** Sends a message and waits until its reply has finished. */
  async sendAndWait(text: string, timeout = 20_000): Promise<void> {
    const before = await this.messages('assistant').count();
    await this.send(text);
    await expect(this.messages('assistant')).toHaveCount(before + 1);
    await expect(this.lastReply()).toHaveAttribute('data-status', 'done', { timeout });
  }

  messages(role?: 'user' | 'assistant'): Locator {
    return this.page.locator(role ? `[data-role="${role}"]` : '[data-role]');
  }

  lastReply(): Locator {
    return this.messages('assistant').last();
  }

  /** What a reply's statistics say it cost: tokens the model read, and tokens it wrote. */
  async cost(message: Locator): Promise<{ read: number; wrote: number }> {
    const stats = message.getByLabel('Reply statistics');
    await expect(stats).toBeVisible();
    const text = (await stats.textContent()) ?? '';
    const [, read, wrote] = /read ([\d,]+) tokens · wrote ([\d,]+)/.exec(text) ?? [];
    const number = (s: string | undefined) => Number((s ?? 'NaN').replace(/,/g, ''));
    return { read: number(read), wrote: number(wrote) };
  }

  /** The text of a message as shown, without its label, notes or buttons. */
  content(message: Locator): Locator {
    return message.locator('.message-content');
  }

  /** Attaches a document to the open chat, as the paperclip does. */
  async attachDocument(path: string): Promise<void> {
    await this.page.getByLabel('Attach document').setInputFiles(path);
  }

  /** An attached document's card, by its name. */
  documentCard(name: string): Locator {
    return this.page.getByRole('region', { name: 'Documents' }).getByRole('region', { name });
  }

  /** The dialog that asks before a link (or an image) in a reply opens. */
  linkDialog(): Locator {
    return this.page.getByRole('dialog', { name: /^Open this (link|image)\?$/ });
  }

  /** What that dialog says of where the link goes: its "Site", or its whole "Address". */
  linkFact(name: 'Site' | 'Address'): Locator {
    return this.linkDialog()
      .getByRole('row', { name: new RegExp(`^${name}\\b`) })
      .getByRole('cell');
  }

  /** A message's own buttons (Copy, Edit, Regenerate, Delete…). */
  action(message: Locator, name: string): Locator {
    return message
      .getByRole('group', { name: 'Message actions' })
      .getByRole('button', { name, exact: true });
  }

  /** The open chat's title, as shown above the messages. */
  chatHeading(): Locator {
    return this.page.getByRole('main').getByRole('heading', { level: 1 }).first();
  }

  /** Each chat in the sidebar, in the order shown. */
  chatItems(): Locator {
    return this.sidebar.getByRole('listitem');
  }

  /** The title buttons of the chats in the sidebar, in the order shown. */
  chatTitles(): Locator {
    return this.chatItems()
      .getByRole('button')
      .filter({ hasNotText: /^(Rename|Delete)$/ });
  }

  chatItem(title: string): Locator {
    return this.chatItems().filter({
      has: this.page.getByRole('button', { name: title, exact: true }),
    });
  }

  async openChat(title: string): Promise<void> {
    await this.chatItem(title).getByRole('button', { name: title, exact: true }).click();
    await expect(this.chatHeading()).toHaveText(title);
  }

  async renameChat(title: string, newTitle: string): Promise<void> {
    const item = this.chatItem(title);
    await item.hover();
    await item.getByRole('button', { name: 'Rename' }).click();
    const field = this.sidebar.getByRole('textbox', { name: 'Chat title' });
    await expect(field).toHaveValue(title);
    await field.fill(newTitle);
    await field.press('Enter');
    await expect(field).toBeHidden();
  }

  async deleteChat(title: string): Promise<void> {
    const item = this.chatItem(title);
    await item.hover();
    await item.getByRole('button', { name: 'Delete' }).click();
  }

  async openSettings(): Promise<Locator> {
    await this.settingsButton.click();
    await expect(this.settingsDialog).toBeVisible();
    return this.settingsDialog;
  }

  async closeSettings(): Promise<void> {
    await this.settingsDialog.getByRole('button', { name: 'Close' }).click();
    await expect(this.settingsDialog).toBeHidden();
  }

  /** The header's menu ("More"). */
  menuButton(): Locator {
    return this.page.getByRole('banner').getByRole('button', { name: 'More', exact: true });
  }

  /** Opens the header's menu and returns one of its items (Stats, Benchmark, Privacy, Export…). */
  async menuItem(name: string): Promise<Locator> {
    const menu = this.page.getByRole('menu', { name: 'More' });
    if (!(await menu.isVisible())) await this.menuButton().click();
    await expect(menu).toBeVisible();
    return menu.getByRole(name === 'Stats' ? 'menuitemcheckbox' : 'menuitem', {
      name,
      exact: true,
    });
  }

  /** Whether the Stats panel is shown, as the menu's Stats item says ("true" or "false"). */
  async statsChecked(): Promise<string | null> {
    const item = await this.menuItem('Stats');
    const checked = await item.getAttribute('aria-checked');
    await this.page.keyboard.press('Escape');
    return checked;
  }

  async toggleStats(): Promise<void> {
    await (await this.menuItem('Stats')).click();
  }

  statsPanel(): Locator {
    return this.page.getByRole('complementary', { name: 'Stats' });
  }

  async openStats(): Promise<Locator> {
    await this.toggleStats();
    await expect(this.statsPanel()).toBeVisible();
    expect(await this.statsChecked()).toBe('true');
    return this.statsPanel();
  }

  /** A fact in the Stats panel ("Model", "GPU", "Load", "Network"). */
  statsFact(term: string): Locator {
    return this.statsPanel()
      .getByRole('row', { name: new RegExp(`^${term}\\b`) })
      .getByRole('cell');
  }

  /** The Stats panel's reply figures for one measure ("Decode"…): last reply, then session average. */
  statsFigures(measure: string): Locator {
    return this.statsPanel()
      .getByRole('row', { name: new RegExp(`^${measure}\\b`) })
      .getByRole('cell');
  }

  benchmarkDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Benchmark' });
  }

  async openBenchmark(): Promise<Locator> {
    await (await this.menuItem('Benchmark')).click();
    await expect(this.benchmarkDialog()).toBeVisible();
    return this.benchmarkDialog();
  }

  /** The saved benchmark results in the Benchmark dialog, newest first. */
  benchmarkResults(): Locator {
    return this.benchmarkDialog()
      .getByRole('list', { name: 'Benchmark results, newest first' })
      .getByRole('listitem');
  }

  presentation(): Locator {
    return this.page.getByRole('region', { name: 'Presentation mode' });
  }

  async enterPresentation(): Promise<void> {
    await (await this.menuItem('Presentation mode')).click();
    await expect(this.presentation()).toBeVisible();
  }
}
