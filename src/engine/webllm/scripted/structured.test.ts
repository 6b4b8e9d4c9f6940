import type { ChatCompletionRequestStreaming } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { parseScriptedOptions, ScriptedEngine } from './scriptedEngine';
import { checkResponseFormat, plantedJson } from './structured';

const cell = (value: object) => ({
  type: 'object',
  properties: {
    value: { anyOf: [value, { type: 'null' }] },
    page: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
  },
});

const schema = {
  type: 'object',
  properties: {
    Vendor: cell({ type: 'string' }),
    Total: cell({ type: 'number' }),
    Paid: cell({ type: 'boolean' }),
    Items: cell({ type: 'array', items: { type: 'string' } }),
    'Due date': cell({ type: 'string' }),
  },
};

const prompt = [
  '[page 1]',
  'Vendor: Harbour Supplies Ltd',
  'Items: rope, paint; brushes',
  '[page 2]',
  'total: 1,204.50 EUR',
  'Paid: yes',
].join('\n');

const request = (format: object, extra: object = {}) =>
  ({
    messages: [{ role: 'user', content: 'x' }],
    stream: true,
    response_format: format,
    ...extra,
  }) as ChatCompletionRequestStreaming;

describe('the scripted engine’s structured replies', () => {
  it('answers in the schema’s shape with the planted values and their pages, null where nothing is planted', () => {
    expect(JSON.parse(plantedJson(JSON.stringify(schema), prompt))).toEqual({
      Vendor: { value: 'Harbour Supplies Ltd', page: 1 },
      Total: { value: 1204.5, page: 2 },
      Paid: { value: true, page: 2 },
      Items: { value: ['rope', 'paint', 'brushes'], page: 1 },
      'Due date': { value: null, page: null },
    });
  });

  it('answers a list of items: each line of the first field starts one, at most maxItems', () => {
    const items = (maxItems: number) =>
      JSON.stringify({
        type: 'object',
        properties: {
          items: {
            type: 'array',
            maxItems,
            items: {
              type: 'object',
              properties: { Date: cell({ type: 'string' }), Amount: cell({ type: 'number' }) },
            },
          },
        },
      });
    const statement = [
      '[page 1]',
      'Date: 2024-03-01',
      'Amount: -12.50',
      'Date: 2024-03-02',
      '[page 2]',
      'Amount: 40',
      'Date: 2024-03-09',
    ].join('\n');
    expect(JSON.parse(plantedJson(items(5), statement))).toEqual({
      items: [
        { Date: { value: '2024-03-01', page: 1 }, Amount: { value: -12.5, page: 1 } },
        { Date: { value: '2024-03-02', page: 1 }, Amount: { value: 40, page: 2 } },
        { Date: { value: '2024-03-09', page: 2 }, Amount: { value: null, page: null } },
      ],
    });
    expect(JSON.parse(plantedJson(items(2), statement)).items).toHaveLength(2);
    expect(JSON.parse(plantedJson(items(2), 'nothing here'))).toEqual({ items: [] });
  });

  it('refuses what WebLLM refuses, with its errors', () => {
    expect(() => checkResponseFormat(request({ type: 'text', schema: '{}' }))).toThrow(
      expect.objectContaining({ name: 'InvalidResponseFormatError' }),
    );
    expect(() => checkResponseFormat(request({ type: 'grammar' }))).toThrow(
      expect.objectContaining({ name: 'InvalidResponseFormatGrammarError' }),
    );
    expect(() =>
      checkResponseFormat(
        request(
          { type: 'json_object', schema: '{}' },
          { extra_body: { resumable: { enabled: true } } },
        ),
      ),
    ).toThrow('Resumable generation does not support grammar-constrained response formats.');
    expect(() => plantedJson('{not json', prompt)).toThrow(
      expect.objectContaining({ name: 'GrammarMatcherInitError' }),
    );
    // xgrammar's own checks of an array's bounds.
    expect(() => plantedJson('{"type":"array","maxItems":-1}', prompt)).toThrow(
      /maxItems must be a non-negative integer/,
    );
    expect(() =>
      plantedJson(
        '{"type":"object","properties":{"a":{"type":"array","minItems":3,"maxItems":2}}}',
        prompt,
      ),
    ).toThrow(expect.objectContaining({ name: 'GrammarMatcherInitError' }));
  });

  it('streams the JSON through the engine, and cuts it at max_tokens like any reply', async () => {
    const engine = new ScriptedEngine(
      parseScriptedOptions(new URLSearchParams('scripted_load_ms=0&scripted_tps=100000')),
    );
    engine.setAppConfig({ model_list: [{ model: 'm', model_id: 'm', model_lib: 'm.wasm' }] });
    await engine.reload('m');
    const run = async (extra: object) => {
      const stream = await engine.chatCompletion({
        ...request({ type: 'json_object', schema: JSON.stringify(schema) }),
        messages: [{ role: 'user', content: prompt }],
        ...extra,
      });
      let text = '';
      let finish: string | null | undefined;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        finish = chunk.choices[0]?.finish_reason ?? finish;
      }
      return { text, finish };
    };
    const whole = await run({});
    expect(whole.finish).toBe('stop');
    expect(JSON.parse(whole.text)).toMatchObject({ Total: { value: 1204.5, page: 2 } });
    const cut = await run({ max_tokens: 5 });
    expect(cut.finish).toBe('length');
    expect(() => JSON.parse(cut.text)).toThrow();
  });
});
