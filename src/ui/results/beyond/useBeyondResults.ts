import { useEffect, useState } from 'react';
import { workbenchDb } from '../../../app/db';
import { getRecord } from '../../../lib/storage';
import { type AnalysisRecord, analysisKeys } from '../../../pipeline/analyze/records';
import type { BeyondResult } from '../../../pipeline/beyond/records';
import { storedBeyondResults } from '../../../pipeline/analyze/storedResults';
import type { SplitFactorsRecord } from '../../../pipeline/decompose/factors';

export type BeyondResultsState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; results: BeyondResult[]; factors: SplitFactorsRecord | null };

/** The stored views of `analysis` and its testing factors; re-read when its list of done views changes. */
export function useBeyondResults(analysis: AnalysisRecord): BeyondResultsState {
  const key = `${analysis.id}|${analysis.beyond?.done.join(',') ?? ''}`;
  const [state, setState] = useState<{ key: string; value: BeyondResultsState } | null>(null);
  useEffect(() => {
    let live = true;
    const id = key.split('|')[0] ?? '';
    workbenchDb()
      .then(async (db) => {
        const results = await storedBeyondResults(db, id);
        const factors = (await getRecord(db, 'activations', analysisKeys.factors(id, 'testing'))) as
          SplitFactorsRecord | undefined;
        if (live) setState({ key, value: { status: 'ready', results, factors: factors ?? null } });
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
