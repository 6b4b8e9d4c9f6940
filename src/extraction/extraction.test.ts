import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../documents/chunk';
import type { ExtractedDocument } from '../documents/types';
import {
  extractFields,
  extractItems,
  ExtractionCancelled,
  ExtractionFailure,
  markPages,
  readAnswer,
  type ExtractionEngine,
} from './extractDocument';
import { fieldListProblem, type Field } from './fields';
import { answerTokenBudget, extractionSchema, itemsSchema, MAX_ITEMS_PER_PASSAGE } from './schema';
import { sortedRows, tableToCsv, tableToMarkdown, type ExtractionTable } from './table';
import { BUILT_IN_TEMPLATES } from './templates';
import { parseAmount, parseDate, parseMoney, readValue } from './values';

const fields: Field[] = [
  { name: 'Vendor', type: 'text' },
  { name: 'Total', type: 'money' },
];

function paged(pages: string[], name = 'invoice.pdf'): ExtractedDocument {
  const text = pages.join('\n\n');
  return {
    name,
    kind: 'pdf',
    pages: pages.map((t, i) => ({ number: i + 1, text: t })),
    pageCount: pages.length,
    text,
    chars: text.length,
  };
}

describe('field lists', () => {
  it('say in a sentence what keeps them from making a table', () => {
    expect(fieldListProblem([])).toBe('Add at least one field.');
    expect(fieldListProblem([{ name: ' ', type: 'text' }])).toBe('Field 1 needs a name.');
    expect(fieldListProblem([...fields, { name: 'total ', type: 'number' }])).toBe(
      '“total” is named twice: each field needs its own name.',
    );
    expect(fieldListProblem(fields)).toBeNull();
    for (const template of BUILT_IN_TEMPLATES) expect(fieldListProblem(template.fields)).toBeNull();
  });

  it('become a schema with one { value, page } object per field, both nullable', () => {
    const schema = extractionSchema(fields) as {
      properties: Record<string, { properties: Record<string, { anyOf: unknown[] }> }>;
      required: string[];
    };
    expect(schema.required).toEqual(['Vendor', 'Total']);
    expect(schema.properties.Total?.properties.value?.anyOf).toContainEqual({ type: 'null' });
    expect(schema.properties.Total?.properties.page?.anyOf).toContainEqual({ type: 'null' });
    expect(answerTokenBudget(fields)).toBeGreaterThan(200);
  });
});

describe('values', () => {
  it('are read as their type, or get a sentence', () => {
    expect(parseDate('2024-03-12')).toBe('2024-03-12');
    expect(parseDate('12.03.2024')).toBe('2024-03-12');
    expect(parseDate('12 March 2024')).toBe('2024-03-12');
    expect(parseDate('March 12, 2024')).toBe('2024-03-12');
    expect(parseDate('03/04/2024')).toBe('ambiguous');
    expect(parseDate('31/02/2024')).toBeNull();
    expect(parseAmount('1,204.50')).toBe(1204.5);
    expect(parseAmount('1.204,50')).toBe(1204.5);
    expect(parseMoney('€ 99')).toEqual({ amount: 99, currency: 'EUR' });
    expect(parseMoney('1,204.50 EUR')).toEqual({ amount: 1204.5, currency: 'EUR' });
    expect(readValue('money', '1,204.50 EUR')).toMatchObject({
      text: '1,204.50 EUR',
      sortKey: 1204.5,
    });
    expect(readValue('date', 'next Tuesday')).toEqual({
      kind: 'problem',
      problem: '“next Tuesday” is not a date Nook can read.',
    });
    expect(readValue('number', 'many')).toMatchObject({ kind: 'problem' });
    expect(readValue('yes-no', true)).toMatchObject({ text: 'Yes' });
    expect(readValue('list', ['a', ' b'])).toMatchObject({ text: 'a; b' });
    expect(readValue('text', null)).toEqual({ kind: 'empty' });
  });
});

describe('reading a document', () => {
  const doc = paged(['Vendor: Harbour Supplies\n\nLots of rope.', 'Total: 1,204.50 EUR']);

  it('marks where each page of a passage starts', () => {
    const [chunk] = chunkDocument(doc, { maxTokens: 1000, overlapTokens: 0 });
    expect(markPages(doc, chunk!)).toBe(
      '[page 1]\nVendor: Harbour Supplies\n\nLots of rope.\n\n[page 2]\nTotal: 1,204.50 EUR',
    );
  });

  it('keeps a page only if it is one of the passage’s, and fails a cut-off or broken answer with a sentence', () => {
    const text = JSON.stringify({
      Vendor: { value: 'A', page: 9 },
      Total: { value: '5 EUR', page: 2 },
    });
    expect(readAnswer({ text, finishReason: 'stop' }, fields, [1, 2], true)).toEqual([
      { value: 'A', page: null },
      { value: '5 EUR', page: 2 },
    ]);
    expect(() =>
      readAnswer({ text: '{"Ven', finishReason: 'length' }, fields, [1, 1], true),
    ).toThrow(new ExtractionFailure('The model’s answer was cut off before it was complete.'));
    expect(() => readAnswer({ text: 'nope', finishReason: 'stop' }, fields, [1, 1], true)).toThrow(
      'The model’s answer was not the JSON it was asked for.',
    );
  });

  /** An engine that answers from "Name: value" lines of the passage, as the scripted engine does. */
  function readingEngine(log: string[]): ExtractionEngine {
    return {
      async answer({ prompt, schema }) {
        const names = Object.keys((schema as { properties: object }).properties);
        const passage = prompt.slice(prompt.indexOf('<quoted-document'));
        log.push(`${names.join(',')} @ ${/\[page (\d+)\]/.exec(passage)?.[1]}`);
        const answer = Object.fromEntries(
          names.map((name) => {
            const line = new RegExp(`^${name}: (.+)$`, 'm').exec(passage);
            const before = line ? passage.slice(0, line.index) : '';
            const page = [...before.matchAll(/\[page (\d+)\]/g)].at(-1)?.[1];
            return [name, { value: line?.[1] ?? null, page: line ? Number(page) : null }];
          }),
        );
        return { text: JSON.stringify(answer), finishReason: 'stop' };
      },
    };
  }

  it('asks a short document once, for every field', async () => {
    const log: string[] = [];
    const chunks = chunkDocument(doc, { maxTokens: 1000, overlapTokens: 0 });
    const cells = await extractFields(doc, chunks, fields, readingEngine(log), {
      signal: new AbortController().signal,
    });
    expect(cells).toEqual([
      { value: 'Harbour Supplies', page: 1 },
      { value: '1,204.50 EUR', page: 2 },
    ]);
    expect(log).toEqual(['Vendor,Total @ 1']);
  });

  it('reads a long document passage by passage, the likeliest passage for each field first, merging per field', async () => {
    const filler = (n: number) =>
      Array.from({ length: 40 }, () => `Sentence ${n} about the harbour.`).join(' ');
    const long = paged([
      filler(1),
      filler(2),
      `${filler(3)}\n\nTotal: 99 EUR`,
      `Vendor: Quay Ltd\n\n${filler(4)}`,
    ]);
    const chunks = chunkDocument(long, { maxTokens: 300, overlapTokens: 0 });
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    const log: string[] = [];
    const cells = await extractFields(long, chunks, fields, readingEngine(log), {
      signal: new AbortController().signal,
    });
    expect(cells).toEqual([
      { value: 'Quay Ltd', page: 4 },
      { value: '99 EUR', page: 3 },
    ]);
    // The passages that name the fields are asked first, and nothing after both are found.
    expect(log[0]).toBe('Vendor,Total @ 3');
    expect(log.length).toBeLessThan(chunks.length);
  });

  it('says so when a document has no text, and stops on Cancel', async () => {
    const blank = paged(['  ']);
    await expect(
      extractFields(
        blank,
        chunkDocument(blank, { maxTokens: 100, overlapTokens: 0 }),
        fields,
        readingEngine([]),
        {
          signal: new AbortController().signal,
        },
      ),
    ).rejects.toThrow('“invoice.pdf” has no text to read.');
    const controller = new AbortController();
    controller.abort();
    await expect(
      extractFields(
        doc,
        chunkDocument(doc, { maxTokens: 1000, overlapTokens: 0 }),
        fields,
        readingEngine([]),
        {
          signal: controller.signal,
        },
      ),
    ).rejects.toBeInstanceOf(ExtractionCancelled);
  });
});

describe('reading a document’s items', () => {
  const transaction: Field[] = [
    { name: 'Date', type: 'date' },
    { name: 'Amount', type: 'money' },
  ];

  /** Answers every "Date:" line of the passage as an item, with the "Amount:" line after it. */
  function itemsEngine(log: string[]): ExtractionEngine {
    return {
      async answer({ prompt, schema }) {
        const passage = prompt.slice(prompt.indexOf('<quoted-document'));
        log.push(Object.keys((schema as { properties: object }).properties).join(','));
        // The grammar stops the list at maxItems, as the engines' does.
        const lines = [...passage.matchAll(/^Date: (.+)\nAmount: (.+)$/gm)];
        const items = lines.slice(0, MAX_ITEMS_PER_PASSAGE).map((m) => {
          const page = [...passage.slice(0, m.index).matchAll(/\[page (\d+)\]/g)].at(-1)?.[1];
          return {
            Date: { value: m[1], page: Number(page) },
            Amount: { value: m[2], page: Number(page) },
          };
        });
        return { text: JSON.stringify({ items }), finishReason: 'stop' };
      },
    };
  }

  const statement = paged(
    [
      'Date: 2024-03-01\nAmount: -12.50 EUR\n\nDate: 2024-03-02\nAmount: 40.00 EUR',
      'Date: 2024-03-09\nAmount: -3.20 EUR',
    ],
    'statement.pdf',
  );

  it('asks for a list of items under a bounded schema and keeps each item’s page', async () => {
    const log: string[] = [];
    const chunks = chunkDocument(statement, { maxTokens: 1000, overlapTokens: 0 });
    const items = await extractItems(statement, chunks, transaction, itemsEngine(log), {
      signal: new AbortController().signal,
    });
    expect(log).toEqual(['items']);
    expect(items).toEqual([
      [
        { value: '2024-03-01', page: 1 },
        { value: '-12.50 EUR', page: 1 },
      ],
      [
        { value: '2024-03-02', page: 1 },
        { value: '40.00 EUR', page: 1 },
      ],
      [
        { value: '2024-03-09', page: 2 },
        { value: '-3.20 EUR', page: 2 },
      ],
    ]);
    const schema = itemsSchema(transaction) as { properties: { items: { maxItems: number } } };
    expect(schema.properties.items.maxItems).toBe(MAX_ITEMS_PER_PASSAGE);
  });

  it('puts the items of each passage one after the other, an item read twice where passages overlap once', async () => {
    const lines = Array.from(
      { length: 30 },
      (_, i) => `Date: 2024-04-${String(i + 1).padStart(2, '0')}\nAmount: ${i + 1}.00 EUR`,
    );
    const long = paged([lines.slice(0, 15).join('\n\n'), lines.slice(15).join('\n\n')]);
    const chunks = chunkDocument(long, { maxTokens: 120, overlapTokens: 30 });
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks[1]!.start).toBeLessThan(chunks[0]!.start + chunks[0]!.text.length);
    const log: string[] = [];
    const items = await extractItems(long, chunks, transaction, itemsEngine(log), {
      signal: new AbortController().signal,
    });
    expect(log).toHaveLength(chunks.length);
    expect(items.map((cells) => cells[0]?.value)).toEqual(
      lines.map((l) => /Date: (.+)/.exec(l)?.[1]),
    );
    expect(items[0]?.[0]?.page).toBe(1);
    expect(items.at(-1)?.[0]?.page).toBe(2);
  });

  it('halves a passage whose answer is full and asks again, so a dense page loses no item', async () => {
    const line = (day: number, page: number) =>
      `Date: 2024-0${page}-${String(day).padStart(2, '0')}\nAmount: ${day}.00 EUR`;
    const days = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    const dense = paged([
      days(20)
        .map((d) => line(d, 1))
        .join('\n\n'),
      days(10)
        .map((d) => line(d, 2))
        .join('\n\n'),
    ]);
    const chunks = chunkDocument(dense, { maxTokens: 1000, overlapTokens: 0 });
    expect(chunks).toHaveLength(1);
    const log: string[] = [];
    const items = await extractItems(dense, chunks, transaction, itemsEngine(log), {
      signal: new AbortController().signal,
    });
    expect(log.length).toBeGreaterThan(1);
    expect(items.map((cells) => [cells[0]?.value, cells[0]?.page])).toEqual([
      ...days(20).map((d) => [`2024-01-${String(d).padStart(2, '0')}`, 1]),
      ...days(10).map((d) => [`2024-02-${String(d).padStart(2, '0')}`, 2]),
    ]);
  });

  it('gives no items for a passage that holds none, and fails a broken answer with a sentence', async () => {
    const doc = paged(['Dear customer, there is nothing to pay this month.'], 'letter.pdf');
    const chunks = chunkDocument(doc, { maxTokens: 1000, overlapTokens: 0 });
    const signal = new AbortController().signal;
    await expect(
      extractItems(doc, chunks, transaction, itemsEngine([]), { signal }),
    ).resolves.toEqual([]);
    const broken: ExtractionEngine = {
      answer: async () => ({ text: '{"items": [', finishReason: 'length' }),
    };
    await expect(extractItems(doc, chunks, transaction, broken, { signal })).rejects.toThrow(
      'The model’s answer was cut off before it was complete.',
    );
  });
});

describe('the table', () => {
  const table: ExtractionTable = {
    fields,
    rowsPer: 'document',
    rows: [
      {
        documentId: 'a',
        documentName: 'a.pdf',
        status: 'done',
        cells: [
          { value: 'Zed, "Co"', page: 1 },
          { value: '10 EUR', page: 2 },
        ],
      },
      {
        documentId: 'b',
        documentName: 'b.pdf',
        status: 'done',
        cells: [
          { value: 'Acme', page: 1 },
          { value: '2 EUR', page: 1, correction: '200 EUR' },
        ],
      },
      {
        documentId: 'c',
        documentName: 'c.pdf',
        status: 'failed',
        problem: 'It broke.',
        cells: [null, null],
      },
    ],
  };

  it('sorts by a column, corrections by what they say, empty cells last', () => {
    const names = (order: Parameters<typeof sortedRows>[1]) =>
      sortedRows(table, order).map((r) => r.documentName);
    expect(names({ column: 1, direction: 'ascending' })).toEqual(['a.pdf', 'b.pdf', 'c.pdf']);
    expect(names({ column: 1, direction: 'descending' })).toEqual(['b.pdf', 'a.pdf', 'c.pdf']);
    expect(names({ column: 0, direction: 'ascending' })).toEqual(['b.pdf', 'a.pdf', 'c.pdf']);
  });

  it('exports as CSV with pages and as Markdown with corrections marked', () => {
    expect(tableToCsv(table)).toBe(
      'Document,Vendor,Vendor (page),Total,Total (page)\r\n' +
        'a.pdf,"Zed, ""Co""",1,10.00 EUR,2\r\n' +
        'b.pdf,Acme,1,200 EUR,1\r\n' +
        'c.pdf,,,,\r\n',
    );
    expect(tableToMarkdown(table)).toBe(
      [
        '| Document | Vendor | Total |',
        '| --- | --- | --- |',
        '| a.pdf | Zed, "Co" (p. 1) | 10.00 EUR (p. 2) |',
        '| b.pdf | Acme (p. 1) | 200 EUR (p. 1) (corrected) |',
        '| c.pdf (It broke.) |  |  |',
      ].join('\n'),
    );
  });

  it('names each row’s item in a column of its own when the table has a row per item', () => {
    const perItem: ExtractionTable = {
      fields: [{ name: 'Amount', type: 'money' }],
      rowsPer: 'item',
      rows: [
        {
          documentId: 's',
          documentName: 's.pdf',
          status: 'done',
          item: 1,
          cells: [{ value: '-1 | 2 EUR', page: 1 }],
        },
        {
          documentId: 's',
          documentName: 's.pdf',
          status: 'done',
          item: 2,
          cells: [{ value: '3.00 EUR', page: 2 }],
        },
        {
          documentId: 'e',
          documentName: 'e.pdf',
          status: 'done',
          problem: 'No items found in “e.pdf”.',
          cells: [null],
        },
      ],
    };
    expect(tableToCsv(perItem)).toBe(
      'Document,Item,Amount,Amount (page)\r\n' +
        's.pdf,1,-1 | 2 EUR,1\r\n' +
        's.pdf,2,3.00 EUR,2\r\n' +
        'e.pdf,,,\r\n',
    );
    expect(tableToMarkdown(perItem)).toBe(
      [
        '| Document | Item | Amount |',
        '| --- | --- | --- |',
        '| s.pdf | 1 | -1 \\| 2 EUR (p. 1) |',
        '| s.pdf | 2 | 3.00 EUR (p. 2) |',
        '| e.pdf (No items found in “e.pdf”.) |  |  |',
      ].join('\n'),
    );
  });
});
