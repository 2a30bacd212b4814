/**
 * Pixel statistics of a screenshot, computed in the page (a 2D canvas decodes the PNG),
 * so the tests need no image library.
 */
import type { Page } from '@playwright/test';

export interface ShapeStats {
  width: number;
  height: number;
  /** Fraction of pixels that differ from the background colour. */
  foregroundFraction: number;
  /** Foreground bounding box height / width. */
  aspect: number;
  /** Foreground pixels / bounding-box area: ~0.79 for an ellipse, 1 for a rectangle. */
  fill: number;
  /** Foreground centroid in [0, 1] image coordinates. */
  centroid: [number, number];
  /** Standard deviation and number of distinct values of foreground luminance (shading). */
  lumaStd: number;
  lumaLevels: number;
  /** The silhouette read from the top down as a bust: head, then neck, then shoulders. */
  bust: BustProfile;
}

/**
 * Row widths (leftmost to rightmost foreground pixel) read from the top of the foreground: the
 * head is the widest row in the upper half, the neck the narrowest row below it before the rows
 * grow wider than the head again (the shoulders).
 */
export interface BustProfile {
  /** Head height (top to neck row) / widest head row: ~1.3 for a head with its ears. */
  headAspect: number;
  /** Widest head row / neck row: > 1 where a head sits on a narrower neck. */
  headToNeck: number;
  /** Mean width of the lowest 5 % of foreground rows / neck row: shoulders are much wider. */
  shouldersToNeck: number;
  /** Whether the lowest foreground row is within 10 px of the image's bottom (a bust cut by the frame). */
  cutAtBottom: boolean;
}

/** Background is the colour at the top edge's middle (the renderer's clear colour after colour management). */
export async function shapeStats(page: Page, png: Buffer, tolerance = 30): Promise<ShapeStats> {
  return page.evaluate(
    async ({ dataUrl, tol }) => {
      const img = new Image();
      img.src = dataUrl;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      ctx.drawImage(img, 0, 0);
      const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      // Middle of the top edge, two rows down (corners may be clipped by rounded borders).
      const o = 4 * (2 * width + Math.floor(width / 2));
      const bg = [data[o] ?? 0, data[o + 1] ?? 0, data[o + 2] ?? 0];
      let count = 0;
      let sx = 0;
      let sy = 0;
      let minX = width;
      let minY = height;
      let maxX = -1;
      let maxY = -1;
      const lumas: number[] = [];
      const rowExtent = new Map<number, [number, number]>();
      // Skip an 8 px frame: borders and rounded corners are not part of the rendering.
      const margin = 8;
      const inner = (width - 2 * margin) * (height - 2 * margin);
      for (let y = margin; y < height - margin; y++) {
        for (let x = margin; x < width - margin; x++) {
          const i = 4 * (y * width + x);
          const r = data[i] ?? 0;
          const g = data[i + 1] ?? 0;
          const b = data[i + 2] ?? 0;
          if (Math.abs(r - (bg[0] ?? 0)) + Math.abs(g - (bg[1] ?? 0)) + Math.abs(b - (bg[2] ?? 0)) <= tol) continue;
          count++;
          const extent = rowExtent.get(y);
          if (extent) extent[1] = x;
          else rowExtent.set(y, [x, x]);
          sx += x;
          sy += y;
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
          lumas.push(Math.round(0.2126 * r + 0.7152 * g + 0.0722 * b));
        }
      }
      const mean = lumas.reduce((a, b) => a + b, 0) / Math.max(1, lumas.length);
      const variance = lumas.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, lumas.length);
      const boxW = maxX - minX + 1;
      const boxH = maxY - minY + 1;
      return {
        width,
        height,
        foregroundFraction: count / inner,
        aspect: count ? boxH / boxW : 0,
        fill: count ? count / (boxW * boxH) : 0,
        centroid: [count ? sx / count / width : 0, count ? sy / count / height : 0] as [number, number],
        lumaStd: Math.sqrt(variance),
        lumaLevels: new Set(lumas).size,
        bust: (() => {
          const ys = [...rowExtent.keys()].sort((a, b) => a - b);
          const widths = ys.map((y) => {
            const [from, to] = rowExtent.get(y) ?? [0, -1];
            return to - from + 1;
          });
          const none = { headAspect: 0, headToNeck: 0, shouldersToNeck: 0, cutAtBottom: false };
          if (widths.length < 10) return none;
          const half = Math.floor(widths.length / 2);
          let headRow = 0;
          for (let r = 1; r < half; r++) if ((widths[r] ?? 0) > (widths[headRow] ?? 0)) headRow = r;
          const headWidth = widths[headRow] ?? 0;
          let neckRow = headRow;
          for (let r = headRow + 1; r < widths.length && (widths[r] ?? 0) <= headWidth; r++)
            if ((widths[r] ?? 0) < (widths[neckRow] ?? 0)) neckRow = r;
          const neckWidth = widths[neckRow] ?? 0;
          const lowest = widths.slice(-Math.max(3, Math.floor(widths.length / 20)));
          const shoulders = lowest.reduce((a, b) => a + b, 0) / lowest.length;
          return {
            headAspect: ((ys[neckRow] ?? 0) - (ys[0] ?? 0)) / Math.max(1, headWidth),
            headToNeck: headWidth / Math.max(1, neckWidth),
            shouldersToNeck: shoulders / Math.max(1, neckWidth),
            cutAtBottom: (ys[ys.length - 1] ?? 0) >= height - margin - 10,
          };
        })(),
      };
    },
    { dataUrl: `data:image/png;base64,${png.toString('base64')}`, tol: tolerance },
  );
}
