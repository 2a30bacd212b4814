import type { ReactNode } from 'react';
import type { TabId } from '../routing';
import { useHashRoute } from '../useHashRoute';
import { focusFirstField } from './focusFirstField';
import { useStartHere } from '../guided/startHereStore';
import './EmptyState.css';

/** What an empty state's button does: open a tab, bring a form on this page into view, or anything else. */
export type EmptyStateAction =
  | { label: string; tab: TabId }
  /** A CSS selector of a form (or field) on the page: its first enabled field is scrolled to and focused. */
  | { label: string; focus: string }
  | { label: string; onClick: () => void };

/**
 * An empty list or panel: one sentence saying what to do next and the button(s) that do it
 * (the first is the main one, styled as the primary button of ui/design).
 */
export function EmptyState({
  message,
  actions,
  guided = true,
}: {
  message: ReactNode;
  actions: readonly EmptyStateAction[];
  /** Offer the guided first experiment too (the Start-here dialog), as every empty state does by default. */
  guided?: boolean;
}) {
  const [, navigate] = useHashRoute();
  const run = (action: EmptyStateAction) => {
    if ('tab' in action) navigate(action.tab);
    else if ('focus' in action) focusFirstField(action.focus);
    else action.onClick();
  };
  return (
    <div className="empty-state">
      <p className="empty-state-message">{message}</p>
      {(actions.length > 0 || guided) && (
        <div className="empty-state-actions">
          {actions.map((action, i) => (
            <button
              key={action.label}
              type="button"
              className={i === 0 ? 'primary' : undefined}
              onClick={() => {
                run(action);
              }}
            >
              {action.label}
            </button>
          ))}
          {guided && (
            <button type="button" onClick={useStartHere.getState().open}>
              Guided first experiment
            </button>
          )}
        </div>
      )}
    </div>
  );
}
