/**
 * The chat export file, declared once: what exportChats.ts writes and importChats.ts reads. Its
 * chats are the stored chats' own declaration (store/schema.ts); its images carry their bytes in
 * base64 (JSON has no bytes) and are checked to be what they say they are. Pure.
 */
import * as v from 'valibot';
import { sniffImage } from '../../images/detect';
import { base64ToBytes } from '../../lib/base64';
import { isImageId } from '../../lib/imageTypes';
import { ImageRefSchema, type Conversation } from '../schema';

export const EXPORT_FORMAT = 'nook-chats';

const BASE64_RULE = 'must be the image in base64.';

/** An image of the chats, as the file carries it; read back as its bytes. */
export const ExportedImageSchema = v.pipe(
  v.object(
    {
      type: ImageRefSchema.entries.type,
      width: ImageRefSchema.entries.width,
      height: ImageRefSchema.entries.height,
      data: v.pipe(
        v.string(BASE64_RULE),
        v.transform((data) => base64ToBytes(data) ?? new Uint8Array()),
        v.check((bytes) => bytes.length > 0, BASE64_RULE),
      ),
    },
    'expected an image object.',
  ),
  v.check(
    (image) => sniffImage(image.data) === image.type,
    (issue) => `its data is not the ${(issue.input as { type: string }).type} image its type says.`,
  ),
  v.transform(({ data, ...image }) => ({ ...image, bytes: data.slice().buffer })),
);

/** The images of a file, by id (the SHA-256 of their bytes, checked by the importer). */
export const ExportedImagesSchema = v.record(
  v.pipe(
    v.string(),
    v.check((id) => isImageId(id), 'its id must be the SHA-256 of its bytes, in hex.'),
  ),
  ExportedImageSchema,
  'must be an object of images by id.',
);

export type ExportedImage = v.InferInput<typeof ExportedImageSchema>;

export interface ChatExportFile {
  format: typeof EXPORT_FORMAT;
  /** The CHAT_STATE_VERSION the chats are written in, so a later Nook knows how to upgrade them. */
  version: number;
  exportedAt: string;
  conversations: Conversation[];
  /** The images messages refer to, by id; left out when there are none. */
  images?: Record<string, ExportedImage>;
}
