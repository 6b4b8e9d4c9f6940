import { useEffect } from 'react';
import { newChat } from '../store/actions/conversations';
import { SEARCH_INPUT_ID } from '../features/conversations/ConversationSidebar';

/** App-wide keys: Ctrl/Cmd+Shift+O starts a new chat, Ctrl/Cmd+K focuses search. */
export function useShortcuts(onSearch: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      if (!mod) return;
      const key = event.key.toLowerCase();
      if (event.shiftKey && key === 'o') {
        event.preventDefault();
        newChat();
        document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]')?.focus();
      } else if (!event.shiftKey && key === 'k') {
        event.preventDefault();
        onSearch();
        // After the sidebar has opened on narrow screens.
        requestAnimationFrame(() => document.getElementById(SEARCH_INPUT_ID)?.focus());
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onSearch]);
}
