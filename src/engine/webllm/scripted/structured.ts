/**
 * TEST BUILD ONLY. What the scripted engine does with a request's response_format, after WebLLM
 * 0.2.86, and the JSON it answers with.
 *
 * The checks, each where WebLLM makes it:
 * - Before anything runs (postInitAndCheckFieldsChatCompletion, step 6): a schema under a type
 *   other than "json_object" throws InvalidResponseFormatError; a grammar without type "grammar",
 *   or type "grammar" without a grammar, throws InvalidResponseFormatGrammarError.
 * - A resumable request with a grammar-constrained format (json_object, grammar, structural_tag)
 *   throws (ResumableGenerationCoordinator.normalizeForRequest, hasUnsupportedGrammarReplay).
 * - At the prefill, a schema xgrammar cannot compile throws GrammarMatcherInitError
 *   (LLMChatPipeline.prepareGrammarMatcherForSampling); here, a schema that is not JSON text, or
 *   an array's bounds xgrammar's JSON-schema converter refuses (its messages, from the
 *   WebAssembly lib/index.js bundles: "maxItems must be a non-negative integer", "minItems must
 *   be an integer", "minItems is greater than maxItems").
 *
 * The answer holds planted values: a test writes them into its documents as lines "Label: value"
 * and the stand-in "reads" them. Each property of the schema's object is looked for as such a line
 * (by its `title`, else its key, ignoring case) in the last user message; a property named `page`
 * (an integer) gets the number of the last "[page N]" mark before that line. What is not found is
 * null where the schema allows null. A property that is an array of objects is a list of items:
 * each line of the item's first property starts an item, whose other properties are looked for
 * up to the next one; there are at most maxItems, as xgrammar's grammar allows. The answer is in
 * the schema's shape, as xgrammar would force it, and is cut at max_tokens like any reply.
 */
import type { ChatCompletionRequestStreaming, ResponseFormat } from '@mlc-ai/web-llm';
import { isRecord } from '../../../lib/isRecord';
import { named } from './named';

const present = (value: unknown) => value !== undefined && value !== null;

/** postInitAndCheckFieldsChatCompletion's response_format checks, and the resumable one. */
export function checkResponseFormat(request: ChatCompletionRequestStreaming): void {
  const format: ResponseFormat | undefined = request.response_format ?? undefined;
  if (!format) return;
  if (present(format.schema) && format.type !== 'json_object') {
    throw named(
      'InvalidResponseFormatError',
      'JSON schema is only supported with `json_object` response format.',
    );
  }
  if (
    (present(format.grammar) && format.type !== 'grammar') ||
    (format.type === 'grammar' && !present(format.grammar))
  ) {
    throw named(
      'InvalidResponseFormatGrammarError',
      'When ResponseFormat.type is `grammar`, ResponseFormat.grammar needs to be specified.\n' +
        'When ResponseFormat.grammar is specified, ResponseFormat.type needs to be grammar.',
    );
  }
  const constrained = ['json_object', 'grammar', 'structural_tag'].includes(format.type ?? '');
  if (constrained && request.extra_body?.resumable?.enabled === true) {
    throw new Error('Resumable generation does not support grammar-constrained response formats.');
  }
}

/** Whether the request's reply is held to JSON (a schema, or any JSON without one). */
export function wantsJson(request: ChatCompletionRequestStreaming): boolean {
  return request.response_format?.type === 'json_object';
}

const grammarError = (cause: string) =>
  named(
    'GrammarMatcherInitError',
    `Failed to initialize the grammar matcher for response format \`json_object\`: ${cause}`,
  );

/** xgrammar's checks of an array's bounds, anywhere in the schema. */
function checkArrays(schema: unknown): void {
  if (Array.isArray(schema)) return schema.forEach(checkArrays);
  if (!isRecord(schema)) return;
  const { maxItems, minItems } = schema;
  if (maxItems !== undefined && !(Number.isInteger(maxItems) && (maxItems as number) >= 0)) {
    throw grammarError('maxItems must be a non-negative integer');
  }
  if (minItems !== undefined && !Number.isInteger(minItems)) {
    throw grammarError('minItems must be an integer');
  }
  if (typeof minItems === 'number' && typeof maxItems === 'number' && minItems > maxItems) {
    throw grammarError(`minItems is greater than maxItems: ${minItems} > ${maxItems}`);
  }
  Object.values(schema).forEach(checkArrays);
}

/** The schema as xgrammar would compile it, or GrammarMatcherInitError. */
function compiledSchema(schema: string | undefined): unknown {
  if (schema === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(schema) as unknown;
  } catch (cause) {
    throw grammarError(String(cause));
  }
  checkArrays(parsed);
  return parsed;
}

interface Found {
  text: string;
  page: number | null;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const lineOf = (label: string, flags: string) =>
  new RegExp(`^[ \\t]*${escapeRegExp(label)}[ \\t]*:[ \\t]*(.+)$`, flags);

/** The first line "Label: value" of the prompt from `from` to `to`, and the page it is on. */
function findLine(prompt: string, label: string, from = 0, to = prompt.length): Found | null {
  const line = lineOf(label, 'im').exec(prompt.slice(from, to));
  if (!line?.[1]) return null;
  const marks = [...prompt.slice(0, from + line.index).matchAll(/\[page (\d+)\]/g)];
  const page = marks.at(-1)?.[1];
  return { text: line[1].trim(), page: page === undefined ? null : Number(page) };
}

const labelOf = (key: string, property: unknown) =>
  isRecord(property) && typeof property.title === 'string' ? property.title : key;

/** The branches a value may take: anyOf's, a list of types, or the schema itself. */
function branches(schema: Record<string, unknown>): Record<string, unknown>[] {
  if (Array.isArray(schema.anyOf)) return schema.anyOf.filter(isRecord);
  if (Array.isArray(schema.type)) return schema.type.map((type) => ({ ...schema, type }));
  return [schema];
}

function planted(schema: unknown, found: Found | null, key: string): unknown {
  if (!isRecord(schema)) return null;
  const options = branches(schema);
  const nullable = options.some((o) => o.type === 'null');
  const typed = options.find((o) => o.type !== 'null') ?? {};
  if (typed.type === 'object' && isRecord(typed.properties)) {
    return Object.fromEntries(
      Object.entries(typed.properties).map(([name, property]) => [
        name,
        planted(property, found, name),
      ]),
    );
  }
  if (typed.type === 'integer' && key === 'page') {
    return found?.page ?? (nullable ? null : 1);
  }
  if (!found) return nullable ? null : emptyOf(typed.type);
  switch (typed.type) {
    case 'number':
    case 'integer': {
      const n = Number(found.text.replace(/[^\d.-]/g, ''));
      return Number.isFinite(n) ? n : nullable ? null : 0;
    }
    case 'boolean':
      return /^(yes|true|y)\b/i.test(found.text);
    case 'array':
      return found.text.split(/\s*[,;]\s*/).filter(Boolean);
    default:
      return found.text;
  }
}

function emptyOf(type: unknown): unknown {
  return type === 'number' || type === 'integer'
    ? 0
    : type === 'boolean'
      ? false
      : type === 'array'
        ? []
        : '';
}

/**
 * The JSON reply to a json_object request: the schema's object, each property filled from the
 * prompt's planted lines (see the header). Throws GrammarMatcherInitError for a schema that
 * cannot be compiled.
 */
export function plantedJson(schemaText: string | undefined, prompt: string): string {
  const schema = compiledSchema(schemaText);
  if (!isRecord(schema) || !isRecord(schema.properties)) return '{}';
  const answer = Object.fromEntries(
    Object.entries(schema.properties).map(([key, property]) => {
      const list = isRecord(property) && property.type === 'array' ? property : null;
      const item = list && isRecord(list.items) ? list.items : null;
      if (item && isRecord(item.properties)) {
        const most = typeof list?.maxItems === 'number' ? list.maxItems : Infinity;
        return [key, plantedItems(item.properties, prompt).slice(0, most)];
      }
      return [key, planted(property, findLine(prompt, labelOf(key, property)), key)];
    }),
  );
  return JSON.stringify(answer);
}

/** The items of the prompt: each starts at a line of the first property's label (see header). */
function plantedItems(properties: Record<string, unknown>, prompt: string): unknown[] {
  const [first] = Object.entries(properties);
  if (!first) return [];
  const starts = [...prompt.matchAll(lineOf(labelOf(...first), 'gim'))].map((m) => m.index);
  return starts.map((from, i) =>
    Object.fromEntries(
      Object.entries(properties).map(([key, property]) => [
        key,
        planted(property, findLine(prompt, labelOf(key, property), from, starts[i + 1]), key),
      ]),
    ),
  );
}

/** JSON cut into token-sized pieces (WebLLM streams a token's text at a time). */
export function jsonTokens(json: string): string[] {
  return json.match(/[\s\S]{1,4}/g) ?? [];
}
