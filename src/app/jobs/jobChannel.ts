/**
 * What the tabs of this browser tell each other about jobs, over one BroadcastChannel
 * ('gmf-jobs'): the tab that runs a job announces it and its progress (throttled), and says when
 * it ended; the others show it and send it Pause/Stop/delete requests. Messages from another tab
 * (maybe another version of the app) are checked before use and ignored when malformed.
 */
import type { JobProgress } from '../../lib/jobs/progress';
import { type ActiveJob, JOB_KINDS, type JobKind } from './jobsStore';

export const JOB_CHANNEL_NAME = 'gmf-jobs';

/** What a tab asks the tab that runs a job to do. 'delete': cancel it, it is about to be deleted. */
export type JobRequestAction = 'pause' | 'stop' | 'delete';

export type JobChannelMessage =
  /** The sender runs this job; its current state and progress. */
  | { type: 'active'; kind: JobKind; job: ActiveJob }
  /** The sender's job ended (complete, paused, stopped, failed). */
  | { type: 'ended'; kind: JobKind; id: string }
  /** A tab opened: whoever runs a job of `kind` announces it. */
  | { type: 'hello'; kind: JobKind }
  | { type: 'request'; kind: JobKind; id: string; action: JobRequestAction }
  /** Stored records of `kind` changed (a job started or ended, an item was deleted): re-read lists. */
  | { type: 'changed'; kind: JobKind };

/** One tab's end of the channel: what it posts reaches every other tab, never itself. */
export interface JobChannel {
  post: (message: JobChannelMessage) => void;
  subscribe: (listener: (message: JobChannelMessage) => void) => () => void;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isKind = (v: unknown): v is JobKind => JOB_KINDS.includes(v as JobKind);
const STATES: readonly ActiveJob['state'][] = ['starting', 'running', 'pausing', 'stopping'];

function isProgress(v: unknown): v is JobProgress | null {
  return v === null || (isObject(v) && typeof v.done === 'number' && typeof v.total === 'number');
}

function isActiveJob(v: unknown): v is ActiveJob {
  return (
    isObject(v) &&
    typeof v.id === 'string' &&
    typeof v.name === 'string' &&
    STATES.includes(v.state as ActiveJob['state']) &&
    isProgress(v.progress) &&
    typeof v.resumed === 'boolean' &&
    (v.stalled === null || typeof v.stalled === 'string')
  );
}

export function isJobChannelMessage(v: unknown): v is JobChannelMessage {
  if (!isObject(v) || !isKind(v.kind)) return false;
  switch (v.type) {
    case 'active':
      return isActiveJob(v.job);
    case 'ended':
      return typeof v.id === 'string';
    case 'hello':
    case 'changed':
      return true;
    case 'request':
      return typeof v.id === 'string' && (v.action === 'pause' || v.action === 'stop' || v.action === 'delete');
    default:
      return false;
  }
}

/** Fans one channel out to many listeners, checking each incoming message. */
function fanOut(open: (deliver: (data: unknown) => void) => (message: JobChannelMessage) => void): JobChannel {
  const listeners = new Set<(message: JobChannelMessage) => void>();
  const post = open((data) => {
    if (!isJobChannelMessage(data)) return;
    for (const listener of [...listeners]) listener(data);
  });
  return {
    post,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

let pageChannel: JobChannel | null = null;

/** This page's channel to its other tabs (one per page); a silent one where there is no BroadcastChannel. */
export function browserJobChannel(): JobChannel {
  if (pageChannel) return pageChannel;
  const available = typeof document !== 'undefined' && typeof BroadcastChannel === 'function';
  pageChannel = fanOut((deliver) => {
    if (!available) return () => undefined;
    const channel = new BroadcastChannel(JOB_CHANNEL_NAME);
    channel.onmessage = (event: MessageEvent) => {
      deliver(event.data);
    };
    return (message) => {
      channel.postMessage(message);
    };
  });
  return pageChannel;
}

/** An in-memory BroadcastChannel for tests: each `open()` is one tab; delivery is asynchronous, like the browser's. */
export function createLocalChannelHub(): { open: () => JobChannel & { close: () => void } } {
  const tabs = new Set<(data: unknown) => void>();
  return {
    open: () => {
      let deliverHere: ((data: unknown) => void) | null = null;
      const channel = fanOut((deliver) => {
        deliverHere = deliver;
        tabs.add(deliver);
        return (message) => {
          const copy = structuredClone(message);
          for (const tab of tabs)
            if (tab !== deliver)
              setTimeout(() => {
                if (tabs.has(tab)) tab(copy);
              }, 0);
        };
      });
      return {
        ...channel,
        close: () => {
          if (deliverHere) tabs.delete(deliverHere);
        },
      };
    },
  };
}

/** Calls `send` at most once per `intervalMs`, always ending with a call after the last `soon()`. */
export function throttled(send: () => void, intervalMs: number): { soon: () => void; cancel: () => void } {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    soon: () => {
      if (timer !== undefined) return;
      const wait = last + intervalMs - Date.now();
      const fire = () => {
        timer = undefined;
        last = Date.now();
        send();
      };
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    cancel: () => {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
