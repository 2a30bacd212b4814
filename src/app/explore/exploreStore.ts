/**
 * The Explore face, mirrored in the URL (#/explore?f=...) so a face is shareable and survives
 * reload. replaceState keeps slider drags out of the history.
 */
import { create } from 'zustand';
import { DEFAULT_FACE_STATE, decodeFaceState, encodeFaceState, type FaceState } from './faceState';

const PARAM = 'f';

export function faceStateFromHash(hash: string): FaceState {
  const query = hash.split('?')[1] ?? '';
  const encoded = new URLSearchParams(query).get(PARAM);
  return encoded ? decodeFaceState(encoded) : DEFAULT_FACE_STATE;
}

function writeHash(state: FaceState): void {
  const [path] = window.location.hash.split('?');
  if (path !== '#/explore') return;
  window.history.replaceState(null, '', `${path}?${PARAM}=${encodeFaceState(state)}`);
}

interface ExploreStore {
  face: FaceState;
  setFace: (patch: Partial<FaceState> | ((face: FaceState) => FaceState)) => void;
}

export const useExploreStore = create<ExploreStore>()((set, get) => ({
  face: typeof window === 'undefined' ? DEFAULT_FACE_STATE : faceStateFromHash(window.location.hash),
  setFace: (patch) => {
    const face = typeof patch === 'function' ? patch(get().face) : { ...get().face, ...patch };
    set({ face });
    writeHash(face);
  },
}));

/** Shows `face` in the Explore tab (a new history entry, so Back returns to where it came from). */
export function openInExplore(face: FaceState): void {
  useExploreStore.setState({ face });
  window.location.hash = `#/explore?${PARAM}=${encodeFaceState(face)}`;
}
