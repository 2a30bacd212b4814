import { useEffect, useId, useRef, useState } from 'react';
import {
  askNotificationPermission,
  NOTIFY_AFTER_MS,
  notificationPermission,
  startJobNotifications,
} from '../../app/jobs/jobNotifications';
import { runningJobCount } from '../../app/jobs/jobsOverview';
import { useJobsStore } from '../../app/jobs/jobsStore';
import { useHashRoute } from '../useHashRoute';
import { JobList } from './JobList';
import './JobsPanel.css';

const MINUTES = NOTIFY_AFTER_MS / 60_000;

/** Whether long jobs notify: asked for only from this button, never on load. */
function NotificationChoice() {
  const [permission, setPermission] = useState(notificationPermission);
  const long = `a job that ran ${MINUTES} minute${MINUTES === 1 ? '' : 's'} or more`;
  switch (permission) {
    case 'unsupported':
      return <p className="note">This browser cannot show notifications.</p>;
    case 'denied':
      return (
        <p className="note">Notifications are blocked for this site; allow them in the browser's site settings.</p>
      );
    case 'granted':
      return (
        <p className="note">
          Notifications are on: {long} says when it completes or fails, while you are in another tab or window.
        </p>
      );
    default:
      return (
        <p className="jobs-notify">
          <button
            type="button"
            onClick={() => {
              void askNotificationPermission().then(setPermission);
            }}
          >
            Notify me when a long job ends
          </button>{' '}
          <span className="note">
            A browser notification when {long} completes or fails while you are in another tab or window.
          </span>
        </p>
      );
  }
}

/**
 * The status bar's "Jobs (N)" button (N: jobs running now, in any tab) and the panel it opens:
 * every running, paused and interrupted job of the app with its progress and actions.
 */
export function JobsPanel() {
  const count = useJobsStore((s) => runningJobCount(s.active));
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const [, navigate] = useHashRoute();
  // One watcher per page: the status bar is always there.
  useEffect(() => startJobNotifications(), []);
  return (
    <>
      <button
        type="button"
        className="jobs-button"
        aria-haspopup="dialog"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        Jobs ({count})
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="jobs-panel"
        onClose={() => {
          setOpen(false);
        }}
      >
        <h2 id={titleId}>Jobs</h2>
        {/* Read only while open: closed, nothing in it is on the page. */}
        {open && (
          <>
            <JobList
              onGoTo={(tab) => {
                dialog.current?.close();
                navigate(tab);
              }}
            />
            <NotificationChoice />
          </>
        )}
        <form method="dialog">
          <button type="submit">Close</button>
        </form>
      </dialog>
    </>
  );
}
