import { useEffect, useRef, useState } from 'react';
import type { RenderFacesInput } from '../../pipeline/generate/faceJobs';
import { faceJobs } from '../../app/workers/faceClient';
import { errorText } from './useFaceData';

export interface BatchRender {
  /** Per item, its image(s) ([centre] or [left, centre, right]), with their side; null before the first. */
  images: Uint8ClampedArray[][] | null;
  size: number;
  /** The images shown are of an older request: a newer one is waiting or rendering. */
  pending: boolean;
  /** Items of the running request rendered so far, of how many. */
  progress: { done: number; total: number } | null;
  error: string | null;
}

/**
 * Renders a batch of faces in the face worker whenever `key` changes (null: nothing to render),
 * one batch at a time: while one renders only the latest request waits, so the page never blocks
 * and a slider drag costs one batch per finished batch, not one per event.
 */
export function useBatchRender(key: string | null, request: () => RenderFacesInput): BatchRender {
  const [result, setResult] = useState<{ key: string; images: Uint8ClampedArray[][]; size: number } | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const waiting = useRef<(() => void) | null>(null);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  useEffect(() => {
    if (key === null) return;
    const input = request();
    const start = () => {
      running.current = true;
      setProgress({ done: 0, total: input.items.length });
      faceJobs
        .run('renderFaces', input, {
          onProgress: (p) => {
            if (live.current) setProgress({ done: p.done, total: p.total });
          },
        })
        .then(
          (r) => {
            if (!live.current) return;
            const first = r.images[0]?.[0];
            setResult({ key, images: r.images, size: first ? Math.sqrt(first.length / 4) : 0 });
            setError(null);
          },
          (e: unknown) => {
            if (live.current) setError(errorText(e));
          },
        )
        .finally(() => {
          running.current = false;
          if (live.current) setProgress(null);
          const next = waiting.current;
          waiting.current = null;
          next?.();
        });
    };
    if (running.current) waiting.current = start;
    else start();
    // `request` closes over what `key` stands for.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return {
    images: result?.images ?? null,
    size: result?.size ?? 0,
    pending: key !== null && result?.key !== key,
    progress,
    error,
  };
}
