import type {
  ChatCompletionChunk,
  ChatCompletionRequestStreaming,
  ModelRecord,
  ResumeProbeResult,
} from '@mlc-ai/web-llm';
import { describe, expect, it, vi } from 'vitest';
import { serveRequests } from '../workers/serve';
import type { CallMessage, ReplyMessage } from '../workers/wire';
import type { EngineBackend, LoadedTokenizer } from './backend';
import type { EngineError } from './errors';
import { createEngineHost, type HostDeps } from './host';
import type { ChatMessage, EngineEvent, EngineRequests, Params, RequestType } from './protocol';

/** What the worker posted, flattened for assertions: a result or error, or an event by its type. */
type Posted =
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: EngineError }
  | ({ id: number } & EngineEvent);

const record: ModelRecord = { model: 'https://x/m', model_id: 'm', model_lib: 'https://x/m.wasm' };

/** A promise with its resolve and reject in hand. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

function chunk(content: string, finish: 'stop' | 'abort' | null = null): ChatCompletionChunk {
  return {
    id: 'c',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'm',
    choices: [{ index: 0, delta: { content }, finish_reason: finish, logprobs: null }],
  };
}

const tokenizer: LoadedTokenizer = {
  encode: (text) =>
    text
      .split(/\s+/)
      .filter(Boolean)
      .map((_, i) => i),
  contextWindow: 4,
};

/**
 * A backend that does what a test tells it: `reload` waits for `loading`, and every stream is the
 * generator `stream` makes, which sees the interrupt flag the way WebLLM keeps it.
 */
class FakeBackend implements EngineBackend {
  readonly kind = 'webllm';
  interrupted = false;
  loading = deferred();
  requests: ChatCompletionRequestStreaming[] = [];
  unloads = 0;
  loaded = false;
  sessions: ResumeProbeResult[] = [];
  removed: string[] = [];
  embedded: (string[] | number[][])[] = [];
  /** Yields `words` one by one, stopping when interrupted (checked before each but the first). */
  stream = (words: string[]) =>
    async function* (this: FakeBackend) {
      this.interrupted = false; // MLCEngine.asyncGenerate clears the flag as the stream starts
      for (const [i, word] of words.entries()) {
        if (i > 0 && this.interrupted) {
          yield chunk('', 'abort');
          return;
        }
        yield chunk(word);
        await tick(20); // slower than a token batch (16 ms), so a test sees tokens mid-reply
      }
      yield chunk('', 'stop');
    };
  words = ['Hello', ' there'];

  setAppConfig() {}
  setInitProgressCallback() {}
  async reload() {
    await this.loading.promise;
    this.loaded = true;
  }
  async chatCompletion(request: ChatCompletionRequestStreaming) {
    this.requests.push(request);
    return this.stream(this.words).call(this);
  }
  interruptGenerate() {
    this.interrupted = true;
  }
  async resetChat() {}
  async unload() {
    this.unloads++;
    this.loaded = false;
  }
  tokenizer() {
    return this.loaded ? tokenizer : null;
  }
  readonly embedder = {
    load: async () => {},
    embed: async (inputs: string[] | number[][]) => {
      this.embedded.push(inputs);
      return inputs.map(() => [1, 0]);
    },
    tokenizer: () => tokenizer,
    unload: async () => {},
  };
  restoring = deferred();
  readonly resumable = {
    list: async () => this.sessions,
    resume: async (sessionId: string, options: { continueGeneration?: boolean }) => {
      if (!options.continueGeneration) {
        return {
          sessionId,
          recoveredText: 'Recovered',
          emittedTokens: 1,
          processedSeqLen: 5,
          replayedTokens: 0,
          recoveryMode: 'text_only' as const,
        };
      }
      // ResumableGenerationCoordinator.streamContinuation: restore first, then clear the flag.
      const restoreThenStream = async function* (this: FakeBackend) {
        await this.restoring.promise;
        yield* this.stream([' more', ' words', ' here']).call(this);
      };
      return restoreThenStream.call(this);
    },
    remove: async (sessionId: string) => {
      this.removed.push(sessionId);
      this.sessions = this.sessions.filter((s) => s.sessionId !== sessionId);
    },
  };
}

function setUp(backend = new FakeBackend(), overrides: Partial<HostDeps> = {}) {
  const posted: Posted[] = [];
  const diagnose = vi.fn(async (error: EngineError) => error);
  const host = createEngineHost({
    createBackend: async () => backend,
    catalog: () => [record],
    appConfigFor: (records) => ({ model_list: records }),
    inspectCache: async () => ({ state: 'absent', bytes: 0 }),
    deleteCache: async () => {},
    diagnose,
    ...overrides,
  });
  // The host served as the worker serves it, over the bridge's wire.
  let receive: (message: CallMessage<EngineRequests>) => void = () => undefined;
  serveRequests<EngineRequests, EngineError>(
    {
      postMessage: (reply: ReplyMessage<EngineRequests, EngineError>) => {
        if (reply.kind === 'event') posted.push({ id: reply.id, ...reply.event });
        else if (reply.kind === 'result')
          posted.push({ type: 'result', id: reply.id, value: reply.value });
        else posted.push({ type: 'error', id: reply.id, error: reply.error });
      },
      addEventListener: (_type, listener) => {
        receive = (data) => listener({ data } as MessageEvent<CallMessage<EngineRequests>>);
      },
    },
    host.handlers,
    { toError: host.toError },
  );
  let nextId = 1;
  const send = <K extends RequestType>(type: K, params: Params<K>) => {
    const id = nextId++;
    receive({ kind: 'call', id, type, params } as CallMessage<EngineRequests>);
    return id;
  };
  const abort = (id: number) => receive({ kind: 'abort', id });
  const answer = async (id: number) => {
    await vi.waitFor(() => {
      if (!posted.some((m) => m.id === id && (m.type === 'result' || m.type === 'error'))) {
        throw new Error(`no answer to ${id} yet`);
      }
    });
    return posted.find((m) => m.id === id && (m.type === 'result' || m.type === 'error'))!;
  };
  const tokens = (id: number) =>
    posted
      .filter((m): m is Extract<Posted, { type: 'tokens' }> => m.type === 'tokens')
      .filter((m) => m.id === id)
      .map((m) => m.text)
      .join('');
  return { backend, posted, send, abort, answer, tokens, diagnose };
}

async function loaded() {
  const t = setUp();
  t.backend.loading.resolve();
  await t.answer(t.send('load', { record }));
  return t;
}

const user = (content: string): ChatMessage => ({ role: 'user', content });
const journal = (sessionId: string, keep: string[] = []) => ({ sessionId, keep });

describe('the engine host', () => {
  it('runs engine work in order and answers pings while a load runs', async () => {
    const { backend, send, answer, posted } = setUp();
    const load = send('load', { record });
    const chat = send('chat', { messages: [user('Hi')] });
    const ping = send('ping', {});
    expect(await answer(ping)).toEqual({ type: 'result', id: ping, value: null });
    expect(posted.some((m) => m.id === chat)).toBe(false);
    backend.loading.resolve();
    expect((await answer(load)).type).toBe('result');
    expect(await answer(chat)).toMatchObject({ type: 'result', value: { finishReason: 'stop' } });
  });

  it('answers a request aborted while it waits in the queue without running it', async () => {
    const { backend, send, abort, answer } = setUp();
    send('load', { record });
    const chat = send('chat', { messages: [user('Hi')] });
    abort(chat);
    backend.loading.resolve();
    expect(await answer(chat)).toMatchObject({ type: 'error', error: { code: 'aborted' } });
    expect(backend.requests).toHaveLength(0);
  });

  it('reports a download cancelled under the IndexedDB cache as cancelled, not as a failed download', async () => {
    const { backend, send, abort, answer, diagnose } = setUp();
    const load = send('load', { record });
    await tick();
    abort(load);
    expect(backend.unloads).toBe(1);
    // What WebLLM's reload() throws then (ArtifactIndexedDBCache.addToCache).
    backend.loading.reject(
      new Error(
        'Failed to store https://x/m/params_shard_3.bin with error: Engine.unload() is called.',
      ),
    );
    expect(await answer(load)).toMatchObject({ type: 'error', error: { code: 'aborted' } });
    expect(diagnose).not.toHaveBeenCalledWith(expect.objectContaining({ code: 'download-failed' }));
  });

  it('unloads a model whose load finished although it was cancelled (during shader compilation)', async () => {
    const { backend, send, abort, answer } = setUp();
    const load = send('load', { record });
    await tick();
    abort(load);
    backend.loading.resolve();
    expect(await answer(load)).toMatchObject({ type: 'error', error: { code: 'aborted' } });
    expect(backend.unloads).toBe(2);
    expect(backend.loaded).toBe(false);
  });

  it('interrupts a streaming reply and keeps what came', async () => {
    const { backend, send, abort, answer, tokens } = await loaded();
    backend.words = ['One', ' two', ' three', ' four', ' five'];
    const chat = send('chat', { messages: [user('Count')] });
    await vi.waitFor(() => expect(tokens(chat)).toContain('One'));
    abort(chat);
    expect(await answer(chat)).toMatchObject({ value: { finishReason: 'abort' } });
    expect(tokens(chat).length).toBeLessThan('One two three four five'.length);
  });

  it('journals a first turn and not a follow-up that extends it, which reads from the KV cache', async () => {
    const { backend, send, answer } = await loaded();
    const first = [user('Hi')];
    expect(await answer(send('chat', { messages: first, journal: journal('a.1') }))).toMatchObject({
      value: { reusedCache: false },
    });
    expect(backend.requests[0]?.extra_body?.resumable).toEqual({ enabled: true, sessionId: 'a.1' });

    const second = [...first, { role: 'assistant' as const, content: 'Hello there' }, user('And?')];
    expect(await answer(send('chat', { messages: second, journal: journal('b.1') }))).toMatchObject(
      { value: { reusedCache: true } },
    );
    expect(backend.requests[1]?.extra_body?.resumable).toBeUndefined();

    // A history that differs from what the engine holds (an edited reply) is read in full again.
    const edited = [...first, { role: 'assistant' as const, content: 'Hi!' }, user('And?')];
    expect(await answer(send('chat', { messages: edited, journal: journal('c.1') }))).toMatchObject(
      { value: { reusedCache: false } },
    );
  });

  it('sends images as image_url parts before the text, and reuses the cache only for the same images', async () => {
    const { backend, send, answer } = await loaded();
    const image = (id: string, text: string) => ({
      id,
      blob: new Blob([text], { type: 'image/png' }),
      width: 2,
      height: 1,
    });
    const first = [{ role: 'user' as const, content: 'What is this?', images: [image('a', 'A')] }];
    await answer(send('chat', { messages: first }));
    expect(backend.requests[0]?.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: 'data:image/png;base64,QQ==' } },
          { type: 'text', text: 'What is this?' },
        ],
      },
    ]);
    const reply = { role: 'assistant' as const, content: 'Hello there' };
    const same = await answer(send('chat', { messages: [...first, reply, user('And?')] }));
    expect(same).toMatchObject({ value: { reusedCache: true } });
    // The same image goes as the very same URL, which is what WebLLM compares.
    expect(backend.requests[1]?.messages[0]).toEqual(backend.requests[0]?.messages[0]);

    const other = [{ ...first[0]!, images: [image('b', 'B')] }, reply, user('And?')];
    expect(await answer(send('chat', { messages: other }))).toMatchObject({
      value: { reusedCache: false },
    });
  });

  it('does not count on the KV cache after a stopped reply', async () => {
    const { backend, send, abort, answer, tokens } = await loaded();
    backend.words = ['One', ' two', ' three', ' four'];
    const first = send('chat', { messages: [user('Count')] });
    await vi.waitFor(() => expect(tokens(first)).toContain('One'));
    abort(first);
    await answer(first);
    const messages = [
      user('Count'),
      { role: 'assistant' as const, content: tokens(first) },
      user('Go on'),
    ];
    expect(await answer(send('chat', { messages }))).toMatchObject({
      value: { reusedCache: false },
    });
  });

  it('deletes journals of earlier replies, except those still waiting to be continued', async () => {
    const { backend, send, answer } = await loaded();
    const probe = (sessionId: string): ResumeProbeResult => ({
      sessionId,
      resumable: true,
      modelId: 'm',
      emittedTokens: 3,
      processedSeqLen: 9,
      recoveryMode: 'token_replay',
    });
    backend.sessions = [probe('old.1'), probe('waiting.1')];
    await answer(
      send('chat', { messages: [user('Hi')], journal: journal('new.1', ['waiting.1']) }),
    );
    expect(backend.removed).toEqual(['old.1', 'new.1']);
    expect(backend.sessions.map((s) => s.sessionId)).toEqual(['waiting.1']);
  });

  it('keeps a Stop pressed while a resumed reply restores its state', async () => {
    const { backend, send, abort, answer, tokens, posted } = await loaded();
    backend.sessions = [
      {
        sessionId: 's.1',
        resumable: true,
        modelId: 'm',
        emittedTokens: 1,
        processedSeqLen: 5,
        recoveryMode: 'token_replay',
      },
    ];
    const resume = send('resume', { sessionId: 's.1' });
    await vi.waitFor(() => expect(posted.some((m) => m.type === 'recovered')).toBe(true));
    await tick();
    abort(resume); // during the restore
    backend.restoring.resolve();
    expect(await answer(resume)).toMatchObject({ value: { finishReason: 'abort' } });
    expect(tokens(resume)).toBe(' more');
    expect(backend.removed).toEqual(['s.1']);
  });

  it('cuts embedding inputs to the window by the embedding model’s own tokenizer', async () => {
    const { backend, send, answer } = setUp();
    await answer(send('embed', { record, texts: ['one two three four five six', 'short'] }));
    expect(backend.embedded[0]).toEqual([[0, 1, 2, 3], [0]]);
  });

  it('counts tokens with the loaded model’s tokenizer, and only that model’s', async () => {
    const { send, answer } = await loaded();
    expect(
      await answer(send('countTokens', { modelId: 'm', texts: ['a b c', 'd'] })),
    ).toMatchObject({
      value: [3, 1],
    });
    expect(await answer(send('countTokens', { modelId: 'other', texts: ['a'] }))).toMatchObject({
      value: null,
    });
  });
});
