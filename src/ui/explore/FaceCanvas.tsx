import { Canvas } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { loadCanonicalMesh } from '../../gmf/mesh/loadCanonicalMesh';
import { CAMERA, faceCentre } from '../../render/camera';
import { createFaceGeometry } from '../../render/faceGeometry';
import { createRenderer } from '../../render/createRenderer';
import { useWorkbenchStore } from '../../store/workbenchStore';
import { OrbitControls } from './OrbitControls';

const BACKGROUND = '#1d2126';
const SKIN = '#d7a58a';

function FaceMesh() {
  const mesh = loadCanonicalMesh();
  const geometry = useMemo(() => createFaceGeometry(mesh), [mesh]);
  useEffect(
    () => () => {
      geometry.dispose();
    },
    [geometry],
  );
  return (
    <mesh geometry={geometry}>
      <meshStandardMaterial color={SKIN} roughness={0.75} metalness={0} side={2} />
    </mesh>
  );
}

/** The 3D view: camera as the original pipeline (FOV 50, 400 mm), orbit controls, on-demand frames. */
export function FaceCanvas() {
  const wanted = useWorkbenchStore((s) => s.preferences.renderer);
  const setRenderer = useWorkbenchStore((s) => s.setRenderer);
  const centre = useMemo(() => faceCentre(loadCanonicalMesh().positions), []);
  const [cx, cy, cz] = centre;

  return (
    <Canvas
      // A new renderer when the preference changes.
      key={wanted}
      aria-label="3D face view (drag to orbit, scroll to zoom)"
      role="img"
      frameloop="demand"
      dpr={1}
      camera={{ fov: CAMERA.fovDegrees, near: CAMERA.near, far: CAMERA.far, position: [cx, cy, cz + CAMERA.distance] }}
      gl={async (defaults) => {
        try {
          const created = await createRenderer({ canvas: defaults.canvas as HTMLCanvasElement, antialias: true }, wanted);
          setRenderer({ state: 'ready', backend: created.backend, note: created.note });
          return created.renderer;
        } catch (error) {
          setRenderer({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
          throw error;
        }
      }}
    >
      <color attach="background" args={[BACKGROUND]} />
      <ambientLight intensity={0.6} />
      {/* One light at camera distance, above and to the left of the viewer. */}
      <directionalLight position={[cx - 150, cy + 200, cz + CAMERA.distance]} intensity={2.2} />
      <FaceMesh />
      <OrbitControls target={centre} />
    </Canvas>
  );
}
