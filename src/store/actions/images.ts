/**
 * Images in chats: attaching them in the composer (prepared in the image worker; a bad one is
 * refused with a sentence and changes nothing), saving them when their message is sent, object
 * URLs to show stored ones, and removing the images no chat shows any more.
 */
import { ImageFailure, prepareImageFile } from '../../images/prepareClient';
import {
  deleteImages,
  imageSavedAt,
  loadImage,
  saveImage,
  storedImageIds,
} from '../../persistence/imageStore';
import { useChatStore } from '../chatStore';
import { useRuntimeStore } from '../runtimeStore';
import type { ImageRef } from '../schema';
import { imageIdsOf } from '../transfer/exportChats';

/** More would not fit a vision model's context window anyway (about 2,500 tokens each of 4,096). */
export const MAX_IMAGES_PER_MESSAGE = 4;
/**
 * An image saved this recently may belong to a message another tab has not written yet (chats are
 * written about 300 ms after a change, at once when a tab is hidden).
 */
const ORPHAN_GRACE_MS = 60 * 1000;

export async function attachImages(files: readonly File[]): Promise<void> {
  useRuntimeStore.setState({ imageError: null });
  for (const file of files) {
    const { composerImages, preparingImages } = useRuntimeStore.getState();
    if (composerImages.length + preparingImages >= MAX_IMAGES_PER_MESSAGE) {
      useRuntimeStore.setState({
        imageError: `A message can carry up to ${MAX_IMAGES_PER_MESSAGE} images; “${file.name}” was not added.`,
      });
      return;
    }
    useRuntimeStore.setState((s) => ({ preparingImages: s.preparingImages + 1 }));
    try {
      const image = await prepareImageFile(file, file.name);
      const url = URL.createObjectURL(new Blob([image.bytes], { type: image.type }));
      useRuntimeStore.setState((s) => ({
        composerImages: s.composerImages.some((i) => i.id === image.id)
          ? s.composerImages
          : [...s.composerImages, { ...image, name: file.name, url }],
      }));
    } catch (error) {
      const message =
        error instanceof ImageFailure
          ? error.message
          : `“${file.name}” could not be read: ${String(error)}`;
      useRuntimeStore.setState({ imageError: message });
    } finally {
      useRuntimeStore.setState((s) => ({ preparingImages: s.preparingImages - 1 }));
    }
  }
}

export function removeComposerImage(id: string): void {
  const { composerImages } = useRuntimeStore.getState();
  composerImages.filter((i) => i.id === id).forEach((i) => URL.revokeObjectURL(i.url));
  useRuntimeStore.setState({ composerImages: composerImages.filter((i) => i.id !== id) });
}

/**
 * Saves the composer's images and hands back their references for the message; the composer is
 * emptied only once they are safely stored.
 */
export async function takeComposerImages(): Promise<ImageRef[]> {
  const pending = useRuntimeStore.getState().composerImages;
  for (const image of pending) await saveImage(image.id, image);
  useRuntimeStore.setState({ composerImages: [], imageError: null });
  pending.forEach((i) => URL.revokeObjectURL(i.url));
  return pending.map(({ id, type, width, height, bytes }) => ({
    id,
    type,
    width,
    height,
    bytes: bytes.byteLength,
  }));
}

export function dismissImageError(): void {
  useRuntimeStore.setState({ imageError: null });
}

/** The bytes of the images `refs` name, by id; images that are gone are left out. */
export async function loadImageBlobs(refs: readonly ImageRef[]): Promise<Map<string, Blob>> {
  const blobs = new Map<string, Blob>();
  for (const ref of refs) {
    if (blobs.has(ref.id)) continue;
    const image = await loadImage(ref.id);
    if (image) blobs.set(ref.id, new Blob([image.bytes], { type: image.type }));
  }
  return blobs;
}

/** Object URLs of stored images, shared by every thumbnail of the same image, revoked when unused. */
const shown = new Map<string, { url: Promise<string | null>; users: number }>();

export function acquireImageUrl(id: string): Promise<string | null> {
  const entry = shown.get(id) ?? {
    url: loadImage(id).then((image) =>
      image ? URL.createObjectURL(new Blob([image.bytes], { type: image.type })) : null,
    ),
    users: 0,
  };
  entry.users += 1;
  shown.set(id, entry);
  return entry.url;
}

export function releaseImageUrl(id: string): void {
  const entry = shown.get(id);
  if (!entry || --entry.users > 0) return;
  shown.delete(id);
  void entry.url.then((url) => url && URL.revokeObjectURL(url));
}

/** Images of chats that no longer exist (deleted, and past Undo) are removed. */
export async function removeOrphanImages(now = Date.now()): Promise<void> {
  const { conversations } = useChatStore.getState();
  const lastDeleted = useRuntimeStore.getState().lastDeleted;
  const used = imageIdsOf([...Object.values(conversations), ...(lastDeleted ? [lastDeleted] : [])]);
  const unused = (await storedImageIds()).filter((id) => !used.has(id));
  const old: string[] = [];
  for (const id of unused) {
    const savedAt = await imageSavedAt(id);
    if (savedAt !== null && now - savedAt > ORPHAN_GRACE_MS) old.push(id);
  }
  await deleteImages(old);
}
