import { expect, type Locator, type Page } from '@playwright/test';

/** The Compare models dialog: the setup (prompt and models), then a column per model. */
export class ComparePage {
  readonly dialog: Locator;
  readonly prompt: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Compare models' });
    this.prompt = this.dialog.getByRole('textbox', { name: 'Prompt' });
  }

  /** Opens it from the composer, which hands over the message typed there. */
  async openFromComposer(): Promise<void> {
    await this.page.getByRole('button', { name: 'Compare models' }).click();
    await expect(this.dialog).toBeVisible();
  }

  /** A model's checkbox, by its build id (builds of one model share a friendly name). */
  option(modelId: string): Locator {
    const id = modelId.replace(/[.]/g, '\\.');
    return this.dialog.getByRole('checkbox', { name: new RegExp(`(^|\\s)${id}(\\s|$)`) });
  }

  checked(): Locator {
    return this.dialog.getByRole('checkbox', { checked: true });
  }

  /** Looks a model up in the list, by its build id or its name. */
  async find(query: string): Promise<void> {
    await this.dialog.getByRole('searchbox', { name: 'Find a model' }).fill(query);
  }

  /** Finds a model in the list and checks it. */
  async add(modelId: string): Promise<void> {
    await this.find(modelId);
    await this.option(modelId).check();
    await this.find('');
  }

  async start(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Compare', exact: true }).click();
  }

  /** A model's column, named by its friendly name. */
  column(name: string): Locator {
    return this.dialog.getByRole('region', { name, exact: true });
  }

  columns(): Locator {
    return this.dialog.getByRole('region');
  }

  /** A figure in a column: "Load", "First token", "Speed", "Tokens written". */
  figure(column: Locator, label: string): Locator {
    return column
      .getByLabel('Figures')
      .locator('div')
      .filter({ has: this.page.getByRole('term').getByText(label, { exact: true }) })
      .getByRole('definition');
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(this.dialog).toBeHidden();
  }
}
