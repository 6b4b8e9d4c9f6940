// A build also loads it ahead of this file (build/bootFirst.ts); it runs once either way.
import './boot';
import { StrictMode, useEffect, useState, type ComponentType } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { ErrorBoundary } from './app/ErrorBoundary';
import { FirstScreen, OPENING_CHATS } from './app/FirstScreen';
import { startGpuProbe } from './engine/gpuProbe';
import './app/tokens.css';
import './app/app.css';
import './ui/utilities.css';

/**
 * The first screen, then the app. The app's code is asked for once the first screen is committed:
 * asked for sooner, on a reload (where it comes from the cache at once) its modules ran before
 * that commit and held it back. Not React.lazy: a Suspense boundary, once it has shown its
 * fallback, holds the content back for up to 300 ms (react-dom's FALLBACK_THROTTLE_MS).
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
  return Root ? <Root /> : <FirstScreen status={OPENING_CHATS} />;
}

// The engine worker starts now and asks WebGPU what this device can run, while React takes over
// the first screen and the app's code arrives; the app needs the answer before it picks a model.
void startGpuProbe();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const page = (
  <StrictMode>
    <ErrorBoundary>
      <Start />
    </ErrorBoundary>
  </StrictMode>
);
// A build writes the first screen into index.html (build/prerenderFirstScreen.ts): React takes over
// that markup, and with it whatever was typed into it. The development server has none.
if (root.hasChildNodes()) hydrateRoot(root, page);
else createRoot(root).render(page);
