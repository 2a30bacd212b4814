/**
 * Parameters -> pixels for one face: geometry and albedo from the face model, head pose about
 * the face centre, the light at camera distance, the pipeline camera (centre or one eye), and a
 * phase-scrambled background alpha-blended behind the face. Runs wherever an OffscreenRenderer
 * can (workers included).
 */
import { BACKGROUND_COUNT, renderBackground } from '../gmf/background/backgrounds';
import {
  type FaceExpression,
  type FaceIdentity,
  type FaceModel,
  type FaceTextures,
  faceCentre,
  type HairStyle,
} from '../gmf/face/faceModel';
import { textureKey } from '../gmf/face/textureKey';
import { createRng } from '../../lib/random';
import { CAMERA } from './camera';
import { compositeOverBackground, resizeRgba } from './compositeBackground';
import { FaceScene, type LightLevels } from './faceScene';
import type { OffscreenRenderer } from './offscreenRenderer';
import { checkRenderedFace, type FaceProblem } from './renderChecks';
import { TextureCache } from './textureCache';
import {
  effectiveTranslation,
  headMatrix,
  type HeadPose,
  lightPosition,
  type LightAngles,
  pipelineCamera,
  type Vec3,
} from './pose';

export interface FaceRenderParams {
  identity: FaceIdentity;
  expression: FaceExpression;
  pose: HeadPose;
  light: LightAngles;
  /** Background index 0..255, or null for none (alpha stays 0 around the face). */
  background: number | null;
  /** Ambient and directional light intensities (default DEFAULT_LIGHT_LEVELS). */
  lightLevels?: LightLevels;
  /** Render vertices to mark with a pure green dot on the skin (landmark overlay). */
  landmarks?: readonly number[];
  /** Models with a hair cap draw it for 'short' (the generator's hair option); default none. */
  hair?: HairStyle;
}

export const LANDMARK_COLOUR = [0, 255, 0] as const;

/** Paints a small disc of LANDMARK_COLOUR at each vertex's UV (rows bottom-up, as the albedo). */
export function paintLandmarks(
  albedo: Uint8ClampedArray,
  size: number,
  uvs: Float32Array,
  vertices: readonly number[],
  radius = Math.max(2, size / 48),
): Uint8ClampedArray {
  const out = new Uint8ClampedArray(albedo);
  for (const v of vertices) {
    const cx = (uvs[2 * v] ?? 0) * size;
    const cy = (uvs[2 * v + 1] ?? 0) * size;
    for (let y = Math.floor(cy - radius); y <= Math.ceil(cy + radius); y++) {
      for (let x = Math.floor(cx - radius); x <= Math.ceil(cx + radius); x++) {
        if (x < 0 || y < 0 || x >= size || y >= size || (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 > radius * radius)
          continue;
        out.set([...LANDMARK_COLOUR, 255], 4 * (y * size + x));
      }
    }
  }
  return out;
}

export interface RenderTiming {
  /** Mesh deformation: shape, demographics, expression, normals, pose. */
  geometryMs: number;
  albedoMs: number;
  /** Encoding and submitting the frame (CPU). */
  submitMs: number;
  /** Waiting for frames to come back from the GPU (time the thread had nothing else to do). */
  readbackMs: number;
  backgroundMs: number;
}

/** One face's images (one per eye offset) and what is wrong with each (null where plausible). */
export interface RenderedFace {
  images: Uint8ClampedArray[];
  problems: (FaceProblem | null)[];
}

/**
 * Faces on the GPU at once in renderSequence: the next face is set up and submitted before this
 * one is read back and finished, so neither the GPU nor the worker's thread waits on the other.
 * bench:render, 112 px, 16 variations per identity, SwiftShader on 2 cores: 1.18x the faces per
 * second of one face at a time on WebGPU (33.8 against 28.6, one run); against the renderer before
 * (one face in flight, the next one's mesh made meanwhile), 1.09x on WebGPU and 1.48x on WebGL2
 * (alternating runs). 3 in flight measured within the noise of 2.
 */
export const FRAMES_IN_FLIGHT = 2;

function nextPowerOfTwo(n: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(2, n)));
}

/** A face's CPU work, done before its turn on the GPU (textures null: the face before had its identity). */
interface PreparedFace {
  positions: Float32Array;
  key: string;
  textures: FaceTextures | null;
}

/** A face whose frames are submitted: what finishing it needs. */
interface SubmittedFace {
  frames: Promise<(Uint8Array | Uint8ClampedArray)[]>;
  positions: Float32Array;
  background: number | null;
}

export class FacePipeline {
  private readonly scene: FaceScene;
  private readonly backgrounds = new Map<number, Uint8ClampedArray>();
  /** The albedo on the GPU was made for this identity (its textureKey) and landmark list. */
  private albedoFor: { key: string; landmarks: string } | undefined;
  private readonly textureCache: TextureCache | null;
  private readonly ownTiming = { geometryMs: 0, albedoMs: 0, readbackMs: 0, backgroundMs: 0 };

  constructor(
    private readonly model: FaceModel,
    private readonly renderer: OffscreenRenderer,
    /** Seed of the background set: the same seed and index give the same background. */
    private readonly backgroundSeed = 0,
    /** Camera distance from the face centre (mm); the light sits at the same distance. */
    private readonly cameraDistance: number = CAMERA.distance,
    /**
     * Keep identities' textures up to this many bytes (0: none). For callers that come back to
     * identities in any order (streamed training); generation moves through them one by one.
     */
    textureCacheBytes = 0,
  ) {
    this.scene = new FaceScene(model.topology, model.info.id);
    this.textureCache = textureCacheBytes > 0 ? new TextureCache(textureCacheBytes) : null;
  }

  /** Renders one image per eye offset (0 = centre; binocular uses the camera's eye offsets too). */
  async render(params: FaceRenderParams, eyeOffsets: readonly number[] = [0]): Promise<Uint8ClampedArray[]> {
    let images: Uint8ClampedArray[] | undefined;
    await this.renderSequence([{ params }], eyeOffsets, (face) => {
      images = face.images;
    });
    if (!images) throw new Error('the renderer returned no face');
    return images;
  }

  /**
   * Renders `faces` in order, one image per eye offset each, and hands each to `onFace` in order.
   * Up to `inFlight` faces are on the GPU at once (1: strictly one after the other); the pixels
   * are those of each face rendered alone. `onFace` may be async: the next face is drawn
   * meanwhile. A throw (a frame's, or onFace's) stops the sequence: the faces still in flight
   * are awaited and dropped, then it propagates.
   *
   * Jobs of the face worker (a generation, the Explore view, a sweep) may render on one pipeline
   * at once: their faces interleave. The scene is shared, so each face is set up and all its
   * frames submitted in one synchronous step, and nothing of it is read from the scene after.
   */
  async renderSequence<T extends { readonly params: FaceRenderParams }>(
    faces: Iterable<T>,
    eyeOffsets: readonly number[],
    onFace: (face: RenderedFace, item: T, index: number) => void | Promise<void>,
    inFlight = FRAMES_IN_FLIGHT,
  ): Promise<void> {
    if (!Number.isInteger(inFlight) || inFlight < 1)
      throw new RangeError(`faces in flight must be a positive integer, got ${inFlight}`);
    const iterator = faces[Symbol.iterator]();
    let previousKey = this.albedoFor?.key;
    // The next face with its CPU work done (or the error that work threw, reported at its turn).
    const take = (): { item: T; prepared: PreparedFace | { error: unknown } } | null => {
      const next = iterator.next();
      if (next.done) return null;
      try {
        const prepared = this.prepare(next.value.params, previousKey);
        previousKey = prepared.key;
        return { item: next.value, prepared };
      } catch (error) {
        return { item: next.value, prepared: { error } };
      }
    };
    const pending: { item: T; submitted: SubmittedFace }[] = [];
    let index = 0;
    const finishOldest = async () => {
      const oldest = pending.shift();
      if (oldest) await onFace(await this.finish(oldest.submitted), oldest.item, index++);
    };
    try {
      let current = take();
      while (current) {
        const { item, prepared } = current;
        if ('error' in prepared) {
          // The faces before it are finished and handed over first.
          while (pending.length > 0) await finishOldest();
          throw prepared.error;
        }
        pending.push({ item, submitted: this.submit(item.params, prepared, eyeOffsets) });
        // Pipelined, the next face's mesh and albedo are made while the GPU draws this one.
        if (inFlight > 1) current = take();
        while (pending.length >= inFlight) await finishOldest();
        if (inFlight === 1) current = take();
      }
      while (pending.length > 0) await finishOldest();
    } catch (error) {
      await Promise.allSettled(pending.map((p) => p.submitted.frames));
      throw error;
    }
  }

  /** A face's CPU work: its mesh, and its albedo unless it has the identity of the face before. */
  private prepare(params: FaceRenderParams, previousKey: string | undefined): PreparedFace {
    let t = performance.now();
    const positions = this.model.positions(params.identity, params.expression);
    this.ownTiming.geometryMs += performance.now() - t;
    t = performance.now();
    const key = textureKey(params.identity);
    const textures = key === previousKey ? null : this.texturesOf(params.identity, key);
    this.ownTiming.albedoMs += performance.now() - t;
    return { positions, key, textures };
  }

  /** Sets the scene up for a prepared face and submits its frames (one per eye offset). */
  private submit(params: FaceRenderParams, prepared: PreparedFace, eyeOffsets: readonly number[]): SubmittedFace {
    const { width, height } = this.renderer;
    const { positions, key } = prepared;
    let t = performance.now();
    // DESIGN: rotate about the mean of the face vertices in x, y and the whole head's mean in z.
    const centre = faceCentre(this.model.topology, positions);
    this.scene.setPositions(positions);
    this.scene.setVisible('hair', params.hair === 'short');
    this.scene.setPose(headMatrix(params.pose, centre));
    const [tx, ty, tz] = effectiveTranslation(params.pose);
    const moved: Vec3 = [centre[0] + tx, centre[1] + ty, centre[2] + tz];
    this.scene.setLight(lightPosition(params.light, moved, this.cameraDistance), moved, params.lightLevels);
    this.ownTiming.geometryMs += performance.now() - t;

    t = performance.now();
    const landmarks = (params.landmarks ?? []).join(',');
    if (this.albedoFor?.key !== key || this.albedoFor.landmarks !== landmarks) {
      const textures = prepared.textures ?? this.texturesOf(params.identity, key);
      const { size, rgba } = textures.skin;
      const skin = params.landmarks?.length
        ? paintLandmarks(rgba, size, this.model.topology.uvs, params.landmarks)
        : rgba;
      this.scene.setTextures({ ...textures, skin: { size, rgba: skin } });
      this.albedoFor = { key, landmarks };
    }
    this.ownTiming.albedoMs += performance.now() - t;

    const frames = Promise.all(
      eyeOffsets.map((offset) =>
        this.renderer.submit(this.scene.scene, pipelineCamera(centre, width / height, offset, this.cameraDistance)),
      ),
    );
    // Awaited when its turn comes; a failure before then is not an unhandled rejection.
    frames.catch(() => undefined);
    return { frames, positions, background: params.background };
  }

  /** Waits for a submitted face's frames, checks them and blends in its background. */
  private async finish({ frames, positions, background }: SubmittedFace): Promise<RenderedFace> {
    let t = performance.now();
    const drawn = await frames;
    this.ownTiming.readbackMs += performance.now() - t;
    t = performance.now();
    const problems = drawn.map((face) => checkRenderedFace(face, positions));
    const images = drawn.map((face) =>
      background === null ? new Uint8ClampedArray(face) : compositeOverBackground(face, this.background(background)),
    );
    this.ownTiming.backgroundMs += performance.now() - t;
    return { images, problems };
  }

  private texturesOf(identity: FaceIdentity, key: string): FaceTextures {
    return this.textureCache
      ? this.textureCache.get(key, () => this.model.textures(identity))
      : this.model.textures(identity);
  }

  private background(index: number): Uint8ClampedArray {
    if (!Number.isInteger(index) || index < 0 || index >= BACKGROUND_COUNT)
      throw new RangeError(`background index ${index} is not in 0..${BACKGROUND_COUNT - 1}`);
    let image = this.backgrounds.get(index);
    if (!image) {
      const { width, height } = this.renderer;
      const size = nextPowerOfTwo(Math.max(width, height));
      const rng = createRng(this.backgroundSeed, 'background', index);
      image = resizeRgba(renderBackground(index, size, rng.next, this.model.info.backgroundStyle), size, width, height);
      this.backgrounds.set(index, image);
    }
    return image;
  }

  /** Accumulated time per stage since this pipeline was made. */
  get timing(): RenderTiming {
    return { ...this.ownTiming, ...this.renderer.timing };
  }

  get backend(): 'WebGPU' | 'WebGL2' {
    return this.renderer.backend;
  }

  dispose(): void {
    this.scene.dispose();
  }
}
