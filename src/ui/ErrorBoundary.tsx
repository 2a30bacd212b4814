/**
 * One tab's error boundary: a tab that throws while rendering shows what went wrong and a button
 * to mount it again; the tab bar, the status bar and the other tabs keep working.
 */
import { Component, type ErrorInfo, Fragment, type ReactNode } from 'react';
import './ErrorBoundary.css';

interface Props {
  /** The tab's name, for the message and its label. */
  label: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
  /** Bumped by "Reload tab": a new key mounts the tab afresh. */
  generation: number;
}

export class TabErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, generation: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept for whoever debugs it; the user sees the message in the tab.
    console.warn(`The ${this.props.label} tab hit an error`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error, generation } = this.state;
    if (error)
      return (
        <section role="alert" aria-label={`${this.props.label} tab error`} className="tab-error">
          <p>This tab hit an error: {error.message || error.name}</p>
          <button
            type="button"
            onClick={() => {
              this.setState((s) => ({ error: null, generation: s.generation + 1 }));
            }}
          >
            Reload tab
          </button>
        </section>
      );
    return <Fragment key={generation}>{this.props.children}</Fragment>;
  }
}
