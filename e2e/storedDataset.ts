/** Dataset records as an earlier session (or an older version of the app) stored them, without images. */

const zero = { min: 0, max: 0 };

/** A complete 12 x 4 dataset record at 64 px with a saved split (no images). */
export function storedDataset(
  id: string,
  name: string,
  split: [number, number, number] = [8, 2, 2],
  queries: Record<string, string> = {},
) {
  return {
    id,
    name,
    createdAt: 1,
    status: 'complete',
    split: { counts: { training: split[0], validation: split[1], testing: split[2] }, seed: 1 },
    queries,
    spec: {
      name,
      identities: 12,
      variationsPerIdentity: 4,
      addBackground: false,
      resolution: 64,
      format: 'png',
      genders: ['M', 'F'],
      ethnicities: ['WC', 'EA'],
      age: { min: 25, max: 50 },
      shape: { mu: 0, sd: 1 },
      texture: { mu: 0, sd: 1 },
      ranges: { xr: zero, yr: zero, zr: zero, xt: zero, yt: zero, zt: zero, xl: zero, yl: zero, zl: zero },
      cameraDistance: 400,
      renderScale: 4,
      binocular: false,
      seed: 42,
      emotions: ['neutral'],
      shapeComponents: 100,
      textureComponents: 100,
      hair: 'none',
    },
  };
}
