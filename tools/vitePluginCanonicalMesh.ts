/**
 * Vite plugin: `import assets from 'virtual:canonical-mesh-assets'` yields the canonical
 * mesh's protobuf bytes (base64) and landmark groups, extracted at build/dev-start time.
 * The browser then parses them with src/gmf/mesh (no network, no eval).
 */
import type { Plugin } from 'vite';
import { readCanonicalMeshAssets } from './canonicalMeshAssets.ts';

const VIRTUAL_ID = 'virtual:canonical-mesh-assets';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

export function canonicalMeshPlugin(): Plugin {
  return {
    name: 'gmf-canonical-mesh-assets',
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
    },
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const assets = readCanonicalMeshAssets();
      const payload = {
        metadataBase64: Buffer.from(assets.metadata).toString('base64'),
        landmarkGroups: assets.landmarkGroups,
        packageVersion: assets.packageVersion,
      };
      return `export default ${JSON.stringify(payload)};\n`;
    },
  };
}
