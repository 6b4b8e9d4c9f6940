// @vitest-environment node
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

/** The lint rules that keep the layers one-way fire on code that breaks them. */
const eslint = new ESLint({ cwd: process.cwd() });
const PROBE = '__layer_probe__';
const probes: string[] = [];

/** Writes `code` as a module of `layer` (a folder of src/) and lints it. */
async function lint(files: { layer: string; name: string; code: string }[]) {
  const paths = files.map(({ layer, name, code }) => {
    const folder = join('src', layer, PROBE);
    mkdirSync(folder, { recursive: true });
    probes.push(folder);
    const path = join(folder, name);
    writeFileSync(path, code);
    return path;
  });
  const results = await eslint.lintFiles(paths);
  return new Map(results.map((r) => [r.filePath, r.messages.map((m) => m.ruleId)]));
}

afterAll(() => probes.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** Each layer, and a folder above it that it must not import. */
const UPWARD: [layer: string, forbidden: string][] = [
  ['features/chat', 'app'],
  ['ui', 'store'],
  ['ui', 'features'],
  ['store', 'features'],
  ['store/actions', 'app'],
  ['store/session', 'store/actions'],
  ['prompts', 'store'],
  ['documents', 'store'],
  ['documents', 'features'],
  ['documents/extract', 'store'],
  ['images', 'persistence'],
  ['models', 'engine'],
  ['models', 'store'],
  ['engine', 'store'],
  ['persistence', 'store'],
  ['workers', 'engine'],
  ['lib', 'store'],
  ['lib', 'features'],
];

describe('the layers, as lint enforces them', () => {
  it('refuses an import cycle', async () => {
    const results = await lint([
      {
        layer: 'lib',
        name: 'a.ts',
        code: "import { b } from './b';\nexport const a = () => b();\n",
      },
      {
        layer: 'lib',
        name: 'b.ts',
        code: "import { a } from './a';\nexport const b = (): unknown => a;\n",
      },
    ]);
    expect([...results.values()].flat()).toContain('import-x/no-cycle');
  }, 60_000);

  it('refuses an import from a layer above, in every layer', async () => {
    const files = UPWARD.map(([layer, forbidden], i) => ({
      layer,
      name: `upward${i}.ts`,
      // From src/<layer>/__layer_probe__/ up to src/, then down into the forbidden folder.
      code: `import { x } from '${'../'.repeat(layer.split('/').length + 1)}${forbidden}/x';\nexport const y = x;\n`,
    }));
    const results = await lint(files);
    const fired = files.map(({ layer, name }) => {
      const path = [...results.keys()].find((p) => p.endsWith(join(layer, PROBE, name)));
      return [layer, name, results.get(path!)?.includes('no-restricted-imports')];
    });
    expect(fired.filter(([, , hit]) => !hit)).toEqual([]);
  }, 60_000);

  it('lets each layer import the layers below it', async () => {
    const results = await lint([
      {
        layer: 'features/chat',
        name: 'down.ts',
        code: "import { x } from '../../../store/x';\nexport const y = x;\n",
      },
      {
        layer: 'store',
        name: 'down.ts',
        code: "import { x } from '../../engine/x';\nexport const y = x;\n",
      },
      {
        layer: 'prompts',
        name: 'down.ts',
        code: "import type { X } from '../../engine/x';\nexport type Y = X;\n",
      },
    ]);
    expect([...results.values()].flat()).not.toContain('no-restricted-imports');
  }, 60_000);
});
