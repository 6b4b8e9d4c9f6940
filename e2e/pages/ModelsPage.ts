import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The model manager, opened from the header's "Model" button. It opens on "Recommended for this
 * device" (three picks); "All models" shows the full catalog with search, filters and rows.
 */
export class ModelsPage {
  /** The header's button, named by what it shows: "Model Llama 3.2 · 1B". */
  readonly button: Locator;
  readonly dialog: Locator;
  readonly recommended: Locator;
  readonly allModels: Locator;

  constructor(readonly page: Page) {
    this.button = page.getByRole('banner').getByRole('button', { name: /^Model\b/ });
    this.dialog = page.getByRole('dialog', { name: 'Models' });
    this.recommended = this.dialog.getByRole('region', { name: 'Recommended for this device' });
    this.allModels = this.dialog.getByRole('region', { name: 'All models' });
  }

  /** Opens the manager on its first view, the picks for this device. */
  async openRecommended(): Promise<void> {
    await this.button.click();
    await expect(this.dialog).toBeVisible();
    await expect(this.recommended).toBeVisible();
  }

  /** Opens the manager on the full catalog, where rows, search and filters are. */
  async open(): Promise<void> {
    await this.openRecommended();
    await this.showAll();
  }

  async showAll(): Promise<void> {
    await this.dialog.getByRole('button', { name: /^All models \(\d+\)$/ }).click();
    await expect(this.allModels).toBeVisible();
  }

  async backToRecommended(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Back to recommended' }).click();
    await expect(this.recommended).toBeVisible();
  }

  /** The picks' cards, named by kind and model: "Fastest Qwen2.5 · 0.5B". */
  picks(): Locator {
    return this.recommended.getByRole('listitem');
  }

  pick(kind: 'Fastest' | 'Best balance' | 'Most capable'): Locator {
    return this.recommended.getByRole('listitem', { name: new RegExp(`^${kind} `) });
  }

  /** A row of the full catalog, named by its model id. */
  row(modelId: string): Locator {
    return this.dialog.getByRole('listitem', { name: modelId, exact: true });
  }

  rows(): Locator {
    return this.allModels.getByRole('listitem');
  }

  /** Makes `modelId` the model chats use (downloading it if need be), and closes the dialog. */
  async choose(modelId: string): Promise<void> {
    await this.open();
    await this.dialog.getByRole('searchbox', { name: 'Search models' }).fill(modelId);
    const row = this.row(modelId);
    const name = (await row.getByRole('heading').textContent()) ?? '';
    await row.getByRole('button', { name: /^(Use|Download and use)$/ }).click();
    // The header names the chosen model by its friendly name, the row's title.
    await expect(this.button).toHaveAccessibleName(`Model ${name}`);
    await expect(row.getByRole('button', { name: 'In use' })).toBeVisible();
    await this.close();
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(this.dialog).toBeHidden();
  }

  /** Opens "Add custom model" for a kind of model: an MLC build (WebLLM) or a GGUF file (llama.cpp). */
  private async customModelForm(kind: RegExp): Promise<Locator> {
    await this.dialog.getByRole('button', { name: 'Add custom model' }).click();
    const form = this.page.getByRole('dialog', { name: 'Add custom model' });
    await form.getByRole('radio', { name: kind }).check();
    return form;
  }

  async addCustomModel(fields: {
    name: string;
    modelUrl: string;
    libraryUrl: string;
  }): Promise<void> {
    const form = await this.customModelForm(/^MLC build/);
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill(fields.name);
    await form.getByRole('textbox', { name: 'Model URL', exact: true }).fill(fields.modelUrl);
    await form
      .getByRole('textbox', { name: 'Model library URL', exact: true })
      .fill(fields.libraryUrl);
    await form.getByRole('button', { name: 'Add model' }).click();
    await expect(form).toBeHidden();
  }

  /**
   * Adds an MLC model from a folder on this computer ("Model folder", a folder picker); resolves
   * with the form (closed if it worked).
   */
  /** Opens the custom-model form on an MLC build whose files are on this computer. */
  async openModelFolderForm(): Promise<Locator> {
    const form = await this.customModelForm(/^MLC build/);
    await form.getByRole('radio', { name: 'On this computer' }).check();
    return form;
  }

  async addModelFolder(fields: { name?: string; dir: string }): Promise<Locator> {
    const form = await this.openModelFolderForm();
    if (fields.name)
      await form.getByRole('textbox', { name: 'Name', exact: true }).fill(fields.name);
    await form.getByLabel('Model folder', { exact: true }).setInputFiles(fields.dir);
    await form.getByRole('button', { name: 'Add model' }).click();
    return form;
  }

  /** Adds a GGUF model from a file on this computer; resolves with the form (closed if it worked). */
  async addGgufFile(fields: { name?: string; path: string }): Promise<Locator> {
    const form = await this.customModelForm(/^GGUF file/);
    await form.getByRole('radio', { name: 'On this computer' }).check();
    if (fields.name)
      await form.getByRole('textbox', { name: 'Name', exact: true }).fill(fields.name);
    await form.getByLabel('GGUF file', { exact: true }).setInputFiles(fields.path);
    await form.getByRole('button', { name: 'Add model' }).click();
    return form;
  }

  /**
   * Adds a GGUF model by its URL. A file the form's check refuses (not a GGUF) is added anyway when
   * `anyway` is set, as a user may do.
   */
  async addGgufModel(fields: {
    name: string;
    url: string;
    contextWindow?: number;
    anyway?: boolean;
  }): Promise<void> {
    const form = await this.customModelForm(/^GGUF file/);
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill(fields.name);
    await form.getByRole('textbox', { name: 'GGUF file URL', exact: true }).fill(fields.url);
    if (fields.contextWindow !== undefined) {
      await form
        .getByRole('textbox', { name: 'Context window (tokens)' })
        .fill(String(fields.contextWindow));
    }
    await form.getByRole('button', { name: 'Add model' }).click();
    if (fields.anyway) await form.getByRole('button', { name: 'Add anyway' }).click();
    await expect(form).toBeHidden();
  }

  /**
   * Adds a GGUF model by its URL and makes it the model chats use ("Download and use", which
   * loads it); resolves with its id.
   */
  async useGgufModel(fields: Parameters<ModelsPage['addGgufModel']>[0]): Promise<string> {
    await this.open();
    await this.addGgufModel(fields);
    const id = `gguf:${fields.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    await this.dialog.getByRole('searchbox', { name: 'Search models' }).fill(fields.name);
    await this.row(id).getByRole('button', { name: 'Download and use' }).click();
    await this.close();
    return id;
  }
}
