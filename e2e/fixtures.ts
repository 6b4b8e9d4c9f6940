import { test as base } from '@playwright/test';
import { startGgufServer, type GgufName, type GgufServer } from './ggufServer';
import { ChatPage } from './pages/ChatPage';
import { ModelsPage } from './pages/ModelsPage';

/** The real llama.cpp engine with the tiny GGUF models scripts/make-gguf.mjs writes. */
export interface LlamaCpp {
  server: GgufServer;
  /**
   * Opens Nook with a GGUF model of the server's as the chats' model, added through the
   * custom-model form, and waits until llama.cpp has loaded it; resolves with its id.
   */
  open(file?: GgufName, name?: string, contextWindow?: number): Promise<string>;
}

export const test = base.extend<{ chat: ChatPage; llama: LlamaCpp }>({
  chat: async ({ page }, use) => {
    await use(new ChatPage(page));
  },
  llama: async ({ chat }, use) => {
    const server = await startGgufServer();
    await use({
      server,
      async open(file = 'tiny.gguf', name = 'Tiny', contextWindow) {
        // The scripted engine only stands in for WebLLM: GGUF models never meet it.
        // Without WebGPU there is no model to choose until one is added.
        await chat.open({ scripted_load_ms: 0 }, { withModel: false });
        const id = await new ModelsPage(chat.page).useGgufModel({
          name,
          url: server.url(file),
          ...(contextWindow !== undefined && { contextWindow }),
        });
        await chat.page
          .getByRole('status')
          .filter({ hasText: `${name} is ready` })
          .waitFor({ timeout: 60_000 });
        return id;
      },
    });
    await server.close();
  },
});

export { expect } from '@playwright/test';
