import { ArrowUp, Columns3, Square } from 'lucide-react';
import {
  useEffect,
  useEffectEvent,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ClipboardEvent,
  type FormEvent,
  type KeyboardEvent,
} from 'react';
import { attachPastedText, PASTE_AS_DOCUMENT_CHARS } from '../../store/actions/documents';
import { attachImages } from '../../store/actions/images';
import { openCompare } from '../compare/compareDialog';
import { AttachButton } from '../documents/AttachButton';
import { sendMessage } from '../../store/actions/messageActions';
import { stopGeneration } from '../../store/actions/stopGeneration';
import { useChatStore } from '../../store/chatStore';
import { useRuntimeStore } from '../../store/runtimeStore';
import { selectIsGenerating } from '../../store/selectors';
import { IconButton } from '../../ui/IconButton';
import { AttachImageButton } from './AttachImageButton';
import { ComposerImages } from './ComposerImages';
import { takeDraft } from './earlyDraft';
import { useModelCanSee } from './VisionNote';
import './chat.css';

/** The box grows with its text up to this height; then it scrolls. */
const MAX_HEIGHT_PX = 220;

/** The message box: Enter sends, Shift+Enter starts a new line, Esc stops a reply. */
export function Composer() {
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  // Sent with Enter on the first screen, before the app could send (src/app/FirstScreen.tsx).
  const sendWhenReady = useRef(false);
  const hintId = useId();
  const generating = useRuntimeStore(selectIsGenerating);
  const hasModel = useChatStore((s) => s.selectedModelId !== null);
  const imageCount = useRuntimeStore((s) => s.composerImages.length);
  const preparing = useRuntimeStore((s) => s.preparingImages > 0);
  const canSee = useModelCanSee();
  // Images wait (and the note says why) until the model can see them or they are removed; a
  // message waits for images still being prepared, so none is left behind.
  const canSend =
    hasModel &&
    !preparing &&
    (text.trim() !== '' || imageCount > 0) &&
    (imageCount === 0 || canSee);

  // Fits the box to its text: measured from its scroll height, once per change. An empty box is
  // one row high as it stands; measuring it made the browser lay out the whole page in the middle
  // of the app's first render (15–25 ms of a first visit, in a CPU profile).
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    element.style.height = 'auto';
    if (text === '') return;
    element.style.height = `${Math.min(element.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [text]);

  // What was typed while the app loaded carries on here, caret and all.
  useLayoutEffect(() => {
    if (!box.current) return;
    const draft = takeDraft(box.current);
    if (!draft) return;
    setText(draft.text);
    sendWhenReady.current = draft.send;
  }, []);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (generating || !canSend) return;
    const sent = text;
    setText('');
    // If the images cannot be saved nothing is sent, and the text comes back.
    void sendMessage(sent).then((ok) => {
      if (!ok) setText((current) => current || sent);
    });
  };

  const sendDraft = useEffectEvent(() => submit());
  useEffect(() => {
    if (!sendWhenReady.current || !canSend || generating) return;
    sendWhenReady.current = false;
    sendDraft();
  }, [canSend, generating]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && generating) {
      event.preventDefault();
      stopGeneration();
    }
  };

  // Pasted images (or files) go with the message; a paste too long for a message becomes a
  // document that can be summarized and questioned.
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = [...event.clipboardData.files];
    if (files.length > 0) {
      event.preventDefault();
      void attachImages(files);
      return;
    }
    const pasted = event.clipboardData.getData('text/plain');
    if (pasted.length <= PASTE_AS_DOCUMENT_CHARS) return;
    event.preventDefault();
    void attachPastedText(pasted);
  };

  return (
    <form className="composer" onSubmit={submit}>
      <div className="composer-box">
        <ComposerImages />
        <textarea
          ref={box}
          aria-label="Message"
          aria-describedby={hintId}
          placeholder="Message Nook"
          value={text}
          rows={1}
          onChange={(e) => {
            setText(e.target.value);
            sendWhenReady.current = false;
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        <div className="composer-tools">
          <AttachButton />
          <AttachImageButton />
          {/* The typed message goes to the models compared, and leaves the box once they start. */}
          <IconButton
            label="Compare models"
            icon={<Columns3 />}
            disabled={generating}
            onClick={() => openCompare({ prompt: text, onStarted: () => setText('') })}
          />
          <span className="composer-hint" id={hintId}>
            Enter to send · Shift+Enter for a new line
          </span>
          {generating ? (
            <IconButton
              className="composer-send stop"
              label="Stop"
              icon={<Square />}
              onClick={stopGeneration}
            />
          ) : (
            <IconButton
              type="submit"
              className="composer-send"
              label="Send"
              icon={<ArrowUp />}
              disabled={!canSend}
            />
          )}
        </div>
      </div>
    </form>
  );
}
