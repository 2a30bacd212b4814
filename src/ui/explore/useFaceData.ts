import { useEffect, useMemo, useRef, useState } from 'react';
import type { FaceIdentity, FaceTextures } from '../../model/gmf/face/faceModel';
import { expressionOf, type FaceState, identityOf } from '../../app/explore/faceState';
import type { FaceModelMessage } from '../../pipeline/generate/faceJobs';
import { faceJobs } from '../../app/workers/faceClient';
import { renderItemOf, renderRequestFor } from '../../app/explore/renderRequest';

export interface NetworkImages {
  images: Uint8ClampedArray[];
  size: number;
}

export interface FaceData {
  /** The face model drawing it (null while it loads). */
  model: FaceModelMessage | null;
  identity: FaceIdentity | null;
  positions: Float32Array | null;
  textures: FaceTextures | null;
  /** Network-view images, [centre] or [left, centre, right], with the size they were rendered at. */
  network: NetworkImages | null;
  error: string | null;
}

/**
 * Runs `job` whenever `key` changes, but never two at once: while one runs, only the latest
 * request waits, so a fast slider drag costs one job per frame, not one per event.
 */
export function useLatest<T>(
  key: string,
  enabled: boolean,
  job: () => Promise<T>,
  onResult: (value: T) => void,
  onError: (e: unknown) => void,
): void {
  const running = useRef(false);
  const pending = useRef<(() => void) | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const start = () => {
      running.current = true;
      job()
        .then(onResult, onError)
        .finally(() => {
          running.current = false;
          const next = pending.current;
          pending.current = null;
          next?.();
        });
    };
    if (running.current) pending.current = start;
    else start();
    // The job and callbacks close over the values `key` stands for.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, enabled]);
}

export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Geometry, albedo and network-view pixels of the Explore face, computed in the face worker. */
export function useFaceData(state: FaceState): FaceData {
  // Results are tagged with the model that made them: after a switch, the old ones are not shown.
  const [loaded, setLoaded] = useState<FaceModelMessage | null>(null);
  const [geometry, setGeometry] = useState<{ model: string; positions: Float32Array } | null>(null);
  const [painted, setPainted] = useState<{ model: string; textures: FaceTextures } | null>(null);
  const model = loaded?.info.id === state.model ? loaded : null;
  const positions = geometry?.model === state.model ? geometry.positions : null;
  const textures = painted?.model === state.model ? painted.textures : null;
  const [network, setNetwork] = useState<NetworkImages | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fail = (e: unknown) => {
    setError(errorText(e));
  };

  useEffect(() => {
    let live = true;
    faceJobs.run('init', { model: state.model }).then(
      (m) => {
        if (live) setLoaded(m);
      },
      (e: unknown) => {
        if (live) setError(errorText(e));
      },
    );
    return () => {
      live = false;
    };
  }, [state.model]);

  const identityKey = JSON.stringify([
    state.model,
    state.identity,
    state.draw,
    state.gender,
    state.ethn,
    state.age,
    state.shape,
    state.tex,
  ]);
  const identity = useMemo(
    () =>
      model?.info.id === state.model
        ? identityOf(state, model.sds.shapeSd.length, model.sds.textureSd[0]?.length ?? 0)
        : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [identityKey, model],
  );
  const expression = expressionOf(state);
  const ready = identity !== null;

  useLatest(
    `${identityKey}|${JSON.stringify(expression)}`,
    ready,
    () => faceJobs.run('geometry', { model: state.model, identity: identity as FaceIdentity, expression }),
    (r) => {
      setGeometry({ model: state.model, positions: r.positions });
    },
    fail,
  );
  useLatest(
    identityKey,
    ready,
    () => faceJobs.run('textures', { model: state.model, identity: identity as FaceIdentity }),
    (r) => {
      setPainted({ model: state.model, textures: r });
    },
    fail,
  );
  const renderKey = JSON.stringify({
    identityKey,
    expression,
    pose: state.pose,
    light: state.light,
    levels: state.lightLevels,
    bg: state.background,
    i: state.backgroundIndex,
    b: state.binocular,
    r: state.resolution,
    s: state.renderScale,
    seed: state.backgroundSeed,
    d: state.cameraDistance,
    h: state.hair,
  });
  useLatest(
    renderKey,
    ready,
    () => faceJobs.run('renderFaces', renderRequestFor(state, [renderItemOf(state, identity as FaceIdentity)])),
    (r) => {
      const images = r.images[0];
      if (images?.[0]) setNetwork({ images, size: Math.sqrt(images[0].length / 4) });
    },
    fail,
  );

  return { model, identity, positions, textures, network, error };
}
