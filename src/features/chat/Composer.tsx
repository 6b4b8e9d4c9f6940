import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { sendMessage } from '../../store/actions/messageActions';
import { stopGeneration } from '../../store/actions/stopGeneration';
import { useChatStore } from '../../store/chatStore';
import { useRuntimeStore } from '../../store/runtimeStore';
import { selectIsGenerating } from '../../store/selectors';

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

  return (
    <form className="composer" onSubmit={submit}>
      <textarea
        aria-label="Message"
        placeholder="Message Nook (Enter to send, Shift+Enter for a new line)"
        value={text}
        rows={2}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
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
