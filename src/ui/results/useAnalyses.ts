import { useEffect, useState } from 'react';
import type { FactorPrediction } from '../../pipeline/decode/decodeLayer';
import {
  type AnalysisRecord,
  analysisKeys,
  isAnalysisRecord,
  type LayerPredictionsRecord,
} from '../../pipeline/analyze/records';
import { getRecord } from '../../lib/storage';
import { useJobsStore } from '../../app/jobs/jobsStore';
import { useWorkbenchStore } from '../../app/workbenchStore';
import { workbenchDb } from '../../app/db';

/** What changes when an analysis gains results: unchanged records keep their identity, so charts do not redraw on every progress tick. */
const signature = (a: AnalysisRecord) =>
  `${a.status}|${a.stage}|${a.decodedLayers.length}|${a.perf.length}|${a.name}|${a.beyond?.done.length ?? 0}|${a.beyond?.notApplicable.length ?? 0}`;

async function readAnalyses(): Promise<AnalysisRecord[]> {
  const db = await workbenchDb();
  return (await db.getAll('results')).filter(isAnalysisRecord).sort((a, b) => b.createdAt - a.createdAt);
}

/** Stored analyses, newest first; re-read on mount, when the analysis store's version moves and after deletions. */
export function useAnalyses(): { analyses: AnalysisRecord[] | null; error: string | null } {
  const version = useJobsStore((s) => s.version.analyze);
  // A deletion in the Storage panel does not touch the analysis store but refreshes the usage summary.
  const usage = useWorkbenchStore((s) => s.storage?.usage);
  const [state, setState] = useState<{ analyses: AnalysisRecord[] | null; error: string | null }>({
    analyses: null,
    error: null,
  });
  useEffect(() => {
    let live = true;
    readAnalyses()
      .then((list) => {
        if (!live) return;
        setState((prev) => {
          const old = new Map((prev.analyses ?? []).map((a) => [a.id, a]));
          const next = list.map((a) => {
            const before = old.get(a.id);
            return before && signature(before) === signature(a) ? before : a;
          });
          const same = prev.analyses?.length === next.length && next.every((a, i) => a === prev.analyses?.[i]);
          return same && prev.error === null ? prev : { analyses: next, error: null };
        });
      })
      .catch((e: unknown) => {
        if (live)
          setState((prev) => ({ analyses: prev.analyses ?? [], error: e instanceof Error ? e.message : String(e) }));
      });
    return () => {
      live = false;
    };
  }, [version, usage]);
  return state;
}

function isLayerPredictions(value: unknown): value is LayerPredictionsRecord {
  const r = value as Partial<LayerPredictionsRecord> | undefined;
  return typeof r?.layer === 'string' && Array.isArray(r.predictions);
}

export type PredictionsState =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'error'; message: string }
  | { status: 'ready'; predictions: readonly FactorPrediction[] };

/** The stored predictions of one layer of one analysis (the testing split). */
export function useLayerPredictions(analysisId: string, layer: string): PredictionsState {
  const key = analysisKeys.predictions(analysisId, layer);
  const [state, setState] = useState<{ key: string; value: PredictionsState } | null>(null);
  useEffect(() => {
    let live = true;
    workbenchDb()
      .then((db) => getRecord(db, 'activations', key))
      .then((record) => {
        if (live)
          setState({
            key,
            value: isLayerPredictions(record)
              ? { status: 'ready', predictions: record.predictions }
              : { status: 'missing' },
          });
      })
      .catch((e: unknown) => {
        if (live) setState({ key, value: { status: 'error', message: e instanceof Error ? e.message : String(e) } });
      });
    return () => {
      live = false;
    };
  }, [key]);
  return state?.key === key ? state.value : { status: 'loading' };
}
