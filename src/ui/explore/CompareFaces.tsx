import { GmfError } from '../../lib/errors';
import { useCompareStore } from '../../app/explore/compareStore';
import { encodeFaceState, type FaceState } from '../../app/explore/faceState';
import { morphFaces, morphProblem, type PinnedFace } from '../../app/explore/morph';
import { renderItemOf, renderRequestFor } from '../../app/explore/renderRequest';
import type { FaceIdentity } from '../../model/gmf/face/faceModel';
import { PixelCanvas } from './NetworkView';
import { Slider } from './Slider';
import { type BatchRender, useBatchRender } from './useBatchRender';

interface Props {
  face: FaceState;
  /** The current face's coefficient vectors (null while the model loads). */
  identity: FaceIdentity | null;
  setFace: (face: FaceState) => void;
}

/** One face rendered on its own network-view settings, keyed by what it is. */
function useFaceImage(face: PinnedFace | null, key: string | null): BatchRender {
  return useBatchRender(face ? key : null, () => {
    // Unreachable: a null face has a null key, which renders nothing.
    if (!face) throw new GmfError('compare', 'There is no face to render.');
    return renderRequestFor(face.state, [renderItemOf(face.state, face.identity)], { centreOnly: true });
  });
}

function FaceFigure({ name, render, caption }: { name: string; render: BatchRender; caption: string }) {
  const image = render.images?.[0]?.[0];
  return (
    <figure className={`compare-face${render.pending ? ' pending' : ''}`}>
      {image ? (
        <PixelCanvas image={image} size={render.size} label={name} />
      ) : (
        <span className="sweep-placeholder" aria-label={`${name}: rendering`} role="img" />
      )}
      <figcaption>{caption}</figcaption>
      {render.error && <p className="error">{render.error}</p>}
    </figure>
  );
}

const pinKey = (p: PinnedFace | null) => (p ? encodeFaceState(p.state) : null);

/**
 * Two pinned faces side by side with the face between them at a morph position t (morphFaces:
 * coefficients and continuous factors interpolated, categorical settings switching at t = 0.5).
 */
export function CompareFaces({ face, identity, setFace }: Props) {
  const a = useCompareStore((s) => s.a);
  const b = useCompareStore((s) => s.b);
  const t = useCompareStore((s) => s.t);
  const pin = useCompareStore((s) => s.pin);
  const setT = useCompareStore((s) => s.setT);
  const problem = a && b ? morphProblem(a, b) : null;
  const morphed = a && b && !problem ? morphFaces(a, b, t) : null;
  const renderA = useFaceImage(a, pinKey(a));
  const renderB = useFaceImage(b, pinKey(b));
  const renderMorph = useFaceImage(morphed, morphed ? `${pinKey(a)}|${pinKey(b)}|${t}` : null);
  const current = identity ? { state: face, identity } : null;

  return (
    <div className="compare">
      <div className="buttons">
        <button
          type="button"
          disabled={!current}
          onClick={() => {
            if (current) pin('a', current);
          }}
        >
          Pin current face as A
        </button>
        <button
          type="button"
          disabled={!current}
          onClick={() => {
            if (current) pin('b', current);
          }}
        >
          Pin current face as B
        </button>
        <button
          type="button"
          disabled={!a}
          onClick={() => {
            if (a) setFace(a.state);
          }}
        >
          Show A
        </button>
        <button
          type="button"
          disabled={!b}
          onClick={() => {
            if (b) setFace(b.state);
          }}
        >
          Show B
        </button>
      </div>
      {(!a || !b) && (
        <p className="note">
          Pin two faces (set the sliders, pin as A; change them, pin as B) to see them side by side with the faces in
          between.
        </p>
      )}
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {(a || b) && (
        <div className="compare-row">
          {a ? <FaceFigure name="Face A" render={renderA} caption="A" /> : <span className="compare-face" />}
          {morphed && <FaceFigure name="Morph A to B" render={renderMorph} caption={`t = ${t.toFixed(2)}`} />}
          {b ? <FaceFigure name="Face B" render={renderB} caption="B" /> : <span className="compare-face" />}
        </div>
      )}
      {a && b && !problem && (
        <>
          <Slider label="Morph A → B (t)" value={t} min={0} max={1} step={0.05} onChange={setT} />
          <p className="note">
            Between A (t = 0) and B (t = 1), every shape and texture coefficient and every continuous factor (age, pose,
            light, emotion intensity, action units, gaze) is (1 − t)·A + t·B. Gender, ethnicity, emotion, hair,
            background and the network-view settings cannot be blended: they are A’s below t = 0.5 and B’s from t = 0.5,
            so expect a jump there when they differ.
          </p>
        </>
      )}
    </div>
  );
}
