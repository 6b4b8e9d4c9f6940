import { useShallow } from 'zustand/react/shallow';
import { documentsOf, useDocumentStore } from '../../store/documentStore';
import { useRuntimeStore } from '../../store/runtimeStore';
import { selectIsGenerating } from '../../store/selectors';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { ExtractButton } from '../extraction/ExtractButton';
import { DocumentCard } from './DocumentCard';
import { DocumentJobStatus } from './DocumentJobStatus';
import { SearchModelNote } from './SearchModelNote';
import './documents.css';

/** The open chat's documents, the document job under way, and why an attachment failed. */
export function DocumentPanel({ conversationId }: { conversationId: string }) {
  const documents = useDocumentStore(useShallow((s) => documentsOf(s, conversationId)));
  const job = useRuntimeStore((s) =>
    s.documentJob?.conversationId === conversationId ? s.documentJob : null,
  );
  const error = useRuntimeStore((s) =>
    s.documentError?.conversationId === conversationId ? s.documentError.message : null,
  );
  const busy = useRuntimeStore((s) => selectIsGenerating(s) || s.documentJob !== null);
  const extracting = useRuntimeStore((s) => s.extraction !== null || s.documentJob !== null);
  if (documents.length === 0 && !job && !error) return null;
  return (
    <section className="document-panel" aria-label="Documents">
      {error && (
        <ErrorNotice
          title={error}
          nextStep="Nothing else changed. Try another file."
          actions={
            <button type="button" onClick={() => useRuntimeStore.setState({ documentError: null })}>
              Dismiss
            </button>
          }
        />
      )}
      {job && <DocumentJobStatus job={job} />}
      {documents.map((d) => (
        <DocumentCard key={d.id} document={d} busy={busy} />
      ))}
      {documents.length > 0 && <ExtractButton conversationId={conversationId} busy={extracting} />}
      {documents.length > 0 && <SearchModelNote />}
      {documents.length > 0 && (
        <p className="muted">
          Ask about {documents.length === 1 ? 'it' : 'them'} in the chat: answers come from the
          text, with page numbers. Nothing leaves this device.
        </p>
      )}
    </section>
  );
}
