import { expect, type Locator, type Page } from '@playwright/test';

export interface ScriptedParams {
  scripted_reply?: string;
  scripted_tokens?: number;
  scripted_tps?: number;
  scripted_load_ms?: number;
  engine?: 'webllm';
}

/** The chat screen as a user sees it: found by roles and names only. */
export class ChatPage {
  readonly messageBox: Locator;
  readonly sendButton: Locator;
  readonly stopButton: Locator;
  readonly newChatButton: Locator;
  readonly modelPicker: Locator;
  readonly loadProgress: Locator;

  constructor(readonly page: Page) {
    this.messageBox = page.getByRole('textbox', { name: 'Message' });
    this.sendButton = page.getByRole('button', { name: 'Send' });
    this.stopButton = page.getByRole('button', { name: 'Stop' });
    this.newChatButton = page.getByRole('button', { name: 'New chat' });
    this.modelPicker = page.getByRole('combobox', { name: 'Model' });
    this.loadProgress = page.getByRole('progressbar', { name: 'Loading model' });
  }

  async open(params: ScriptedParams = {}): Promise<void> {
    const query = new URLSearchParams(
      Object.entries(params).map(([k, v]) => [k, String(v)] as [string, string]),
    );
    await this.page.goto(`/?${query}`);
    await expect(this.messageBox).toBeVisible();
    await expect(this.modelPicker).not.toHaveValue('');
  }

  async send(text: string): Promise<void> {
    await this.messageBox.fill(text);
    await this.sendButton.click();
  }

  messages(role: 'user' | 'assistant'): Locator {
    return this.page.locator(`[data-role="${role}"]`);
  }

  lastReply(): Locator {
    return this.messages('assistant').last();
  }
}
