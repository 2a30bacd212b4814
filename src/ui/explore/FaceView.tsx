import { Canvas, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { loadCanonicalMesh } from '../../model/gmf/mesh/loadCanonicalMesh';
import { CAMERA, faceCentre } from '../../model/render/camera';
import { createRenderer } from '../../model/render/createRenderer';
import { FaceScene } from '../../model/render/faceScene';
import { effectiveTranslation, headMatrix, lightPosition, type Vec3 } from '../../model/render/pose';
import type { FaceState } from '../../app/explore/faceState';
import { useWorkbenchStore } from '../../app/workbenchStore';
import type { FaceData } from './useFaceData';
import { OrbitControls } from './OrbitControls';

const BACKGROUND = '#1d2126';

function FaceContent({ faceScene, data, state }: { faceScene: FaceScene; data: FaceData; state: FaceState }) {
  const invalidate = useThree((s) => s.invalidate);
  const { positions, albedo, topology } = data;

  useEffect(() => {
    if (albedo) faceScene.setAlbedo(albedo);
    invalidate();
  }, [albedo, faceScene, invalidate]);

  useEffect(() => {
    if (!positions || !topology) return;
    faceScene.setPositions(positions);
    // Pose about this face's centre, as the batch renderer does.
    const centre = faceCentre(positions.subarray(0, topology.maskVertexCount * 3), positions);
    faceScene.setPose(headMatrix(state.pose, centre));
    const [tx, ty, tz] = effectiveTranslation(state.pose);
    const moved: Vec3 = [centre[0] + tx, centre[1] + ty, centre[2] + tz];
    faceScene.setLight(lightPosition(state.light, moved), moved, state.lightLevels);
    invalidate();
  }, [positions, topology, state.pose, state.light, state.lightLevels, faceScene, invalidate]);

  return <primitive object={faceScene.scene} />;
}

/** The live 3D view: the full face model, the pipeline camera, orbit controls, on-demand frames. */
export function FaceView({ data, state }: { data: FaceData; state: FaceState }) {
  const wanted = useWorkbenchStore((s) => s.preferences.renderer);
  const setRenderer = useWorkbenchStore((s) => s.setRenderer);
  const centre = useMemo(() => faceCentre(loadCanonicalMesh().positions), []);
  const [cx, cy, cz] = centre;
  const { topology } = data;
  const faceScene = useMemo(() => (topology ? new FaceScene(topology, topology.textureSize) : null), [topology]);
  useEffect(
    () => () => {
      faceScene?.dispose();
    },
    [faceScene],
  );

  return (
    <Canvas
      key={wanted}
      aria-label="3D face view (drag to orbit, scroll to zoom)"
      role="img"
      frameloop="demand"
      dpr={1}
      camera={{ fov: CAMERA.fovDegrees, near: CAMERA.near, far: CAMERA.far, position: [cx, cy, cz + CAMERA.distance] }}
      gl={async (defaults) => {
        try {
          const created = await createRenderer(
            { canvas: defaults.canvas as HTMLCanvasElement, antialias: true },
            wanted,
          );
          setRenderer({ state: 'ready', backend: created.backend, note: created.note });
          return created.renderer;
        } catch (error) {
          setRenderer({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
          throw error;
        }
      }}
    >
      <color attach="background" args={[BACKGROUND]} />
      {faceScene && <FaceContent faceScene={faceScene} data={data} state={state} />}
      <OrbitControls target={centre} />
    </Canvas>
  );
}
