/**
 * fast-check arbitraries derived from a valibot declaration, for property tests of stored and
 * exported shapes: every declared field, optional ones present or not, every picklist value,
 * strings and lists within their declared lengths. Checks and transforms the declaration pipes
 * are not guessed at: the caller normalizes what comes out (knownFields, or a strict read).
 * Leaves whose values are special (an image's hash) are given by `overrides`. Tests only.
 */
import fc from 'fast-check';
import type * as v from 'valibot';
import { unpipe } from '../store/schemaReader';

type AnySchema = v.GenericSchema;

interface Requirement {
  type: string;
  requirement?: unknown;
}

/** Longest string or list generated, whatever the declaration allows: big enough to matter. */
const MAX_TEXT = 24;
const MAX_ITEMS = 3;

export function arbitraryOf(
  schema: AnySchema,
  overrides: ReadonlyMap<AnySchema, fc.Arbitrary<unknown>> = new Map(),
): fc.Arbitrary<unknown> {
  const given = overrides.get(schema);
  if (given) return given;
  const { root, actions } = unpipe(schema);
  const rootGiven = overrides.get(root);
  if (rootGiven) return rootGiven;
  const bound = (type: string) =>
    (actions as Requirement[]).find((a) => a.type === type)?.requirement as number | undefined;
  const of = (inner: AnySchema) => arbitraryOf(inner, overrides);
  const node = root as unknown as Record<string, unknown>;
  switch (root.type) {
    case 'string':
      return fc.string({
        unit: 'binary',
        minLength: bound('min_length') ?? 0,
        maxLength: Math.min(bound('max_length') ?? MAX_TEXT, MAX_TEXT),
      });
    case 'number': {
      const min = bound('min_value');
      const max = bound('max_value');
      if (actions.some((a) => a.type === 'integer')) {
        return fc.integer({ min: min ?? -1e6, max: max ?? 1e9 });
      }
      // JSON has no -0: it reads back as 0.
      return fc
        .double({ noNaN: true, noDefaultInfinity: true, min, max })
        .map((n) => (n === 0 ? 0 : n));
    }
    case 'boolean':
      return fc.boolean();
    case 'picklist':
      return fc.constantFrom(...(node.options as unknown[]));
    case 'literal':
      return fc.constant(node.literal);
    case 'nullable':
      return fc.option(of(node.wrapped as AnySchema), { nil: null });
    case 'optional':
      return fc.option(of(node.wrapped as AnySchema), { nil: undefined });
    case 'tuple':
      return fc.tuple(...(node.items as AnySchema[]).map(of));
    case 'array':
      return fc.array(of(node.item as AnySchema), { maxLength: MAX_ITEMS });
    case 'record':
      return fc.dictionary(
        of(node.key as AnySchema) as fc.Arbitrary<string>,
        of(node.value as AnySchema),
        { maxKeys: MAX_ITEMS },
      );
    case 'object': {
      const entries = node.entries as Record<string, AnySchema>;
      const required = Object.entries(entries)
        .filter(([, field]) => field.type !== 'optional' && field.type !== 'nullish')
        .map(([key]) => key);
      const fields = Object.fromEntries(
        Object.entries(entries).map(([key, field]) => {
          const inner = (field as unknown as { wrapped?: AnySchema }).wrapped;
          return [key, of(required.includes(key) || !inner ? field : inner)];
        }),
      );
      return fc.record(fields, { requiredKeys: required });
    }
    default:
      throw new Error(`arbitraryOf: no arbitrary for a "${root.type}" schema; give an override`);
  }
}
