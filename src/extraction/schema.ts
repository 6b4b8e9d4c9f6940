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

/** How many items one passage can give at most (a table per item: a statement's transactions). */
export const MAX_ITEMS_PER_PASSAGE = 12;

/** The key of the items' array in a per-item answer. */
export const ITEMS_KEY = 'items';

/**
 * The schema of a per-item answer: { "items": [ …one object per item, as extractionSchema… ] },
 * bounded by maxItems (xgrammar requires a non-negative integer; an empty array is allowed, for
 * a passage that holds no item). The root stays an object, as every structured request's does.
 */
export function itemsSchema(fields: readonly Field[]): JsonSchema {
  return {
    type: 'object',
    properties: {
      [ITEMS_KEY]: {
        type: 'array',
        items: extractionSchema(fields),
        maxItems: MAX_ITEMS_PER_PASSAGE,
      },
    },
    required: [ITEMS_KEY],
    additionalProperties: false,
  };
}

/** Tokens a per-item answer can take at most: every item as long as it can be. */
export function itemsTokenBudget(fields: readonly Field[]): number {
  return 16 + MAX_ITEMS_PER_PASSAGE * (answerTokenBudget(fields) + 4);
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
