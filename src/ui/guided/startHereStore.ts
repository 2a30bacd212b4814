/** Whether the Start-here dialog is open, and whether Explore's first-visit panel was dismissed. */
import { create } from 'zustand';

/** localStorage where it exists (not in workers or Node). */
const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);
const SEEN_KEY = 'gmf-workbench:start-here-seen';

interface StartHereState {
  dialogOpen: boolean;
  /** Explore shows the panel until it is dismissed once (or a flow is started). */
  seen: boolean;
  open: () => void;
  close: () => void;
  markSeen: () => void;
}

export const useStartHere = create<StartHereState>()((set) => ({
  dialogOpen: false,
  seen: storage()?.getItem(SEEN_KEY) === '1',
  open: () => {
    set({ dialogOpen: true });
  },
  close: () => {
    set({ dialogOpen: false });
  },
  markSeen: () => {
    storage()?.setItem(SEEN_KEY, '1');
    set({ seen: true });
  },
}));
