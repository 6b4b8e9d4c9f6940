/**
 * A JSON Schema as a GBNF grammar, for llama.cpp's `grammar` request field. llama.cpp converts a
 * schema itself (json_schema_to_grammar), but on its chat path the build wllama 3.13 ships wraps
 * that grammar in the chat template's generation prompt (seen here: `root ::=
 * "<|im_start|>assistant\n" space space ( … response-format … )` for a ChatML template) and then
 * fails to start the sampler ("Failed to initialize samplers: std::exception"; llama.cpp issues
 * #23775 and #22396, where a grammar given as such works). A grammar in `grammar` is used as it
 * is, so Nook writes it. Only what Nook's schemas use is converted (extraction/schema.ts: objects
 * with every key required, anyOf, strings with maxLength, numbers, integers with minimum 1,
 * booleans, null, arrays with maxItems); anything else throws, so a new keyword cannot pass
 * unchecked. Repetitions are bounded, as llama.cpp's own converter bounds them. Pure.
 */
import type { JsonSchema } from '../protocol';

const isObject = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A GBNF string literal of `text`. */
function literal(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

const KNOWN = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'anyOf',
  'maxLength',
  'minimum',
  'items',
  'maxItems',
  'title',
  'description',
]);

const BASE_RULES = [
  'space ::= " "?',
  'char ::= [^"\\\\\\x7F\\x00-\\x1F] | [\\\\] (["\\\\/bfnrt] | "u" [0-9a-fA-F]{4})',
  'number ::= "-"? ("0" | [1-9] [0-9]{0,15}) ("." [0-9]{1,16})?',
  'integer ::= "-"? ("0" | [1-9] [0-9]{0,15})',
  'positive ::= [1-9] [0-9]{0,15}',
  'boolean ::= "true" | "false"',
  'null ::= "null"',
];

class Writer {
  private readonly rules: string[] = [];
  private count = 0;

  rule(body: string): string {
    const name = `r${this.count++}`;
    this.rules.push(`${name} ::= ${body}`);
    return name;
  }

  /** The expression that matches `schema`'s JSON. */
  expression(schema: unknown, at: string): string {
    if (!isObject(schema)) throw new Error(`${at}: not a schema`);
    const unknown = Object.keys(schema).find((key) => !KNOWN.has(key));
    if (unknown) throw new Error(`${at}: "${unknown}" is not converted to a grammar`);
    if (Array.isArray(schema.anyOf)) {
      return `(${schema.anyOf.map((s, i) => this.expression(s, `${at}.anyOf[${i}]`)).join(' | ')})`;
    }
    switch (schema.type) {
      case 'object':
        return this.rule(this.object(schema, at));
      case 'string': {
        const max = schema.maxLength;
        if (typeof max !== 'number') throw new Error(`${at}: a string needs a maxLength`);
        return `"\\"" char{0,${max}} "\\""`;
      }
      case 'number':
        return 'number';
      case 'integer':
        return schema.minimum === 1 ? 'positive' : 'integer';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'array': {
        const max = schema.maxItems;
        if (typeof max !== 'number' || max < 1) throw new Error(`${at}: an array needs a maxItems`);
        const item = this.rule(this.expression(schema.items, `${at}.items`));
        const more = max > 1 ? ` ("," space ${item}){0,${max - 1}}` : '';
        return this.rule(`"[" space (${item}${more})? space "]"`);
      }
      default:
        throw new Error(`${at}: type ${JSON.stringify(schema.type)} is not converted to a grammar`);
    }
  }

  private object(schema: JsonSchema, at: string): string {
    const properties = isObject(schema.properties) ? schema.properties : {};
    const keys = Object.keys(properties);
    const required = Array.isArray(schema.required) ? schema.required : [];
    if (keys.some((key) => !required.includes(key)) || schema.additionalProperties !== false) {
      throw new Error(`${at}: only objects with every key required and no others are converted`);
    }
    const members = keys.map(
      (key) =>
        `${literal(JSON.stringify(key))} space ":" space ${this.expression(properties[key], `${at}.${key}`)}`,
    );
    return `"{" space ${members.join(' "," space ')} space "}"`;
  }

  grammar(schema: JsonSchema): string {
    const root = this.expression(schema, 'schema');
    return [`root ::= ${root}`, ...this.rules, ...BASE_RULES].join('\n');
  }
}

export function jsonSchemaToGrammar(schema: JsonSchema): string {
  return new Writer().grammar(schema);
}
