import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo, useRef, useState } from 'react';
import { faceCentre } from '../../model/gmf/face/faceModel';
import { CAMERA } from '../../model/render/camera';
import { createRenderer } from '../../model/render/createRenderer';
import { FaceScene } from '../../model/render/faceScene';
import { effectiveTranslation, headMatrix, lightPosition, type Vec3 } from '../../model/render/pose';
import type { FaceState } from '../../app/explore/faceState';
import { useWorkbenchStore } from '../../app/workbenchStore';
import { markFirstFaceDrawn } from '../../app/workers/startupGate';
import type { FaceData } from './useFaceData';
import { OrbitControls } from './OrbitControls';

const BACKGROUND = '#1d2126';

interface FaceContentProps {
  faceScene: FaceScene;
  data: FaceData;
  state: FaceState;
  onDrawn: () => void;
}

function FaceContent({ faceScene, data, state, onDrawn }: FaceContentProps) {
  const invalidate = useThree((s) => s.invalidate);
  const { positions, textures, model } = data;
  // What the scene holds, so the first frame with a whole face (shape and skin) can say so.
  const applied = useRef({ positions: false, textures: false });

  useEffect(() => {
    if (textures) {
      faceScene.setTextures(textures);
      applied.current.textures = true;
    }
    invalidate();
  }, [textures, faceScene, invalidate]);

  useEffect(() => {
    faceScene.setVisible('hair', state.hair === 'short');
    invalidate();
  }, [state.hair, faceScene, invalidate]);

  useEffect(() => {
    if (!positions || !model) return;
    faceScene.setPositions(positions);
    // Pose about this face's centre, as the batch renderer does.
    const centre = faceCentre(model.topology, positions);
    faceScene.setPose(headMatrix(state.pose, centre));
    const [tx, ty, tz] = effectiveTranslation(state.pose);
    const moved: Vec3 = [centre[0] + tx, centre[1] + ty, centre[2] + tz];
    faceScene.setLight(lightPosition(state.light, moved), moved, state.lightLevels);
    applied.current.positions = true;
    invalidate();
  }, [positions, model, state.pose, state.light, state.lightLevels, faceScene, invalidate]);

  // Once a frame with the whole face has been drawn: `data-face-drawn` on the canvas and the first
  // face's performance mark (deferred startup work waits for it; tools/firstLoad.ts times it).
  // useFrame runs before the frame renders, and the first render compiles the shaders (seconds
  // on a software GPU), so this waits for the next frame.
  const marked = useRef(false);
  useFrame(({ gl }) => {
    if (marked.current || !applied.current.positions || !applied.current.textures) return;
    marked.current = true;
    requestAnimationFrame(() => {
      gl.domElement.dataset.faceDrawn = '';
      markFirstFaceDrawn();
      onDrawn();
    });
  });

  return <primitive object={faceScene.scene} />;
}

/** The live 3D view: the full face model, the pipeline camera, orbit controls, on-demand frames. */
export function FaceView({ data, state }: { data: FaceData; state: FaceState }) {
  const wanted = useWorkbenchStore((s) => s.preferences.renderer);
  const setRenderer = useWorkbenchStore((s) => s.setRenderer);
  const { model } = data;
  // Which canvas (renderer and model) has drawn its face: a new one says "Drawing" again.
  const [drawnKey, setDrawnKey] = useState<string | null>(null);
  const [cx, cy, cz] = model?.neutralCentre ?? [0, 0, 0];
  const centre = useMemo<[number, number, number]>(() => [cx, cy, cz], [cx, cy, cz]);
  const faceScene = useMemo(() => (model ? new FaceScene(model.topology, model.info.id) : null), [model]);
  useEffect(
    () => () => {
      faceScene?.dispose();
    },
    [faceScene],
  );

  // The canvas waits for the model: its camera is placed on the model's centre when it is
  // created, and mounting it before would replace the element under anyone holding it.
  if (!model || !faceScene) {
    return (
      <p role="status" className="face-view-loading">
        {data.error ? 'The face model could not be loaded.' : 'Loading the face model…'}
      </p>
    );
  }

  const canvasKey = `${wanted}:${model.info.id}`;
  return (
    <>
      <Canvas
        key={canvasKey}
        aria-label="3D face view (drag to orbit, scroll to zoom)"
        role="img"
        frameloop="demand"
        dpr={1}
        camera={{
          fov: CAMERA.fovDegrees,
          near: CAMERA.near,
          far: CAMERA.far,
          position: [cx, cy, cz + CAMERA.distance],
        }}
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
        <FaceContent
          faceScene={faceScene}
          data={data}
          state={state}
          onDrawn={() => {
            setDrawnKey(canvasKey);
          }}
        />
        <OrbitControls target={centre} />
      </Canvas>
      {/* Between the model and the first frame (its shaders compile): say what is happening. */}
      {drawnKey !== canvasKey && (
        <p role="status" className="face-view-loading face-view-drawing">
          Drawing the face…
        </p>
      )}
    </>
  );
}
