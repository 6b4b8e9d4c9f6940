import type { ChatCompletionChunk, ChatCompletionRequestStreaming } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
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
