import { useEffect, useState } from 'react';
import { acquireImageUrl, releaseImageUrl } from '../../store/actions/images';
import type { ImageRef } from '../../store/schema';

/** An object URL of a stored image while the component shows it; null until read, or if gone. */
function useStoredImageUrl(id: string): string | null | undefined {
  const [url, setUrl] = useState<{ id: string; url: string | null } | undefined>();
  useEffect(() => {
    let live = true;
    void acquireImageUrl(id).then((found) => {
      if (live) setUrl({ id, url: found });
    });
    return () => {
      live = false;
      releaseImageUrl(id);
    };
  }, [id]);
  return url?.id === id ? url.url : undefined;
}

function StoredImage({ image, label }: { image: ImageRef; label: string }) {
  const url = useStoredImageUrl(image.id);
  // The box keeps the image's shape while it loads, so the list below does not jump.
  const style = { aspectRatio: `${image.width} / ${image.height}` };
  if (url === null) {
    return (
      <span className="message-image missing" style={style}>
        Image no longer stored
      </span>
    );
  }
  return url === undefined ? (
    <span className="message-image" style={style} aria-label={label} role="img" />
  ) : (
    <img className="message-image" style={style} src={url} alt={label} />
  );
}

/** The images a message was sent with, as thumbnails made from the bytes stored on this device. */
export function MessageImages({ images }: { images: readonly ImageRef[] }) {
  return (
    <ul className="message-images" aria-label="Images">
      {images.map((image, i) => (
        <li key={`${image.id}-${i}`}>
          <StoredImage
            image={image}
            label={`Image ${i + 1} of ${images.length}, ${image.width} × ${image.height}`}
          />
        </li>
      ))}
    </ul>
  );
}
