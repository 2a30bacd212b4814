/**
 * A browser notification when a long job (a minute or more) this tab ran completes or fails, so
 * a researcher can leave the tab and be told. Only with the user's permission, asked for from the
 * jobs panel (never on load); nothing where the browser has no Notification API or it is denied.
 * Only the tab that ran the job notifies; a pause or stop (the user's own doing) is not announced.
 */
import { formatEta } from '../../lib/jobs/progress';
import { getRecord } from '../../lib/storage';
import { workbenchDb } from '../db';
import { type JobKind, type JobsStore, useJobsStore } from './jobsStore';

/** Jobs shorter than this end while the user still watches: no notification. */
export const NOTIFY_AFTER_MS = 60_000;

export type JobOutcome = 'complete' | 'failed';

export interface JobEndNotice {
  title: string;
  body: string;
  /** One notification per job: a later one for the same job replaces it. */
  tag: string;
}

/** A job that ended in this tab: what it was and how long this tab ran it. */
export interface EndedJob {
  kind: JobKind;
  id: string;
  name: string;
  durationMs: number;
}

const WHAT: Record<JobKind, { done: string; failed: string }> = {
  generate: { done: 'Dataset generated', failed: 'Dataset generation failed' },
  train: { done: 'Training complete', failed: 'Training failed' },
  analyze: { done: 'Analysis complete', failed: 'Analysis failed' },
};

/**
 * How an ended job came out, from its stored status and the error its runner recorded:
 * null when there is nothing to announce (deleted, paused or stopped by the user).
 */
export function jobOutcome(status: string | null, error: string | null): JobOutcome | null {
  if (status === null) return null;
  if (error !== null) return 'failed';
  return status === 'complete' ? 'complete' : null;
}

/** The notification for an ended job, or null when it was short or needs none. */
export function jobEndNotice(job: EndedJob, outcome: JobOutcome | null, error: string | null): JobEndNotice | null {
  if (outcome === null || job.durationMs < NOTIFY_AFTER_MS) return null;
  const after = `after ${formatEta(job.durationMs / 1000)}`;
  return {
    title: `${WHAT[job.kind][outcome === 'complete' ? 'done' : 'failed']}: ${job.name}`,
    body: outcome === 'complete' ? `Finished ${after}.` : `Stopped ${after}: ${error ?? 'unknown error'}`,
    tag: `gmf-job-${job.id}`,
  };
}

export interface JobEndWatchDeps {
  store: JobsStore;
  /** The stored status of job `id` now (null: no such record any more). */
  statusOf: (kind: JobKind, id: string) => Promise<string | null>;
  notify: (notice: JobEndNotice) => void;
  now?: () => number;
}

/**
 * Watches the jobs store: a job this tab runs (not one shown from another tab) that ends is
 * announced through `notify` when jobEndNotice says so. Returns the unsubscribe.
 */
export function watchJobEnds(deps: JobEndWatchDeps): () => void {
  const now = deps.now ?? (() => Date.now());
  const running = new Map<JobKind, { id: string; name: string; since: number }>();
  const check = (): void => {
    const state = deps.store.getState();
    for (const kind of Object.keys(state.active) as JobKind[]) {
      const job = state.active[kind];
      const tracked = running.get(kind);
      if (job && !job.elsewhere) {
        // Taken over from a closed tab: timed from then, as that is when this tab began running it.
        if (tracked?.id !== job.id) running.set(kind, { id: job.id, name: job.name, since: now() });
        continue;
      }
      if (!tracked) continue;
      running.delete(kind);
      // Another tab took it over (this one was closing) or it ended: only an end is announced.
      if (job) continue;
      const ended: EndedJob = { kind, id: tracked.id, name: tracked.name, durationMs: now() - tracked.since };
      const error = state.error[kind];
      void deps
        .statusOf(kind, tracked.id)
        .then((status) => {
          const notice = jobEndNotice(ended, jobOutcome(status, error), error);
          if (notice) deps.notify(notice);
        })
        .catch(() => undefined);
    }
  };
  check();
  return deps.store.subscribe(check);
}

export type NotificationPermissionState = 'unsupported' | NotificationPermission;

/** Whether this page may notify: 'unsupported' where the browser has no Notification API. */
export function notificationPermission(): NotificationPermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks the user (from a click) to allow notifications; resolves with the answer. */
export async function askNotificationPermission(): Promise<NotificationPermissionState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/** Whether the user is looking at this page now (it is shown and has the focus). */
function pageHasAttention(): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'visible' && document.hasFocus();
}

/**
 * Shows `notice` if allowed and the user is elsewhere (another tab or window): on the page itself
 * the Jobs panel already says it. A browser that refuses page notifications (Android Chrome) goes without.
 */
export function browserNotify(notice: JobEndNotice): void {
  if (notificationPermission() !== 'granted' || pageHasAttention()) return;
  try {
    new Notification(notice.title, { body: notice.body, tag: notice.tag });
  } catch {
    // Only service-worker notifications there: not worth a failure.
  }
}

const STORES = { generate: 'datasets', train: 'runs', analyze: 'results' } as const;

/** The page's watcher: notifies (when allowed) as this tab's long jobs end. Returns the stop. */
export function startJobNotifications(): () => void {
  return watchJobEnds({
    store: useJobsStore,
    statusOf: async (kind, id) => {
      const record = (await getRecord(await workbenchDb(), STORES[kind], id)) as { status?: unknown } | undefined;
      return typeof record?.status === 'string' ? record.status : null;
    },
    notify: browserNotify,
  });
}
