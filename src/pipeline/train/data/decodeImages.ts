/**
 * Encoded images (PNG/JPEG Blobs from IndexedDB) to network input: float32 RGB in [0, 1],
 * NHWC, decoded by the browser (createImageBitmap decodes off the calling thread).
 */
import { GmfError } from '../../../lib/errors';

export async function decodeToRgb(blobs: readonly Blob[], size: number): Promise<Float32Array> {
  const out = new Float32Array(blobs.length * size * size * 3);
  const canvas = new OffscreenCanvas(size, size);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new GmfError('DECODE_NO_CANVAS', 'No 2D canvas is available to decode images.');
  const bitmaps = await Promise.all(blobs.map((blob) => createImageBitmap(blob)));
  bitmaps.forEach((bitmap, n) => {
    if (bitmap.width !== size || bitmap.height !== size) {
      throw new GmfError(
        'DECODE_SIZE',
        `A stored image is ${bitmap.width}×${bitmap.height}, not the dataset's ${size}×${size}.`,
      );
    }
    ctx.clearRect(0, 0, size, size);
    ctx.drawImage(bitmap, 0, 0);
    bitmap.close();
    rgbaToRgb(ctx.getImageData(0, 0, size, size).data, out, n * size * size * 3);
  });
  return out;
}

/** RGBA bytes to RGB floats in [0, 1] at `offset` (alpha dropped: images are opaque or composited). */
export function rgbaToRgb(rgba: ArrayLike<number>, out: Float32Array, offset: number): void {
  const pixels = rgba.length / 4;
  for (let p = 0; p < pixels; p++) {
    out[offset + 3 * p] = (rgba[4 * p] ?? 0) / 255;
    out[offset + 3 * p + 1] = (rgba[4 * p + 1] ?? 0) / 255;
    out[offset + 3 * p + 2] = (rgba[4 * p + 2] ?? 0) / 255;
  }
}
