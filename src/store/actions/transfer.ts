import { downloadText } from '../../lib/download';
import { newId } from '../../lib/ids';
import { useChatStore } from '../chatStore';
import { notify } from '../runtimeStore';
import { conversationToMarkdown, exportAllChats, exportFileName } from '../transfer/exportChats';
import { MAX_IMPORT_BYTES, mergeImported, parseChatImport } from '../transfer/importChats';

export function exportAllAsJson(): void {
  const { conversations } = useChatStore.getState();
  downloadText(
    exportFileName('all chats', 'json'),
    exportAllChats(conversations),
    'application/json',
  );
}

export function exportChatAsMarkdown(conversationId: string): void {
  const conversation = useChatStore.getState().conversations[conversationId];
  if (!conversation) return;
  downloadText(
    exportFileName(conversation.title, 'md'),
    conversationToMarkdown(conversation),
    'text/markdown',
  );
}

/** Imports a JSON export. The whole file is checked first; on any problem nothing changes. */
export async function importChatsFromFile(file: File): Promise<void> {
  // An oversized file is refused by its size alone, without reading it into memory.
  const text = file.size > MAX_IMPORT_BYTES ? '' : await file.text();
  const result = parseChatImport(text, file.size);
  if (!result.ok) {
    notify('error', `Import failed: ${result.error} Nothing was changed.`);
    return;
  }
  useChatStore.setState((s) => ({
    conversations: mergeImported(s.conversations, result.conversations, newId),
  }));
  const count = result.conversations.length;
  notify('info', `Imported ${count} chat${count === 1 ? '' : 's'} from ${file.name}.`);
}
