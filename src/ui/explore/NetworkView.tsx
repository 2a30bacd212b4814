import { useEffect, useRef } from 'react';
import type { NetworkImages } from './useFaceData';

const EYES = ['left eye', 'centre', 'right eye'];

/** An RGBA image of side `size`, drawn 1:1 into a canvas (CSS scales it up, pixelated). */
export function PixelCanvas({ image, size, label }: { image: Uint8ClampedArray; size: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (ctx) ctx.putImageData(new ImageData(new Uint8ClampedArray(image), size, size), 0, 0);
  }, [image, size]);
  return <canvas ref={ref} width={size} height={size} role="img" aria-label={label} />;
}

function ImageCanvas({ image, size, label }: { image: Uint8ClampedArray; size: number; label: string }) {
  return (
    <figure className="network-image">
      <PixelCanvas image={image} size={size} label={`Network input ${size}×${size}, ${label}`} />
      <figcaption>{label}</figcaption>
    </figure>
  );
}

/** Exactly the image(s) a network would receive at the dataset resolution. */
export function NetworkView({ network }: { network: NetworkImages | null }) {
  if (!network) return <p>Rendering the network view…</p>;
  const { images, size } = network;
  return (
    <div className="network-view" aria-label="Network view">
      {images.map((image, i) => (
        <ImageCanvas key={i} image={image} size={size} label={images.length === 3 ? (EYES[i] ?? '') : 'centre'} />
      ))}
    </div>
  );
}
