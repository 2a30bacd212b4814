/**
 * The jobs panel's list: every job that is running (here or in another tab), paused, queued,
 * interrupted or failed, across the three kinds, with a line of progress and what can be done
 * with it. Pure: it reads the jobs store's active jobs and the stored records; `loadJobRecords`
 * reads those records.
 */
import type { JobProgress } from '../../lib/jobs/progress';
import { progressSummary } from '../../lib/jobs/progressText';
import type { WorkbenchDb } from '../../lib/storage';
import type { AnalysisRecord } from '../../pipeline/analyze/records';
import type { DatasetRecord } from '../../pipeline/dataset/records';
import { imagesPerRecord } from '../../pipeline/generate/estimate';
import type { RunRecord } from '../../pipeline/train/runRecords';
import type { ActiveJob, JobKind } from './jobsStore';
import { isQueuedRun } from './seedQueue';

export type JobEntryState =
  | ActiveJob['state']
  /** Paused by the user (or held by a seed queue's pause): Resume continues it. */
  | 'paused'
  /** A seed queue's run waiting for the one before it. */
  | 'queued'
  /** Its record says running, yet no tab runs it (a reload or a closed tab cut it short). */
  | 'interrupted'
  | 'failed';

export interface JobEntry {
  kind: JobKind;
  id: string;
  name: string;
  state: JobEntryState;
  /** Which tab of this browser runs it; null when none does. */
  where: 'this tab' | 'another tab' | null;
  /** The live progress of a running job. */
  progress: JobProgress | null;
  /** One line: progress, rate and time left while it runs; what is stored when it does not. */
  detail: string;
  /** Why it failed, or a note (a queued run's wait, a given-up seed). */
  note: string | null;
  /** What the panel offers: Pause (any running job), Stop (training: its weights so far become the model), Resume. */
  actions: { pause: boolean; stop: boolean; resume: boolean };
}

export interface StoredJobRecords {
  datasets: readonly DatasetRecord[];
  runs: readonly RunRecord[];
  analyses: readonly AnalysisRecord[];
  /** Parameter records stored per dataset id (each holds one image, three when binocular). */
  storedRecords?: Readonly<Record<string, number>>;
}

/** What an analysis does next, as its list says it. */
const NEXT_STAGE: Record<AnalysisRecord['stage'], string> = {
  compress: 'compressing',
  decompose: 'decomposing',
  decode: 'decoding',
  done: 'the views beyond decoding',
};

const KIND_ORDER: Record<JobKind, number> = { generate: 0, train: 1, analyze: 2 };
const STATE_ORDER: Record<JobEntryState, number> = {
  starting: 0,
  running: 0,
  pausing: 0,
  stopping: 0,
  interrupted: 1,
  failed: 2,
  paused: 3,
  queued: 4,
};

/** The number of jobs running now, in this tab or another (the status bar's "Jobs (N)"). */
export function runningJobCount(active: Readonly<Record<JobKind, ActiveJob | null>>): number {
  return Object.values(active).filter((job) => job !== null).length;
}

function activeEntry(kind: JobKind, job: ActiveJob): JobEntry {
  const p = job.progress;
  let detail = 'Starting…';
  if (p) detail = kind === 'analyze' && p.message ? `${p.message}: ${progressSummary(p)}` : progressSummary(p);
  const running = job.state === 'running' || job.state === 'starting';
  return {
    kind,
    id: job.id,
    name: job.name,
    state: job.state,
    where: job.elsewhere ? 'another tab' : 'this tab',
    progress: p,
    detail,
    note: job.stalled,
    actions: { pause: running, stop: running && kind === 'train', resume: false },
  };
}

/** A stored record's state: paused, queued, interrupted or failed; null when it is finished. */
function storedState(status: string, running: string, error: string | undefined, queued = false): JobEntryState | null {
  if (status === 'failed') return 'failed';
  // A generation that failed keeps its running status with the error recorded (no tab takes it over).
  if (status === running) return error === undefined ? 'interrupted' : 'failed';
  if (status === 'paused') return queued ? 'queued' : 'paused';
  return null;
}

function storedEntry(
  kind: JobKind,
  record: { id: string; name: string; error?: string; note?: string },
  state: JobEntryState,
  detail: string,
): JobEntry {
  return {
    kind,
    id: record.id,
    name: record.name,
    state,
    where: null,
    progress: null,
    detail,
    note: record.error ?? record.note ?? null,
    // A queued run starts by itself; resuming it by hand takes it out of its queue (the Train tab offers that).
    actions: { pause: false, stop: false, resume: state !== 'queued' },
  };
}

function datasetDetail(d: DatasetRecord, stored: number | undefined): string {
  const perRecord = imagesPerRecord(d.spec);
  const total = d.spec.identities * d.spec.variationsPerIdentity * perRecord;
  return stored === undefined ? `${total} images` : `${stored * perRecord} / ${total} images stored`;
}

/**
 * Every job worth a look, running ones first (generation, training, analysis), then interrupted,
 * failed, paused and queued ones, newest first within each.
 */
export function jobEntries(active: Readonly<Record<JobKind, ActiveJob | null>>, stored: StoredJobRecords): JobEntry[] {
  const entries: { entry: JobEntry; createdAt: number }[] = [];
  const activeIds = new Set<string>();
  for (const kind of Object.keys(KIND_ORDER) as JobKind[]) {
    const job = active[kind];
    if (!job) continue;
    activeIds.add(job.id);
    entries.push({ entry: activeEntry(kind, job), createdAt: Infinity });
  }
  const add = (record: { id: string; createdAt: number }, entry: JobEntry | null) => {
    if (entry && !activeIds.has(record.id)) entries.push({ entry, createdAt: record.createdAt });
  };
  for (const d of stored.datasets) {
    const state = storedState(d.status, 'generating', (d as DatasetRecord & { error?: string }).error);
    add(d, state && storedEntry('generate', d, state, datasetDetail(d, stored.storedRecords?.[d.id])));
  }
  for (const r of stored.runs) {
    const state = r.imported ? null : storedState(r.status, 'training', r.error, isQueuedRun(r));
    add(r, state && storedEntry('train', r, state, `${r.history.length} / ${r.config.epochs} epochs done`));
  }
  for (const a of stored.analyses) {
    const state = storedState(a.status, 'running', a.error);
    add(a, state && storedEntry('analyze', a, state, `next: ${NEXT_STAGE[a.stage]}`));
  }
  return entries
    .sort(
      (x, y) =>
        STATE_ORDER[x.entry.state] - STATE_ORDER[y.entry.state] ||
        (x.createdAt === Infinity ? KIND_ORDER[x.entry.kind] - KIND_ORDER[y.entry.kind] : y.createdAt - x.createdAt),
    )
    .map((e) => e.entry);
}

/** The records the panel lists, read from `db`, with the parameter records each unfinished dataset has stored. */
export async function loadJobRecords(
  db: WorkbenchDb,
  list: {
    datasets: () => Promise<DatasetRecord[]>;
    runs: () => Promise<RunRecord[]>;
    analyses: () => Promise<AnalysisRecord[]>;
  },
): Promise<StoredJobRecords> {
  const [datasets, runs, analyses] = await Promise.all([list.datasets(), list.runs(), list.analyses()]);
  const storedRecords: Record<string, number> = {};
  await Promise.all(
    datasets
      .filter((d) => d.status !== 'complete')
      .map(async (d) => {
        storedRecords[d.id] = await db.countFromIndex('images', 'byOwner', d.id);
      }),
  );
  return { datasets, runs, analyses, storedRecords };
}
