// The yardstick for `npm run bench`'s app-start: a bare Vite + React page that renders the same
// header and composer as Nook's first screen (the same component, with the same stylesheet) and
// marks that moment as Nook does, in the effect after React commits (FirstScreen's own effect).
// Bare: rendered by React in the browser once its script has run, with nothing else on the page;
// no markup written at build time, no boot script, no app behind it, no engine worker.
//
// Until 2026-12-07 it rendered an unstyled copy of that header and composer, which painted a few
// words of default text on white: 4 ms of rasterizing in a trace of a reload here, against 17–50 ms
// for the styled screen on this machine's software compositor, a cost any page that looks like
// Nook pays and that the yardstick left out.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FirstScreen, OPENING_CHATS } from '../../src/app/FirstScreen';
import '../../src/app/tokens.css';
import '../../src/app/app.css';
import '../../src/ui/utilities.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <FirstScreen status={OPENING_CHATS} />
  </StrictMode>,
);
