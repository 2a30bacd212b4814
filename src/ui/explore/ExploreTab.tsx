import { randomIdentityState } from '../../app/explore/faceState';
import { useExploreStore } from '../../app/explore/exploreStore';
import { EmptyState } from '../empty/EmptyState';
import { ExploreControls } from './ExploreControls';
import { downloadFaceJson, downloadFacePng } from './faceDownloads';
import { aboutFaceModel } from './faceModelAbout';
import { FaceView } from './FaceView';
import { NetworkView } from './NetworkView';
import { SeeWhatChanges } from './SeeWhatChanges';
import { useFaceData } from './useFaceData';

export default function ExploreTab() {
  const state = useExploreStore((s) => s.face);
  const setFace = useExploreStore((s) => s.setFace);
  const urlNotice = useExploreStore((s) => s.urlNotice);
  const dismissUrlNotice = useExploreStore((s) => s.dismissUrlNotice);
  const data = useFaceData(state);
  const { model, identity, network } = data;
  const about = aboutFaceModel(state.model);

  const onRandomIdentity = () => {
    if (!model) return;
    // Any number will do: the chosen identity is stored in the URL and reproducible from there.
    const next = Math.floor(Math.random() * 1_000_000);
    setFace((face) => randomIdentityState(face, next, model.sds.shapeSd.length, model.sds.textureSd[0]?.length ?? 0));
  };

  return (
    <>
      {urlNotice && (
        <p role="status" aria-label="Link notice" className="warning">
          {urlNotice}{' '}
          <button type="button" onClick={dismissUrlNotice}>
            Dismiss
          </button>
        </p>
      )}
      <section aria-label="Explore the face model" className="explore">
        <div className="explore-main">
          <div className="explore-view">
            <FaceView data={data} state={state} />
          </div>
          <div className="explore-network">
            <h2>Network view</h2>
            <NetworkView network={network} />
            <div className="buttons">
              <button
                type="button"
                disabled={!network}
                onClick={() => void (network && downloadFacePng(network.images, network.size))}
              >
                Download image (PNG)
              </button>
              <button
                type="button"
                disabled={!identity || !model}
                onClick={() => {
                  if (identity && model) downloadFaceJson(state, identity, model);
                }}
              >
                Download parameters (JSON)
              </button>
            </div>
            {data.error && (
              <p role="alert" className="error">
                {data.error}
              </p>
            )}
          </div>
          <SeeWhatChanges face={state} model={model} identity={identity} setFace={setFace} />
        </div>
        <aside className="explore-side">
          <EmptyState
            message="Next: generate a dataset of faces from this model (identities × variations of expression, pose and light), then train a network on it."
            actions={[{ label: 'Go to the Dataset tab', tab: 'dataset' }]}
          />
          <details className="explore-help">
            <summary>About this face model</summary>
            <p>
              <strong>{about.title}.</strong> {about.text}
            </p>
          </details>
          <ExploreControls state={state} setFace={setFace} onRandomIdentity={onRandomIdentity} />
        </aside>
      </section>
    </>
  );
}
