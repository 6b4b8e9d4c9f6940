import { expect, type Locator, type Page } from '@playwright/test';

/** The model manager, opened from the header's "Model" button. */
export class ModelsPage {
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Models' });
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Model', exact: false }).first().click();
    await expect(this.dialog).toBeVisible();
  }

  row(modelId: string): Locator {
    return this.dialog.getByRole('listitem', { name: modelId, exact: true });
  }

  rows(): Locator {
    return this.dialog.getByRole('listitem');
  }

  /** Makes `modelId` the model chats use (downloading it if need be), and closes the dialog. */
  async choose(modelId: string): Promise<void> {
    await this.open();
    await this.dialog.getByRole('searchbox', { name: 'Search models' }).fill(modelId);
    const row = this.row(modelId);
    await row.getByRole('button', { name: /^(Use|Download and use)$/ }).click();
    await expect(
      this.page.getByRole('button', { name: 'Model', exact: true }),
    ).toHaveAccessibleDescription(modelId);
    await expect(row.getByRole('button', { name: 'In use' })).toBeVisible();
    await this.close();
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(this.dialog).toBeHidden();
  }

  async addCustomModel(fields: {
    name: string;
    modelUrl: string;
    libraryUrl: string;
  }): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Add custom model' }).click();
    const form = this.page.getByRole('dialog', { name: 'Add custom model' });
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill(fields.name);
    await form.getByRole('textbox', { name: 'Model URL', exact: true }).fill(fields.modelUrl);
    await form
      .getByRole('textbox', { name: 'Model library URL', exact: true })
      .fill(fields.libraryUrl);
    await form.getByRole('button', { name: 'Add model' }).click();
    await expect(form).toBeHidden();
  }
}
