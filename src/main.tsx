// A build also loads it ahead of this file (build/bootFirst.ts); it runs once either way.
import './boot';
import { StrictMode, useEffect, useState, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { ErrorBoundary } from './app/ErrorBoundary';
import { FirstScreen } from './app/FirstScreen';
import './app/tokens.css';
import './app/app.css';
import './ui/utilities.css';

/**
 * The first screen, then the app. The app's code is asked for once the first screen is committed:
 * asked for sooner, on a reload (where it comes from the cache at once) its modules ran before
 * that commit and held it back. Not React.lazy: a Suspense boundary, once it has shown its
 * fallback, holds the content back for at least 300 ms (React 19's FALLBACK_THROTTLE_MS).
 */
function Start() {
  const [Root, setRoot] = useState<ComponentType | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);
  useEffect(() => {
    import('./app/Root').then(
      (module) => setRoot(() => module.default),
      (error: unknown) => setFailure(error instanceof Error ? error : new Error(String(error))),
    );
  }, []);
  // Thrown where the error boundary catches it: the app's code could not be loaded.
  if (failure) throw failure;
  return Root ? <Root /> : <FirstScreen status="Opening your chats…" />;
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <Start />
    </ErrorBoundary>
  </StrictMode>,
);
