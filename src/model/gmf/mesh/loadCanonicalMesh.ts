/**
 * The canonical mesh as the app loads it: bytes extracted from @mediapipe/face_mesh at
 * build time (tools/vitePluginCanonicalMesh.ts), parsed here at start time. Cached.
 */
import assets from 'virtual:canonical-mesh-assets';
import { type CanonicalMesh, parseCanonicalMesh } from './canonicalMesh';

let cached: CanonicalMesh | undefined;

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function loadCanonicalMesh(): CanonicalMesh {
  cached ??= parseCanonicalMesh(decodeBase64(assets.metadataBase64), assets.landmarkGroups);
  return cached;
}
