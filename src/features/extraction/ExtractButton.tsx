import { lazy, Suspense, useState } from 'react';
import { Table2 } from 'lucide-react';
import { Dialog } from '../../ui/Dialog';
import './extraction.css';

// Loads with the dialog: the form brings the extraction itself, which typing a message never needs.
const FieldForm = lazy(() => import('./FieldForm').then((m) => ({ default: m.FieldForm })));

/** "Extract table": the field form for a table of the chat's documents, in a dialog. */
export function ExtractButton({ conversationId, busy }: { conversationId: string; busy: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="extract-button"
        disabled={busy}
        onClick={() => setOpen(true)}
      >
        <Table2 aria-hidden="true" size={16} /> Extract table
      </button>
      <Dialog title="Extract a table" open={open} onClose={() => setOpen(false)}>
        <p className="muted">
          One row per document (or per item, such as a statement’s transactions), one column per
          field. A value a document does not state stays empty; each value keeps the page it came
          from.
        </p>
        <Suspense fallback={null}>
          <FieldForm conversationId={conversationId} onDone={() => setOpen(false)} />
        </Suspense>
      </Dialog>
    </>
  );
}
