import type { ChatCompletionChunk, ChatCompletionRequestStreaming } from '@mlc-ai/web-llm';
import { describe, expect, it, vi } from 'vitest';
import { parseScriptedOptions, ScriptedEngine } from './scriptedEngine';

async function loadedEngine(query: string): Promise<ScriptedEngine> {
  const engine = new ScriptedEngine(parseScriptedOptions(new URLSearchParams(query)));
  engine.setAppConfig({ model_list: [{ model: 'm', model_id: 'm', model_lib: 'm.wasm' }] });
  await engine.reload('m');
  return engine;
}

async function collect(engine: ScriptedEngine, request: Partial<ChatCompletionRequestStreaming>) {
  const stream = await engine.chatCompletion({
    messages: [{ role: 'user', content: 'Hello there' }],
    stream: true,
    ...request,
  } as ChatCompletionRequestStreaming);
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  const content = chunks.filter((c) => c.choices[0]?.delta.content);
  return {
    tokens: content.length,
    finish: chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0]?.finish_reason,
    usage: chunks.find((c) => c.usage)?.usage,
  };
}

describe('ScriptedEngine', () => {
  it('with ignore_eos, generates exactly max_tokens tokens, even past its reply', async () => {
    const engine = await loadedEngine('scripted_load_ms=0&scripted_tps=5000&scripted_reply=Hi.');
    const result = await collect(engine, { max_tokens: 40, ignore_eos: true });
    expect(result.tokens).toBe(40);
    expect(result.finish).toBe('length');
    expect(result.usage?.completion_tokens).toBe(40);
  });

  it('without it, stops at the end of its reply', async () => {
    const engine = await loadedEngine('scripted_load_ms=0&scripted_tps=5000&scripted_reply=Hi.');
    const result = await collect(engine, { max_tokens: 40 });
    expect(result.tokens).toBe(1);
    expect(result.finish).toBe('stop');
  });
});

type Message = ChatCompletionRequestStreaming['messages'][number];

/** Reads a reply to its end: its text, how it ended, and the tokens the engine says it read. */
async function reply(engine: ScriptedEngine, messages: Message[], extra: object = {}) {
  const stream = await engine.chatCompletion({
    messages,
    stream: true,
    stream_options: { include_usage: true },
    ...extra,
  } as ChatCompletionRequestStreaming);
  let text = '';
  let finish: string | null | undefined;
  let read: number | undefined;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? '';
    finish = chunk.choices[0]?.finish_reason ?? finish;
    read = chunk.usage?.prompt_tokens ?? read;
  }
  return { text, finish, read };
}

const fast =
  'scripted_load_ms=0&scripted_tps=5000&scripted_prefill_tps=100000&scripted_reply=Fine, thanks.';

describe('ScriptedEngine, as WebLLM does it', () => {
  it('reads only the new message when a request extends the held conversation exactly (preparePrefillInput)', async () => {
    const engine = await loadedEngine(fast);
    const first = await reply(engine, [{ role: 'user', content: 'How are you today?' }]);
    const history: Message[] = [
      { role: 'user', content: 'How are you today?' },
      { role: 'assistant', content: first.text },
    ];
    const second = await reply(engine, [...history, { role: 'user', content: 'Good.' }]);
    expect(second.read).toBeLessThan(first.read!);
    // The same turn with the reply changed is read whole again.
    const changed = await reply(engine, [
      history[0]!,
      { role: 'assistant', content: 'Something else' },
      { role: 'user', content: 'Good.' },
    ]);
    expect(changed.read).toBeGreaterThan(second.read!);
    // So is a resumable request, always (prefillGeneration passes reuseKVCache: false).
    const again = [...history, { role: 'assistant' as const, content: 'x' }].slice(0, 2);
    await reply(engine, [...again, { role: 'user', content: 'Good.' }]);
    const journaled = await reply(
      engine,
      [
        ...again,
        { role: 'user', content: 'Good.' },
        { role: 'assistant', content: first.text },
        { role: 'user', content: 'Ok' },
      ],
      { extra_body: { resumable: { enabled: true, sessionId: 'reuse-test' } } },
    );
    expect(journaled.read).toBeGreaterThan(second.read! * 2);
  });

  it('refuses a resumable session under an id that exists (createNewSession)', async () => {
    const engine = await loadedEngine(fast);
    const journaled = { extra_body: { resumable: { enabled: true, sessionId: 'twice' } } };
    await reply(engine, [{ role: 'user', content: 'Hi' }], journaled);
    await expect(reply(engine, [{ role: 'user', content: 'Hi' }], journaled)).rejects.toMatchObject(
      {
        name: 'ResumableSessionExistsError',
      },
    );
  });

  it('throws for a prompt over the context window, and ends a reply that fills it with "length"', async () => {
    const engine = new ScriptedEngine(
      parseScriptedOptions(
        new URLSearchParams(fast.replace('scripted_reply=Fine, thanks.', 'scripted_tokens=40')),
      ),
    );
    engine.setAppConfig({
      model_list: [
        { model: 'm', model_id: 'm', model_lib: 'm.wasm', overrides: { context_window_size: 20 } },
      ],
    });
    await engine.reload('m');
    await expect(
      reply(engine, [{ role: 'user', content: 'word '.repeat(30) }]),
    ).rejects.toMatchObject({ name: 'ContextWindowSizeExceededError' });
    const filled = await reply(engine, [{ role: 'user', content: 'one two three four five six' }], {
      max_tokens: 100,
    });
    expect(filled.finish).toBe('length');
  });

  it('throws "Failed to store …" when unloaded mid-download, and finishes a load unloaded while shaders compile', async () => {
    const engine = new ScriptedEngine(
      parseScriptedOptions(new URLSearchParams('scripted_load_ms=560')),
    );
    engine.setAppConfig({
      model_list: [{ model: 'https://x/m', model_id: 'm', model_lib: 'm.wasm' }],
    });
    // Fake timers: the load's phases are timed, and a busy machine must not shift them.
    vi.useFakeTimers();
    try {
      const downloading = engine.reload('m');
      const refused = expect(downloading).rejects.toThrow(
        /^Failed to store \S+ with error: Engine\.unload\(\) is called\.$/,
      );
      await vi.advanceTimersByTimeAsync(100);
      await engine.unload();
      await vi.runAllTimersAsync();
      await refused;

      const compiling = engine.reload('m');
      await vi.advanceTimersByTimeAsync(480);
      await engine.unload();
      await vi.runAllTimersAsync();
      await expect(compiling).resolves.toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
    expect(engine.tokenizer()).not.toBeNull(); // loaded after all
  });

  it('forgets a Stop that came while a resumed reply restored its state (streamContinuation)', async () => {
    const engine = await loadedEngine(
      'scripted_load_ms=0&scripted_tps=200&scripted_prefill_tps=200&scripted_tokens=40&scripted_fault=device-lost@5',
    );
    const journaled = { extra_body: { resumable: { enabled: true, sessionId: 'cut' } } };
    await expect(
      reply(engine, [{ role: 'user', content: 'Tell me' }], journaled),
    ).rejects.toMatchObject({
      name: 'DeviceLostError',
    });
    expect((await engine.resumable.list()).find((s) => s.sessionId === 'cut')?.resumable).toBe(
      true,
    );
    await engine.reload('m');
    const stream = await engine.resumable.resume('cut', { continueGeneration: true, stream: true });
    const chunks = stream as AsyncIterable<ChatCompletionChunk>;
    const iterator = chunks[Symbol.asyncIterator]();
    const first = iterator.next(); // the restore runs now
    engine.interruptGenerate();
    await first;
    let rest = 0;
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) rest++;
    expect(rest).toBeGreaterThan(30);
  });

  it('refuses an embedding input over 512 tokens, for the whole batch (embedStep)', async () => {
    const engine = await loadedEngine(fast);
    await engine.embedder.load({ model: 'e', model_id: 'e', model_lib: 'e.wasm' });
    await expect(engine.embedder.embed(['short', '文'.repeat(600)])).rejects.toMatchObject({
      name: 'EmbeddingExceedContextWindowSizeError',
    });
    expect(await engine.embedder.embed(['short', '文'.repeat(500)])).toHaveLength(2);
  });
});
