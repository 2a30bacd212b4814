/**
 * The Explore face, mirrored in the URL (#/explore?f=...) so a face is shareable and survives
 * reload. replaceState keeps slider drags out of the history. A link with fields that cannot be
 * used opens with those at their defaults, a notice saying which, and the URL rewritten to the
 * face shown, so a reload does not read them again.
 */
import { create } from 'zustand';
import { DEFAULT_FACE_STATE, decodeFaceStateChecked, encodeFaceState, type FaceState } from './faceState';

const PARAM = 'f';

/** The face a URL hash describes, and what of it was ignored. */
function faceStateFromHashChecked(hash: string): { face: FaceState; ignored: string[] } {
  const query = hash.split('?')[1] ?? '';
  const encoded = new URLSearchParams(query).get(PARAM);
  if (!encoded) return { face: DEFAULT_FACE_STATE, ignored: [] };
  const { state, ignored } = decodeFaceStateChecked(encoded);
  return { face: state, ignored };
}

/** The notice for a link's ignored fields, or null. */
function urlNoticeFor(ignored: readonly string[]): string | null {
  return ignored.length
    ? `This link's face settings could not all be used; the defaults are shown instead for: ${ignored.join('; ')}.`
    : null;
}

function writeHash(state: FaceState): void {
  const [path] = window.location.hash.split('?');
  if (path !== '#/explore') return;
  window.history.replaceState(null, '', `${path}?${PARAM}=${encodeFaceState(state)}`);
}

interface ExploreStore {
  face: FaceState;
  /** What the opening link's ignored fields were, for a notice; null once dismissed or when none. */
  urlNotice: string | null;
  setFace: (patch: Partial<FaceState> | ((face: FaceState) => FaceState)) => void;
  dismissUrlNotice: () => void;
}

function initialState(): Pick<ExploreStore, 'face' | 'urlNotice'> {
  if (typeof window === 'undefined') return { face: DEFAULT_FACE_STATE, urlNotice: null };
  const { face, ignored } = faceStateFromHashChecked(window.location.hash);
  // The bad fields leave the URL now: a reload opens the face shown, without the notice.
  if (ignored.length) writeHash(face);
  return { face, urlNotice: urlNoticeFor(ignored) };
}

export const useExploreStore = create<ExploreStore>()((set, get) => ({
  ...initialState(),
  setFace: (patch) => {
    const face = typeof patch === 'function' ? patch(get().face) : { ...get().face, ...patch };
    set({ face });
    writeHash(face);
  },
  dismissUrlNotice: () => {
    set({ urlNotice: null });
  },
}));

/** Shows `face` in the Explore tab (a new history entry, so Back returns to where it came from). */
export function openInExplore(face: FaceState): void {
  useExploreStore.setState({ face, urlNotice: null });
  window.location.hash = `#/explore?${PARAM}=${encodeFaceState(face)}`;
}
