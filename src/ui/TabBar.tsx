import { type KeyboardEvent, useRef } from 'react';
import { TABS, type TabId } from './routing';

interface Props {
  active: TabId;
  onSelect: (tab: TabId) => void;
}

/** WAI-ARIA tabs: one tab stop, arrow keys / Home / End move and activate. */
export function TabBar({ active, onSelect }: Props) {
  const refs = useRef(new Map<TabId, HTMLButtonElement>());

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    // From the focused tab, not `active`: a second key may come before the first one's render.
    const focused = TABS.findIndex((t) => refs.current.get(t.id) === event.target);
    const index = focused >= 0 ? focused : TABS.findIndex((t) => t.id === active);
    const last = TABS.length - 1;
    const target = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const tab = TABS[target];
    if (!tab) return;
    onSelect(tab.id);
    refs.current.get(tab.id)?.focus();
  }

  return (
    <div role="tablist" aria-label="Workbench sections" className="tabbar" onKeyDown={onKeyDown}>
      {TABS.map((tab, i) => (
        <button
          key={tab.id}
          ref={(el) => {
            if (el) refs.current.set(tab.id, el);
          }}
          role="tab"
          id={`tab-${tab.id}`}
          aria-selected={tab.id === active}
          aria-controls={`panel-${tab.id}`}
          aria-keyshortcuts={`Alt+${i + 1}`}
          tabIndex={tab.id === active ? 0 : -1}
          onClick={() => {
            onSelect(tab.id);
          }}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
