/**
 * The Explore tab's two pinned faces (A and B) and the morph position between them. Kept for the
 * page's life, not in the URL: a pin holds full coefficient vectors, too long for a link.
 */
import { create } from 'zustand';
import type { PinnedFace } from './morph';

interface CompareStore {
  a: PinnedFace | null;
  b: PinnedFace | null;
  /** Morph position: 0 shows A, 1 shows B. */
  t: number;
  pin: (which: 'a' | 'b', face: PinnedFace) => void;
  setT: (t: number) => void;
}

export const useCompareStore = create<CompareStore>()((set) => ({
  a: null,
  b: null,
  t: 0.5,
  pin: (which, face) => {
    set(which === 'a' ? { a: face } : { b: face });
  },
  setT: (t) => {
    set({ t: Math.min(1, Math.max(0, t)) });
  },
}));
