import { useEffect, useId, useRef } from 'react';
import { useGuidedStore } from '../../app/guided/guidedExperiment';
import { StartHere } from './StartHere';
import { useStartHere } from './startHereStore';

/** The header's "Start here" button and its dialog (also opened from empty states). */
export function StartHereDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const isOpen = useStartHere((s) => s.dialogOpen);
  const { open, close, markSeen } = useStartHere.getState();
  const running = useGuidedStore((s) => s.plan !== null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (isOpen && !el.open) el.showModal();
    if (!isOpen && el.open) el.close();
  }, [isOpen]);
  return (
    <>
      <button type="button" className="start-here-button" onClick={open} aria-haspopup="dialog">
        {running ? 'First experiment' : 'Start here'}
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="start-here-dialog" onClose={close}>
        <h2 id={titleId}>A first experiment</h2>
        {isOpen && <StartHere onStarted={markSeen} />}
        <form method="dialog">
          <button type="submit">Close</button>
        </form>
      </dialog>
    </>
  );
}

/** Explore's first-visit panel: the same flow, until dismissed or started. */
export function StartHerePanel() {
  const seen = useStartHere((s) => s.seen);
  const running = useGuidedStore((s) => s.plan !== null);
  const titleId = useId();
  if (seen && !running) return null;
  return (
    <section aria-labelledby={titleId} className="panel start-here-panel">
      <header>
        <h2 id={titleId}>Start here: a first experiment</h2>
        {!running && (
          <button type="button" onClick={useStartHere.getState().markSeen}>
            Dismiss
          </button>
        )}
      </header>
      <StartHere onStarted={useStartHere.getState().markSeen} />
    </section>
  );
}
