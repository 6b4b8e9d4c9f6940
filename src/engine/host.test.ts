import type { ModelRecord } from '@mlc-ai/web-llm';
import { describe, expect, it, vi } from 'vitest';
import { serveRequests } from '../workers/serve';
import type { CallMessage, ReplyMessage } from '../workers/wire';
import type { LoadContext, StreamContext } from './backend';
import type { EngineError } from './errors';
import { createEngineHost, type WebLLMHostBackend } from './host';
import type {
  ChatRequest,
  EngineEvent,
  EngineRequests,
  Params,
  RequestType,
  StructuredRequest,
} from './protocol';
import type { EngineKind, EngineModel } from '../models/engineModel';

/** What the worker posted, flattened: a result or error, or an event by its type. */
type Posted =
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: EngineError }
  | ({ id: number } & EngineEvent);

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
}

/** A backend that records what it is asked and streams `words` one per 5 ms. */
class FakeBackend implements WebLLMHostBackend {
  loading = deferred();
  log: string[] = [];
  words = ['Hello', ' there'];
  signals: AbortSignal[] = [];
  constructor(readonly engine: EngineKind) {}

  async load(model: EngineModel, { progress }: LoadContext) {
    this.log.push(`load ${model.engine}`);
    progress({ phase: 'downloading', fraction: 0.5, megabytes: 1, elapsedS: 0, text: '' });
    await this.loading.promise;
    return { device: this.engine === 'webllm' ? 'WebGPU' : 'CPU · 1 thread' };
  }
  async chat(request: ChatRequest, { signal, token }: StreamContext) {
    this.log.push(`chat ${request.messages.at(-1)?.content}`);
    this.signals.push(signal);
    for (const word of this.words) {
      if (signal.aborted) return { finishReason: 'abort' as const, reusedCache: false };
      token(word);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return { finishReason: 'stop' as const, reusedCache: false };
  }
  async structured(request: StructuredRequest, { token }: StreamContext) {
    this.log.push(`structured ${Object.keys(request.schema).join(',')}`);
    token('{}');
    return { text: '{}', finishReason: 'stop' as const };
  }
  async resume() {
    return null;
  }
  async reset() {}
  async unload() {
    this.log.push('unload');
  }
  countTokens(texts: string[]) {
    return texts.map((t) => t.length);
  }
  async cacheStatus(models: EngineModel[]) {
    return Object.fromEntries(
      models.map(
        (m) =>
          [
            m.engine === 'webllm' ? m.record.model_id : m.id,
            { state: 'absent', bytes: 1 },
          ] as const,
      ),
    );
  }
  async deleteCache() {}
  async embed() {
    return [[1]];
  }
  async unloadEmbedder() {}
}

const record: ModelRecord = { model: 'https://x/m', model_id: 'm', model_lib: 'https://x/m.wasm' };
const webllmModel: EngineModel = { engine: 'webllm', record };
const ggufModel: EngineModel = {
  engine: 'llamacpp',
  id: 'g',
  url: 'https://x/g.gguf',
  contextWindow: 2048,
};

function setUp() {
  const backends = { webllm: new FakeBackend('webllm'), llamacpp: new FakeBackend('llamacpp') };
  const created: string[] = [];
  const host = createEngineHost({
    createBackend: (async (engine: EngineKind) => {
      created.push(engine);
      return backends[engine];
    }) as never,
    diagnose: async (error) => error,
  });
  const posted: Posted[] = [];
  let receive: (message: CallMessage<EngineRequests>) => void = () => undefined;
  serveRequests<EngineRequests, EngineError>(
    {
      postMessage: (reply: ReplyMessage<EngineRequests, EngineError>) => {
        if (reply.kind === 'event') posted.push({ id: reply.id, ...reply.event });
        else if (reply.kind === 'result') {
          posted.push({ type: 'result', id: reply.id, value: reply.value });
        } else posted.push({ type: 'error', id: reply.id, error: reply.error });
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
    const final = () =>
      posted.find((m) => m.id === id && (m.type === 'result' || m.type === 'error'));
    await vi.waitFor(() => expect(final()).toBeDefined());
    return final()!;
  };
  return { backends, created, posted, send, abort, answer };
}

describe('the engine host', () => {
  it('runs engine work in order, answers pings while a load runs, and reports the load', async () => {
    const { backends, send, answer, posted } = setUp();
    const load = send('load', { model: webllmModel });
    const chat = send('chat', { messages: [{ role: 'user', content: 'Hi' }] });
    const ping = send('ping', {});
    expect(await answer(ping)).toEqual({ type: 'result', id: ping, value: null });
    expect(posted.some((m) => m.id === chat)).toBe(false);
    backends.webllm.loading.resolve();
    expect(await answer(load)).toMatchObject({
      type: 'result',
      value: { modelId: 'm', device: 'WebGPU' },
    });
    expect(posted).toContainEqual(expect.objectContaining({ id: load, type: 'progress' }));
    expect(await answer(chat)).toMatchObject({ type: 'result', value: { finishReason: 'stop' } });
  });

  it('answers a request aborted while it waits in the queue without running it', async () => {
    const { backends, send, abort, answer } = setUp();
    send('load', { model: webllmModel });
    const chat = send('chat', { messages: [{ role: 'user', content: 'Hi' }] });
    abort(chat);
    backends.webllm.loading.resolve();
    expect(await answer(chat)).toMatchObject({ type: 'error', error: { code: 'aborted' } });
    expect(backends.webllm.log).toEqual(['load webllm']);
  });

  it('holds one model across both engines: loading one unloads the other', async () => {
    const { backends, created, send, answer } = setUp();
    expect(await answer(send('chat', { messages: [] }))).toMatchObject({
      error: { code: 'model-not-loaded' },
    });
    backends.webllm.loading.resolve();
    backends.llamacpp.loading.resolve();
    await answer(send('load', { model: webllmModel }));
    expect(created).toEqual(['webllm']);
    await answer(send('load', { model: ggufModel }));
    await answer(send('chat', { messages: [{ role: 'user', content: 'Hi' }] }));
    expect(backends.webllm.log).toEqual(['load webllm', 'unload']);
    expect(backends.llamacpp.log).toEqual(['load llamacpp', 'chat Hi']);
    expect(await answer(send('countTokens', { modelId: 'g', texts: ['abc'] }))).toMatchObject({
      value: [3],
    });
    expect(await answer(send('countTokens', { modelId: 'm', texts: ['abc'] }))).toMatchObject({
      value: null,
    });
  });

  it('posts every token before the reply’s result, and passes Stop to the engine', async () => {
    const { backends, send, abort, answer, posted } = setUp();
    backends.webllm.loading.resolve();
    await answer(send('load', { model: webllmModel }));
    const chat = send('chat', { messages: [{ role: 'user', content: 'Hi' }] });
    const final = await answer(chat);
    const text = posted.flatMap((m) => (m.id === chat && m.type === 'tokens' ? [m.text] : []));
    expect(text.join('')).toBe('Hello there');
    expect(posted.findLastIndex((m) => m.id === chat && m.type === 'tokens')).toBeLessThan(
      posted.indexOf(final),
    );
    backends.webllm.words = Array.from({ length: 100 }, () => ' word');
    const stopped = send('chat', { messages: [{ role: 'user', content: 'Go' }] });
    await vi.waitFor(() => expect(backends.webllm.signals).toHaveLength(2));
    abort(stopped);
    expect(await answer(stopped)).toMatchObject({ value: { finishReason: 'abort' } });
  });

  it('runs a structured reply on the loaded model’s engine, in turn, with its text as the result', async () => {
    const { backends, send, answer, posted } = setUp();
    backends.llamacpp.loading.resolve();
    await answer(send('load', { model: ggufModel }));
    const structured = send('structured', {
      messages: [{ role: 'user', content: 'Fields?' }],
      schema: { type: 'object' },
    });
    expect(await answer(structured)).toMatchObject({
      value: { text: '{}', finishReason: 'stop' },
    });
    expect(posted).toContainEqual(expect.objectContaining({ id: structured, type: 'tokens' }));
    expect(backends.llamacpp.log).toEqual(['load llamacpp', 'structured type']);
  });

  it('asks each engine what of its models is on the device', async () => {
    const { send, answer } = setUp();
    expect(await answer(send('cacheStatus', { models: [webllmModel, ggufModel] }))).toMatchObject({
      value: { m: { bytes: 1 }, g: { bytes: 1 } },
    });
  });
});
