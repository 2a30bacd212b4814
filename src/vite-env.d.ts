/// <reference types="vite/client" />

declare module 'virtual:canonical-mesh-assets' {
  const assets: {
    /** GeometryPipelineMetadata protobuf bytes, base64. */
    metadataBase64: string;
    /** FACEMESH_* edge lists from @mediapipe/face_mesh, keyed by export name. */
    landmarkGroups: Record<string, [number, number][]>;
    packageVersion: string;
  };
  export default assets;
}

/** `import bytes from './x.wat'`: the WebAssembly module assembled from that text at build time (tools/wasm/vitePluginWat.ts). */
declare module '*.wat' {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}

/** `import bytes from './x.wat?plain'`: the same module with relaxed SIMD rewritten to plain SIMD. */
declare module '*.wat?plain' {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}
