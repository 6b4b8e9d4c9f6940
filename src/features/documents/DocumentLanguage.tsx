import { useId } from 'react';
import { OCR_LANGUAGES, ocrLanguage } from '../../documents/ocrLanguages';
import { setDocumentLanguage } from '../../store/actions/documents';
import { useDocumentStore } from '../../store/documentStore';
import '../../ui/forms.css';
import './documents.css';

/** The language OCR reads scanned pages and images in, for every chat. */
export function DocumentLanguage() {
  const language = useDocumentStore((s) => s.ocrLanguage);
  const id = useId();
  return (
    <div className="document-language">
      <label htmlFor={id}>Document language</label>
      <select
        id={id}
        aria-describedby={`${id}-hint`}
        value={language}
        onChange={(e) => {
          const chosen = ocrLanguage(e.target.value);
          if (chosen) setDocumentLanguage(chosen);
        }}
      >
        {OCR_LANGUAGES.map((l) => (
          <option key={l.code} value={l.code}>
            {l.label}
          </option>
        ))}
      </select>
      <small id={`${id}-hint`} className="hint">
        What scanned pages and images attached as documents are written in. They are read by OCR on
        this device; this applies to all chats, from the next document on.
      </small>
    </div>
  );
}
