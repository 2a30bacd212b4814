import { afterEach, describe, expect, it, vi } from 'vitest';
import { sleep, until } from '../../../test/support/until';
import {
  browserNotify,
  type EndedJob,
  jobEndNotice,
  type JobEndNotice,
  jobOutcome,
  NOTIFY_AFTER_MS,
  notificationPermission,
  watchJobEnds,
} from './jobNotifications';
import { type ActiveJob, createJobsStore } from './jobsStore';

const job = (id: string, extra: Partial<ActiveJob> = {}): ActiveJob => ({
  id,
  name: `job ${id}`,
  state: 'running',
  progress: null,
  resumed: false,
  stalled: null,
  ...extra,
});

describe('jobOutcome', () => {
  it('announces completions and failures, not pauses, stops or deletions', () => {
    expect(jobOutcome('complete', null)).toBe('complete');
    expect(jobOutcome('failed', 'NaN loss')).toBe('failed');
    // A generation that fails keeps its running status; the runner's error says it failed.
    expect(jobOutcome('generating', 'GPU lost')).toBe('failed');
    expect(jobOutcome('paused', null)).toBeNull();
    expect(jobOutcome('stopped', null)).toBeNull();
    expect(jobOutcome(null, "'x' was deleted while it ran")).toBeNull();
  });
});

describe('jobEndNotice', () => {
  const ended = (durationMs: number): EndedJob => ({ kind: 'train', id: 'r1', name: 'resnet', durationMs });
  it('says nothing of a job shorter than a minute', () => {
    expect(jobEndNotice(ended(NOTIFY_AFTER_MS - 1), 'complete', null)).toBeNull();
    expect(jobEndNotice(ended(NOTIFY_AFTER_MS), null, null)).toBeNull();
  });

  it('names the job, how it ended and after how long', () => {
    expect(jobEndNotice(ended(185_000), 'complete', null)).toEqual({
      title: 'Training complete: resnet',
      body: 'Finished after 3 min 05 s.',
      tag: 'gmf-job-r1',
    });
    expect(jobEndNotice(ended(90_000), 'failed', 'NaN loss')?.body).toBe('Stopped after 1 min 30 s: NaN loss');
  });
});

describe('watchJobEnds', () => {
  function setUp(status: string | null) {
    const store = createJobsStore();
    let time = 0;
    const notices: JobEndNotice[] = [];
    const stop = watchJobEnds({
      store,
      statusOf: () => Promise.resolve(status),
      notify: (n) => notices.push(n),
      now: () => time,
    });
    return {
      store,
      notices,
      stop,
      advance: (ms: number) => {
        time += ms;
      },
    };
  }

  it('notifies once when a long job this tab ran completes', async () => {
    const t = setUp('complete');
    t.store.getState().setActive('generate', job('d1', { state: 'starting' }));
    t.advance(30_000);
    t.store.getState().patchActive('generate', { state: 'running' });
    t.advance(40_000);
    t.store.getState().setActive('generate', null);
    await until(() => t.notices.length > 0);
    expect(t.notices).toEqual([
      { title: 'Dataset generated: job d1', body: 'Finished after 1 min 10 s.', tag: 'gmf-job-d1' },
    ]);
    t.store.getState().touch('generate');
    expect(t.notices).toHaveLength(1);
    t.stop();
  });

  it('announces a failure with the error the runner recorded', async () => {
    const t = setUp('failed');
    t.store.getState().setActive('analyze', job('a1'));
    t.advance(NOTIFY_AFTER_MS);
    t.store.getState().setError('analyze', 'out of memory');
    t.store.getState().setActive('analyze', null);
    await until(() => t.notices.length > 0);
    expect(t.notices[0]?.title).toBe('Analysis failed: job a1');
    expect(t.notices[0]?.body).toContain('out of memory');
  });

  it("stays silent for short jobs, paused ones and another tab's jobs", async () => {
    const short = setUp('complete');
    short.store.getState().setActive('train', job('r1'));
    short.advance(NOTIFY_AFTER_MS - 1);
    short.store.getState().setActive('train', null);

    const paused = setUp('paused');
    paused.store.getState().setActive('train', job('r2'));
    paused.advance(NOTIFY_AFTER_MS * 2);
    paused.store.getState().setActive('train', null);

    const elsewhere = setUp('complete');
    elsewhere.store.getState().setActive('train', job('r3', { elsewhere: true }));
    elsewhere.advance(NOTIFY_AFTER_MS * 2);
    elsewhere.store.getState().setActive('train', null);

    await sleep(10);
    expect([...short.notices, ...paused.notices, ...elsewhere.notices]).toEqual([]);
  });

  it('times a job taken over from a closed tab from the take-over', async () => {
    const t = setUp('complete');
    t.store.getState().setActive('train', job('r1', { elsewhere: true }));
    t.advance(NOTIFY_AFTER_MS * 5);
    t.store.getState().setActive('train', job('r1', { resumed: true }));
    t.advance(NOTIFY_AFTER_MS);
    t.store.getState().setActive('train', null);
    await until(() => t.notices.length > 0);
    expect(t.notices[0]?.body).toBe('Finished after 1 min 00 s.');
  });
});

describe('the browser side', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('is a no-op where the Notification API is missing', () => {
    vi.stubGlobal('Notification', undefined);
    expect(notificationPermission()).toBe('unsupported');
    expect(() => {
      browserNotify({ title: 't', body: 'b', tag: 'x' });
    }).not.toThrow();
  });

  it('shows a notification only once the user allowed them', () => {
    const shown: string[] = [];
    const fake = Object.assign(
      function FakeNotification(title: string) {
        shown.push(title);
      },
      { permission: 'denied' },
    );
    vi.stubGlobal('Notification', fake);
    browserNotify({ title: 'denied', body: '', tag: 'x' });
    fake.permission = 'granted';
    browserNotify({ title: 'granted', body: '', tag: 'x' });
    expect(shown).toEqual(['granted']);
  });

  it('stays quiet while the user is looking at the page, and notifies once they are elsewhere', () => {
    const shown: string[] = [];
    vi.stubGlobal(
      'Notification',
      Object.assign(
        function FakeNotification(title: string) {
          shown.push(title);
        },
        { permission: 'granted' },
      ),
    );
    const page = { visibilityState: 'visible', focused: true, hasFocus: () => page.focused };
    vi.stubGlobal('document', page);
    browserNotify({ title: 'looking', body: '', tag: 'x' });
    page.focused = false;
    browserNotify({ title: 'another window', body: '', tag: 'x' });
    page.visibilityState = 'hidden';
    browserNotify({ title: 'another tab', body: '', tag: 'x' });
    expect(shown).toEqual(['another window', 'another tab']);
  });
});
