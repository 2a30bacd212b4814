/**
 * "Train N seeds": N runs of one config with seeds seed, seed + 1, … trained one after another.
 * Every run record is stored up front, so a reload loses none: the runs still to train wait as
 * paused runs (no epochs) carrying a mark that names the run they wait for. After any training
 * job ends, a waiting run whose predecessor completed starts; a reload resumes the interrupted
 * run first, then the queue goes on.
 *
 * What a researcher sees: Pause (or a failure) holds the queue: the next seed starts once the
 * paused run is resumed and completes. Stop ends it: the seeds still waiting are not started;
 * they stay listed as paused runs with a note, and Resume trains one from the start.
 */
import type { WorkbenchDb } from '../../lib/storage';
import { getRecord, putRecord, putRecords } from '../../lib/storage';
import { isTfjsBackendName } from '../../lib/tfjs/backendKinds';
import type { TrainConfig } from '../../pipeline/train/runConfig';
import type { RunRecord } from '../../pipeline/train/runRecords';
import { JobBusyError, type JobRunner } from './jobRunner';
import { useJobsStore } from './jobsStore';

/** The most runs one "Train N seeds" makes: each trains in turn, and each is a full run. */
export const MAX_SEEDS = 16;

/** Why `n` is not a number of seeds to train, or null when it is one. */
export function seedCountIssue(n: number): string | null {
  return Number.isSafeInteger(n) && n >= 1 && n <= MAX_SEEDS
    ? null
    : `Seeds must be a whole number from 1 to ${MAX_SEEDS}, got ${Number.isNaN(n) ? 'nothing' : n}.`;
}

/** The configs "Train N seeds" trains: seeds seed, seed + 1, …, each name ending in " seed k"; one seed: the config as it is. */
export function seedConfigs(config: TrainConfig, n: number): TrainConfig[] {
  if (n === 1) return [config];
  return Array.from({ length: n }, (_, i) => {
    const seed = config.seed + i;
    return { ...config, seed, name: `${config.name} seed ${seed}` };
  });
}

/** Carried by a stored run while it waits in a queue; removed when it starts or is given up. */
export interface SeedQueueMark {
  /** The run that must complete before this one starts. */
  after: string;
}

export type QueuedRunRecord = RunRecord & { seedQueue?: SeedQueueMark };

function markOf(record: RunRecord): SeedQueueMark | null {
  const mark = (record as QueuedRunRecord).seedQueue;
  return typeof mark?.after === 'string' ? mark : null;
}

/** Waiting in a queue: marked, paused and never trained (a run resumed by hand and paused again is on its own). */
export const isQueuedRun = (r: RunRecord): boolean =>
  markOf(r) !== null && r.status === 'paused' && r.history.length === 0;

function withoutMark(record: RunRecord): RunRecord {
  const copy: QueuedRunRecord = { ...record };
  delete copy.seedQueue;
  delete copy.note;
  return copy;
}

/** The records of a queue: the first starts now (status running), the others wait, each for the one before. */
export function queuedRuns(first: RunRecord, configs: readonly TrainConfig[]): QueuedRunRecord[] {
  const runs: QueuedRunRecord[] = [];
  configs.forEach((config, i) => {
    const previous = runs[i - 1];
    const run: QueuedRunRecord = {
      ...first,
      id: configs.length === 1 ? first.id : `${first.id}-s${i + 1}`,
      name: config.name,
      // Listed in seed order.
      createdAt: first.createdAt + i,
      config,
    };
    if (previous) {
      run.status = 'paused';
      run.history = [];
      run.seedQueue = { after: previous.id };
      run.note = `Queued (run ${i + 1} of ${configs.length}): trains once '${previous.name}' has finished.`;
    }
    runs.push(run);
  });
  return runs;
}

export interface SeedQueueDeps {
  db: () => Promise<WorkbenchDb>;
}

/**
 * Wraps a training runner so that queues go on: `startQueue` stores the runs and trains them in
 * turn; `resume` and `resumeInterrupted` continue any queue once their run ends.
 */
export function createSeedQueue(base: JobRunner<RunRecord>, deps: SeedQueueDeps) {
  let driving = false;

  /** Starts waiting runs whose predecessor completed, one at a time, until none can start. */
  async function continueQueues(): Promise<void> {
    if (driving) return;
    driving = true;
    try {
      for (;;) {
        const runs = await base.list();
        const byId = new Map(runs.map((r) => [r.id, r]));
        const waiting = runs.filter(isQueuedRun).sort((a, b) => a.createdAt - b.createdAt);
        const previousOf = (run: RunRecord) => byId.get(markOf(run)?.after ?? '');
        // A stopped (or deleted) run never completes: what waits for it, directly or not, is given up.
        const ended = waiting.find((run) => {
          const previous = previousOf(run);
          return !previous || previous.status === 'stopped';
        });
        if (ended) {
          await giveUp(ended, previousOf(ended), waiting);
          continue;
        }
        // Others wait behind a run still to train, training, paused or failed: it may yet complete.
        const next = waiting.find((run) => previousOf(run)?.status === 'complete');
        if (!next) return;
        const previous = previousOf(next);
        const start = withoutMark(next);
        // Every seed on the backend the first one used, so that they differ by the seed alone.
        if (!isTfjsBackendName(start.backend) && previous && isTfjsBackendName(previous.backend))
          start.backend = previous.backend;
        try {
          await base.start(start);
        } catch (error) {
          // Another run took the trainer in between: the queue goes on when that one ends.
          if (error instanceof JobBusyError) return;
          throw error;
        }
      }
    } finally {
      driving = false;
    }
  }

  /** Gives up `run` and every waiting run behind it: unmarked, with a note that says why. */
  async function giveUp(run: RunRecord, previous: RunRecord | undefined, waiting: readonly RunRecord[]) {
    const chain = [run];
    for (let grew = true; grew;) {
      grew = false;
      for (const w of waiting)
        if (!chain.includes(w) && chain.some((c) => c.id === markOf(w)?.after)) {
          chain.push(w);
          grew = true;
        }
    }
    const why = previous ? `'${previous.name}' was stopped early` : 'the run it waited for was deleted';
    const db = await deps.db();
    for (const r of chain) {
      const unstarted: RunRecord = {
        ...withoutMark(r),
        note: `Not started: ${why}, so the seed queue ended. Resume trains it from the start.`,
      };
      await putRecord(db, 'runs', unstarted);
    }
    useJobsStore.getState().touch('train');
  }

  async function unmark(id: string): Promise<void> {
    const db = await deps.db();
    const record = (await getRecord(db, 'runs', id)) as RunRecord | undefined;
    if (record && markOf(record)) await putRecord(db, 'runs', withoutMark(record));
  }

  const runner: JobRunner<RunRecord> = {
    ...base,
    async resume(id) {
      // Resumed by hand, a waiting run leaves its queue; the ones after it wait for it still.
      await unmark(id);
      await base.resume(id);
      await continueQueues();
    },
    async resumeInterrupted() {
      await base.resumeInterrupted();
      await continueQueues();
    },
  };

  return {
    runner,
    /** Stores every run of the queue, trains the first, then the others in turn. */
    async startQueue(runs: readonly QueuedRunRecord[]): Promise<void> {
      const active = useJobsStore.getState().active.train;
      if (active) throw new JobBusyError(`'${active.name}'`);
      const [first, ...rest] = runs;
      if (!first) return;
      // All or none: a reload right after finds the first run interrupted and the others waiting.
      if (rest.length > 0) {
        await putRecords(await deps.db(), 'runs', runs);
        useJobsStore.getState().touch('train');
      }
      await base.start(first);
      await continueQueues();
    },
  };
}
