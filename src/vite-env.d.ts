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
