import { useRef, type ReactNode } from 'react';
import { importChatsFromFile } from '../../store/actions/transfer';

/** Import: `choose()` asks for a JSON export; render `input` once, anywhere. */
export function useImportChats(): { choose: () => void; input: ReactNode } {
  const fileInput = useRef<HTMLInputElement>(null);
  const input = (
    <input
      ref={fileInput}
      type="file"
      accept=".json,application/json"
      hidden
      aria-label="Import chats"
      onChange={(e) => {
        const file = e.target.files?.[0];
        e.target.value = '';
        if (file) void importChatsFromFile(file);
      }}
    />
  );
  return { choose: () => fileInput.current?.click(), input };
}
