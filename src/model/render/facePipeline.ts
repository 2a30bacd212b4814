/**
 * Parameters -> pixels for one face: geometry and albedo from the face model, head pose about
 * the face centre, the light at camera distance, the pipeline camera (centre or one eye), and a
 * phase-scrambled background alpha-blended behind the face. Runs wherever an OffscreenRenderer
 * can (workers included).
 */
import { serialized } from '../../lib/async/serialize';
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
  /** Waiting for the GPU and copying pixels back. */
  readbackMs: number;
  backgroundMs: number;
}

function nextPowerOfTwo(n: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(2, n)));
}

export class FacePipeline {
  private readonly scene: FaceScene;
  private readonly backgrounds = new Map<number, Uint8ClampedArray>();
  /** The albedo on the GPU was made for this identity (its textureKey) and landmark list. */
  private albedoFor: { key: string; landmarks: string } | undefined;
  private readonly textureCache: TextureCache | null;
  private readonly ownTiming = { geometryMs: 0, albedoMs: 0, backgroundMs: 0 };
  /**
   * The next face's CPU work (its mesh, and its albedo when the identity changes), done while the
   * GPU draws this one (renderChecked's `next`): the readback wait is mostly the GPU's, so the
   * worker's thread would idle through it. Pure functions of the parameters: the pixels are the same.
   */
  private ahead: {
    identity: FaceIdentity;
    expression: string;
    positions: Float32Array;
    textures: FaceTextures | null;
  } | null = null;

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

  /**
   * Renders one image per eye offset (0 = centre; binocular uses the camera's eye offsets too).
   * `next`, the face the caller renders after this one, is prepared while the GPU draws this one.
   */
  async render(
    params: FaceRenderParams,
    eyeOffsets: readonly number[] = [0],
    next?: FaceRenderParams,
  ): Promise<Uint8ClampedArray[]> {
    return (await this.renderChecked(params, eyeOffsets, next)).images;
  }

  /**
   * As render, with what is wrong with the face (per image, before its background is blended in):
   * non-finite geometry, or too little of the image covered. Null where the face is plausible.
   * Calls run one at a time: the scene is shared, and jobs of the face worker (a generation, the
   * Explore view, a sweep) may render on one pipeline at once.
   */
  readonly renderChecked: (
    params: FaceRenderParams,
    eyeOffsets?: readonly number[],
    next?: FaceRenderParams,
  ) => Promise<{ images: Uint8ClampedArray[]; problems: (FaceProblem | null)[] }> = serialized(
    (params, eyeOffsets, next) => this.renderCheckedNow(params, eyeOffsets, next),
  );

  private async renderCheckedNow(
    params: FaceRenderParams,
    eyeOffsets: readonly number[] = [0],
    next?: FaceRenderParams,
  ): Promise<{ images: Uint8ClampedArray[]; problems: (FaceProblem | null)[] }> {
    const { width, height } = this.renderer;
    let t = performance.now();
    const ahead = this.ahead?.identity === params.identity ? this.ahead : null;
    this.ahead = null;
    const positions =
      ahead && ahead.expression === JSON.stringify(params.expression)
        ? ahead.positions
        : this.model.positions(params.identity, params.expression);
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
    const key = textureKey(params.identity);
    if (this.albedoFor?.key !== key || this.albedoFor.landmarks !== landmarks) {
      const textures = ahead?.textures ?? this.texturesOf(params.identity, key);
      const { size, rgba } = textures.skin;
      const skin = params.landmarks?.length
        ? paintLandmarks(rgba, size, this.model.topology.uvs, params.landmarks)
        : rgba;
      this.scene.setTextures({ ...textures, skin: { size, rgba: skin } });
      this.albedoFor = { key, landmarks };
    }
    this.ownTiming.albedoMs += performance.now() - t;

    const images: Uint8ClampedArray[] = [];
    const problems: (FaceProblem | null)[] = [];
    for (const [i, offset] of eyeOffsets.entries()) {
      // The frame is submitted before render's first await: the next face is prepared meanwhile.
      const drawn = this.renderer.render(
        this.scene.scene,
        pipelineCamera(centre, width / height, offset, this.cameraDistance),
      );
      if (next && i === eyeOffsets.length - 1) {
        try {
          this.prepareAhead(next, key);
        } catch {
          // The next call computes it again, and reports what is wrong with its own face.
        }
      }
      const face = await drawn;
      problems.push(checkRenderedFace(face, positions));
      t = performance.now();
      images.push(
        params.background === null
          ? new Uint8ClampedArray(face)
          : compositeOverBackground(face, this.background(params.background)),
      );
      this.ownTiming.backgroundMs += performance.now() - t;
    }
    return { images, problems };
  }

  private prepareAhead(next: FaceRenderParams, currentKey: string): void {
    let t = performance.now();
    const positions = this.model.positions(next.identity, next.expression);
    this.ownTiming.geometryMs += performance.now() - t;
    t = performance.now();
    const key = textureKey(next.identity);
    const textures = key === currentKey ? null : this.texturesOf(next.identity, key);
    this.ownTiming.albedoMs += performance.now() - t;
    this.ahead = { identity: next.identity, expression: JSON.stringify(next.expression), positions, textures };
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
