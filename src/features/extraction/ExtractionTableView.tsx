import { useState } from 'react';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import {
  rowName,
  showCell,
  sortedRows,
  tableToCsv,
  tableToMarkdown,
  type ExtractionRow,
  type ExtractionTable,
  type SortOrder,
} from '../../extraction/table';
import type { Field } from '../../extraction/fields';
import { downloadText } from '../../lib/download';
import { cancelExtraction, correctCell } from '../../store/actions/extractTable';
import { useRuntimeStore } from '../../store/runtimeStore';
import { useCopyText } from '../../ui/useCopyText';
import './extraction.css';

interface TableProps {
  conversationId: string;
  messageId: string;
  title: string;
  table: ExtractionTable;
}

const fileBase = (title: string) =>
  title
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'table';

/** How far the table is: the document being read, how many are done, and Cancel. */
function Progress({ messageId, rows }: { messageId: string; rows: readonly ExtractionRow[] }) {
  const job = useRuntimeStore((s) => (s.extraction?.messageId === messageId ? s.extraction : null));
  if (!job) return null;
  // Counted by document: in a table per item, a document read has a row per item.
  const documents = new Set(rows.map((r) => r.documentId)).size;
  const done = new Set(rows.filter((r) => r.status !== 'waiting').map((r) => r.documentId)).size;
  const reading = rows.find((r) => r.documentId === job.documentId)?.documentName;
  return (
    <div className="extraction-progress" role="status">
      <progress value={done} max={documents} aria-label="Documents read" />
      <span>
        {done} of {documents} documents read
        {reading &&
          ` · reading “${reading}”${job.most > 1 ? ` (passage ${Math.min(job.asked + 1, job.most)} of at most ${job.most})` : ''}`}
      </span>
      <button type="button" onClick={cancelExtraction}>
        Cancel
      </button>
    </div>
  );
}

function SortButton({
  label,
  column,
  order,
  onSort,
}: {
  label: string;
  column: number;
  order: SortOrder;
  onSort(order: SortOrder): void;
}) {
  const active = order?.column === column ? order.direction : null;
  const Icon = active === 'ascending' ? ArrowUp : active === 'descending' ? ArrowDown : ArrowUpDown;
  return (
    <button
      type="button"
      className="sort-button"
      onClick={() =>
        onSort({ column, direction: active === 'ascending' ? 'descending' : 'ascending' })
      }
    >
      {label}
      <Icon aria-hidden="true" size={14} />
    </button>
  );
}

/** One value: the model's (or the user's correction, marked), its page on hover and focus. */
function ValueCell({
  field,
  row,
  rowIndex,
  fieldIndex,
  props,
}: {
  field: Field;
  row: ExtractionRow;
  rowIndex: number;
  fieldIndex: number;
  props: TableProps;
}) {
  const [editing, setEditing] = useState(false);
  const cell = row.cells[fieldIndex] ?? null;
  const shown = showCell(field, cell);
  const what = `${field.name} of ${rowName(row)}`;
  if (editing) {
    const commit = (value: string) => {
      correctCell(props.conversationId, props.messageId, rowIndex, fieldIndex, value);
      setEditing(false);
    };
    return (
      <td>
        <input
          className="cell-editor"
          aria-label={what}
          defaultValue={shown.text}
          autoFocus
          onKeyDown={(e) => {
            if (e.key === 'Escape') setEditing(false);
            if (e.key === 'Enter') commit(e.currentTarget.value);
          }}
          onBlur={(e) => commit(e.currentTarget.value)}
        />
      </td>
    );
  }
  const problem =
    !shown.corrected && shown.reading.kind === 'problem' ? shown.reading.problem : null;
  const page = shown.page !== null && shown.text ? `page ${shown.page}` : null;
  // The name holds what is seen, in order (the value, "corrected"), then the page.
  const described = `${shown.text || (problem ?? 'empty')}${shown.corrected ? ' corrected' : ''}${page ? `, ${page}` : ''}`;
  return (
    <td className={shown.corrected ? 'corrected' : undefined}>
      <button
        type="button"
        className="cell-button"
        aria-label={`${what}: ${described}. Edit`}
        disabled={row.status === 'waiting'}
        onClick={() => setEditing(true)}
      >
        {problem ? (
          <span className="cell-problem">{problem}</span>
        ) : (
          <span className={shown.text ? undefined : 'muted'}>{shown.text || '—'}</span>
        )}
        {shown.corrected && <span className="corrected-mark">corrected</span>}
        {page && (
          <span className="cell-page" aria-hidden="true">
            {page}
          </span>
        )}
      </button>
    </td>
  );
}

const STATUS_WORDS: Record<ExtractionRow['status'], string | null> = {
  waiting: 'Waiting',
  done: null,
  failed: null,
  cancelled: 'Cancelled',
};

/**
 * A table read from the chat's documents: sortable by any column, each value correctable by hand
 * (the correction is marked and kept beside the model's value), copied or exported as Markdown
 * or CSV.
 */
export function ExtractionTableView(props: TableProps) {
  const { table, title } = props;
  const [order, setOrder] = useState<SortOrder>(null);
  const { note, copy } = useCopyText();
  const rows = sortedRows(table, order);
  const ariaSort = (column: number) => (order?.column === column ? order.direction : undefined);
  return (
    <div className="extraction">
      <Progress messageId={props.messageId} rows={table.rows} />
      <div className="extraction-scroll">
        <table className="extraction-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col" aria-sort={ariaSort(-1)}>
                <SortButton label="Document" column={-1} order={order} onSort={setOrder} />
              </th>
              {table.fields.map((field, i) => (
                <th key={field.name} scope="col" aria-sort={ariaSort(i)}>
                  <SortButton label={field.name} column={i} order={order} onSort={setOrder} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const rowIndex = table.rows.indexOf(row);
              return (
                <tr key={`${row.documentId}:${row.item ?? 0}`} data-status={row.status}>
                  <th scope="row">
                    <span className="row-name">{row.documentName}</span>
                    {row.item !== undefined && (
                      <span className="muted row-status">item {row.item}</span>
                    )}
                    {STATUS_WORDS[row.status] && (
                      <span className="muted row-status">{STATUS_WORDS[row.status]}</span>
                    )}
                    {row.problem && <span className="row-problem">{row.problem}</span>}
                  </th>
                  {table.fields.map((field, fieldIndex) => (
                    <ValueCell
                      key={field.name}
                      field={field}
                      row={row}
                      rowIndex={rowIndex}
                      fieldIndex={fieldIndex}
                      props={props}
                    />
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="extraction-actions" role="group" aria-label="Table actions">
        <button type="button" onClick={() => void copy('Markdown', tableToMarkdown(table))}>
          Copy table
        </button>
        <button
          type="button"
          onClick={() => downloadText(`${fileBase(title)}.csv`, tableToCsv(table), 'text/csv')}
        >
          Export CSV
        </button>
        <button
          type="button"
          onClick={() =>
            downloadText(`${fileBase(title)}.md`, `${tableToMarkdown(table)}\n`, 'text/markdown')
          }
        >
          Export Markdown
        </button>
        <span className="muted" role="status">
          {note}
        </span>
      </div>
    </div>
  );
}
