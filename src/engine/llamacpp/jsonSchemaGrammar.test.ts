import { describe, expect, it } from 'vitest';
import { extractionSchema, itemsSchema, MAX_ITEMS_PER_PASSAGE } from '../../extraction/schema';
import { jsonSchemaToGrammar } from './jsonSchemaGrammar';

/**
 * The grammar as a regular expression: Nook's grammars never recurse, so each rule can be
 * written out in place. Literals, character classes, groups, alternatives and bounded
 * repetitions have the same meaning in both.
 */
function asRegExp(grammar: string): RegExp {
  const rules = new Map(
    grammar.split('\n').map((line) => {
      const [name, body] = line.split(' ::= ');
      return [name ?? '', body ?? ''] as const;
    }),
  );
  const expand = (body: string): string =>
    body.replace(
      /"((?:[^"\\]|\\.)*)"|(\[(?:[^\]\\]|\\.)*\])|([a-z][a-z0-9-]*)|\(|\s+/g,
      (match, text: string | undefined, cls: string | undefined, name: string | undefined) => {
        if (text !== undefined) {
          const value = JSON.parse(`"${text}"`) as string;
          return value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
        }
        if (cls !== undefined) return cls;
        if (name !== undefined) {
          const rule = rules.get(name);
          if (rule === undefined) throw new Error(`rule ${name} is not defined`);
          return `(?:${expand(rule)})`;
        }
        return match === '(' ? '(?:' : '';
      },
    );
  return new RegExp(`^${expand(rules.get('root') ?? '')}$`, 'u');
}

const schema = extractionSchema([
  { name: 'Invoice "no"', type: 'text' },
  { name: 'Total', type: 'number' },
  { name: 'Paid', type: 'yes-no' },
  { name: 'Items', type: 'list' },
]);

describe('JSON Schema as a GBNF grammar', () => {
  it('accepts the JSON the schema allows, in the order of its keys, with values or nulls', () => {
    const grammar = asRegExp(jsonSchemaToGrammar(schema));
    const ok = [
      '{"Invoice \\"no\\"": {"value": "A-1", "page": 2}, "Total": {"value": -12.5, "page": 1}, "Paid": {"value": true, "page": null}, "Items": {"value": ["rope", "paint"], "page": 3}}',
      '{"Invoice \\"no\\"":{"value":null,"page":null},"Total":{"value":0,"page":null},"Paid":{"value":null,"page":null},"Items":{"value":[],"page":null}}',
    ];
    for (const json of ok) {
      expect(JSON.parse(json)).toBeTruthy();
      expect(json).toMatch(grammar);
    }
    const refused = [
      // A key left out, a page of 0, a number written as text, an unbounded string.
      '{"Total":{"value":1,"page":1}}',
      '{"Invoice \\"no\\"":{"value":"A","page":0},"Total":{"value":1,"page":1},"Paid":{"value":true,"page":1},"Items":{"value":[],"page":1}}',
      '{"Invoice \\"no\\"":{"value":"A","page":1},"Total":{"value":"1","page":1},"Paid":{"value":true,"page":1},"Items":{"value":[],"page":1}}',
      `{"Invoice \\"no\\"":{"value":"${'x'.repeat(121)}","page":1},"Total":{"value":1,"page":1},"Paid":{"value":true,"page":1},"Items":{"value":[],"page":1}}`,
    ];
    for (const json of refused) expect(json).not.toMatch(grammar);
  });

  it('accepts a list of items up to maxItems, each an object of the fields, and no more', () => {
    const grammar = asRegExp(
      jsonSchemaToGrammar(
        itemsSchema([
          { name: 'Date', type: 'date' },
          { name: 'Amount', type: 'number' },
        ]),
      ),
    );
    const item = (n: number) =>
      `{"Date": {"value": "2024-03-0${n % 10}", "page": ${n}}, "Amount": {"value": null, "page": null}}`;
    const items = (n: number) =>
      `{"items": [${Array.from({ length: n }, (_, i) => item(i + 1)).join(', ')}]}`;
    for (const n of [0, 1, 3, MAX_ITEMS_PER_PASSAGE]) {
      expect(JSON.parse(items(n)).items).toHaveLength(n);
      expect(items(n)).toMatch(grammar);
    }
    const refused = [
      items(MAX_ITEMS_PER_PASSAGE + 1),
      // An item missing a field, a trailing comma, the list not under "items".
      '{"items": [{"Date": {"value": null, "page": null}}]}',
      `{"items": [${item(1)},]}`,
      `[${item(1)}]`,
    ];
    for (const json of refused) expect(json).not.toMatch(grammar);
  });

  it('refuses a schema keyword it does not convert, rather than loosen the grammar', () => {
    expect(() => jsonSchemaToGrammar({ type: 'string', pattern: '^a$' })).toThrow(
      'schema: "pattern" is not converted to a grammar',
    );
    expect(() => jsonSchemaToGrammar({ type: 'string' })).toThrow('a string needs a maxLength');
    expect(() => jsonSchemaToGrammar({ type: 'array', items: { type: 'null' } })).toThrow(
      'an array needs a maxItems',
    );
    expect(() =>
      jsonSchemaToGrammar({ type: 'array', items: { type: 'null' }, maxItems: 3, minItems: 1 }),
    ).toThrow('"minItems" is not converted to a grammar');
    expect(() =>
      jsonSchemaToGrammar({ type: 'object', properties: { a: { type: 'null' } } }),
    ).toThrow('only objects with every key required');
  });
});
