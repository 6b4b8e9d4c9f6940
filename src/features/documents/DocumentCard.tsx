import { useId, useState } from 'react';
import { SUMMARY_STYLES, type SummaryStyle } from '../../prompts/documents';
import { removeDocument, summarizeDocument } from '../../store/actions/documents';
import type { DocumentMeta } from '../../store/documentStore';
import './documents.css';

const KIND_NAMES: Record<DocumentMeta['kind'], string> = {
  pdf: 'PDF',
  docx: 'Word document',
  html: 'Web page',
  markdown: 'Markdown',
  text: 'Text',
  image: 'Image, read by OCR',
};

/** One attached document: what it is, a preview of its text, and Summarize. */
export function DocumentCard({ document, busy }: { document: DocumentMeta; busy: boolean }) {
  const [style, setStyle] = useState<SummaryStyle>('key-points');
  const [focus, setFocus] = useState('');
  const id = useId();
  const facts = [
    KIND_NAMES[document.kind],
    document.pageCount !== null &&
      `${document.pageCount} page${document.pageCount === 1 ? '' : 's'}`,
    `${document.chars.toLocaleString('en')} characters`,
  ].filter(Boolean);
  return (
    <section className="document-card" aria-label={document.name}>
      <div className="document-title">
        <strong>{document.name}</strong>
        <span className="muted">{facts.join(' · ')}</span>
      </div>
      <details>
        <summary>Preview of the extracted text</summary>
        <p className="document-preview">{document.preview}</p>
      </details>
      <form
        className="summarize-form"
        onSubmit={(e) => {
          e.preventDefault();
          void summarizeDocument(document.id, style, focus);
        }}
      >
        <label htmlFor={`${id}-style`}>Summary style</label>
        <select
          id={`${id}-style`}
          value={style}
          onChange={(e) => setStyle(e.target.value as SummaryStyle)}
        >
          {Object.entries(SUMMARY_STYLES).map(([key, { label }]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-focus`}>Focus (optional)</label>
        <input
          id={`${id}-focus`}
          value={focus}
          maxLength={300}
          placeholder="e.g. obligations and dates"
          onChange={(e) => setFocus(e.target.value)}
        />
        <button type="submit" disabled={busy}>
          Summarize
        </button>
        <button type="button" disabled={busy} onClick={() => void removeDocument(document.id)}>
          Remove
        </button>
      </form>
    </section>
  );
}
