import { useEffect, useState } from 'react';
import { useJobsStore } from '../../app/jobs/jobsStore';
import { listRuns } from '../../app/queries';
import { runConfigKey } from '../../pipeline/results/runGroups';
import type { RunRecord } from '../../pipeline/train/runRecords';

/** What grouping by seed reads of the runs; a new epoch in a history does not change it. */
const signature = (runs: readonly RunRecord[]) =>
  runs.map((r) => `${r.id}\t${r.name}\t${r.config.seed}\t${r.imported ? 1 : 0}\t${runConfigKey(r.config)}`).join('\n');

export interface RunsState {
  /** The stored runs by id; null until read. */
  runs: ReadonlyMap<string, RunRecord> | null;
  error: string | null;
}

/**
 * The stored runs, for telling which analyses are seeds of one config. Re-read when runs or
 * analyses change; the map keeps its identity while what grouping reads stays the same, so the
 * curves do not redraw at every training epoch.
 */
export function useRunsById(): RunsState {
  const trainVersion = useJobsStore((s) => s.version.train);
  const analyzeVersion = useJobsStore((s) => s.version.analyze);
  const [state, setState] = useState<RunsState & { key: string | null }>({ runs: null, error: null, key: null });
  useEffect(() => {
    let live = true;
    listRuns().then(
      (list) => {
        if (!live) return;
        const key = signature(list);
        setState((prev) =>
          prev.key === key && prev.error === null
            ? prev
            : { key, runs: new Map(list.map((r) => [r.id, r])), error: null },
        );
      },
      (e: unknown) => {
        // Without runs every analysis is drawn on its own: nothing is averaged that should not be.
        if (live)
          setState((prev) => ({
            ...prev,
            runs: prev.runs ?? new Map(),
            error: e instanceof Error ? e.message : String(e),
          }));
      },
    );
    return () => {
      live = false;
    };
  }, [trainVersion, analyzeVersion]);
  return state;
}
