// The yardstick for `npm run bench`'s app-start: a bare Vite + React page that renders what Nook's
// shell shows when it becomes usable (a header with the model button and New chat, a composer with
// the message box and Send) and marks that moment as Nook does, in the effect after React commits.
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';

function Page() {
  useEffect(() => {
    performance.mark('nook:interactive');
  }, []);
  return (
    <>
      <header>
        <strong>Nook</strong>
        <button type="button">
          Model <span>Llama 3.2 · 1B</span>
        </button>
        <button type="button">New chat</button>
      </header>
      <main aria-label="New chat">
        <h1>Private AI, on your device</h1>
        <textarea aria-label="Message" placeholder="Message Nook" />
        <button type="button">Send</button>
      </main>
    </>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <Page />
  </StrictMode>,
);
