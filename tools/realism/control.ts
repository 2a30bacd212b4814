/**
 * The control: a real photograph (scikit-image's astronaut.png, 512 px square) measured by the
 * same model at its own size, resized to our stimuli's size, and cropped around the face to our
 * stimuli's framing (the face as wide a fraction of the image as in the generated datasets).
 */
import type { Page } from '@playwright/test';
import { callModule } from './pages';
import { summariseControl } from './summarise';
import type { Perception, SheetTile } from './types';

const PHOTO_URL = '/control.png';
const PHOTO_SIZE = 512;
const PHOTO_DESCRIPTION =
  "scikit-image's astronaut.png (Eileen Collins, NASA; public domain), 512 x 512, from Debian python3-skimage 0.19.3-8";

type Crop = [number, number, number, number];

function caption(p: Perception, what: string): string[] {
  const found = p.detected
    ? `${p.boxScore.toFixed(2)} ${p.gender ?? '?'} ${Math.round(p.age ?? 0)} ${p.emotions?.[0]?.emotion ?? '?'}`
    : 'no face';
  return [what, found];
}

/** A square around the face whose side makes the face `faceWidth` of it, inside the photo. */
function framingCrop(box: Crop, faceWidth: number): Crop {
  const [x, y, w, h] = box.map((v) => v * PHOTO_SIZE) as Crop;
  const side = Math.min(PHOTO_SIZE, w / faceWidth);
  const left = Math.max(0, Math.min(PHOTO_SIZE - side, x + w / 2 - side / 2));
  const top = Math.max(0, Math.min(PHOTO_SIZE - side, y + h / 2 - side / 2));
  return [left, top, side, side].map(Math.round) as Crop;
}

export async function measureControl(
  page: Page,
  module: string,
  size: number,
  faceWidth: number | null,
): Promise<{ report: Record<string, unknown>; tiles: SheetTile[] }> {
  const [original, resized] = await callModule<Perception[]>(page, module, 'perceive', [
    { url: PHOTO_URL },
    { url: PHOTO_URL, size },
  ]);
  if (!original || !resized) throw new Error('the perception page gave no answer for the control photo');
  const report: Record<string, unknown> = {
    photo: PHOTO_DESCRIPTION,
    known: { gender: 'female' },
    original: summariseControl(original),
    resized: summariseControl(resized, original),
  };
  const tiles: SheetTile[] = [
    { url: PHOTO_URL, box: original.box, lines: caption(original, `original ${PHOTO_SIZE} px`), ok: original.detected },
    { url: PHOTO_URL, box: resized.box, lines: caption(resized, `resized to ${size} px`), ok: resized.detected },
  ];
  if (original.box && faceWidth) {
    const crop = framingCrop(original.box, faceWidth);
    const [cropped] = await callModule<Perception[]>(page, module, 'perceive', [{ url: PHOTO_URL, crop, size }]);
    if (cropped) {
      report.faceCrop = { crop, ...summariseControl(cropped, original) };
      tiles.push({
        url: PHOTO_URL,
        crop,
        box: cropped.box,
        lines: caption(cropped, `face crop, ${size} px`),
        ok: cropped.detected,
      });
    }
  }
  return { report, tiles };
}
