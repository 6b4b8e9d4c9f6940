import { pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';

const ID = 'virtual:webllm-catalog';
const RESOLVED = `\0${ID}`;

/**
 * WebLLM's prebuilt model records (`prebuiltAppConfig.model_list`), read from the installed WebLLM
 * at build time and served as a small module of data, so the app lists models, picks one and
 * becomes usable without loading WebLLM's several MB of code on the main thread or waiting for the
 * engine worker to start. The records are the same ones the worker hands WebLLM, from the same
 * package (or the one `npm run test:real` aliases in its place).
 */
export function webllmCatalog(): Plugin {
  return {
    name: 'nook:webllm-catalog',
    resolveId: { filter: { id: new RegExp(`^${ID}$`) }, handler: () => RESOLVED },
    load: {
      filter: { id: new RegExp(`^${RESOLVED}$`) },
      async handler() {
        const webllm = await this.resolve('@mlc-ai/web-llm');
        if (!webllm) throw new Error('@mlc-ai/web-llm is not installed');
        const { prebuiltAppConfig } = (await import(pathToFileURL(webllm.id).href)) as {
          prebuiltAppConfig: { model_list: unknown[] };
        };
        return `export default ${JSON.stringify(prebuiltAppConfig.model_list)};`;
      },
    },
  };
}
