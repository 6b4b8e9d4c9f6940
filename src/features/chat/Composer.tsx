import { useState, type ClipboardEvent, type FormEvent, type KeyboardEvent } from 'react';
import { attachPastedText, PASTE_AS_DOCUMENT_CHARS } from '../../store/actions/documents';
import { AttachButton } from '../documents/AttachButton';
import { sendMessage } from '../../store/actions/messageActions';
import { stopGeneration } from '../../store/actions/stopGeneration';
import { useChatStore } from '../../store/chatStore';
import { useRuntimeStore } from '../../store/runtimeStore';
import { selectIsGenerating } from '../../store/selectors';
import './chat.css';

/** The message box: Enter sends, Shift+Enter starts a new line, Esc stops a reply. */
export function Composer() {
  const [text, setText] = useState('');
  const generating = useRuntimeStore(selectIsGenerating);
  const hasModel = useChatStore((s) => s.selectedModelId !== null);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (generating || !hasModel || !text.trim()) return;
    void sendMessage(text);
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && generating) {
      event.preventDefault();
      stopGeneration();
    }
  };

  // A paste too long for a message becomes a document that can be summarized and questioned.
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = event.clipboardData.getData('text/plain');
    if (pasted.length <= PASTE_AS_DOCUMENT_CHARS) return;
    event.preventDefault();
    void attachPastedText(pasted);
  };

  return (
    <form className="composer" onSubmit={submit}>
      <AttachButton />
      <textarea
        aria-label="Message"
        placeholder="Message Nook (Enter to send, Shift+Enter for a new line)"
        value={text}
        rows={2}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
      />
      {generating ? (
        <button type="button" className="stop" onClick={stopGeneration}>
          Stop
        </button>
      ) : (
        <button type="submit" disabled={!text.trim() || !hasModel}>
          Send
        </button>
      )}
    </form>
  );
}
