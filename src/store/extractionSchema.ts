/**
 * An extraction table as a reply keeps it (extraction/table.ts), declared for store/schema.ts:
 * read leniently from storage and strictly from an import, like the rest of the chat. A row left
 * waiting (the tab closed while it was read) reads as cancelled. Pure.
 */
import * as v from 'valibot';
import { FIELD_TYPES, MAX_FIELD_NAME, MAX_FIELDS, ROWS_PER } from '../extraction/fields';
import { ROW_STATUSES, type RowStatus } from '../extraction/table';
import type { RawValue } from '../extraction/values';
import { restoreAs } from './schemaReader';

const MAX_TEXT = 10_000;
const MAX_ROWS = 1000;

const text = (max: number) =>
  v.pipe(v.string('must be text.'), v.maxLength(max, `is longer than ${max} characters.`));

const Page = v.pipe(
  v.number('must be a page number.'),
  v.integer('must be a page number.'),
  v.minValue(1, 'must be a page number.'),
);

/** What the model wrote: text, a number, true or false, a list of texts, or null. */
export const CellValueSchema = v.nullable(
  v.union(
    [text(MAX_TEXT), v.pipe(v.number(), v.finite()), v.boolean(), v.array(text(MAX_TEXT))],
    'must be text, a number, true or false, a list of texts, or null.',
  ),
);

const CellSchema = v.object(
  {
    value: v.pipe(
      CellValueSchema,
      v.transform((value): RawValue => value),
    ),
    page: restoreAs(v.nullable(Page), null),
    correction: v.optional(text(MAX_TEXT)),
  },
  'expected a cell object.',
);

const FieldSchema = v.object(
  {
    name: v.pipe(
      v.string('must be text.'),
      v.minLength(1, 'must not be empty.'),
      v.maxLength(MAX_FIELD_NAME, `is longer than ${MAX_FIELD_NAME} characters.`),
    ),
    type: v.picklist(FIELD_TYPES, `must be one of ${FIELD_TYPES.map((t) => `"${t}"`).join(', ')}.`),
  },
  'expected a field object.',
);

const RowSchema = v.object(
  {
    documentId: text(200),
    documentName: text(MAX_TEXT),
    status: restoreAs(
      v.pipe(
        v.picklist(ROW_STATUSES, `must be one of ${ROW_STATUSES.map((s) => `"${s}"`).join(', ')}.`),
        v.transform((s): RowStatus => (s === 'waiting' ? 'cancelled' : s)),
      ),
      'cancelled',
    ),
    problem: v.optional(text(MAX_TEXT)),
    item: v.optional(Page),
    cells: v.array(v.nullable(CellSchema), 'must be a list.'),
  },
  'expected a row object.',
);

export const ExtractionTableSchema = v.object(
  {
    fields: v.pipe(
      v.array(FieldSchema, 'must be a list.'),
      v.maxLength(MAX_FIELDS, `must have at most ${MAX_FIELDS} fields.`),
    ),
    // Added within chat state v4: a table kept before it has a row per document.
    rowsPer: v.optional(
      v.picklist(ROWS_PER, `must be one of ${ROWS_PER.map((r) => `"${r}"`).join(', ')}.`),
      'document',
    ),
    rows: v.pipe(
      v.array(RowSchema, 'must be a list.'),
      v.maxLength(MAX_ROWS, `must have at most ${MAX_ROWS} rows.`),
    ),
  },
  'expected a table object.',
);
