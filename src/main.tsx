// A build also loads it ahead of this file (build/bootFirst.ts); it runs once either way.
import './boot';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import { HydrationGate } from './app/HydrationGate';
import './app/tokens.css';
import './app/app.css';
import './ui/utilities.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <HydrationGate>
        <App />
      </HydrationGate>
    </ErrorBoundary>
  </StrictMode>,
);
