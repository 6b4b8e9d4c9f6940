/**
 * The fields a user asks for in an extraction table: a name and a type each, and what makes a
 * list of them unusable, in a sentence. Pure.
 */
export const FIELD_TYPES = ['text', 'number', 'date', 'money', 'yes-no', 'list'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  text: 'Text',
  number: 'Number',
  date: 'Date',
  money: 'Money',
  'yes-no': 'Yes/no',
  list: 'List',
};

/**
 * What a row of the table is: a document, or an item a document holds many of (a statement's
 * transactions, an order's lines).
 */
export const ROWS_PER = ['document', 'item'] as const;
export type RowsPer = (typeof ROWS_PER)[number];

export const ROWS_PER_LABELS: Record<RowsPer, string> = {
  document: 'One per document',
  item: 'One per item in a document',
};

export interface Field {
  name: string;
  type: FieldType;
}

export const MAX_FIELDS = 20;
export const MAX_FIELD_NAME = 60;

const key = (name: string) => name.trim().toLowerCase();

/**
 * Why these fields cannot make a table (each field becomes a key of the JSON the model must write,
 * so each needs a name of its own), or null when they can.
 */
export function fieldListProblem(fields: readonly Field[]): string | null {
  if (fields.length === 0) return 'Add at least one field.';
  if (fields.length > MAX_FIELDS) {
    return `A table can have at most ${MAX_FIELDS} fields; this one has ${fields.length}.`;
  }
  const seen = new Set<string>();
  for (const [i, field] of fields.entries()) {
    const name = field.name.trim();
    if (!name) return `Field ${i + 1} needs a name.`;
    if (name.length > MAX_FIELD_NAME) {
      return `“${name.slice(0, 20)}…” is too long for a field name (at most ${MAX_FIELD_NAME} characters).`;
    }
    if (seen.has(key(name))) return `“${name}” is named twice: each field needs its own name.`;
    seen.add(key(name));
  }
  return null;
}

/** The fields as they are asked for: names trimmed. */
export function cleanFields(fields: readonly Field[]): Field[] {
  return fields.map((f) => ({ name: f.name.trim(), type: f.type }));
}
