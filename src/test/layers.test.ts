// @vitest-environment node
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

/** The lint rules that keep the layers one-way fire on code that breaks them. */
const eslint = new ESLint({ cwd: process.cwd() });
const probe = join('src', 'store', 'session', '__layer_probe__');

async function ruleIds(files: Record<string, string>, lint: string): Promise<(string | null)[]> {
  mkdirSync(probe, { recursive: true });
  for (const [name, code] of Object.entries(files)) writeFileSync(join(probe, name), code);
  const [result] = await eslint.lintFiles([join(probe, lint)]);
  return result?.messages.map((m) => m.ruleId) ?? [];
}

afterAll(() => rmSync(probe, { recursive: true, force: true }));

describe('the layers, as lint enforces them', () => {
  it('refuses an import cycle', async () => {
    const ids = await ruleIds(
      {
        'a.ts': "import { b } from './b';\nexport const a = () => b();\n",
        'b.ts': "import { a } from './a';\nexport const b = (): unknown => a;\n",
      },
      'a.ts',
    );
    expect(ids).toContain('import-x/no-cycle');
  }, 30_000);

  it('refuses a store module importing a view, and the model session importing a conversation flow', async () => {
    const ids = await ruleIds(
      {
        'upward.ts':
          "import { describeError } from '../../../app/errorMessages';\n" +
          "import { generateReply } from '../../actions/generateReply';\n" +
          'export const x = [describeError, generateReply];\n',
      },
      'upward.ts',
    );
    expect(ids.filter((id) => id === 'no-restricted-imports')).toHaveLength(2);
  }, 30_000);
});
