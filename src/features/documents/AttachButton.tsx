import { Paperclip } from 'lucide-react';
import { useRef } from 'react';
import { attachDocument } from '../../store/actions/documents';
import { useRuntimeStore } from '../../store/runtimeStore';
import { IconButton } from '../../ui/IconButton';

// Images too: attached as a document, a photo or scan of text is read by OCR.
const ACCEPT =
  '.txt,.md,.markdown,.html,.htm,.pdf,.docx,text/plain,text/markdown,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,image/png,image/jpeg,image/webp,image/gif';

/** Picks a document to attach to the open chat; it is read on this device only. */
export function AttachButton() {
  const input = useRef<HTMLInputElement>(null);
  const busy = useRuntimeStore((s) => s.documentJob !== null);
  return (
    <>
      <IconButton
        className="attach"
        label="Attach document"
        icon={<Paperclip />}
        disabled={busy}
        onClick={() => input.current?.click()}
      />
      <input
        ref={input}
        type="file"
        hidden
        aria-label="Attach document"
        accept={ACCEPT}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void attachDocument(file);
        }}
      />
    </>
  );
}
