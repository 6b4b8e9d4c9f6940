// @vitest-environment jsdom
import type {
  ChatCompletionChunk,
  ChatCompletionRequestStreaming,
  ModelRecord,
  ResumeProbeResult,
} from '@mlc-ai/web-llm';
import { describe, expect, it, vi } from 'vitest';
import type { ChatMessage, ChatRequest, LoadProgress } from '../protocol';
import type { EngineModel } from '../../models/engineModel';
import type { LoadedTokenizer, MLCEngineLike } from './mlcEngine';
import type { LibraryProblem } from './modelLibrary';
import { WebLLMBackend } from './webllmBackend';

const record: ModelRecord = { model: 'https://x/m', model_id: 'm', model_lib: 'https://x/m.wasm' };
const model: EngineModel = { engine: 'webllm', record };

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
 * An MLCEngine that does what a test tells it: `reload` waits for `loading`, and every stream is
 * the generator `stream` makes, which sees the interrupt flag the way WebLLM keeps it.
 */
class FakeMLCEngine implements MLCEngineLike {
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
    async function* (this: FakeMLCEngine) {
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
      const restoreThenStream = async function* (this: FakeMLCEngine) {
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

function setUp({ libraryProblem = null }: { libraryProblem?: LibraryProblem | null } = {}) {
  const engine = new FakeMLCEngine();
  const backend = new WebLLMBackend(engine, {
    appConfigFor: (records) => ({ model_list: records }),
    inspectCache: async () => ({ state: 'absent', bytes: 0 }),
    cachedLibraryProblem: async () => libraryProblem,
    importFolder: async () => ({ bytes: 0 }),
    deleteCache: async () => {},
  });
  const progress: LoadProgress[] = [];
  const load = (signal = new AbortController().signal) =>
    backend.load(model, { signal, progress: (p) => progress.push(p) });
  /** A reply, its text as streamed, and a Stop for it. */
  const chat = (request: ChatRequest) => {
    const controller = new AbortController();
    let text = '';
    const result = backend.chat(request, {
      signal: controller.signal,
      token: (t) => (text += t),
    });
    return { result, text: () => text, stop: () => controller.abort() };
  };
  return { engine, backend, load, chat, progress };
}

async function loaded() {
  const t = setUp();
  t.engine.loading.resolve();
  await t.load();
  return t;
}

const user = (content: string): ChatMessage => ({ role: 'user', content });
const journal = (sessionId: string, keep: string[] = []) => ({ sessionId, keep });

describe('the WebLLM backend', () => {
  it('reports a download cancelled under the IndexedDB cache as cancelled, not as a failed download', async () => {
    const { engine, load } = setUp();
    const cancel = new AbortController();
    const loading = load(cancel.signal);
    await tick();
    cancel.abort();
    expect(engine.unloads).toBe(1);
    // What WebLLM's reload() throws then (ArtifactIndexedDBCache.addToCache).
    engine.loading.reject(
      new Error(
        'Failed to store https://x/m/params_shard_3.bin with error: Engine.unload() is called.',
      ),
    );
    await expect(loading).rejects.toMatchObject({ error: { code: 'aborted' } });
  });

  // What WebLLM 0.2.86 throws for a library that exports no memory: tvmjs's WASI runtime reads
  // the memory's buffer as it starts the instance (EmccWASI updateMemoryViews).
  const unnamed = () => new TypeError("Cannot read properties of undefined (reading 'buffer')");

  it('names a load that failed on a library tvmjs cannot start, as the library', async () => {
    const { engine, load } = setUp({ libraryProblem: 'not-tvm-library' });
    const loading = load();
    engine.loading.reject(unnamed());
    await expect(loading).rejects.toMatchObject({
      error: { code: 'model-library-invalid', detail: expect.stringContaining('buffer') },
    });
  });

  it('leaves an unexplained load failure unexplained when the library passes', async () => {
    const { engine, load } = setUp();
    const loading = load();
    engine.loading.reject(unnamed());
    await expect(loading).rejects.toBeInstanceOf(TypeError);
  });

  it('unloads a model whose load finished although it was cancelled (during shader compilation)', async () => {
    const { engine, load } = setUp();
    const cancel = new AbortController();
    const loading = load(cancel.signal);
    await tick();
    cancel.abort();
    engine.loading.resolve();
    await expect(loading).rejects.toMatchObject({ error: { code: 'aborted' } });
    expect(engine.unloads).toBe(2);
    expect(engine.loaded).toBe(false);
  });

  it('reports the load in phases, and that it runs on WebGPU', async () => {
    const { engine, load } = setUp();
    engine.loading.resolve();
    await expect(load()).resolves.toEqual({ device: 'WebGPU' });
  });

  it('interrupts a streaming reply and keeps what came', async () => {
    const { engine, chat } = await loaded();
    engine.words = ['One', ' two', ' three', ' four', ' five'];
    const reply = chat({ messages: [user('Count')] });
    await vi.waitFor(() => expect(reply.text()).toContain('One'));
    reply.stop();
    await expect(reply.result).resolves.toMatchObject({ finishReason: 'abort' });
    expect(reply.text().length).toBeLessThan('One two three four five'.length);
  });

  it('journals a first turn and not a follow-up that extends it, which reads from the KV cache', async () => {
    const { engine, chat } = await loaded();
    const first = [user('Hi')];
    await expect(chat({ messages: first, journal: journal('a.1') }).result).resolves.toMatchObject({
      reusedCache: false,
    });
    expect(engine.requests[0]?.extra_body?.resumable).toEqual({ enabled: true, sessionId: 'a.1' });

    const second = [...first, { role: 'assistant' as const, content: 'Hello there' }, user('And?')];
    await expect(chat({ messages: second, journal: journal('b.1') }).result).resolves.toMatchObject(
      { reusedCache: true },
    );
    expect(engine.requests[1]?.extra_body?.resumable).toBeUndefined();

    // A history that differs from what the engine holds (an edited reply) is read in full again.
    const edited = [...first, { role: 'assistant' as const, content: 'Hi!' }, user('And?')];
    await expect(chat({ messages: edited, journal: journal('c.1') }).result).resolves.toMatchObject(
      { reusedCache: false },
    );
  });

  it('sends a structured request’s schema as WebLLM takes it, never journaled, and holds no conversation after it', async () => {
    const { engine, backend, chat } = await loaded();
    engine.words = ['{"a":', '1}'];
    const first = [user('Hi')];
    await chat({ messages: first }).result;
    const schema = { type: 'object', properties: { a: { type: 'number' } } };
    const result = await backend.structured(
      { messages: [user('Fields?')], schema, options: { enable_thinking: false, max_tokens: 50 } },
      { signal: new AbortController().signal, token: () => undefined },
    );
    expect(result).toMatchObject({ text: '{"a":1}', finishReason: 'stop' });
    const sent = engine.requests[1];
    expect(sent?.response_format).toEqual({ type: 'json_object', schema: JSON.stringify(schema) });
    expect(sent?.extra_body).toEqual({ enable_thinking: false });
    expect(sent?.max_tokens).toBe(50);
    // The engine now holds the structured exchange, not the chat: a follow-up is read in full.
    const followUp = [...first, { role: 'assistant' as const, content: '{"a":1}' }, user('And?')];
    await expect(chat({ messages: followUp }).result).resolves.toMatchObject({
      reusedCache: false,
    });
  });

  it('sends images as image_url parts before the text, and reuses the cache only for the same images', async () => {
    const { engine, chat } = await loaded();
    const image = (id: string, text: string) => ({
      id,
      blob: new Blob([text], { type: 'image/png' }),
      width: 2,
      height: 1,
    });
    const first = [{ role: 'user' as const, content: 'What is this?', images: [image('a', 'A')] }];
    await chat({ messages: first }).result;
    expect(engine.requests[0]?.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: 'data:image/png;base64,QQ==' } },
          { type: 'text', text: 'What is this?' },
        ],
      },
    ]);
    const reply = { role: 'assistant' as const, content: 'Hello there' };
    await expect(chat({ messages: [...first, reply, user('And?')] }).result).resolves.toMatchObject(
      {
        reusedCache: true,
      },
    );
    // The same image goes as the very same URL, which is what WebLLM compares.
    expect(engine.requests[1]?.messages[0]).toEqual(engine.requests[0]?.messages[0]);

    const other = [{ ...first[0]!, images: [image('b', 'B')] }, reply, user('And?')];
    await expect(chat({ messages: other }).result).resolves.toMatchObject({ reusedCache: false });
  });

  it('does not count on the KV cache after a stopped reply', async () => {
    const { engine, chat } = await loaded();
    engine.words = ['One', ' two', ' three', ' four'];
    const first = chat({ messages: [user('Count')] });
    await vi.waitFor(() => expect(first.text()).toContain('One'));
    first.stop();
    await first.result;
    const messages = [
      user('Count'),
      { role: 'assistant' as const, content: first.text() },
      user('Go on'),
    ];
    await expect(chat({ messages }).result).resolves.toMatchObject({ reusedCache: false });
  });

  it('deletes journals of earlier replies, except those still waiting to be continued', async () => {
    const { engine, chat } = await loaded();
    const probe = (sessionId: string): ResumeProbeResult => ({
      sessionId,
      resumable: true,
      modelId: 'm',
      emittedTokens: 3,
      processedSeqLen: 9,
      recoveryMode: 'token_replay',
    });
    engine.sessions = [probe('old.1'), probe('waiting.1')];
    await chat({ messages: [user('Hi')], journal: journal('new.1', ['waiting.1']) }).result;
    expect(engine.removed).toEqual(['old.1', 'new.1']);
    expect(engine.sessions.map((s) => s.sessionId)).toEqual(['waiting.1']);
  });

  it('keeps a Stop pressed while a resumed reply restores its state', async () => {
    const { engine, backend } = await loaded();
    engine.sessions = [
      {
        sessionId: 's.1',
        resumable: true,
        modelId: 'm',
        emittedTokens: 1,
        processedSeqLen: 5,
        recoveryMode: 'token_replay',
      },
    ];
    const stop = new AbortController();
    let recovered = '';
    let text = '';
    const resume = backend.resume('s.1', {
      signal: stop.signal,
      recovered: (t) => (recovered = t),
      token: (t) => (text += t),
    });
    await vi.waitFor(() => expect(recovered).toBe('Recovered'));
    await tick();
    stop.abort(); // during the restore
    engine.restoring.resolve();
    await expect(resume).resolves.toMatchObject({ finishReason: 'abort' });
    expect(text).toBe(' more');
    expect(engine.removed).toEqual(['s.1']);
  });

  it('cuts embedding inputs to the window by the embedding model’s own tokenizer', async () => {
    const { engine, backend } = setUp();
    await backend.embed(record, ['one two three four five six', 'short']);
    expect(engine.embedded[0]).toEqual([[0, 1, 2, 3], [0]]);
  });

  it('counts tokens with the loaded model’s tokenizer, and none before a model is loaded', async () => {
    expect(setUp().backend.countTokens(['a'])).toBeNull();
    const { backend } = await loaded();
    expect(backend.countTokens(['a b c', 'd'])).toEqual([3, 1]);
  });
});
