import { Lock } from 'lucide-react';
import { EXAMPLE_PROMPTS } from '../../prompts/examples';
import { sendMessage } from '../../store/actions/messageActions';
import { useChatStore } from '../../store/chatStore';
import { useRuntimeStore } from '../../store/runtimeStore';
import { selectIsGenerating } from '../../store/selectors';
import { FirstDownloadNote } from '../models/FirstDownloadNote';
import { DeviceSummary } from '../setup/DeviceSummary';
import './chat.css';

/** A chat with nothing in it yet: what Nook is, a few things to ask, and what runs where. */
export function EmptyChat() {
  const canSend = useChatStore((s) => s.selectedModelId !== null);
  const busy = useRuntimeStore(selectIsGenerating);
  const onGpu = useRuntimeStore((s) => s.gpu?.status === 'available');
  return (
    <div className="empty-chat">
      <h1>Private AI, on your device</h1>
      <p className="empty-chat-lead">
        <Lock aria-hidden="true" /> The model runs in this tab, on your{' '}
        {onGpu ? 'GPU' : 'processor'}. Nothing you type leaves this computer.
      </p>
      <FirstDownloadNote />
      <ul className="starters" aria-label="Try asking">
        {EXAMPLE_PROMPTS.map((prompt) => (
          <li key={prompt}>
            <button
              type="button"
              className="starter"
              disabled={!canSend || busy}
              onClick={() => void sendMessage(prompt)}
            >
              {prompt}
            </button>
          </li>
        ))}
      </ul>
      <p className="muted">
        Drop a PDF, Word, HTML, Markdown or text file here to summarize or question it (scanned
        pages are read by OCR); drop an image to send it with your message.
      </p>
      <DeviceSummary />
    </div>
  );
}
