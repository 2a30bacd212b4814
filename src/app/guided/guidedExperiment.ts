/**
 * Runs the guided first experiment (pipeline/guided) with the app's ordinary jobs: after every
 * change to stored datasets, runs or analyses it reads the flow's records, asks what is next,
 * and does it — starts the generation, saves the split, starts training, starts the analysis.
 * Each step is then the job its tab shows (with its Pause), and a reload resumes it as any job;
 * the plan itself is kept in localStorage, so the flow continues after the reload too.
 */
import { create } from 'zustand';
import { GmfError } from '../../lib/errors';
import { uniqueName } from '../../lib/names';
import { putRecord } from '../../lib/storage';
import {
  type FirstExperimentPlan,
  type FirstExperimentSize,
  type GuidedAction,
  type GuidedRecords,
  nextGuidedAction,
  sizeIssues,
  withSeen,
} from '../../pipeline/guided/firstExperiment';
import type { DatasetRecord } from '../../pipeline/dataset/records';
import { workbenchDb } from '../db';
import { analysis, generation, training } from '../jobs';
import { JOB_KINDS, useJobsStore } from '../jobs/jobsStore';
import { listAnalyses, listDatasets, listRuns } from '../queries';
import { useWorkbenchStore } from '../workbenchStore';

/** localStorage where it exists (not in workers or Node). */
const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);
const KEY = 'gmf-workbench:guided-experiment';

export interface GuidedState {
  plan: FirstExperimentPlan | null;
  /** The flow's current step, as last worked out from the stored records. */
  action: GuidedAction | null;
  /** A step that could not start (e.g. another job of its kind runs), with what to do. */
  error: string | null;
  /** Counts the steps the flow itself began (a job started, the split saved, the results reached): each opens its tab. */
  begun: number;
}

export const useGuidedStore = create<GuidedState>()(() => ({ plan: loadPlan(), action: null, error: null, begun: 0 }));

function loadPlan(): FirstExperimentPlan | null {
  try {
    const raw: unknown = JSON.parse(storage()?.getItem(KEY) ?? 'null');
    const plan = raw as Partial<FirstExperimentPlan> | null;
    if (!plan || typeof plan.datasetName !== 'string' || typeof plan.runName !== 'string' || !plan.size) return null;
    return sizeIssues(plan.size).length === 0 ? (plan as FirstExperimentPlan) : null;
  } catch {
    return null;
  }
}

/** Stores the plan; `reset` (a new flow, or none) also clears what was worked out for the old one. */
function savePlan(plan: FirstExperimentPlan | null, reset = true): void {
  if (plan) storage()?.setItem(KEY, JSON.stringify(plan));
  else storage()?.removeItem(KEY);
  useGuidedStore.setState(reset ? { plan, action: null, error: null } : { plan });
}

async function flowRecords(plan: FirstExperimentPlan): Promise<GuidedRecords> {
  const [datasets, runs, analyses] = await Promise.all([listDatasets(), listRuns(), listAnalyses()]);
  const dataset = datasets.find((d) => d.name === plan.datasetName);
  const run = runs.find((r) => r.name === plan.runName && r.config.datasetId === dataset?.id);
  const found = run ? analyses.filter((a) => a.runId === run.id) : [];
  // The newest analysis of the run: a failed one may have been started again.
  const latest = found.sort((a, b) => b.createdAt - a.createdAt)[0];
  return { dataset, run, analysis: latest };
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The job the flow last started, until its start settles: never started twice meanwhile. */
let pendingStart: Promise<void> | null = null;

/** Starts a job unless the flow's last start is still pending; true when it started one. */
function startOnce(start: () => Promise<void>): boolean {
  if (pendingStart) return false;
  pendingStart = start()
    .catch((e: unknown) => {
      useGuidedStore.setState({ error: errorText(e) });
    })
    .finally(() => {
      pendingStart = null;
      void advanceGuided();
    });
  return true;
}

/**
 * Does `action`; jobs are started, not awaited (the next change to their records advances the
 * flow). True when it began a step (`previous`: the action before, so reaching the results counts once).
 */
async function perform(action: GuidedAction, previous: GuidedAction | null): Promise<boolean> {
  switch (action.type) {
    case 'generate':
      return startOnce(() => generation.start(action.spec));
    case 'split': {
      const updated: DatasetRecord = {
        ...action.dataset,
        split: { counts: action.counts, seed: action.dataset.spec.seed },
      };
      await putRecord(await workbenchDb(), 'datasets', updated);
      useJobsStore.getState().touch('generate');
      return true;
    }
    case 'train':
      return startOnce(() => training.start(action.config, useWorkbenchStore.getState().preferences.backend, 1));
    case 'analyse':
      return startOnce(() => analysis.start(action.run, action.datasetId, action.options));
    case 'done':
      return previous !== null && previous.type !== 'done';
    case 'wait':
    case 'held':
      return false;
  }
}

/**
 * The start step last tried. A start that settles without its record appearing (refused, e.g. by
 * a GPU limit) is not tried again by itself — that would retry in a loop — but waits for Retry.
 */
let attempted: 'generate' | 'train' | 'analyse' | null = null;

const STEP_NAMES = { generate: 'generation', train: 'training run', analyse: 'analysis' } as const;
const KIND_OF = { generate: 'generate', train: 'train', analyse: 'analyze' } as const;

let advancing: Promise<void> = Promise.resolve();
let again = false;

/** Works out the next step and does it; calls made meanwhile run once more after it. */
export function advanceGuided(): Promise<void> {
  if (again) return advancing;
  again = true;
  advancing = advancing.then(async () => {
    again = false;
    const { plan } = useGuidedStore.getState();
    if (!plan) return;
    try {
      const records = await flowRecords(plan);
      // Items seen once and missing since were deleted: the flow holds instead of making them again.
      const seenPlan = withSeen(plan, records);
      if (seenPlan !== plan) savePlan(seenPlan, false);
      const action = nextGuidedAction(seenPlan, records);
      // Another kind's job (e.g. a dataset someone else generates) holds the worker: say so, retry on the next change.
      const start =
        action.type === 'generate' || action.type === 'train' || action.type === 'analyse' ? action.type : null;
      if (!start) attempted = null; // the last start led somewhere
      const running = start && !pendingStart ? useJobsStore.getState().active[KIND_OF[start]] : null;
      const previous = useGuidedStore.getState().action;
      useGuidedStore.setState({ action });
      if (start && !running && !pendingStart && attempted === start) {
        const why = useJobsStore.getState().error[KIND_OF[start]];
        useGuidedStore.setState({
          error: `The ${STEP_NAMES[start]} did not start${why ? `: ${why}` : ''}. Change what the message asks in its tab, then Retry.`,
        });
        return;
      }
      if (running) {
        useGuidedStore.setState({
          error: `Waiting for “${running.name}” to finish before the next step (one job of a kind at a time).`,
        });
        return;
      }
      useGuidedStore.setState({ error: null });
      if (await perform(action, previous)) {
        if (start) attempted = start;
        useGuidedStore.setState((state) => ({ begun: state.begun + 1 }));
      }
    } catch (e) {
      useGuidedStore.setState({ error: errorText(e) });
    }
  });
  return advancing;
}

/** Tries the step that did not start once more. */
export function retryGuided(): Promise<void> {
  attempted = null;
  return advanceGuided();
}

/** Starts a new flow at `size`: its items get names no stored item has. */
export async function startGuided(size: FirstExperimentSize): Promise<void> {
  const issues = sizeIssues(size);
  if (issues.length > 0) throw new GmfError('GUIDED_SIZE', issues.map((i) => i.message).join(' '));
  const [datasets, runs] = await Promise.all([listDatasets(), listRuns()]);
  const datasetName = uniqueName(
    'first experiment',
    datasets.map((d) => d.name),
  );
  const runName = uniqueName(
    `${datasetName} run`,
    runs.map((r) => r.name),
  );
  attempted = null;
  savePlan({ size, datasetName, runName, startedAt: Date.now() });
  await advanceGuided();
}

/** Resumes the paused or failed job the flow is held on (from its tab's stored state). */
export async function resumeGuided(): Promise<void> {
  const { plan, action } = useGuidedStore.getState();
  if (!plan || action?.type !== 'held') return;
  const { dataset, run, analysis: latest } = await flowRecords(plan);
  const resume =
    action.stage === 'generate' && dataset
      ? generation.runner.resume(dataset.id)
      : action.stage === 'train' && run
        ? training.runner.resume(run.id)
        : action.stage === 'analyse' && latest
          ? analysis.runner.resume(latest.id)
          : null;
  await resume?.catch((e: unknown) => {
    useGuidedStore.setState({ error: errorText(e) });
  });
}

/** Leaves the flow: its items and jobs stay as they are (each can be continued from its tab). */
export function leaveGuided(): void {
  savePlan(null);
}

let following: (() => void) | null = null;

/** Advances the flow whenever stored records of any kind change (called once, at start-up). */
export function followGuided(): () => void {
  following?.();
  const unsubscribe = useJobsStore.subscribe((state, previous) => {
    // Records changed, or a job started or ended (not every progress report: those change neither).
    const jobChanged = JOB_KINDS.some((k) => state.active[k]?.id !== previous.active[k]?.id);
    if (state.version !== previous.version || jobChanged) void advanceGuided();
  });
  following = unsubscribe;
  void advanceGuided();
  return unsubscribe;
}
