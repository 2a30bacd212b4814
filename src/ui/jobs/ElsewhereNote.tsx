import type { ActiveJob } from '../../app/jobs/jobsStore';

/** Under a job's progress when another tab of this browser runs it: who owns it, and what the buttons do. */
export function ElsewhereNote({ job }: { job: ActiveJob }) {
  if (!job.elsewhere) return null;
  return (
    <p className="job-elsewhere">
      Running in another tab of this browser: its progress is shown here, and the buttons ask that tab to pause or stop.
      If that tab closes, this one continues the job.
    </p>
  );
}
