/** The face models of this worker, built on first use; the scan-based model's asset comes from our own origin. */
import ictAssetUrl from '../model/ict/ictFaceKit.bin?url';
import { createFaceModelCache } from '../model/registry/faceModels';

async function fetchIctAsset(): Promise<Uint8Array> {
  const response = await fetch(ictAssetUrl);
  if (!response.ok) throw new Error(`its asset could not be read (HTTP ${response.status} for ${ictAssetUrl})`);
  return new Uint8Array(await response.arrayBuffer());
}

export const faceModels = createFaceModelCache({ ictAsset: fetchIctAsset });
