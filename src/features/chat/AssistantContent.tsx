import { splitThinking } from '../../prompts/thinking';
import { Markdown } from '../../ui/markdown/Markdown';
import './chat.css';

/** A reply as people read it: its thinking collapsed apart from the answer, the answer as Markdown. */
export function AssistantContent({ text, streaming }: { text: string; streaming: boolean }) {
  const { thinking, answer, thinkingDone } = splitThinking(text);
  return (
    <>
      {thinking !== null && (
        // Remounted when thinking ends, so it starts open while live and collapses when done.
        <details key={thinkingDone ? 'done' : 'live'} className="thinking" open={!thinkingDone}>
          <summary>{thinkingDone ? 'Thinking' : 'Thinking…'}</summary>
          <div className="thinking-text">{thinking}</div>
        </details>
      )}
      {streaming && !text && <p className="message-note">Waiting for the first words…</p>}
      <div className="message-content">
        <Markdown text={answer} />
      </div>
    </>
  );
}
