import { ImagePlus } from 'lucide-react';
import { useRef } from 'react';
import { attachImages } from '../../store/actions/images';
import { IconButton } from '../../ui/IconButton';

/** What the file picker offers; anything else picked is still checked by its bytes and refused. */
const ACCEPT = 'image/png,image/jpeg,image/webp,image/gif,image/heic,image/heif,.heic,.heif';

/** Picks images to send with the next message (scaled down and kept on this device only). */
export function AttachImageButton() {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <IconButton
        className="attach"
        label="Attach image"
        icon={<ImagePlus />}
        onClick={() => input.current?.click()}
      />
      <input
        ref={input}
        type="file"
        hidden
        multiple
        aria-label="Attach image"
        accept={ACCEPT}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) void attachImages(files);
        }}
      />
    </>
  );
}
