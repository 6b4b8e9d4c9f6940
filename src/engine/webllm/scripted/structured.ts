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
 *   (LLMChatPipeline.prepareGrammarMatcherForSampling); here, a schema that is not JSON text.
 *
 * The answer holds planted values: a test writes them into its documents as lines "Label: value"
 * and the stand-in "reads" them. Each property of the schema's object is looked for as such a line
 * (by its `title`, else its key, ignoring case) in the last user message; a property named `page`
 * (an integer) gets the number of the last "[page N]" mark before that line. What is not found is
 * null where the schema allows null. The answer is in the schema's shape, as xgrammar would force
 * it, and is cut at max_tokens like any reply.
 */
import type { ChatCompletionRequestStreaming, ResponseFormat } from '@mlc-ai/web-llm';
import { named } from './named';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

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

/** The schema as xgrammar would compile it, or GrammarMatcherInitError. */
function compiledSchema(schema: string | undefined): unknown {
  if (schema === undefined) return {};
  try {
    return JSON.parse(schema) as unknown;
  } catch (cause) {
    throw named(
      'GrammarMatcherInitError',
      `Failed to initialize the grammar matcher for response format \`json_object\`: ${String(cause)}`,
    );
  }
}

interface Found {
  text: string;
  page: number | null;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The line "Label: value" of the prompt, and the page it is on. */
function findLine(prompt: string, label: string): Found | null {
  const line = new RegExp(`^[ \\t]*${escapeRegExp(label)}[ \\t]*:[ \\t]*(.+)$`, 'im').exec(prompt);
  if (!line?.[1]) return null;
  const marks = [...prompt.slice(0, line.index).matchAll(/\[page (\d+)\]/g)];
  const page = marks.at(-1)?.[1];
  return { text: line[1].trim(), page: page === undefined ? null : Number(page) };
}

/** The branches a value may take: anyOf's, a list of types, or the schema itself. */
function branches(schema: Record<string, unknown>): Record<string, unknown>[] {
  if (Array.isArray(schema.anyOf)) return schema.anyOf.filter(isObject);
  if (Array.isArray(schema.type)) return schema.type.map((type) => ({ ...schema, type }));
  return [schema];
}

function planted(schema: unknown, found: Found | null, key: string): unknown {
  if (!isObject(schema)) return null;
  const options = branches(schema);
  const nullable = options.some((o) => o.type === 'null');
  const typed = options.find((o) => o.type !== 'null') ?? {};
  if (typed.type === 'object' && isObject(typed.properties)) {
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
  if (!isObject(schema) || !isObject(schema.properties)) return '{}';
  const answer = Object.fromEntries(
    Object.entries(schema.properties).map(([key, property]) => {
      const label = isObject(property) && typeof property.title === 'string' ? property.title : key;
      return [key, planted(property, findLine(prompt, label), key)];
    }),
  );
  return JSON.stringify(answer);
}

/** JSON cut into token-sized pieces (WebLLM streams a token's text at a time). */
export function jsonTokens(json: string): string[] {
  return json.match(/[\s\S]{1,4}/g) ?? [];
}
