/**
 * The prompt of one extraction request: which fields to fill from one quoted passage, that the
 * page marks say where each value is, and that a value the passage does not state is null. The
 * engine holds the answer to the JSON schema (extraction/schema.ts); the prompt says what to put
 * in it. One user message, no system prompt: it works alike for models without a system role.
 */
import type { Field, FieldType, RowsPer } from '../extraction/fields';
import { quoted, QUOTED_TEXT_RULE } from './documents';

const TYPE_HINTS: Record<FieldType, string> = {
  text: 'text',
  number: 'a number',
  date: 'a date, as the passage writes it',
  money: 'an amount with its currency, as the passage writes it',
  'yes-no': 'true or false',
  list: 'a list of short texts',
};

export interface ExtractionPassage {
  documentName: string;
  /** The passage's text, with a "[page N]" mark where each page starts (paged documents). */
  text: string;
  paged: boolean;
}

/** `rowsPer` "item": the passage holds many items (a statement's transactions), each its fields. */
export function extractionPrompt(
  fields: readonly Field[],
  passage: ExtractionPassage,
  rowsPer: RowsPer = 'document',
): string {
  const list = fields.map((f) => `- "${f.name}": ${TYPE_HINTS[f.type]}`).join('\n');
  const pages = passage.paged
    ? 'and "page", the number of the "[page N]" mark before the value'
    : 'and "page": null';
  const what =
    rowsPer === 'item'
      ? `List every item (such as a transaction or a line of an order) in the passage of “${passage.documentName}” quoted below, in the order they appear, each with these fields:`
      : `Fill in these fields from the passage of “${passage.documentName}” quoted below:`;
  const answer =
    rowsPer === 'item'
      ? 'Answer with the JSON object only, its "items" the list of items (empty if the passage holds none).'
      : 'Answer with the JSON object only.';
  return [
    what,
    list,
    `For each field give "value", exactly as the passage states it, ${pages}. If the passage does not state a field, give null for both: never guess. ${answer}`,
    QUOTED_TEXT_RULE,
    quoted(passage.documentName, passage.text),
  ].join('\n\n');
}
