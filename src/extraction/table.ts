/**
 * An extraction table as a chat keeps it: the fields, and one row per document (or per item a
 * document holds, such as a statement's transactions) with a cell per field (the value as the model wrote it, its page, and the user's correction, if any). What a
 * cell shows, how rows sort, and the table as CSV and Markdown. Pure.
 */
import type { Field, RowsPer } from './fields';
import { readValue, type RawValue, type Reading } from './values';

export interface Cell {
  /** As the model wrote it (null: the document does not say). */
  value: RawValue;
  /** The page the value was found on; null when not known (or the document has no pages). */
  page: number | null;
  /** What the user wrote over it; the model's value stays beside it. */
  correction?: string;
}

/**
 * waiting: not read yet (a row left waiting when a tab closed reads as cancelled).
 * failed: see `problem`. cancelled: Cancel came first.
 */
export const ROW_STATUSES = ['waiting', 'done', 'failed', 'cancelled'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

export interface ExtractionRow {
  documentId: string;
  documentName: string;
  status: RowStatus;
  /** Why the document failed (or, in a table per item, that it holds none), in a sentence. */
  problem?: string;
  /** In a table per item: which of the document's items the row is, from 1. */
  item?: number;
  /** One per field, in the fields' order; null where nothing was read yet. */
  cells: (Cell | null)[];
}

export interface ExtractionTable {
  fields: Field[];
  /** Per item: a document's row, once read, becomes one row per item it holds. */
  rowsPer: RowsPer;
  rows: ExtractionRow[];
}

/** The row as a person names it: the document, and which item of it. */
export function rowName(row: ExtractionRow): string {
  return row.item === undefined ? row.documentName : `${row.documentName}, item ${row.item}`;
}

export interface ShownCell {
  text: string;
  /** The reading of the model's value (also when corrected: the correction is shown over it). */
  reading: Reading;
  corrected: boolean;
  page: number | null;
}

export function showCell(field: Field, cell: Cell | null): ShownCell {
  const reading = readValue(field.type, cell?.value ?? null);
  const page = cell?.page ?? null;
  if (cell?.correction !== undefined) {
    return { text: cell.correction, reading, corrected: true, page };
  }
  const text = reading.kind === 'value' ? reading.text : '';
  return { text, reading, corrected: false, page };
}

export type SortOrder = { column: number; direction: 'ascending' | 'descending' } | null;

/** A row's key for a column: -1 is the document's name. Corrections sort as text. */
function sortKey(
  table: ExtractionTable,
  row: ExtractionRow,
  column: number,
): number | string | null {
  if (column < 0) return row.documentName.toLowerCase();
  const field = table.fields[column];
  if (!field) return null;
  const shown = showCell(field, row.cells[column] ?? null);
  if (shown.corrected) {
    const reread = readValue(field.type, shown.text);
    return reread.kind === 'value' ? reread.sortKey : shown.text.toLowerCase();
  }
  return shown.reading.kind === 'value' ? shown.reading.sortKey : null;
}

/** The rows in the order asked for; empty cells last either way; ties keep document order. */
export function sortedRows(table: ExtractionTable, order: SortOrder): ExtractionRow[] {
  if (!order) return table.rows;
  const sign = order.direction === 'ascending' ? 1 : -1;
  return table.rows
    .map((row, index) => ({ row, index, key: sortKey(table, row, order.column) }))
    .sort((a, b) => {
      if (a.key === null || b.key === null) {
        return a.key === b.key ? a.index - b.index : a.key === null ? 1 : -1;
      }
      const diff =
        typeof a.key === 'number' && typeof b.key === 'number'
          ? a.key - b.key
          : String(a.key).localeCompare(String(b.key));
      return diff !== 0 ? diff * sign : a.index - b.index;
    })
    .map(({ row }) => row);
}

/** A cell's text for export: the correction, the value read, or the value as written. */
function exportText(field: Field, cell: Cell | null): string {
  const shown = showCell(field, cell);
  if (shown.corrected || shown.reading.kind === 'value') return shown.text;
  const raw = cell?.value;
  return raw === null || raw === undefined ? '' : Array.isArray(raw) ? raw.join('; ') : String(raw);
}

const csvField = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** The columns naming a row in an export: the document, and in a table per item, the item. */
function rowColumns(table: ExtractionTable): {
  header: string[];
  of(row: ExtractionRow): string[];
} {
  if (table.rowsPer === 'document')
    return { header: ['Document'], of: (row) => [row.documentName] };
  return {
    header: ['Document', 'Item'],
    of: (row) => [row.documentName, row.item === undefined ? '' : String(row.item)],
  };
}

/** RFC 4180 CSV: the document (and item), then each field and the page it was found on. */
export function tableToCsv(table: ExtractionTable): string {
  const naming = rowColumns(table);
  const header = [...naming.header, ...table.fields.flatMap((f) => [f.name, `${f.name} (page)`])];
  const lines = table.rows.map((row) => [
    ...naming.of(row),
    ...table.fields.flatMap((field, i) => {
      const cell = row.cells[i] ?? null;
      return [exportText(field, cell), cell?.page === null || !cell ? '' : String(cell.page)];
    }),
  ]);
  return [header, ...lines].map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const mdCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** A Markdown table: each value with its page, a failed row with why. */
export function tableToMarkdown(table: ExtractionTable): string {
  const naming = rowColumns(table);
  const header = `| ${[...naming.header, ...table.fields.map((f) => mdCell(f.name))].join(' | ')} |`;
  const rule = `| ${[...naming.header, ...table.fields].map(() => '---').join(' | ')} |`;
  const rows = table.rows.map((row) => {
    const cells = table.fields.map((field, i) => {
      const cell = row.cells[i] ?? null;
      const text = exportText(field, cell);
      const page = text && cell?.page ? ` (p. ${cell.page})` : '';
      return mdCell(`${text}${page}${cell?.correction !== undefined ? ' (corrected)' : ''}`);
    });
    const [document = '', ...rest] = naming.of(row);
    const name = row.problem ? `${document} (${row.problem})` : document;
    return `| ${[name, ...rest].map(mdCell).concat(cells).join(' | ')} |`;
  });
  return [header, rule, ...rows].join('\n');
}
