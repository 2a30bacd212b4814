/**
 * Builds the face model a dataset or an Explore face names. The scan-based model's numbers come
 * from one asset (src/model/ict/ictFaceKit.bin) that the caller loads: a worker fetches it from
 * the app's own origin, Node tests read it from disk. Models are built once per cache.
 */
import { GmfError } from '../../lib/errors';
import type { FaceModel, FaceModelId } from '../gmf/face/faceModel';
import { loadCanonicalMesh } from '../gmf/mesh/loadCanonicalMesh';
import { buildProceduralModel } from '../gmf/procedural/proceduralModel';
import { decodeIctAsset } from '../ict/ictAsset';
import { buildIctFaceModel } from '../ict/ictFaceModel';

export interface FaceModelSources {
  /** The bytes of ictFaceKit.bin. */
  ictAsset: () => Promise<Uint8Array>;
}

export class FaceModelLoadError extends GmfError {
  constructor(id: FaceModelId, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('FACE_MODEL_LOAD', `The ${id} face model could not be loaded: ${reason}`, { cause });
  }
}

export async function loadFaceModel(id: FaceModelId, sources: FaceModelSources): Promise<FaceModel> {
  try {
    switch (id) {
      case 'gmf-procedural':
        return buildProceduralModel(loadCanonicalMesh());
      case 'ict-facekit':
        return buildIctFaceModel(decodeIctAsset(await sources.ictAsset()));
    }
  } catch (error) {
    throw error instanceof GmfError ? error : new FaceModelLoadError(id, error);
  }
}

export interface FaceModelCache {
  get(id: FaceModelId): Promise<FaceModel>;
  /** How long building `id` took (ms), once it is built. */
  buildMs(id: FaceModelId): number | undefined;
}

/** One model per id, built on first use; a failed build is retried on the next request. */
export function createFaceModelCache(sources: FaceModelSources): FaceModelCache {
  const models = new Map<FaceModelId, Promise<FaceModel>>();
  const times = new Map<FaceModelId, number>();
  return {
    get(id) {
      let model = models.get(id);
      if (!model) {
        const start = performance.now();
        model = loadFaceModel(id, sources).then((m) => {
          times.set(id, performance.now() - start);
          return m;
        });
        model.catch(() => models.delete(id));
        models.set(id, model);
      }
      return model;
    },
    buildMs: (id) => times.get(id),
  };
}
