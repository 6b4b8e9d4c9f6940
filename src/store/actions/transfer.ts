import { bytesToBase64 } from '../../lib/base64';
import { downloadText } from '../../lib/download';
import { newId } from '../../lib/ids';
import { sha256Hex } from '../../lib/sha256';
import { loadImage, saveImage } from '../../persistence/imageStore';
import { useChatStore } from '../chatStore';
import { notify } from '../runtimeStore';
import {
  conversationToMarkdown,
  exportAllChats,
  exportFileName,
  imageIdsOf,
} from '../transfer/exportChats';
import type { ExportedImage } from '../transfer/exportFile';

/** The stored images the chats show, ready for the file; one that is gone is left out. */
async function exportedImages(ids: Iterable<string>): Promise<Record<string, ExportedImage>> {
  const images: Record<string, ExportedImage> = {};
  for (const id of ids) {
    const image = await loadImage(id);
    if (!image) continue;
    const { type, width, height, bytes } = image;
    images[id] = { type, width, height, data: bytesToBase64(new Uint8Array(bytes)) };
  }
  return images;
}

export async function exportAllAsJson(): Promise<void> {
  const { conversations } = useChatStore.getState();
  const images = await exportedImages(imageIdsOf(Object.values(conversations)));
  downloadText(
    exportFileName('all chats', 'json'),
    exportAllChats(conversations, new Date(), images),
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
  // Reading and checking an export file loads when a file is chosen: the header's menu offers
  // Import on the first screen, which does not need that code.
  const { MAX_IMPORT_BYTES, mergeImported, parseChatImport } =
    await import('../transfer/importChats');
  // An oversized file is refused by its size alone, without reading it into memory.
  const text = file.size > MAX_IMPORT_BYTES ? '' : await file.text();
  const result = parseChatImport(text, file.size);
  if (!result.ok) {
    notify('error', `Import failed: ${result.error} Nothing was changed.`);
    return;
  }
  const images = Object.entries(result.images);
  for (const [id, image] of images) {
    if ((await sha256Hex(image.bytes)) !== id) {
      notify('error', `Import failed: image ${id.slice(0, 12)}… is damaged. Nothing was changed.`);
      return;
    }
  }
  try {
    // Images first: a chat is never shown without the images it refers to.
    for (const [id, image] of images) await saveImage(id, image);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    notify(
      'error',
      `Import failed: the images could not be saved (${reason}). Nothing was changed.`,
    );
    return;
  }
  useChatStore.setState((s) => ({
    conversations: mergeImported(s.conversations, result.conversations, newId),
  }));
  const count = result.conversations.length;
  notify('info', `Imported ${count} chat${count === 1 ? '' : 's'} from ${file.name}.`);
}
