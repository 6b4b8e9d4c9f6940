import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatRequest, ChatResult } from '../../engine/protocol';
import type { StoredMessage } from '../schema';

/** The engine, faked at its gateway: every chat is recorded and answered at once. */
const requests: ChatRequest[] = [];
const answer = async (): Promise<ChatResult> => ({ finishReason: 'stop', reusedCache: false });
const engine = {
  chat: vi.fn(
    async (request: ChatRequest, options?: { onTokens?: (t: string, n: number) => void }) => {
      requests.push(request);
      options?.onTokens?.('Hello', 1);
      return answer();
    },
  ),
  countTokens: vi.fn(async ({ texts }: { texts: string[] }) => texts.map((t) => t.length)),
};
vi.mock('../../engine/client', () => ({ getEngine: () => ({ call: engine }) }));
vi.stubGlobal('requestAnimationFrame', (callback: () => void) => setTimeout(callback, 0));
vi.stubGlobal('cancelAnimationFrame', (id: number) => clearTimeout(id));

const { generateReply } = await import('./generateReply');
const { useChatStore } = await import('../chatStore');
const { useRuntimeStore } = await import('../runtimeStore');
const { DEFAULT_SETTINGS } = await import('../settings');

const MODEL = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';

function chatWith(messages: StoredMessage[]) {
  useChatStore.setState({
    selectedModelId: MODEL,
    activeConversationId: 'c',
    conversations: {
      c: {
        id: 'c',
        title: 'Chat',
        createdAt: 0,
        updatedAt: 0,
        settings: DEFAULT_SETTINGS,
        messages,
      },
      other: {
        id: 'other',
        title: 'Other chat',
        createdAt: 0,
        updatedAt: 0,
        settings: DEFAULT_SETTINGS,
        messages: [
          { id: 'u0', role: 'user', content: 'Hi', createdAt: 0, status: 'done' },
          {
            id: 'cut',
            role: 'assistant',
            content: 'Half a rep',
            createdAt: 0,
            status: 'interrupted',
            journalId: 'cut.1',
          },
        ],
      },
    },
  });
}

describe('generateReply and WebLLM’s resumable journals', () => {
  beforeEach(() => {
    requests.length = 0;
    useRuntimeStore.setState({
      prebuiltRecords: prebuiltAppConfig.model_list,
      engine: { status: 'ready', modelId: MODEL, loadTimeS: 1, device: 'WebGPU' },
      generation: null,
    });
    chatWith([{ id: 'u1', role: 'user', content: 'Hello?', createdAt: 0, status: 'done' }]);
  });

  it('starts every request under a journal id of its own, so a reply can be tried again', async () => {
    await generateReply('c');
    const reply = useChatStore.getState().conversations.c!.messages[1]!;
    // WebLLM refuses a journal under an id it already has (ResumableSessionExistsError): a
    // regenerate after a lost GPU must not reuse the first attempt's.
    await generateReply('c', { kind: 'regenerate', messageId: reply.id });
    const [first, second] = requests.map((r) => r.journal?.sessionId);
    expect(first).toMatch(new RegExp(`^${reply.id}\\.`));
    expect(second).toMatch(new RegExp(`^${reply.id}\\.`));
    expect(second).not.toBe(first);
    expect(useChatStore.getState().conversations.c!.messages[1]!.journalId).toBe(second);
  });

  it('checkpoints a reply once a second while it grows, and not while it waits', async () => {
    vi.useFakeTimers();
    try {
      let stored = 0;
      const stop = useChatStore.subscribe((state, before) => {
        if (state.conversations.c !== before.conversations.c) stored += 1;
      });
      const seen: Record<string, number> = {};
      engine.chat.mockImplementationOnce(async (_request, options) => {
        seen.asked = stored;
        await vi.advanceTimersByTimeAsync(3_500); // the prefill: nothing new to store
        seen.prefilled = stored;
        options?.onTokens?.('Hello', 1);
        await vi.advanceTimersByTimeAsync(1_100);
        seen.checkpointed = stored;
        await vi.advanceTimersByTimeAsync(3_000); // the next token is slow
        seen.waited = stored;
        return answer();
      });
      await generateReply('c');
      stop();
      expect(seen.prefilled).toBe(seen.asked);
      expect(seen.checkpointed).toBe(seen.asked! + 1);
      expect(seen.waited).toBe(seen.checkpointed);
      expect(useChatStore.getState().conversations.c!.messages[1]!.content).toBe('Hello');
    } finally {
      vi.useRealTimers();
    }
  });

  it('asks the worker to keep the journals of replies still waiting to be continued', async () => {
    await generateReply('c');
    expect(requests[0]?.journal?.keep).toEqual(['cut.1']);
  });
});
