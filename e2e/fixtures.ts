import { test as base } from '@playwright/test';
import { ChatPage } from './pages/ChatPage';

export const test = base.extend<{ chat: ChatPage }>({
  chat: async ({ page }, use) => {
    await use(new ChatPage(page));
  },
});

export { expect } from '@playwright/test';
