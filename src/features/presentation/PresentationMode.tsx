import { useEffect, useRef } from 'react';
import { recommendModel } from '../../models/catalog';
import { formatRate } from '../../lib/format';
import { sendMessage } from '../../store/actions/messageActions';
import { switchToModel } from '../../store/session/modelSession';
import { useCatalog } from '../../store/catalog';
import { useChatStore } from '../../store/chatStore';
import { useRuntimeStore } from '../../store/runtimeStore';
import { engineModelId, selectActiveConversation, selectIsGenerating } from '../../store/selectors';
import { ProgressBar } from '../../ui/ProgressBar';
import { Composer } from '../chat/Composer';
import { friendlyName } from '../../models/names';
import { useModelName } from '../models/useModelName';
import { MessageList } from '../chat/MessageList';
import { EXAMPLE_PROMPTS } from '../../prompts/examples';
import './presentation.css';

/** Tokens per second while a reply streams; the last reply's decode speed after it. */
function Speed() {
  const live = useRuntimeStore((s) => s.liveRate?.tokensPerS ?? null);
  const generating = useRuntimeStore(selectIsGenerating);
  const last = useRuntimeStore((s) => s.sessionReplies.at(-1)?.decodeTokensPerS ?? null);
  const text =
    live !== null
      ? formatRate(live, 'tokens/s')
      : generating
        ? 'Thinking…'
        : last !== null
          ? `Last reply: ${formatRate(last, 'tokens/s')}`
          : '';
  return <p className={live !== null ? 'presentation-speed live' : 'presentation-speed'}>{text}</p>;
}

function OfflineBadge() {
  const online = useRuntimeStore((s) => s.online);
  return (
    <span role="status" className={online ? 'presentation-offline' : 'presentation-offline shown'}>
      {online ? '' : 'Offline'}
    </span>
  );
}

function ModelLine() {
  const engine = useRuntimeStore((s) => s.engine);
  const name = useModelName(engineModelId(engine));
  const catalog = useCatalog();
  const gpu = useRuntimeStore((s) => s.gpu);
  const recommended = gpu?.status === 'available' ? recommendModel(catalog, gpu) : undefined;
  switch (engine.status) {
    case 'ready':
      return (
        <p className="muted">
          <strong>{name}</strong> is ready, running on this device.
        </p>
      );
    case 'loading': {
      const fraction = engine.progress?.fraction ?? null;
      return (
        <div className="presentation-loading">
          <p className="muted">Loading {name}…</p>
          <ProgressBar label="Loading model" value={fraction} />
        </div>
      );
    }
    case 'elsewhere':
      return <p className="muted">Another tab is running a model: take over there first.</p>;
    case 'idle':
    case 'error':
      return recommended ? (
        <button
          type="button"
          className="primary"
          onClick={() => void switchToModel(recommended.id)}
        >
          Load {friendlyName(recommended)}
        </button>
      ) : (
        <p className="muted">Choose a model first.</p>
      );
  }
}

function StartScreen() {
  const generating = useRuntimeStore(selectIsGenerating);
  return (
    <div className="presentation-start">
      <h1>Private AI, on this device</h1>
      <p className="muted">
        The model runs in this browser tab, on this computer’s GPU. Nothing typed here leaves it.
      </p>
      <ModelLine />
      <div className="presentation-examples" role="group" aria-label="Example prompts">
        {EXAMPLE_PROMPTS.map((prompt) => (
          <button
            key={prompt}
            type="button"
            disabled={generating}
            onClick={() => void sendMessage(prompt)}
          >
            {prompt}
          </button>
        ))}
      </div>
    </div>
  );
}

/**
 * A clean full-screen chat for showing Nook to people: large type, example prompts, the live
 * speed, an Offline badge. Esc, leaving full screen, or the exit button ends it.
 */
export function PresentationMode({ onExit }: { onExit: () => void }) {
  const conversation = useChatStore(selectActiveConversation);
  const messages = conversation?.messages ?? [];
  const exitRef = useRef(onExit);
  useEffect(() => {
    exitRef.current = onExit;
  });

  useEffect(() => {
    let wasFullscreen = document.fullscreenElement !== null;
    const onFullscreenChange = () => {
      const now = document.fullscreenElement !== null;
      // Leaving full screen (the browser's own Esc) leaves presentation mode too.
      if (wasFullscreen && !now) exitRef.current();
      wasFullscreen = now;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      // Esc in the message box stops a reply first (the composer handles it and prevents default).
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      exitRef.current();
    };
    document.addEventListener('fullscreenchange', onFullscreenChange);
    window.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('fullscreenchange', onFullscreenChange);
      window.removeEventListener('keydown', onKeyDown);
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    };
  }, []);

  return (
    <section className="presentation" aria-label="Presentation mode">
      <header className="presentation-bar">
        <span className="brand">Nook</span>
        <Speed />
        <OfflineBadge />
        <button type="button" onClick={onExit}>
          Exit presentation mode
        </button>
      </header>
      <main className="chat presentation-chat" aria-label={conversation?.title ?? 'New chat'}>
        {conversation && messages.length > 0 ? (
          <MessageList conversationId={conversation.id} messages={messages} />
        ) : (
          <StartScreen />
        )}
        <Composer />
      </main>
    </section>
  );
}
