/**
 * Computes an analysis' views beyond decoding (issue 13) once it is decoded: each view's result
 * is stored as one record and the analysis record lists it as done, so a reload resumes with
 * the views still missing. A view that this analysis' data cannot support (yaw never changes
 * sign, too few images) is listed with the reason instead; any other error stops the job.
 */
import { GmfError, throwIfCancelled } from '../../lib/errors';
import { putRecords, type WorkbenchDb } from '../../lib/storage';
import type { AnalysisRecord } from './records';
import { geometryOf } from '../geometry/geometry';
import { psychophysicsOf } from '../psychophysics/psychophysics';
import { symmetryOf } from '../symmetry/mirrorSymmetry';
import { tuningOf } from '../tuning/tuning';
import {
  BEYOND_KINDS,
  type BeyondKind,
  type BeyondOptions,
  type BeyondRecord,
  type BeyondResult,
  type BeyondState,
  beyondKey,
  DEFAULT_BEYOND_OPTIONS,
  type TestingData,
} from '../beyond/records';
import { loadTestingData } from './testingData';

export interface BeyondProgress {
  (stage: string, done: number, total: number): void;
}

/** The options a new analysis' views use: the defaults, seeded by the analysis. */
export function beyondOptionsFor(record: Pick<AnalysisRecord, 'options'>): BeyondOptions {
  return { ...DEFAULT_BEYOND_OPTIONS, ...record.options.views, seed: record.options.seed };
}

function compute(
  kind: BeyondKind,
  data: TestingData,
  options: BeyondOptions,
  signal: AbortSignal,
  progress: (done: number, total: number) => void,
): BeyondResult {
  switch (kind) {
    case 'psychophysics':
      return psychophysicsOf(data, options);
    case 'tuning':
      return tuningOf(data, options.seed, progress, signal);
    case 'symmetry':
      return symmetryOf(data, options, signal);
    case 'geometry':
      return geometryOf(data, options, signal, progress);
  }
}

const isNotApplicable = (e: unknown): e is GmfError => e instanceof GmfError && e.code.endsWith('_NOT_APPLICABLE');

/**
 * Every view of `record` not yet done or found not applicable, each stored before the next;
 * `save` stores the record's new state. Returns the final state.
 */
export async function runBeyond(
  db: WorkbenchDb,
  record: AnalysisRecord,
  save: (beyond: BeyondState) => Promise<void>,
  signal: AbortSignal,
  progress: BeyondProgress,
): Promise<BeyondState> {
  let state: BeyondState = record.beyond ?? { options: beyondOptionsFor(record), done: [], notApplicable: [] };
  const todo = BEYOND_KINDS.filter((k) => !state.done.includes(k) && !state.notApplicable.some((n) => n.kind === k));
  if (todo.length === 0) return state;
  const data = await loadTestingData(db, record);
  for (const kind of todo) {
    throwIfCancelled(signal);
    progress(kind, 0, 1);
    try {
      const result = compute(kind, data, state.options, signal, (done, total) => {
        progress(kind, done, total);
      });
      const stored: BeyondRecord = { key: beyondKey(record.id, kind), owner: record.id, result };
      await putRecords(db, 'activations', [stored]);
      state = { ...state, done: [...state.done, kind] };
    } catch (e) {
      if (!isNotApplicable(e)) throw e;
      state = { ...state, notApplicable: [...state.notApplicable, { kind, reason: e.message }] };
    }
    await save(state);
  }
  return state;
}
