/**
 * The JSON Schema an extraction request holds the model to: one key per field, each an object
 * { value, page } where both may be null, so a value the passage does not state can be left
 * empty rather than invented. Lengths are bounded so that even a model that never stops (random
 * weights, a confused small model) ends its JSON within the token budget. Both engines read
 * these keywords (anyOf, maxLength, maxItems, minimum): xgrammar's JSON-schema converter, whose
 * WebAssembly WebLLM bundles in lib/index.js, checks them ("maxItems must be a non-negative
 * integer", "minimum must be a number"; it ignores maxLength only beside a pattern, which Nook
 * never sends), and Nook's own grammar writer for llama.cpp (engine/llamacpp/jsonSchemaGrammar.ts)
 * converts exactly these. Pure.
 */
import type { JsonSchema } from '../engine/protocol';
import type { Field, FieldType } from './fields';

export const MAX_TEXT = 120;
const MAX_SHORT = 40;
const MAX_ITEMS = 10;
const MAX_ITEM = 60;

const VALUE_SCHEMAS: Record<FieldType, JsonSchema> = {
  text: { type: 'string', maxLength: MAX_TEXT },
  number: { type: 'number' },
  date: { type: 'string', maxLength: MAX_SHORT },
  money: { type: 'string', maxLength: MAX_SHORT },
  'yes-no': { type: 'boolean' },
  list: { type: 'array', items: { type: 'string', maxLength: MAX_ITEM }, maxItems: MAX_ITEMS },
};

const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });

function cellSchema(type: FieldType): JsonSchema {
  return {
    type: 'object',
    properties: {
      value: nullable(VALUE_SCHEMAS[type]),
      page: nullable({ type: 'integer', minimum: 1 }),
    },
    required: ['value', 'page'],
    additionalProperties: false,
  };
}

/** The schema for these fields (checked with fieldListProblem first). */
export function extractionSchema(fields: readonly Field[]): JsonSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(fields.map((f) => [f.name, cellSchema(f.type)])),
    required: fields.map((f) => f.name),
    additionalProperties: false,
  };
}

/** Tokens an answer for these fields can take at most (a token per character, at worst). */
export function answerTokenBudget(fields: readonly Field[]): number {
  const perField: Record<FieldType, number> = {
    text: MAX_TEXT,
    number: 24,
    date: MAX_SHORT,
    money: MAX_SHORT,
    'yes-no': 8,
    list: MAX_ITEMS * (MAX_ITEM + 4),
  };
  // Keys, braces, "value", "page" and the page number around each value.
  return 16 + fields.reduce((sum, f) => sum + perField[f.type] + f.name.length + 24, 0);
}
