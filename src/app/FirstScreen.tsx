import { ArrowUp, Ellipsis, PanelLeft, SquarePen } from 'lucide-react';
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { ModelButtonFace } from '../features/models/ModelButtonFace';
import { handOverDraft, takeDraft } from '../features/chat/earlyDraft';
import { INTERACTIVE_MARK, markOnce } from '../features/stats/startMarks';
import { IconButton } from '../ui/IconButton';
import '../features/chat/chat.css';
import '../features/conversations/conversations.css';
import './shell.css';

export const OPENING_CHATS = 'Opening your chats…';

/**
 * What Nook shows while the app's own code loads, its saved chats are read and the GPU is probed:
 * the header and the message box where the app puts them, so a returning user can start typing at
 * once. It needs none of the app's code (src/main.tsx loads that after this is up), and a build
 * writes it into index.html (build/prerenderFirstScreen.ts). What is typed goes on into the app's
 * composer, and a message sent with Enter (once React has taken the screen over) is sent as soon
 * as a model is chosen.
 */
export function FirstScreen({ status }: { status: string }) {
  const box = useRef<HTMLTextAreaElement>(null);
  const send = useRef(false);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    send.current = takeDraft(element)?.send ?? false;
    return () => handOverDraft(element, send.current);
  }, []);
  // A build's boot script marks it first, from index.html's copy; in development this is the mark.
  useEffect(() => markOnce(INTERACTIVE_MARK), []);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send.current = event.currentTarget.value.trim() !== '';
    }
  };

  return (
    <div className="app" aria-busy="true">
      <header className="app-header">
        <IconButton className="sidebar-toggle" label="Chats" icon={<PanelLeft />} disabled />
        <span className="brand">Nook</span>
        <ModelButtonFace name="loading…" disabled />
        <div className="header-end">
          <IconButton
            label="New chat"
            icon={<SquarePen />}
            showLabel
            className="new-chat"
            disabled
          />
          <IconButton label="More" icon={<Ellipsis />} disabled />
        </div>
      </header>
      <div className="app-body">
        <nav className="sidebar" aria-label="Chats" />
        <main className="app-main">
          <div className="chat">
            <p className="first-screen-status" role="status">
              {status}
            </p>
            <form className="composer" onSubmit={(event) => event.preventDefault()}>
              <div className="composer-box">
                <textarea
                  ref={box}
                  aria-label="Message"
                  placeholder="Message Nook"
                  rows={1}
                  onKeyDown={onKeyDown}
                />
                <div className="composer-tools">
                  <span className="first-screen-tools" />
                  <span className="composer-hint">Enter to send · Shift+Enter for a new line</span>
                  <IconButton className="composer-send" label="Send" icon={<ArrowUp />} disabled />
                </div>
              </div>
            </form>
          </div>
        </main>
      </div>
    </div>
  );
}
