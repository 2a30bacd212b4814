import { useState } from 'react';
import type { FaceState } from '../../app/explore/faceState';
import type { FaceIdentity } from '../../model/gmf/face/faceModel';
import type { FaceModelMessage } from '../../pipeline/generate/faceJobs';
import { CompareFaces } from './CompareFaces';
import { SweepStrip } from './SweepStrip';
import './SeeWhatChanges.css';

interface Props {
  face: FaceState;
  model: FaceModelMessage | null;
  identity: FaceIdentity | null;
  setFace: (face: FaceState) => void;
}

/**
 * "See what changes": a factor sweep and a two-face morph under the network view. Each panel
 * renders only while open, so a closed one costs the face worker nothing.
 */
export function SeeWhatChanges({ face, model, identity, setFace }: Props) {
  const [sweepOpen, setSweepOpen] = useState(false);
  const [compareOpen, setCompareOpen] = useState(false);
  return (
    <section className="see-what-changes" aria-label="See what changes">
      <details
        open={sweepOpen}
        onToggle={(e) => {
          setSweepOpen(e.currentTarget.open);
        }}
      >
        <summary>Sweep one factor</summary>
        {sweepOpen && <SweepStrip face={face} model={model} setFace={setFace} />}
      </details>
      <details
        open={compareOpen}
        onToggle={(e) => {
          setCompareOpen(e.currentTarget.open);
        }}
      >
        <summary>Compare two faces</summary>
        {compareOpen && <CompareFaces face={face} identity={identity} setFace={setFace} />}
      </details>
    </section>
  );
}
