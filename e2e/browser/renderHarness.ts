/**
 * Browser-side half of e2e/render.spec.ts: loaded by the dev server inside the page, it drives
 * the real face worker and returns plain numbers for the spec to check.
 */
import type { IdentityParams } from '../../src/model/gmf/sampling';
import { sampleIdentity } from '../../src/model/gmf/sampling';
import { faceCentre, type FaceModelId } from '../../src/model/gmf/face/faceModel';
import { faceModelOf, type GeneratorSpec, TINY_PRESET } from '../../src/model/gmf/generatorSpec';
import type { FaceRenderParams } from '../../src/model/render/facePipeline';
import { type HeadPose, pipelineCamera, posedPoint, projectToPixel } from '../../src/model/render/pose';
import { createJobClient } from '../../src/lib/jobs/client';
import type { FaceJobs } from '../../src/pipeline/generate/faceJobs';

const jobs = createJobClient<FaceJobs>(
  () => new Worker(new URL('../../src/workers/face.worker.ts', import.meta.url), { type: 'module' }),
);
const spec: GeneratorSpec = {
  ...structuredClone(TINY_PRESET),
  ethnicities: ['WC', 'EA', 'BA'],
  age: { min: 20, max: 70 },
};
const ZERO_POSE: HeadPose = { xr: 0, yr: 0, zr: 0, xt: 0, yt: 0, zt: 0 };
const NEUTRAL = { emo: 'neutral' } as const;

/** The model the checks run on (the default model unless a spec asks for another). */
let model: FaceModelId = faceModelOf(spec).id;
export function useModel(id: FaceModelId): void {
  model = id;
}

async function identity(id: number): Promise<IdentityParams> {
  const { sds } = await jobs.run('init', { model });
  return sampleIdentity({ ...spec, faceModel: model, faceModelVersion: undefined }, id, sds);
}

async function render(
  items: FaceRenderParams[],
  size: number,
  binocular = false,
  renderScale = 1,
  sequential = false,
): Promise<Uint8ClampedArray[][]> {
  return (
    await jobs.run('renderFaces', {
      model,
      items,
      width: size,
      height: size,
      binocular,
      backgroundSeed: 7,
      renderScale,
      sequential,
    })
  ).images;
}

function first(images: Uint8ClampedArray[][], item = 0, eye = 0): Uint8ClampedArray {
  const image = images[item]?.[eye];
  if (!image) throw new Error(`no image ${item}/${eye}`);
  return image;
}

function alphaCentroidX(image: Uint8ClampedArray, width: number): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < image.length; i += 4) {
    if ((image[i + 3] ?? 0) > 127) {
      sum += (i / 4) % width;
      n++;
    }
  }
  return sum / n;
}

export interface RenderCheckResult {
  identical: boolean;
  /**
   * Faces rendered as one pipelined sequence (the next on the GPU while one is read back):
   * identities, expressions, poses, lights and backgrounds changing from face to face, both eyes
   * and the centre; and the same faces backwards in a second job at the same time, on the same
   * pipeline. Each image equals its face rendered alone, one frame at a time.
   */
  pipelinedIdentical: boolean;
  pipelinedImages: number;
  identityDifference: number;
  coveredFraction: number;
  facePixelsIgnoreBackground: boolean;
  outsideDifferFraction: number;
  leftX: number;
  centreX: number;
  rightX: number;
  /** Covered fraction (alpha-weighted) at render scale 4 vs 1, and the image length at scale 4. */
  supersampledCoverage: number;
  supersampledLength: number;
}

export async function renderChecks(): Promise<RenderCheckResult> {
  const size = 112;
  const [one, two] = [await identity(1), await identity(2)];
  const item = (who: IdentityParams, background: number | null): FaceRenderParams => ({
    identity: who,
    expression: NEUTRAL,
    pose: ZERO_POSE,
    light: { xl: -20, yl: 25, zl: 0 },
    background,
  });
  const pair = await render([item(one, null), item(two, null)], size);
  const [a1, b] = [first(pair, 0), first(pair, 1)];
  const a2 = first(await render([item(one, null)], size));
  const sequence: FaceRenderParams[] = [
    item(one, null),
    { ...item(one, 3), expression: { emo: 'happy' }, pose: { ...ZERO_POSE, yr: 25, xt: 10 } },
    { ...item(two, 7), light: { xl: 30, yl: -40, zl: 0 } },
    { ...item(two, null), expression: { emo: 'surprise' }, pose: { ...ZERO_POSE, xr: -15 } },
    item(one, 5),
  ];
  // Two jobs on the one pipeline at once (the face worker serves them together): their faces interleave.
  const backwards = [...sequence].reverse();
  const [pipelined, interleaved] = await Promise.all([render(sequence, size, true), render(backwards, size, true)]);
  let pipelinedIdentical = pipelined.length === sequence.length;
  let pipelinedImages = 0;
  // Alone in reverse order: state a frame wrongly kept from the face before would differ.
  for (const [i, face] of [...sequence.entries()].reverse()) {
    const alone = (await render([face], size, true, 1, true))[0] ?? [];
    for (const [eye, image] of alone.entries()) {
      for (const other of [pipelined[i]?.[eye], interleaved[sequence.length - 1 - i]?.[eye]]) {
        pipelinedIdentical &&=
          other !== undefined && other.length === image.length && other.every((v, j) => v === image[j]);
        pipelinedImages++;
      }
    }
  }
  const backgrounds = await render([item(one, 3), item(one, 7)], size);
  const [bg3, bg7] = [first(backgrounds, 0), first(backgrounds, 1)];
  const eyes = await render([item(one, null)], size, true);
  const supersampled = first(await render([item(one, null)], size, false, 4));
  const coverage = (image: Uint8ClampedArray) =>
    image.reduce((sum, v, i) => (i % 4 === 3 ? sum + v / 255 : sum), 0) / (size * size);

  let identical = true;
  let identityDifference = 0;
  let faceSame = true;
  let outside = 0;
  let outsideDiffer = 0;
  let covered = 0;
  for (let i = 0; i < a1.length; i += 4) {
    for (let k = 0; k < 4; k++) identical &&= a1[i + k] === a2[i + k];
    for (let k = 0; k < 3; k++) identityDifference += Math.abs((a1[i + k] ?? 0) - (b[i + k] ?? 0));
    const alpha = a1[i + 3] ?? 0;
    if (alpha === 255) {
      covered++;
      for (let k = 0; k < 3; k++) faceSame &&= bg3[i + k] === bg7[i + k] && bg3[i + k] === a1[i + k];
    } else if (alpha === 0) {
      outside++;
      if (bg3[i] !== bg7[i] || bg3[i + 1] !== bg7[i + 1]) outsideDiffer++;
    }
  }
  return {
    identical,
    pipelinedIdentical,
    pipelinedImages,
    identityDifference: identityDifference / (size * size * 3),
    coveredFraction: covered / (size * size),
    facePixelsIgnoreBackground: faceSame,
    outsideDifferFraction: outsideDiffer / outside,
    leftX: alphaCentroidX(first(eyes, 0, 0), size),
    centreX: alphaCentroidX(first(eyes, 0, 1), size),
    rightX: alphaCentroidX(first(eyes, 0, 2), size),
    supersampledCoverage: coverage(supersampled) / coverage(a1),
    supersampledLength: supersampled.length,
  };
}

export interface NoseTipCase {
  pose: HeadPose;
  markedPixels: number;
  seen: [number, number];
  projected: [number, number];
}

/** Renders the nose-tip landmark as a green dot and compares it with the camera model's projection. */
export async function noseTipChecks(): Promise<NoseTipCase[]> {
  const size = 160;
  const who = await identity(5);
  const { topology, noseTip } = await jobs.run('init', { model });
  const { positions } = await jobs.run('geometry', { model, identity: who, expression: NEUTRAL });
  const centre = faceCentre(topology, positions);
  const tipRest: [number, number, number] = [
    positions[3 * noseTip] ?? 0,
    positions[3 * noseTip + 1] ?? 0,
    positions[3 * noseTip + 2] ?? 0,
  ];
  const poses: HeadPose[] = [
    ZERO_POSE,
    { xr: -10, yr: 25, zr: 0, xt: 0, yt: 0, zt: 0 },
    { xr: 15, yr: -20, zr: 10, xt: 40, yt: -25, zt: 60 },
    { xr: 0, yr: 0, zr: -20, xt: -60, yt: 30, zt: -80 },
  ];
  const cases: NoseTipCase[] = [];
  for (const pose of poses) {
    const image = first(
      await render(
        [
          {
            identity: who,
            expression: NEUTRAL,
            pose,
            light: { xl: 0, yl: 0, zl: 0 },
            background: null,
            landmarks: [noseTip],
          },
        ],
        size,
      ),
    );
    let sx = 0;
    let sy = 0;
    let n = 0;
    for (let i = 0; i < image.length; i += 4) {
      const [r, g, b] = [image[i] ?? 0, image[i + 1] ?? 0, image[i + 2] ?? 0];
      if (g > r + 40 && g > b + 40) {
        sx += ((i / 4) % size) + 0.5;
        sy += Math.floor(i / 4 / size) + 0.5;
        n++;
      }
    }
    const projected = projectToPixel(posedPoint(tipRest, pose, centre), pipelineCamera(centre, 1), size, size);
    cases.push({ pose, markedPixels: n, seen: [sx / n, sy / n], projected });
  }
  return cases;
}

/**
 * A 4 x 4 gallery as a PNG data URL: rows are demographic mixes, columns emotions, each a
 * random identity with a mild pose, light and background.
 */
export async function galleryPng(size = 128): Promise<string> {
  const { createRng } = await import('../../src/lib/random');
  const { sds } = await jobs.run('init', { model });
  const mixes = [
    { genders: ['F'], ethnicities: ['WC'], age: { min: 22, max: 30 } },
    { genders: ['M'], ethnicities: ['EA'], age: { min: 30, max: 45 } },
    { genders: ['F'], ethnicities: ['BA'], age: { min: 45, max: 60 } },
    { genders: ['M'], ethnicities: ['WC'], age: { min: 65, max: 80 } },
  ] as const;
  const emotions = ['neutral', 'happy', 'surprise', 'anger'] as const;
  const canvas = new OffscreenCanvas(size * 4, size * 4);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  for (const [row, mix] of mixes.entries()) {
    const mixSpec: GeneratorSpec = {
      ...structuredClone(TINY_PRESET),
      faceModel: model,
      faceModelVersion: undefined,
      genders: [...mix.genders],
      ethnicities: [...mix.ethnicities],
      age: { ...mix.age },
    };
    for (const [col, emo] of emotions.entries()) {
      const rng = createRng('gallery', row, col);
      const item: FaceRenderParams = {
        identity: sampleIdentity(mixSpec, 100 + row * 4 + col, sds),
        expression: { emo },
        pose: { xr: rng.int(-10, 10), yr: rng.int(-25, 25), zr: rng.int(-5, 5), xt: 0, yt: 0, zt: 0 },
        light: { xl: rng.int(-40, 20), yl: rng.int(-45, 45), zl: 0 },
        background: row * 4 + col,
      };
      ctx.putImageData(
        new ImageData(new Uint8ClampedArray(first(await render([item], size))), size, size),
        col * size,
        row * size,
      );
    }
  }
  const blob = await canvas.convertToBlob({ type: 'image/png' });
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `data:image/png;base64,${btoa(binary)}`;
}
