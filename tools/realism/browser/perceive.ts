/**
 * Browser side of the perception step: loaded (transpiled) by perceptionServer.ts on its own
 * origin, it runs @vladmandic/human on image URLs and draws contact sheets. Plain DOM code;
 * human is imported at run time from the served bundle, so nothing here depends on its types.
 */
import type { Perception, PerceptionSetup, SheetTile } from '../types';

interface HumanFace {
  score: number;
  boxScore: number;
  boxRaw: [number, number, number, number];
  age?: number;
  gender?: string;
  genderScore?: number;
  emotion?: { score: number; emotion: string }[];
  embedding?: number[];
  real?: number;
  live?: number;
  rotation?: { angle: { roll: number; yaw: number; pitch: number } } | null;
}

interface HumanInstance {
  version: string;
  tf: { getBackend(): string };
  load(): Promise<void>;
  init(): Promise<void>;
  detect(input: ImageBitmap): Promise<{ face: HumanFace[]; error: string | null }>;
}

type HumanModule = { Human: new (config: Record<string, unknown>) => HumanInstance };

let human: HumanInstance | undefined;

/** human's defaults, except what still images need: no frame cache, no skipped frames, face only. */
function humanConfig(setup: PerceptionSetup): Record<string, unknown> {
  const still = { skipFrames: 0, skipTime: 0 };
  return {
    backend: setup.backend,
    modelBasePath: setup.modelBasePath,
    wasmPath: setup.wasmPath,
    debug: false,
    cacheModels: false,
    cacheSensitivity: 0,
    warmup: 'none',
    face: {
      enabled: true,
      detector: { ...still, maxDetected: 1 },
      mesh: { enabled: true },
      iris: { enabled: false },
      emotion: { enabled: true, ...still },
      description: { enabled: true, ...still },
      antispoof: { enabled: true, ...still },
      liveness: { enabled: true, ...still },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
  };
}

export async function setup(options: PerceptionSetup): Promise<{ version: string; backend: string; loadMs: number }> {
  const start = performance.now();
  // A URL held in a variable: the bundle is served at run time, not resolved at build time.
  const url = options.humanUrl;
  const { Human } = (await import(url)) as HumanModule;
  human = new Human(humanConfig(options));
  await human.init();
  await human.load();
  return { version: human.version, backend: human.tf.getBackend(), loadMs: performance.now() - start };
}

async function bitmap(url: string, crop?: [number, number, number, number], size?: number): Promise<ImageBitmap> {
  const blob = await (await fetch(url)).blob();
  const resize: ImageBitmapOptions = size
    ? { resizeWidth: size, resizeHeight: size, resizeQuality: 'high', colorSpaceConversion: 'none' }
    : { colorSpaceConversion: 'none' };
  return crop ? createImageBitmap(blob, ...crop, resize) : createImageBitmap(blob, resize);
}

async function detect(image: ImageBitmap): Promise<Perception> {
  if (!human) throw new Error('call setup() first');
  const start = performance.now();
  const result = await human.detect(image);
  const ms = performance.now() - start;
  if (result.error) throw new Error(`human: ${result.error}`);
  const face = [...result.face].sort((a, b) => b.score - a.score)[0];
  if (!face) return { detected: false, score: 0, boxScore: 0, ms };
  const angle = face.rotation?.angle;
  return {
    detected: true,
    score: face.score,
    boxScore: face.boxScore,
    box: face.boxRaw,
    age: face.age,
    gender: face.gender,
    genderScore: face.genderScore,
    emotions: face.emotion,
    embedding: face.embedding ? Array.from(face.embedding) : undefined,
    real: face.real,
    live: face.live,
    angles: angle ? { yaw: angle.yaw, pitch: angle.pitch, roll: angle.roll } : undefined,
    ms,
  };
}

/** Each URL's image, optionally cropped (x, y, w, h in pixels) and resized to `size` square. */
export async function perceive(
  items: { url: string; crop?: [number, number, number, number]; size?: number }[],
): Promise<Perception[]> {
  const out: Perception[] = [];
  for (const item of items) {
    const image = await bitmap(item.url, item.crop, item.size);
    out.push(await detect(image));
    image.close();
  }
  return out;
}

/** Thumbnails in a grid, with the detector's box and caption lines; a PNG as base64. */
export async function contactSheet(tiles: SheetTile[], columns: number, thumb: number): Promise<string> {
  const rows = Math.ceil(tiles.length / columns);
  const canvas = new OffscreenCanvas(columns * thumb, rows * thumb);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  const lineHeight = Math.max(9, Math.round(thumb / 14));
  ctx.font = `${lineHeight - 1}px sans-serif`;
  for (const [i, tile] of tiles.entries()) {
    const [x, y] = [(i % columns) * thumb, Math.floor(i / columns) * thumb];
    const image = await bitmap(tile.url, tile.crop, thumb);
    ctx.drawImage(image, x, y);
    image.close();
    if (tile.box) {
      const [bx, by, bw, bh] = tile.box;
      ctx.strokeStyle = '#ffe000';
      ctx.lineWidth = 1.5;
      ctx.strokeRect(x + bx * thumb, y + by * thumb, bw * thumb, bh * thumb);
    }
    const bandTop = y + thumb - tile.lines.length * lineHeight - 2;
    ctx.fillStyle = 'rgba(0, 0, 0, 0.6)';
    ctx.fillRect(x, bandTop, thumb, thumb - (bandTop - y));
    ctx.fillStyle = tile.ok ? '#9cff9c' : '#ff9c9c';
    for (const [k, line] of tile.lines.entries())
      ctx.fillText(line, x + 2, bandTop + (k + 1) * lineHeight - 1, thumb - 4);
  }
  const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
