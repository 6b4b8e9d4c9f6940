import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExtractedDocument } from '../../documents/types';
import type { StructuredRequest, StructuredResult } from '../../engine/protocol';

/** The engine, faked at its gateway: each structured request answers from `answers`, in turn. */
let answers: ((request: StructuredRequest, signal?: AbortSignal) => Promise<StructuredResult>)[] =
  [];
const engine = {
  structured: vi.fn((request: StructuredRequest, options?: { signal?: AbortSignal }) => {
    const next = answers.shift();
    if (!next) throw new Error('no answer planned');
    return next(request, options?.signal);
  }),
};
vi.mock('../../engine/client', () => ({ getEngine: () => ({ call: engine }) }));

const texts: Record<string, string> = {
  a: 'Vendor: Harbour\n\nTotal: 5 EUR',
  b: 'Vendor: Quay\n\nTotal: 7 EUR',
};
vi.mock('./documents', () => ({
  loadDocument: async (id: string): Promise<ExtractedDocument | null> => {
    const text = texts[id];
    if (text === undefined) return null;
    return {
      name: `${id}.pdf`,
      kind: 'pdf',
      pages: [{ number: 1, text }],
      pageCount: 1,
      text,
      chars: text.length,
    };
  },
  retrievalEngine: () => ({
    loadDocument: async (id: string) => {
      const text = texts[id] ?? '';
      return {
        name: id,
        kind: 'pdf',
        pages: [{ number: 1, text }],
        pageCount: 1,
        text,
        chars: text.length,
      };
    },
    measure: async () => (text: string) => Math.ceil(text.length / 4),
    tokenizerId: 'test',
  }),
}));

const { extractTable, cancelExtraction, correctCell } = await import('./extractTable');
const { useChatStore } = await import('../chatStore');
const { useDocumentStore } = await import('../documentStore');
const { useRuntimeStore } = await import('../runtimeStore');
const { DEFAULT_SETTINGS } = await import('../settings');

const MODEL = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';
const FIELDS = [
  { name: 'Vendor', type: 'text' as const },
  { name: 'Total', type: 'money' as const },
];

const json = (vendor: string | null, total: string | null): StructuredResult => ({
  text: JSON.stringify({
    Vendor: { value: vendor, page: vendor && 1 },
    Total: { value: total, page: total && 1 },
  }),
  finishReason: 'stop',
});

function table() {
  return useChatStore.getState().conversations.c?.messages.at(-1)?.table;
}

beforeEach(() => {
  answers = [];
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
        messages: [],
      },
    },
  });
  const meta = (id: string, addedAt: number) => ({
    id,
    conversationId: 'c',
    name: `${id}.pdf`,
    kind: 'pdf' as const,
    pageCount: 1,
    chars: 10,
    preview: '',
    addedAt,
  });
  useDocumentStore.setState({ documents: { a: meta('a', 1), b: meta('b', 2) } });
  useRuntimeStore.setState({
    engine: { status: 'ready', modelId: MODEL } as never,
    extraction: null,
  });
});

describe('extractTable', () => {
  it('gives a row per document; one that fails says why and the next is read', async () => {
    answers = [
      async () => {
        throw new Error('The GPU hiccuped');
      },
      async () => json('Quay', '7 EUR'),
    ];
    await expect(extractTable('c', FIELDS)).resolves.toBeNull();
    const rows = table()?.rows;
    expect(rows?.[0]).toMatchObject({
      status: 'failed',
      problem: expect.stringMatching(/^The model could not read it/),
    });
    expect(rows?.[1]).toMatchObject({
      status: 'done',
      cells: [
        { value: 'Quay', page: 1 },
        { value: '7 EUR', page: 1 },
      ],
    });
    expect(useChatStore.getState().conversations.c?.messages.at(-1)?.status).toBe('done');
    expect(useRuntimeStore.getState().extraction).toBeNull();
    // Each request is held to the schema of the fields.
    expect(engine.structured.mock.calls[1]?.[0].schema).toMatchObject({
      required: ['Vendor', 'Total'],
    });
  });

  it('refuses fields that make no table, starting nothing', async () => {
    await expect(extractTable('c', [...FIELDS, { name: 'vendor ', type: 'text' }])).resolves.toBe(
      '“vendor” is named twice: each field needs its own name.',
    );
    expect(useChatStore.getState().conversations.c?.messages).toHaveLength(0);
  });

  it('on Cancel, cancels the document being read and the ones after it', async () => {
    answers = [
      (_request, signal) =>
        new Promise((resolve) => {
          signal?.addEventListener('abort', () => resolve({ text: '', finishReason: 'abort' }));
          cancelExtraction();
        }),
    ];
    await extractTable('c', FIELDS);
    expect(table()?.rows.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    expect(useChatStore.getState().conversations.c?.messages.at(-1)?.status).toBe('stopped');
  });

  it('keeps a correction beside the model’s value, and empty text undoes it', async () => {
    answers = [async () => json('Harbour', '5 EUR'), async () => json('Quay', null)];
    await extractTable('c', FIELDS);
    const messageId = useChatStore.getState().conversations.c?.messages.at(-1)?.id ?? '';
    correctCell('c', messageId, 1, 1, ' 8 EUR ');
    expect(table()?.rows[1]?.cells[1]).toEqual({ value: null, page: null, correction: '8 EUR' });
    correctCell('c', messageId, 1, 1, '');
    expect(table()?.rows[1]?.cells[1]).toEqual({ value: null, page: null });
  });
});
