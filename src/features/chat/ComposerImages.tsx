import { X } from 'lucide-react';
import { dismissImageError, removeComposerImage } from '../../store/actions/images';
import { useRuntimeStore } from '../../store/runtimeStore';
import { IconButton } from '../../ui/IconButton';
import { VisionNote } from './VisionNote';

/**
 * What goes with the next message besides its text: the images waiting in the composer, any being
 * prepared, why the last one was refused, and, when the chosen model cannot see, what to choose.
 */
export function ComposerImages() {
  const images = useRuntimeStore((s) => s.composerImages);
  const preparing = useRuntimeStore((s) => s.preparingImages);
  const error = useRuntimeStore((s) => s.imageError);
  return (
    <>
      {error && (
        <div className="composer-image-error" role="alert">
          <span>{error}</span>
          <IconButton label="Dismiss" icon={<X />} onClick={dismissImageError} />
        </div>
      )}
      {images.length > 0 && <VisionNote />}
      {(images.length > 0 || preparing > 0) && (
        <ul className="composer-images" aria-label="Images to send">
          {images.map((image) => (
            <li key={image.id} className="composer-image">
              <img src={image.url} alt={image.name} width={image.width} height={image.height} />
              <IconButton
                className="composer-image-remove"
                label="Remove image"
                icon={<X />}
                onClick={() => removeComposerImage(image.id)}
              />
            </li>
          ))}
          {preparing > 0 && (
            <li className="composer-image preparing" role="status">
              Preparing image…
            </li>
          )}
        </ul>
      )}
    </>
  );
}
